"""Read the built PDF and DOCX back: notes on their call's page, fonts, real Word footnotes."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from conftest import ROOT
from readback import (
    W,
    docx_footnotes,
    docx_reference_ids,
    docx_xml,
    pdf_destinations,
    pdf_fonts,
    pdf_page_texts,
    squash,
)

EDITIONS = sorted(f"{p.stem}.{lang}" for p in (ROOT / "outlines").glob("*.yaml") for lang in ("en", "zh"))


def model(built, stem):
    return json.loads((built["out"] / f"{stem}.json").read_text(encoding="utf-8"))


def note_text(note) -> str:
    return "".join(x["text"] for x in note["inlines"] if x["type"] == "Text")


@pytest.mark.parametrize("stem", EDITIONS)
def test_every_pdf_footnote_is_on_its_calls_page(built, stem):
    notes = model(built, stem)["notes"]
    dests = pdf_destinations(built["out"] / f"{stem}.pdf")
    texts = [squash(t) for t in pdf_page_texts(built["out"] / f"{stem}.pdf")]
    assert notes, "the briefing has notes"
    for note in notes:
        n = note["number"]
        page = dests[f"fn-{n}"]
        assert dests[f"call-{n}"] == page, f"note {n}"
        # The marker the CSS counter prints agrees with the model's number, on that page.
        assert squash(f"{n}.{note_text(note)}") in texts[page], f"note {n} text on page {page + 1}"
    assert sorted(k for k in dests if k.startswith("fn-")) == sorted(f"fn-{n['number']}" for n in notes)


@pytest.mark.parametrize("stem", EDITIONS)
def test_cjk_font_is_embedded_as_a_subset(built, stem):
    fonts = pdf_fonts(built["out"] / f"{stem}.pdf")
    cjk = [f for f in fonts if "CJK-SC" in f["name"]]
    assert cjk, fonts
    for font in fonts:
        assert font["emb"] == "yes" and font["sub"] == "yes", font
        assert font["name"][6] == "+", font
    assert not [f for f in fonts if "JP" in f["name"] or "DejaVu" in f["name"]]


@pytest.mark.parametrize("stem", EDITIONS)
def test_docx_has_real_footnotes_matching_the_pdf(built, stem):
    path = built["out"] / f"{stem}.docx"
    notes = docx_footnotes(path)
    refs = docx_reference_ids(path)
    pdf_notes = [k for k in pdf_destinations(built["out"] / f"{stem}.pdf") if k.startswith("fn-")]
    assert len(notes) == len(refs) == len(pdf_notes) > 0
    assert sorted(refs) == sorted(notes) == list(range(1, len(refs) + 1))
    for note in model(built, stem)["notes"]:
        assert squash(notes[note["number"]]) == squash(note_text(note))


@pytest.mark.parametrize("stem", EDITIONS)
def test_docx_footnotes_part_is_wired_like_words_own(built, stem):
    path = built["out"] / f"{stem}.docx"
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert 'PartName="/word/footnotes.xml"' in types and "footnotes+xml" in types
    assert "relationships/footnotes" in rels
    separators = [n.get(f"{W}type") for n in docx_xml(path, "word/footnotes.xml").iter(f"{W}footnote")][:2]
    assert separators == ["separator", "continuationSeparator"]
    settings = docx_xml(path, "word/settings.xml")
    assert settings.find(f"{W}footnotePr") is not None
    style_ids = {s.get(f"{W}styleId") for s in docx_xml(path, "word/styles.xml").iter(f"{W}style")}
    assert {"FootnoteText", "FootnoteReference", "Heading1", "Caption"} <= style_ids


@pytest.mark.parametrize("stem", EDITIONS)
def test_docx_headings_and_table_follow_the_model(built, stem):
    path = built["out"] / f"{stem}.docx"
    body = docx_xml(path, "word/document.xml")
    styles = {f"Heading{n}": n for n in (1, 2, 3)}
    headings = [
        (styles[s.get(f"{W}val")], "".join(t.text for t in p.iter(f"{W}t")))
        for p in body.iter(f"{W}p")
        if (s := p.find(f"{W}pPr/{W}pStyle")) is not None and s.get(f"{W}val") in styles
    ]
    blocks = model(built, stem)["blocks"]
    assert headings == [(b["level"], b["text"]) for b in blocks if b["type"] == "Heading"]
    tables = list(body.iter(f"{W}tbl"))
    expected = [b for b in blocks if b["type"] == "TableBlock"]
    assert len(tables) == len(expected)
    first_row = tables[0].find(f"{W}tr")
    assert first_row.find(f"{W}trPr/{W}tblHeader") is not None
    cells = ["".join(t.text for t in tc.iter(f"{W}t")) for tc in first_row.iter(f"{W}tc")]
    assert cells == expected[0]["header"]


def test_east_asian_font_and_language_are_set(built):
    styles = docx_xml(built["out"] / "brief.zh.docx", "word/styles.xml")
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert fonts.get(f"{W}eastAsia") == "Noto Serif CJK SC"
    assert lang.get(f"{W}val") == "zh-CN" and lang.get(f"{W}eastAsia") == "zh-CN"


def test_build_logged_no_weasyprint_warning(built):
    assert not [line for line in built["said"] if "WeasyPrint" in line], built["said"]


def test_pdf_metadata_comes_from_the_briefing(built):
    import pymupdf

    meta = model(built, "brief.en")["meta"]
    with pymupdf.open(built["out"] / "brief.en.pdf") as doc:
        assert doc.metadata["title"] == meta["title"]
        assert doc.metadata["author"] == meta["author"]
        assert doc.metadata["creationDate"].startswith("D:" + meta["date"].replace("-", ""))


@pytest.mark.parametrize("stem", [e for e in EDITIONS if e.endswith(".en")])
def test_no_untranslated_chinese_in_an_english_edition(built, stem):
    """Chinese in an English edition is only ever a marked original (a run with its language)."""
    data = model(built, stem)
    cjk = re.compile(r"[\u4e00-\u9fff]")
    unmarked = []

    def walk(x):
        if isinstance(x, dict):
            if x.get("type") == "Text" and cjk.search(x["text"]) and not x["lang"]:
                unmarked.append(x["text"][:40])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data["blocks"])
    walk(data["notes"])
    for block in data["blocks"]:
        unmarked += [h for h in block.get("header", []) if cjk.search(h)]
        unmarked += [p["label"] for p in block.get("points", []) if cjk.search(p["label"])]
        unmarked += [block[k] for k in ("text", "x_label", "y_label", "alt") if cjk.search(str(block.get(k, "")))]
    assert unmarked == []
