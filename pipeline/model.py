"""The typed document model every stage exchanges: frozen dataclasses, tuples, no mutation.

Extract side: Document (catalog entry), Source (its text), Table, Fact, Evidence.
Briefing side: Briefing holds Blocks (Heading, Para, TableBlock) made of Inlines
(Text, NoteRef, Link) and the Notes numbered once at assembly, so writers cannot disagree.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Span:
    """Code-point offsets into a seed file: seed_text[start:end] is the original text."""

    start: int
    end: int


@dataclass(frozen=True)
class I18n:
    """A text in each edition language; empty means not given."""

    en: str = ""
    zh: str = ""

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Article:
    """One article of a compilation, with its title and attribution as printed."""

    id: str
    title: str
    title_en: str
    attribution: str
    copy_of: str = ""
    grade: str = ""  # Admiralty source reliability, A (completely reliable) to F (cannot be judged)
    grade_reason: str = ""


@dataclass(frozen=True)
class Document:
    """A catalog entry: only what the seed text itself states; empty fields are unknown."""

    id: str
    file: str
    title: str
    title_en: str
    label: I18n
    authors: tuple[str, ...]
    publisher: str
    date: str
    date_stated: str
    url: str
    language: str
    script: str
    kind: str
    articles: tuple[Article, ...] = ()
    notes: str = ""
    headings: tuple[str, ...] = ()  # run-in headings as printed, where no generic cue ends them
    grade: str = ""  # Admiralty source reliability A-F; for a compilation, see its articles
    grade_reason: str = ""


@dataclass(frozen=True)
class Source:
    """A seed's text exactly as stored (no newline translation), with its catalog entry."""

    document: Document
    text: str


@dataclass(frozen=True)
class Cell:
    text: str
    span: Span


@dataclass(frozen=True)
class Table:
    """A table rebuilt from a seed; every cell keeps its span."""

    id: str
    document: str
    caption: str
    span: Span
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote anchored W3C-style: exact text, prefix, suffix and position."""

    document: str
    quote: str
    span: Span
    prefix: str
    suffix: str
    article: str = ""  # the compilation article the quote stands in
    copy_of: str = ""  # the document this passage republishes: a copy is not corroboration


@dataclass(frozen=True)
class Fact:
    id: str
    statement: I18n
    evidence: tuple[Evidence, ...]
    tags: tuple[str, ...] = ()
    value: float | None = None
    unit: str = ""
    period: str = ""
    sources: int = 0  # independent sources (copies counted once, with their original)
    credibility: int = 0  # Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged)


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree, or a source that cannot be right, and what to rely on."""

    id: str
    facts: tuple[str, ...]
    doubtful: tuple[str, ...]
    quotes: tuple[Evidence, ...]
    explanation: I18n


@dataclass(frozen=True)
class Extract:
    """Everything read from seeds/: what outlines select from and footnotes point into."""

    documents: tuple[Document, ...]
    tables: tuple[Table, ...]
    facts: tuple[Fact, ...]
    blocks: tuple[SourceBlock, ...] = ()
    sections: tuple[SourceSection, ...] = ()
    figures: tuple[Figure, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.id == doc_id)


# --- briefing side ---------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Running text; `lang` is set only where it differs from the edition (a quoted original);
    `style` is "", "em" or "strong"."""

    text: str
    lang: str = ""
    style: str = ""


@dataclass(frozen=True)
class NoteRef:
    number: int


@dataclass(frozen=True)
class Link:
    text: str
    url: str


Inline = Text | NoteRef | Link


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


PARA_ROLES = ("body", "fact", "bullet", "quote", "attribution", "source-note", "source")


@dataclass(frozen=True)
class Para:
    """A paragraph; its role (one of PARA_ROLES) maps to one style in each writer."""

    inlines: tuple[Inline, ...]
    role: str = "body"


Runs = tuple[Inline, ...]  # the content of one table cell


@dataclass(frozen=True)
class TableBlock:
    id: str
    caption: Runs
    header: tuple[str, ...]
    rows: tuple[tuple[Runs, ...], ...]
    role: str = "data"  # "data" (from a seed) or "key-figures" (built from facts)


@dataclass(frozen=True)
class ChartPoint:
    label: str
    x: float  # bar charts: the bar's value; scatter charts: the x value
    y: float = 0.0


@dataclass(frozen=True)
class ChartBlock:
    """A chart's data and words, decided at assembly; writers only draw it (charts.py)."""

    id: str
    kind: str  # "bar" or "scatter"
    caption: Runs
    points: tuple[ChartPoint, ...]
    x_label: str
    y_label: str
    alt: str
    quadrants: tuple[float, float] | None = None  # scatter: dividing lines at x, y
    quadrant_labels: tuple[str, ...] = ()  # upper right, upper left, lower left, lower right


Block = Heading | Para | TableBlock | ChartBlock


