"""DOCX writer: renders one Briefing with the house styles of templates/reference.docx.

Styles are looked up by name and a missing one fails with its name; footnotes are real Word
footnotes (docx_notes.py); the zip is rewritten with fixed timestamps for identical bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from lxml import etree

from pipeline.charts import draw
from pipeline.docx_notes import attach_footnotes, footnote_reference, footnotes_part, new_footnote
from pipeline.errors import BriefError, Loc
from pipeline.model import (
    Briefing,
    ChartBlock,
    Heading,
    Inline,
    Link,
    Note,
    NoteRef,
    Para,
    TableBlock,
    Text,
)
from pipeline.read_blocks import width
from pipeline.wording import EDITION_TAGS

ROLE_STYLES = {"body": "Normal", "fact": "Fact", "bullet": "List Bullet", "quote": "Quote",
               "attribution": "Attribution", "source-note": "Source Note", "source": "Source Entry"}
STYLES = ("Title", "Subtitle", "Cover Line", "Heading 1", "Heading 2", "Heading 3", "Caption", "Footnote Text",
          "Footnote Reference", "Table Grid", "Hyperlink", "Header", "Footer", "TOC Heading",
          *ROLE_STYLES.values())
_LANG = {"en": "en-GB", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}
_CJK_FONT = {"zh-Hant": "Noto Serif CJK TC"}


def render_docx(briefing: Briefing, reference: Path, shown: str) -> bytes:
    document = docx.Document(str(reference))
    _check_styles(document, shown)
    writer = _Writer(document, {n.number: n for n in briefing.notes})
    writer.write(briefing)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue(), briefing.meta.date)


class _Writer:
    def __init__(self, document: DocxDocument, notes: dict[int, Note]) -> None:
        self.doc = document
        self.notes = notes
        self.word_notes: list[etree._Element] = []
        self.notes_part: Part = footnotes_part(document)

    def write(self, b: Briefing) -> None:
        _set_language(self.doc, EDITION_TAGS[b.lang])
        self.cover(b)
        if b.meta.contents:
            self.contents(b)
        for block in b.blocks:
            if isinstance(block, Heading):
                self.doc.add_paragraph(block.text, style=f"Heading {block.level}")
            elif isinstance(block, Para):
                self.runs(self.doc.add_paragraph(style=ROLE_STYLES[block.role])._p, block.inlines)
            elif isinstance(block, TableBlock):
                self.table(block)
            elif isinstance(block, ChartBlock):
                self.chart(block)
        self.header_footer(b)
        attach_footnotes(self.doc, self.notes_part, self.word_notes)
        _properties(self.doc, b)

    def cover(self, b: Briefing) -> None:
        self.doc.add_paragraph(b.meta.edition, style="Cover Line")
        self.doc.add_paragraph(b.meta.title, style="Title")
        if b.meta.subtitle:
            self.doc.add_paragraph(b.meta.subtitle, style="Subtitle")
        for line in (" · ".join(x for x in (b.meta.author, b.meta.date) if x), b.meta.distribution, b.meta.build):
            if line:
                self.doc.add_paragraph(line, style="Cover Line")
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    def contents(self, b: Briefing) -> None:
        """A TOC field Word fills when the file opens; until then it shows the headings."""
        self.doc.add_paragraph(b.meta.contents, style="TOC Heading")
        headings = [h for h in b.blocks if isinstance(h, Heading)]
        for index, h in enumerate(headings):
            p = self.doc.add_paragraph(style=f"TOC {h.level}")._p
            if index == 0:
                p.append(_field_char("begin", dirty=True))
                p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u '
                                   f"</w:instrText></w:r>"))
                p.append(_field_char("separate"))
            p.append(_run(h.text))
            if index == len(headings) - 1:
                p.append(_field_char("end"))
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        settings = self.doc.settings.element
        if settings.find(qn("w:updateFields")) is None:
            settings.insert(0, parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))

    def runs(self, p: etree._Element, inlines: tuple[Inline, ...], part: Part | None = None) -> None:
        for x in inlines:
            if isinstance(x, Text):
                p.append(_run(x.text, x.lang, x.style))
            elif isinstance(x, Link):
                p.append(self.link(x, part or self.doc.part))
            elif isinstance(x, NoteRef):
                p.append(footnote_reference(x.number))
                note = new_footnote(x.number)
                self.runs(note.find(qn("w:p")), self.notes[x.number].inlines, self.notes_part)
                self.word_notes.append(note)

    def link(self, link: Link, part: Part) -> etree._Element:
        """A real hyperlink: an external relationship of the part it stands in (body or notes)."""
        rel = part.relate_to(link.url, RT.HYPERLINK, is_external=True)
        element = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel}"/>')
        element.append(_run(link.text, char_style="Hyperlink"))
        return element

    def table(self, block: TableBlock) -> None:
        if block.caption:
            self.runs(self.doc.add_paragraph(style="Caption")._p, block.caption)
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.header), style="Table Grid")
        for row in table.rows:
            row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        for cell, text in zip(table.rows[0].cells, block.header):
            cell.paragraphs[0].add_run(_xml_safe(text)).bold = True
        for row, cells in zip(table.rows[1:], block.rows):
            for cell, runs in zip(row.cells, cells):
                self.runs(cell.paragraphs[0]._p, runs)
        widths = _column_widths(block)
        table.autofit = False
        for grid_col, column_width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
            grid_col.set(qn("w:w"), str(column_width.twips))  # LibreOffice reads the grid, Word the cells
        for column, column_width in zip(table.columns, widths):
            for cell in column.cells:
                cell.width = column_width
        self.doc.add_paragraph()

    def chart(self, block: ChartBlock) -> None:
        """The chart as a print-resolution PNG with alt text, then its caption."""
        self.doc.add_picture(io.BytesIO(draw(block, "png")), width=Mm(160))
        for doc_pr in self.doc.paragraphs[-1]._p.iter(qn("wp:docPr")):
            doc_pr.set("descr", _xml_safe(block.alt))
        self.runs(self.doc.add_paragraph(style="Caption")._p, block.caption)

    def header_footer(self, b: Briefing) -> None:
        """Running head: the title; footer: the edition's 'page X of Y' with live fields."""
        section = self.doc.sections[0]
        head = section.header.paragraphs[0]
        head.text = b.meta.title
        head.style = self.doc.styles["Header"]
        foot = section.footer.paragraphs[0]
        for child in list(foot._p):
            if child.tag != qn("w:pPr"):
                foot._p.remove(child)
        for piece in re.split(r"(\{page\}|\{pages\})", b.meta.page):
            if piece in ("{page}", "{pages}"):
                field = "PAGE" if piece == "{page}" else "NUMPAGES"
                foot._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {field} "><w:r><w:t>1</w:t></w:r>'
                                         f"</w:fldSimple>"))
            elif piece:
                foot._p.append(_run(piece))


