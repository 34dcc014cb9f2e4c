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
           "table": "table ", "source": "Source: ", "comma": ", ",
           "copy": " (republished from {label}; not an independent source)",
           "also": "; also republished in {label} (not an independent source)"},
    "zh": {"edition": "中文版", "colon": "：", "sep": "；", "open": "“", "close": "”",
           "table": "表", "source": "资料来源：", "comma": "，",
           "copy": "（转载自{label}，非独立来源）",
           "also": "；另见{label}转载（非独立来源）"},
}
EDITION_TAGS = {"en": "en", "zh": "zh-Hans"}
NOTE_QUOTE = 40


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
    """One note per fact: each independent source with a short verbatim quote; a copy whose
    original is cited too is named, not quoted again."""
    w = WORDS[lang]
    cited = {e.document for e in fact.evidence}
    inlines: list[Inline] = []
    for evidence in fact.evidence:
        if evidence.copy_of in cited:
            continue
        if inlines:
            inlines.append(Text(w["sep"]))
        inlines.extend(_cite(extract, evidence, lang))
    for evidence in fact.evidence:
        if evidence.copy_of in cited:
            inlines.append(Text(w["also"].format(label=_source_label(extract, evidence, lang))))
    return Para((Text(fact.statement.get(lang)), notes.add(tuple(inlines))), role="fact")


def short(quote: str) -> str:
    """A verbatim quote cut to NOTE_QUOTE characters with an ellipsis: notes must fit the page
    foot (WeasyPrint never splits a note); the full passage is in the extract."""
    text = display(quote)
    return text if len(text) <= NOTE_QUOTE else text[:NOTE_QUOTE - 1].rstrip() + "…"


def _source_label(extract: Extract, evidence: Evidence, lang: str) -> str:
    """The document's label, with the article title for a compilation."""
    w = WORDS[lang]
    doc = extract.document(evidence.document)
    article = next((a for a in doc.articles if a.id == evidence.article), None)
    if article is None:
        return _label(doc, lang)
    title = article.title_en if lang == "en" else article.title
    return _label(doc, lang) + w["comma"] + w["open"] + title + w["close"]


def _cite(extract: Extract, evidence: Evidence, lang: str) -> list[Inline]:
    """Source label, the quote in its own script, and for a republication the original."""
    w = WORDS[lang]
    doc = extract.document(evidence.document)
    out: list[Inline] = [Text(_source_label(extract, evidence, lang) + w["colon"]),
                         Text(w["open"] + short(evidence.quote) + w["close"], lang=_foreign(doc, lang))]
    if evidence.copy_of:
        out.append(Text(w["copy"].format(label=_label(extract.document(evidence.copy_of), lang))))
    return out


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
