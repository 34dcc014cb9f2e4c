"""Assembly stage: Outline + Extract -> one Briefing per edition, footnotes numbered once here.

Everything a reader sees is decided here (wording, which language each run is in, note
numbers), so the HTML/PDF and DOCX writers only render and cannot disagree.
"""

from __future__ import annotations

import re

from pipeline.model import (
    Block,
    Briefing,
    Document,
    Evidence,
    Extract,
    Fact,
    FactsItem,
    Heading,
    Inline,
    Meta,
    Note,
    NoteRef,
    Outline,
    Para,
    ProseItem,
    Section,
    Table,
    TableBlock,
    TableItem,
    Text,
)
from pipeline.normalize import display

WORDS = {
    "en": {"edition": "English edition", "colon": ": ", "sep": "; ", "open": "“", "close": "”",
           "table": "table", "source": "Source: ", "comma": ", "},
    "zh": {"edition": "中文版", "colon": "：", "sep": "；", "open": "“", "close": "”",
           "table": "表", "source": "资料来源：", "comma": "，"},
}
EDITION_TAGS = {"en": "en", "zh": "zh-Hans"}
class _Notes:
    """Numbers notes in order of first call, once for the whole edition."""

    def __init__(self) -> None:
        self.notes: list[Note] = []

    def add(self, inlines: tuple[Inline, ...]) -> NoteRef:
        number = len(self.notes) + 1
        self.notes.append(Note(number, inlines))
        return NoteRef(number)


def assemble(outline: Outline, extract: Extract, lang: str) -> Briefing:
    notes = _Notes()
    blocks: list[Block] = []
    for index, section in enumerate(outline.sections, start=1):
        blocks.extend(_section(section, index, extract, lang, notes))
    meta = Meta(
        title=outline.title.get(lang),
        subtitle=outline.subtitle.get(lang),
        date=outline.date,
        author=outline.author.get(lang),
        distribution=outline.distribution.get(lang),
        edition=WORDS[lang]["edition"],
    )
    return Briefing(outline.name, lang, meta, tuple(blocks), tuple(notes.notes))


def _section(section: Section, index: int, extract: Extract, lang: str, notes: _Notes) -> list[Block]:
    out: list[Block] = [Heading(1, f"sec-{index}", section.heading.get(lang))]
    for item in section.items:
        if isinstance(item, ProseItem):
            out.extend(Para((Text(p),)) for p in re.split(r"\n\s*\n", item.text.get(lang)) if p.strip())
        elif isinstance(item, FactsItem):
            facts = {f.id: f for f in extract.facts}
            out.extend(_fact(facts[fid], extract, lang, notes) for fid in item.ids)
        elif isinstance(item, TableItem):
            out.append(_table(item, extract, lang, notes))
    return out


def _fact(fact: Fact, extract: Extract, lang: str, notes: _Notes) -> Para:
    w = WORDS[lang]
    inlines: list[Inline] = []
    for evidence in fact.evidence:
        if inlines:
            inlines.append(Text(w["sep"]))
        inlines.extend(_cite(extract.document(evidence.document), evidence, lang))
    return Para((Text(fact.statement.get(lang)), notes.add(tuple(inlines))), role="fact")


def _cite(doc: Document, evidence: Evidence, lang: str) -> list[Inline]:
    w = WORDS[lang]
    quote = w["open"] + display(evidence.quote) + w["close"]
    return [Text(_label(doc, lang) + w["colon"]), Text(quote, lang=_foreign(doc, lang))]


def _foreign(doc: Document, lang: str) -> str:
    """The document's language tag where it differs from the edition's, else empty."""
    return "" if doc.script == EDITION_TAGS[lang] else doc.script


def _label(doc: Document, lang: str) -> str:
    return doc.label.get(lang) or doc.title


def _table(item: TableItem, extract: Extract, lang: str, notes: _Notes) -> TableBlock:
    table: Table = next(t for t in extract.tables if t.id == item.id)
    doc = extract.document(table.document)
    w = WORDS[lang]
    other = _foreign(doc, lang)
    note = notes.add((
        Text(w["source"] + _label(doc, lang) + w["comma"] + w["table"]),
        Text(w["open"] + table.caption + w["close"], lang=other),
    ))
    tr = item.translation(lang) if other else {}
    return TableBlock(
        id=table.id,
        caption=(Text(item.caption.get(lang) or table.caption), note),
        header=tuple(tr.get(c.text, c.text) for c in table.header),
        rows=tuple(tuple(tr.get(c.text, c.text) for c in row) for row in table.rows),
    )
