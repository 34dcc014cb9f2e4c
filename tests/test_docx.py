"""The DOCX as an editor gets it: the same content and notes as the PDF, real Word structure,
and LibreOffice puts every footnote at the foot of a page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest
from conftest import ROOT
from readback import (
    W,
    docx_footnotes,
    docx_paragraphs,
    docx_tables,
    docx_xml,
    pdf_notes,
    pdf_page_texts,
    squash,
)

from pipeline.errors import BriefError
from pipeline.model import Briefing, Link, Meta, Note, NoteRef, Para, Text
from pipeline.render_docx import render_docx

EDITIONS = sorted(f"{p.stem}.{lang}" for p in (ROOT / "outlines").glob("*.yaml") for lang in ("en", "zh"))
REFERENCE = ROOT / "templates" / "reference.docx"


def model(built, stem):
    return json.loads((built["out"] / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stem", EDITIONS)
def test_pdf_and_docx_carry_the_same_headings_notes_and_tables(built, stem):
    pdf, word = built["out"] / f"{stem}.pdf", built["out"] / f"{stem}.docx"
    with pymupdf.open(pdf) as doc:
        pdf_headings = [(level, title) for level, title, _ in doc.get_toc()]
    word_headings = [(level, text) for level in (1, 2, 3) for text in docx_paragraphs(word, f"Heading{level}")]
    assert sorted(pdf_headings) == sorted(word_headings)
    in_pdf, in_word = pdf_notes(pdf), docx_footnotes(word)
    assert sorted(in_pdf) == sorted(in_word) == list(range(1, len(model(built, stem)["notes"]) + 1))
    for number, text in in_word.items():
        assert squash(in_pdf[number]) == squash(text), number
    page_text = squash("".join(pdf_page_texts(pdf)))
    for table in docx_tables(word):
        for row in table:
            for cell in row:
                assert squash(cell) in page_text


@pytest.fixture(scope="module")
def libreoffice_pdfs(built, tmp_path_factory):
    if not shutil.which("soffice"):
        pytest.fail("LibreOffice is missing: make test installs libreoffice-writer-nogui")
    out = tmp_path_factory.mktemp("lo")
    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    docs = [str(built["out"] / f"{stem}.docx") for stem in EDITIONS]
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), *docs],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(out)})
    return out


@pytest.mark.parametrize("stem", EDITIONS)
def test_libreoffice_puts_every_footnote_at_the_foot_of_a_page(built, libreoffice_pdfs, stem):
    notes = docx_footnotes(built["out"] / f"{stem}.docx")
    found = {}
    with pymupdf.open(libreoffice_pdfs / f"{stem}.pdf") as doc:
        for page in doc:
            lines = [(squash("".join(s["text"] for s in line["spans"])), line["bbox"], max(s["size"] for s in line["spans"]))
                     for b in page.get_text("dict")["blocks"] for line in b.get("lines", [])
                     if line["spans"] and page.rect.height * 0.08 < line["bbox"][1] < page.rect.height * 0.92]
            body_bottom = max((box[3] for _, box, size in lines if size >= 9.5), default=0)
            notes_bottom = max((box[3] for _, box, size in lines if size <= 8.5), default=0)
            for number, text in notes.items():
                start = squash(text)[:12]
                hits = [box for content, box, size in lines if size <= 8.5 and start and start in content]
                if number not in found and hits:
                    assert hits[0][1] >= body_bottom - 1, (stem, number, "note above body text")
                    assert notes_bottom > page.rect.height * 0.75, (stem, number, "notes not at the page foot")
                    found[number] = page.number
    assert sorted(found) == sorted(notes)


@pytest.mark.parametrize("stem", EDITIONS)
def test_docx_structure_is_valid_word(built, stem):
    path = built["out"] / f"{stem}.docx"
    body = docx_xml(path, "word/document.xml")
    for tc in body.iter(f"{W}tc"):
        assert tc[-1].tag == f"{W}p"
    order = [f"{W}{n}" for n in ("rStyle", "rFonts", "b", "i", "lang")]
    for rpr in body.iter(f"{W}rPr"):
        tags = [c.tag for c in rpr if c.tag in order]
        assert tags == sorted(tags, key=order.index)
    settings = docx_xml(path, "word/settings.xml")
    names = [c.tag.split("}")[1] for c in settings]
    assert names.index("updateFields") + 1 == names.index("footnotePr") < names.index("compat")
    header_rows = [tr for tbl in body.iter(f"{W}tbl") for tr in tbl.iter(f"{W}tr")][:1]
    assert all(tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in header_rows)


@pytest.mark.parametrize("stem", EDITIONS)
def test_docx_properties_contents_header_and_footer(built, stem):
    path = built["out"] / f"{stem}.docx"
    meta = model(built, stem)["meta"]
    props = docx.Document(str(path)).core_properties
    assert (props.title, props.author, props.subject) == (meta["title"], meta["author"], meta["subtitle"])
    assert props.keywords == ", ".join(meta["keywords"])
    assert props.created.date().isoformat() == meta["date"] and props.language in ("en-GB", "zh-CN")
    with zipfile.ZipFile(path) as z:
        assert "<Application>pipeline</Application>" in z.read("docProps/app.xml").decode()
        assert not [n for n in z.namelist() if "thumbnail" in n]
        footer = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
        header = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert meta["title"] in header
    instr = "".join(t.text for t in docx_xml(path, "word/document.xml").iter(f"{W}instrText"))
    assert instr.strip().startswith("TOC")
    headings = [b["text"] for b in model(built, stem)["blocks"] if b["type"] == "Heading"]
    placeholder = [t for level in (1, 2, 3) for t in docx_paragraphs(path, f"TOC{level}")]
    assert sorted(placeholder) == sorted(headings)


def tiny(note: Note) -> Briefing:
    meta = Meta("T", "", "2026-01-01", "A", "", "English edition", page="Page {page} of {pages}")
    return Briefing("t", "en", meta, (Para((Text("Body"), NoteRef(1))),), (note,))


def test_a_link_inside_a_note_is_a_real_hyperlink_of_the_notes_part(tmp_path):
    data = render_docx(tiny(Note(1, (Text("See "), Link("the report", "https://example.org/r")))), REFERENCE, "x")
    (tmp_path / "t.docx").write_bytes(data)
    notes = docx_xml(tmp_path / "t.docx", "word/footnotes.xml")
    link = next(notes.iter(f"{W}hyperlink"))
    rid = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    with zipfile.ZipFile(tmp_path / "t.docx") as z:
        rels = z.read("word/_rels/footnotes.xml.rels").decode()
    assert re.search(rf'Id="{rid}"[^>]*Target="https://example.org/r"[^>]*TargetMode="External"', rels) or \
        re.search(rf'Target="https://example.org/r"[^>]*Id="{rid}"', rels)


def test_a_reference_document_missing_a_style_is_named(tmp_path):
    reference = docx.Document(str(REFERENCE))
    reference.styles["Fact"].delete()
    reference.save(str(tmp_path / "ref.docx"))
    with pytest.raises(BriefError) as err:
        render_docx(tiny(Note(1, (Text("n"),))), tmp_path / "ref.docx", "templates/reference.docx")
    assert err.value.line().startswith("templates/reference.docx: reference document lacks the style 'Fact'")


def test_no_xml_illegal_characters_reach_the_docx(tmp_path):
    data = render_docx(tiny(Note(1, (Text("bad \x00\x0b char"),))), REFERENCE, "x")
    (tmp_path / "t.docx").write_bytes(data)
    assert docx_footnotes(tmp_path / "t.docx")[1].strip() == "bad  char"
    assert Path(tmp_path / "t.docx").stat().st_size > 0
