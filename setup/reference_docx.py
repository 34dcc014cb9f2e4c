"""Regenerate templates/reference.docx, the DOCX house style (as pandoc's reference-doc).

Run only to reset the house style: `.venv/bin/python setup/reference_docx.py`. After that the
file is owned by whoever keeps the house style and may be edited in Word; the writer looks
its styles up by name.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

SERIF, SERIF_CJK = "Noto Serif", "Noto Serif CJK SC"
SANS, SANS_CJK = "Noto Sans", "Noto Sans CJK SC"


def fonts(rpr, latin: str, east_asian: str) -> None:
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    rpr.insert(0, parse_xml(
        f'<w:rFonts {nsdecls("w")} w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}" w:eastAsia="{east_asian}"/>'))


def main(target: Path) -> None:
    doc = docx.Document()
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts(defaults, SERIF, SERIF_CJK)
    for old in defaults.findall(qn("w:lang")):
        defaults.remove(old)
    defaults.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en-GB" w:eastAsia="zh-CN"/>'))

    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.3

    for name, size in (("Title", 24), ("Subtitle", 13), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x11, 0x11, 0x11)
        style.font.bold = name != "Subtitle"
        fonts(style.element.get_or_add_rPr(), SANS, SANS_CJK)
        style.paragraph_format.keep_with_next = True

    caption = styles["Caption"]
    caption.font.size = Pt(9.5)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = RGBColor(0x11, 0x11, 0x11)
    caption.paragraph_format.keep_with_next = True
    fonts(caption.element.get_or_add_rPr(), SANS, SANS_CJK)

    text = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = normal
    text.font.size = Pt(8)
    text.paragraph_format.space_after = Pt(0)
    text.paragraph_format.line_spacing = 1.15
    ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True

    for name in ("Fact", "Cover Line", "Attribution", "Source Note", "Source Entry"):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
    styles["Fact"].paragraph_format.left_indent = Mm(4)
    styles["Source Note"].paragraph_format.left_indent = Mm(4)
    styles["Attribution"].paragraph_format.alignment = 2
    styles["Attribution"].font.size = Pt(9)
    styles["Source Entry"].font.size = Pt(9)
    styles["Source Entry"].paragraph_format.left_indent = Mm(4)
    styles["Source Entry"].paragraph_format.first_line_indent = Mm(-4)
    styles["Quote"].font.size = Pt(10)
    styles["TOC Heading"].font.size = Pt(14)
    for level in (1, 2, 3):
        toc = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normal
        toc.paragraph_format.left_indent = Mm(5 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
    styles["Quote"].paragraph_format.left_indent = Mm(6)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    link.font.underline = True
    styles["Cover Line"].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    fonts(styles["Cover Line"].element.get_or_add_rPr(), SANS, SANS_CJK)

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(24), Mm(26)
    section.left_margin = section.right_margin = Mm(22)
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    for field in ("PAGE", None, "NUMPAGES"):
        if field is None:
            footer.add_run(" / ")
            continue
        footer._p.append(parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {field} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    section.different_first_page_header_footer = True  # no running head or folio on the cover
    doc.core_properties.author = ""
    doc.core_properties.title = "Reference document: house style"
    _strip_library_leftovers(doc)
    doc.save(str(target))


def _strip_library_leftovers(doc) -> None:  # type: ignore[no-untyped-def]
    """python-docx's template carries another document's thumbnail and claims to be Word."""
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rid)
    app = next(p for p in package.parts if p.partname == "/docProps/app.xml")
    app._blob = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                 b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                 b"<Application>pipeline</Application><DocSecurity>0</DocSecurity></Properties>")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "templates" / "reference.docx")