TEXT_WIDTH_MM = 166  # A4 less the reference document's margins


def _column_widths(block: TableBlock) -> list[Mm]:
    """Widths in proportion to each column's longest text (within limits), as a browser would."""
    def length(runs: tuple[Inline, ...]) -> int:
        return sum(width(x.text) for x in runs if isinstance(x, Text)) or 3

    weights = []
    for index, header in enumerate(block.header):
        longest = max([width(header) + 3] + [length(row[index]) + 1 for row in block.rows])
        weights.append(min(max(longest, 6), 40))
    total = sum(weights)
    return [Mm(TEXT_WIDTH_MM * w / total) for w in weights]


def _check_styles(document: DocxDocument, shown: str) -> None:
    names = {s.name for s in document.styles}
    missing = [s for s in STYLES if s not in names]
    if missing:
        raise BriefError(f"reference document lacks the style '{missing[0]}'", Loc(shown),
                         hint=f"add it in Word (missing: {', '.join(missing)})")


def _set_language(document: DocxDocument, tag: str) -> None:
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f'<w:lang {nsdecls("w")}/>')
        rpr.append(lang)
    lang.set(qn("w:val"), _LANG[tag])
    lang.set(qn("w:eastAsia"), "zh-CN")


def _field_char(kind: str, dirty: bool = False) -> etree._Element:
    extra = ' w:dirty="true"' if dirty else ""
    return parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="{kind}"{extra}/></w:r>')


def _run(text: str, lang: str = "", style: str = "", char_style: str = "") -> etree._Element:
    run = parse_xml(f'<w:r {nsdecls("w")}><w:rPr/><w:t xml:space="preserve"></w:t></w:r>')
    run.find(qn("w:t")).text = _xml_safe(text)
    rpr = run.find(qn("w:rPr"))
    # CT_RPr order: rStyle, rFonts, b, i, ..., lang
    if char_style:
        rpr.append(parse_xml(f'<w:rStyle {nsdecls("w")} w:val="{char_style}"/>'))
    if lang:
        rpr.append(parse_xml(f'<w:rFonts {nsdecls("w")} w:eastAsia="{_CJK_FONT.get(lang, "Noto Serif CJK SC")}"/>'))
    if style in ("strong", "em"):
        rpr.append(parse_xml(f'<w:{"b" if style == "strong" else "i"} {nsdecls("w")}/>'))
    if lang:
        rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{_LANG[lang]}" w:eastAsia="{_LANG[lang]}"/>'))
    if not len(rpr):
        run.remove(rpr)
    return run


def _xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (C0 controls other than tab and newlines)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def _properties(document: DocxDocument, b: Briefing) -> None:
    props = document.core_properties
    when = _date(b.meta.date)
    props.title = b.meta.title
    props.subject = b.meta.subtitle
    props.author = b.meta.author
    props.last_modified_by = b.meta.author
    props.language = _LANG[EDITION_TAGS[b.lang]]
    props.keywords = ", ".join(b.meta.keywords)
    props.comments = ""
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when


def _date(iso: str) -> datetime:
    try:
        return datetime.strptime(iso, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return datetime(1980, 1, 1, tzinfo=UTC)


def _fixed_zip(data: bytes, iso: str) -> bytes:
    """Same members, same order, fixed timestamps: identical inputs give identical bytes."""
    stamp = _date(iso).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
