"""DOCX writer: renders one Briefing with the house styles of templates/reference.docx.

Styles are looked up by name and a missing one fails with its name; footnotes are real Word
footnotes (see docx_notes); the zip is rewritten with fixed timestamps for identical bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from lxml import etree

from pipeline.charts import draw
from pipeline.docx_notes import attach_footnotes, footnote_reference, new_footnote
from pipeline.errors import BriefError, Loc
from pipeline.model import (
    Briefing,
    ChartBlock,
    Heading,
    Inline,
    Link,
    NoteRef,
    Para,
    TableBlock,
    Text,
)
from pipeline.wording import EDITION_TAGS

ROLE_STYLES = {"body": "Normal", "fact": "Fact", "bullet": "List Bullet", "quote": "Quote",
               "attribution": "Attribution", "source-note": "Source Note", "source": "Source Entry"}
STYLES = ("Title", "Subtitle", "Cover Line", "Heading 1", "Heading 2", "Heading 3", "Caption", "Footnote Text",
          "Footnote Reference", "Table Grid", "Hyperlink", *ROLE_STYLES.values())
_LANG = {"en": "en-GB", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}
_CJK_FONT = {"zh-Hant": "Noto Serif CJK TC"}


def render_docx(briefing: Briefing, reference: Path, shown: str) -> bytes:
    document = docx.Document(str(reference))
    _check_styles(document, shown)
    _set_language(document, EDITION_TAGS[briefing.lang])
    _cover(document, briefing)
    notes = {n.number: n for n in briefing.notes}
    word_notes: list[etree._Element] = []
    for block in briefing.blocks:
        if isinstance(block, Heading):
            document.add_paragraph(block.text, style=f"Heading {block.level}")
        elif isinstance(block, Para):
            para = document.add_paragraph(style=ROLE_STYLES[block.role])
            _inlines(document, para._p, block.inlines, notes, word_notes)
        elif isinstance(block, TableBlock):
            _table(document, block, notes, word_notes)
        elif isinstance(block, ChartBlock):
            _chart(document, block, notes, word_notes)
    attach_footnotes(document, word_notes)
    _properties(document, briefing)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue(), briefing.meta.date)


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


def _cover(document: DocxDocument, b: Briefing) -> None:
    document.add_paragraph(b.meta.edition, style="Cover Line")
    document.add_paragraph(b.meta.title, style="Title")
    if b.meta.subtitle:
        document.add_paragraph(b.meta.subtitle, style="Subtitle")
    byline = " · ".join(x for x in (b.meta.author, b.meta.date) if x)
    document.add_paragraph(byline, style="Cover Line")
    last = document.add_paragraph(b.meta.distribution, style="Cover Line")
    last.add_run().add_break(WD_BREAK.PAGE)


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


def _link(document: DocxDocument, link: Link) -> etree._Element:
    """A real hyperlink: an external relationship and a w:hyperlink around the run."""
    rel = document.part.relate_to(link.url, RT.HYPERLINK, is_external=True)
    element = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel}"/>')
    element.append(_run(link.text, char_style="Hyperlink"))
    return element


def _xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (C0 controls other than tab and newlines)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def _inlines(document: DocxDocument, p: etree._Element, inlines: tuple[Inline, ...], notes: dict,
             word_notes: list) -> None:
    for x in inlines:
        if isinstance(x, Text):
            p.append(_run(x.text, x.lang, x.style))
        elif isinstance(x, Link):
            p.append(_link(document, x))
        elif isinstance(x, NoteRef):
            p.append(footnote_reference(x.number))
            note = new_footnote(x.number)
            _inlines(document, note.find(qn("w:p")), notes[x.number].inlines, notes, word_notes)
            word_notes.append(note)


def _table(document: DocxDocument, block: TableBlock, notes: dict, word_notes: list) -> None:
    if block.caption:
        caption = document.add_paragraph(style="Caption")
        _inlines(document, caption._p, block.caption, notes, word_notes)
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header), style="Table Grid")
    for row in table.rows:
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    for cell, text in zip(table.rows[0].cells, block.header):
        cell.paragraphs[0].text = _xml_safe(text)
    for row, cells in zip(table.rows[1:], block.rows):
        for cell, runs in zip(row.cells, cells):
            _inlines(document, cell.paragraphs[0]._p, runs, notes, word_notes)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    for cell in header.cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    document.add_paragraph()


def _chart(document: DocxDocument, block: ChartBlock, notes: dict, word_notes: list) -> None:
    """The chart as a print-resolution PNG with alt text, then its caption."""
    document.add_picture(io.BytesIO(draw(block, "png")), width=Mm(160))
    picture = document.paragraphs[-1]._p
    for doc_pr in picture.iter(qn("wp:docPr")):
        doc_pr.set("descr", _xml_safe(block.alt))
    caption = document.add_paragraph(style="Caption")
    _inlines(document, caption._p, block.caption, notes, word_notes)


def _properties(document: DocxDocument, b: Briefing) -> None:
    props = document.core_properties
    when = _date(b.meta.date)
    props.title = b.meta.title
    props.subject = b.meta.subtitle
    props.author = b.meta.author
    props.last_modified_by = b.meta.author
    props.language = _LANG[EDITION_TAGS[b.lang]]
    props.keywords = ""
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
