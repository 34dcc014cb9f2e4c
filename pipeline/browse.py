"""`brief list` and `brief show`: print extract elements beside their source passage, so a
human can check what the readers made of a seed."""

from __future__ import annotations

from pipeline.consolidate import LABELS
from pipeline.errors import BriefError
from pipeline.model import (
    Conflict,
    Extract,
    Fact,
    Figure,
    Source,
    SourceBlock,
    SourceSection,
    Table,
)
from pipeline.normalize import display
from pipeline.yamlsrc import expected

KINDS = ("documents", "sections", "blocks", "tables", "figures", "facts", "conflicts")
CONTEXT = 40


def _elements(extract: Extract, kind: str) -> tuple:
    return getattr(extract, kind)


def list_lines(extract: Extract, kind: str, document: str = "") -> list[str]:
    if kind not in KINDS:
        raise BriefError(f"cannot list '{kind}'", hint=expected(kind, KINDS))
    known = [d.id for d in extract.documents]
    if document and document not in known:
        raise BriefError(f"unknown document '{document}'", hint=expected(document, known))
    rows = []
    for element in _elements(extract, kind):
        if document and getattr(element, "document", getattr(element, "id", "")) != document:
            continue
        rows.append(_summary(element))
    return rows


def _summary(x: object) -> str:
    if isinstance(x, SourceSection):
        return f"{x.id}  L{x.level}  {x.title}  [{x.span.start}:{x.span.end}]"
    if isinstance(x, SourceBlock):
        extra = f" L{x.level}" if x.level else ""
        why = f" ({x.reason})" if x.reason else ""
        return f"{x.id}  {x.kind}{extra}{why}  {x.text[:60]}"
    if isinstance(x, Table):
        return f"{x.id}  {len(x.header)} columns x {len(x.rows)} rows  {x.caption}"
    if isinstance(x, Figure):
        return f"{x.id}  {x.kind} {x.value:g} {x.unit} {x.period}  «{x.raw}»"
    if isinstance(x, Fact):
        return f"{x.id}  [{x.sources} source(s), credibility {x.credibility}: {LABELS[x.credibility]}]  {x.statement.en}"
    if isinstance(x, Conflict):
        return f"{x.id}  facts: {', '.join(x.facts)}  {x.explanation.en[:80]}"
    return f"{getattr(x, 'id', '')}  {getattr(x, 'title', '')}"


def show_lines(extract: Extract, sources: tuple[Source, ...], element_id: str) -> list[str]:
    everything = {e.id: e for kind in KINDS for e in _elements(extract, kind)}
    if element_id not in everything:
        raise BriefError(f"no element '{element_id}'", hint=expected(element_id, list(everything)))
    x = everything[element_id]
    texts = {s.document.id: s.text for s in sources}
    lines = [_summary(x)]
    if isinstance(x, Table):
        lines += ["  | " + " | ".join(c.text for c in x.header) + " |"]
        lines += ["  | " + " | ".join(c.text for c in row) + " |" for row in x.rows]
    span = getattr(x, "span", None)
    doc = getattr(x, "document", None)
    if span is not None and doc in texts:
        text = texts[doc]
        line_no = text.count("\n", 0, span.start) + 1
        before = display(text[max(0, span.start - CONTEXT):span.start])
        after = display(text[span.end:span.end + CONTEXT])
        lines.append(f"source {doc}, line {line_no}, chars {span.start}-{span.end}:")
        lines.append(f"  …{before}«{display(text[span.start:span.end])}»{after}…")
    for ev in (*getattr(x, "evidence", ()), *getattr(x, "quotes", ())):
        lines.append(f"evidence {ev.document} [{ev.span.start}:{ev.span.end}]: …{ev.prefix}«{ev.quote}»{ev.suffix}…")
    return lines
