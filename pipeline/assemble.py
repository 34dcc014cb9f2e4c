"""Assembly stage: Outline + Extract -> one Briefing per edition.

Everything a reader sees is decided here (wording, which language each run is in, note
numbers), so the HTML/PDF and DOCX writers only render and cannot disagree.
"""

from __future__ import annotations

from pipeline.appendix import sources_appendix
from pipeline.citations import Citations, short
from pipeline.model import (
    Block,
    Briefing,
    ChartBlock,
    ChartItem,
    ChartPoint,
    Extract,
    Fact,
    FactsItem,
    Heading,
    Inline,
    KeyFiguresItem,
    Meta,
    NoteRef,
    Outline,
    Para,
    ProseItem,
    QuoteItem,
    Runs,
    Section,
    SourceNotesItem,
    Table,
    TableBlock,
    TableItem,
    Text,
)
from pipeline.normalize import display
from pipeline.prose import paragraphs
from pipeline.wording import Words, format_period, format_value, load_words


class _Assembler:
    def __init__(self, extract: Extract, lang: str, words: Words) -> None:
        self.extract = extract
        self.lang = lang
        self.w = words
        self.notes = Citations(extract, lang, words)
        self.facts = {f.id: f for f in extract.facts}
        self.charts = 0
        self.tables = 0

    def section(self, section: Section, depth: int) -> list[Block]:
        out: list[Block] = [Heading(depth, section.id, section.heading.get(self.lang))]
        for item in section.items:
            out.extend(self.item(item))
        for child in section.sections:
            out.extend(self.section(child, depth + 1))
        return out

    def item(self, item: object) -> list[Block]:
        if isinstance(item, ProseItem):
            return list(paragraphs(item.text.get(self.lang), self.lang, self.cite))
        if isinstance(item, FactsItem):
            return [Para((Text(self.facts[f].statement.get(self.lang)), self.notes.fact(self.facts[f])), "fact")
                    for f in item.ids]
        if isinstance(item, TableItem):
            return [self.table(item)]
        if isinstance(item, KeyFiguresItem):
            return [self.key_figures(item)]
        if isinstance(item, QuoteItem):
            return self.quote(item)
        if isinstance(item, SourceNotesItem):
            return self.source_notes(item)
        if isinstance(item, ChartItem):
            return [self.chart(item)]
        raise TypeError(f"unknown item {item!r}")

    def cite(self, fact_id: str, with_statement: bool) -> list[Inline]:
        fact = self.facts[fact_id]
        ref = self.notes.fact(fact)
        return [Text(fact.statement.get(self.lang)), ref] if with_statement else [ref]

    def table(self, item: TableItem) -> TableBlock:
        table = next(t for t in self.extract.tables if t.id == item.id)
        doc = self.extract.document(table.document)
        translate = item.translation(self.lang) if doc.language != self.lang else {}
        columns = item.columns or tuple(range(len(table.header)))
        rows = [table.rows[r] for r in (item.rows or range(len(table.rows)))]
        note = self.table_note(table)
        header = item.header_names(self.lang) or tuple(translate.get(table.header[c].text, table.header[c].text)
                                                       for c in columns)
        return TableBlock(
            id=table.id,
            caption=(Text(item.caption.get(self.lang) or table.caption), note),
            header=header,
            rows=tuple(tuple((Text(translate.get(row[c].text, row[c].text)),) for c in columns) for row in rows),
        )

    def table_note(self, table: Table) -> NoteRef:
        doc = self.extract.document(table.document)
        self.notes.cited.add(doc.id)
        return self.notes.add([
            Text(self.w("source") + self.notes.doc_label(doc) + self.w("comma") + self.w("table")),
            Text(self.w("open") + table.caption + self.w("close"), lang=self.notes.foreign(doc)),
        ])

    def chart(self, item: ChartItem) -> ChartBlock:
        lang, w = self.lang, self.w
        if item.table:
            table = next(t for t in self.extract.tables if t.id == item.table)
            doc = self.extract.document(table.document)
            tr = dict(dict(item.translations).get(lang, ())) if doc.language != lang else {}
            points = tuple(ChartPoint(tr.get(r[item.label].text, r[item.label].text), float(r[item.x].text),
                                      float(r[item.y].text)) for r in table.rows)
            note = self.table_note(table)
        else:
            points = tuple(ChartPoint(v.label.get(lang), v.value / item.scale) for v in item.values)
            note = self.notes.add(self.value_sources(item))
        self.charts += 1
        caption = item.caption.get(lang) + (w("sep") + item.note.get(lang) if item.note.get(lang) else "")
        return ChartBlock(
            id=f"chart-{self.charts}", kind=item.kind, caption=(Text(caption), note), points=points,
            x_label=item.x_label.get(lang), y_label=item.y_label.get(lang), alt=self.alt(item, points),
            quadrants=item.quadrants, quadrant_labels=dict(item.quadrant_labels).get(lang, ()),
        )

    def value_sources(self, item: ChartItem) -> list[Inline]:
        """One note for a bar chart: each fact's sources, each figure's sentence in its seed."""
        figures = {f.id: f for f in self.extract.figures}
        quoted = [e for v in item.values if v.fact for e in self.facts[v.fact].evidence[:1]]
        sentences: set[tuple[str, str]] = set()
        out: list[Inline] = []
        for v in item.values:
            if v.figure and any(e.document == figures[v.figure].document and
                                e.span.start <= figures[v.figure].span.start < e.span.end for e in quoted):
                continue  # the figure stands in a passage this note already quotes
            if v.figure:
                sentence = (figures[v.figure].document, figures[v.figure].text)
                if sentence in sentences:
                    continue  # several charted figures from one sentence: quote it once
                sentences.add(sentence)
            if out:
                out.append(Text(self.w("sep")))
            if v.fact:
                out.extend(self.notes.evidence_runs(self.facts[v.fact].evidence[:1]))
            else:
                fig = figures[v.figure]
                doc = self.extract.document(fig.document)
                self.notes.cited.add(doc.id)
                out += [Text(self.notes.doc_label(doc) + self.w("colon")),
                        Text(self.w("open") + short(fig.text) + self.w("close"), lang=self.notes.foreign(doc))]
        return out

    def alt(self, item: ChartItem, points: tuple[ChartPoint, ...]) -> str:
        caption = item.caption.get(self.lang)
        if item.kind == "bar":
            return caption + self.w("colon") + self.w("sep").join(f"{p.label} {p.x:,.10g}" for p in points)
        return caption + self.w("colon") + f"{len(points)} × ({item.x_label.get(self.lang)}, {item.y_label.get(self.lang)})"

    def key_figures(self, item: KeyFiguresItem) -> TableBlock:
        rows: list[tuple[Runs, ...]] = []
        for row in item.rows:
            fact: Fact = self.facts[row.fact]
            value = row.value.get(self.lang) or format_value(fact, self.lang)
            rows.append(((Text(row.label.get(self.lang)),), (Text(value),),
                         (Text(format_period(fact.period, self.lang)),), (self.notes.fact(fact),)))
        w = self.w
        self.tables += 1
        return TableBlock(f"key-figures-{self.tables}",
                          (Text(item.caption.get(self.lang)),) if item.caption.get(self.lang) else (),
                          (w("indicator"), w("value"), w("period"), w("sources")), tuple(rows), role="key-figures")

    def quote(self, item: QuoteItem) -> list[Block]:
        e = item.evidence
        doc = self.extract.document(e.document)
        original = Text(self.w("open") + display(e.quote) + self.w("close"), lang=self.notes.foreign(doc))
        blocks: list[Block] = []
        if item.translation.get(self.lang):
            blocks.append(Para((Text(item.translation.get(self.lang)),), "quote"))
        blocks.append(Para((original,), "quote"))
        ref: NoteRef = self.notes.add(self.notes.cite(e))
        blocks.append(Para((Text(self.w("quote_from", label=self.notes.label(e))), ref), "attribution"))
        return blocks

    def source_notes(self, item: SourceNotesItem) -> list[Block]:
        conflicts = {c.id: c for c in self.extract.conflicts}
        return [Para((Text(conflicts[c].explanation.get(self.lang)), self.notes.conflict(conflicts[c])), "source-note")
                for c in item.conflicts]


def assemble(outline: Outline, extract: Extract, lang: str, build: str = "",
             words: dict[str, Words] | None = None) -> Briefing:
    """`build` identifies the inputs (build.py derives it from their bytes); printed on the cover.
    `words` is the wording of templates/wording.yaml (or a user folder's)."""
    w = (words or load_words())[lang]
    a = _Assembler(extract, lang, w)
    blocks: list[Block] = []
    for section in outline.sections:
        blocks.extend(a.section(section, 1))
    if outline.appendix:
        blocks.extend(sources_appendix(extract.documents, a.notes.cited, w))
    meta = Meta(
        title=outline.title.get(lang),
        subtitle=outline.subtitle.get(lang),
        date=outline.date,
        author=outline.author.get(lang),
        distribution=outline.distribution.get(lang),
        edition=w("edition"),
        keywords=dict(outline.keywords).get(lang, ()),
        build=w("build", build=build) if build else "",
        contents=w("contents") if outline.contents else "",
        page=w("page", page="{page}", pages="{pages}"),
    )
    return Briefing(outline.name, lang, meta, tuple(blocks), tuple(a.notes.notes))
