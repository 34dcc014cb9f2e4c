"""The Word footnotes part, which python-docx lacks: separators, footnotePr, notes, references.

Ids follow Word's own files: -1 separator, 0 continuation separator, notes 1..N, so a note's
Word id equals its number in the briefing model.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

_W = nsdecls("w", "r")


def footnote_reference(number: int) -> etree._Element:
    """The body run that calls note `number`."""
    return parse_xml(
        f'<w:r {_W}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        f'<w:footnoteReference w:id="{number}"/></w:r>'
    )


def new_footnote(number: int) -> etree._Element:
    """A note whose first paragraph carries the number mark; the caller appends runs to it."""
    return parse_xml(
        f'<w:footnote {_W} w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
    )


def _separators() -> str:
    return (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
        ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
        ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote>"
    )


def footnotes_part(document: DocxDocument) -> Part:
    """The word/footnotes.xml part, related to the document; created first so that links inside
    notes can be related to it (its content is written by attach_footnotes)."""
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"", document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part


def attach_footnotes(document: DocxDocument, part: Part, notes: list[etree._Element]) -> None:
    """Fill the footnotes part with the separators and `notes`, and declare them in settings."""
    root = parse_xml(f"<w:footnotes {_W}>{_separators()}</w:footnotes>")
    for note in notes:
        root.append(note)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _footnote_pr(document)


def _footnote_pr(document: DocxDocument) -> None:
    """settings.xml: arabic numbering from 1, notes at the page bottom, the two separators."""
    settings = document.settings.element
    for old in settings.findall(qn("w:footnotePr")):
        settings.remove(old)
    pr = parse_xml(
        f'<w:footnotePr {_W}><w:pos w:val="pageBottom"/><w:numFmt w:val="decimal"/>'
        '<w:numStart w:val="1"/><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    )
    # CT_Settings order: footnotePr stands before these elements (ECMA-376 part 1, 17.15.1.78).
    follows = {qn(f"w:{n}") for n in _AFTER_FOOTNOTE_PR} | {qn("m:mathPr")}
    later = next((child for child in settings if child.tag in follows), None)
    if later is not None:
        later.addprevious(pr)
    else:
        settings.append(pr)
    update = settings.find(qn("w:updateFields"))
    if update is not None:  # CT_Settings: updateFields stands just before footnotePr
        pr.addprevious(update)


_AFTER_FOOTNOTE_PR = (
    "endnotePr", "compat", "docVars", "rsids", "attachedSchema", "themeFontLang",
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)