@dataclass(frozen=True)
class Note:
    number: int
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class Meta:
    title: str
    subtitle: str
    date: str
    author: str
    distribution: str
    edition: str  # printed edition name, e.g. "English edition"
    keywords: tuple[str, ...] = ()
    build: str = ""  # identifier of the inputs this edition was built from
    contents: str = ""  # heading of the contents page; empty: no contents page
    page: str = ""  # "page X of Y" wording, with {page} and {pages}


@dataclass(frozen=True)
class Briefing:
    """One edition of one outline: everything a writer needs, nothing it must decide."""

    outline: str
    lang: str
    meta: Meta
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]


def to_jsonable(obj: Any) -> Any:
    """Dataclasses to plain JSON values, each tagged with its type: the debugging view."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {"type": type(obj).__name__}
        for f in dataclasses.fields(obj):
            out[f.name] = to_jsonable(getattr(obj, f.name))
        return out
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def dump_json(obj: Any) -> str:
    return json.dumps(to_jsonable(obj), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


# --- outline side: what an editor chose, validated, before assembly --------------------


@dataclass(frozen=True)
class ProseItem:
    text: I18n


@dataclass(frozen=True)
class FactsItem:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class TableItem:
    """A table from the extract; columns and rows are 0-based indexes chosen by the editor."""

    id: str
    caption: I18n
    translations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (lang, ((orig, text),))
    columns: tuple[int, ...] = ()
    rows: tuple[int, ...] = ()
    headers: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (lang, renamed headers)

    def translation(self, lang: str) -> dict[str, str]:
        return dict(next((pairs for code, pairs in self.translations if code == lang), ()))

    def header_names(self, lang: str) -> tuple[str, ...]:
        return next((names for code, names in self.headers if code == lang), ())


@dataclass(frozen=True)
class KeyFigure:
    fact: str
    label: I18n
    value: I18n  # the value as printed; empty means formatted from the fact


@dataclass(frozen=True)
class KeyFiguresItem:
    caption: I18n
    rows: tuple[KeyFigure, ...]


@dataclass(frozen=True)
class QuoteItem:
    """A verbatim passage of a seed, anchored like evidence, with translations."""

    evidence: Evidence
    translation: I18n


@dataclass(frozen=True)
class SourceNotesItem:
    conflicts: tuple[str, ...]


@dataclass(frozen=True)
class ChartValue:
    """One bar: a label and a value taken from a fact or from a figure anchored in a seed."""

    label: I18n
    value: float
    fact: str = ""
    figure: str = ""


@dataclass(frozen=True)
class ChartItem:
    kind: str
    caption: I18n
    x_label: I18n
    y_label: I18n
    values: tuple[ChartValue, ...] = ()  # bar charts from facts or figures
    table: str = ""  # scatter (or bar) charts from a table's columns, 0-based
    x: int = 0
    y: int = 0
    label: int = 0
    translations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    quadrants: tuple[float, float] | None = None
    quadrant_labels: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note: I18n = I18n()  # the editor's note on how the chart was drawn, printed in the caption
    scale: float = 1.0  # values are divided by this (1e9 for "billion"); the axis label says so


Item = ProseItem | FactsItem | TableItem | KeyFiguresItem | QuoteItem | SourceNotesItem | ChartItem


@dataclass(frozen=True)
class Section:
    heading: I18n
    items: tuple[Item, ...]
    id: str = ""
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Outline:
    name: str
    title: I18n
    subtitle: I18n
    date: str
    author: I18n
    distribution: I18n
    editions: tuple[str, ...]
    sections: tuple[Section, ...]
    appendix: bool = True  # a sources appendix for every document cited
    keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (lang, keywords)
    contents: bool = True  # a contents page after the cover


# --- structured extract: blocks, sections, figures ----------------------------------------


@dataclass(frozen=True)
class SourceBlock:
    """One element of a seed as read: `seed[span]` is its original text, `text` the reading form.

    Kinds: title, byline, heading, paragraph, list-item, table, caption, footnote, and the
    dropped kinds boilerplate and page-number (with `reason`), kept so a reviewer sees them.
    """

    id: str
    document: str
    kind: str
    text: str
    span: Span
    level: int = 0
    article: str = ""
    reason: str = ""
    continues: str = ""  # id of the paragraph this one continues across a page break

    @property
    def dropped(self) -> bool:
        return self.kind in ("boilerplate", "page-number")


@dataclass(frozen=True)
class SourceSection:
    id: str
    document: str
    level: int
    title: str
    span: Span
    heading: str  # id of the heading block
    article: str = ""


@dataclass(frozen=True)
class Figure:
    """A quantitative mention, its value normalised (3000亿美元 -> 3.0e11 USD)."""

    id: str
    document: str
    value: float
    unit: str
    kind: str  # money, percent, multiple, count, year, date
    raw: str
    period: str
    text: str  # the sentence it stands in
    span: Span
    block: str
