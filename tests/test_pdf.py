"""The PDF as a reader gets it: contents, bookmarks, metadata, typography, notes that fit,
no network, template overrides."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pymupdf
import pytest
from conftest import ROOT, copy_project
from readback import footnote_problems, pdf_destinations

from pipeline.build import build
from pipeline.errors import BriefError
from pipeline.render_pdf import render_pdf

EDITIONS = sorted(f"{p.stem}.{lang}" for p in (ROOT / "outlines").glob("*.yaml") for lang in ("en", "zh"))


def model(built, stem):
    return json.loads((built["out"] / f"{stem}.json").read_text(encoding="utf-8"))


def headings(built, stem):
    return [b for b in model(built, stem)["blocks"] if b["type"] == "Heading"]


@pytest.mark.parametrize("stem", EDITIONS)
def test_contents_page_numbers_are_where_the_headings_are(built, stem):
    path = built["out"] / f"{stem}.pdf"
    dests = pdf_destinations(path)
    entries: dict[str, int] = {}
    with pymupdf.open(path) as doc:
        page = doc[1]  # the contents page follows the cover
        for link in page.get_links():
            if link.get("kind") == pymupdf.LINK_NAMED and link["nameddest"] not in entries:
                box = link["from"]
                line = page.get_textbox(pymupdf.Rect(0, box.y0, page.rect.width, box.y1))
                entries[link["nameddest"]] = int(re.findall(r"\d+", line)[-1])
    assert list(entries) == [h["id"] for h in headings(built, stem)]
    assert entries == {h["id"]: dests[h["id"]] + 1 for h in headings(built, stem)}


@pytest.mark.parametrize("stem", EDITIONS)
def test_bookmarks_mirror_the_headings(built, stem):
    dests = pdf_destinations(built["out"] / f"{stem}.pdf")
    with pymupdf.open(built["out"] / f"{stem}.pdf") as doc:
        toc = doc.get_toc()
    assert toc == [[h["level"], h["text"], dests[h["id"]] + 1] for h in headings(built, stem)]


@pytest.mark.parametrize("stem", EDITIONS)
def test_metadata_comes_from_the_briefing(built, stem):
    meta = model(built, stem)["meta"]
    with pymupdf.open(built["out"] / f"{stem}.pdf") as doc:
        info = doc.metadata
        lang = doc.xref_get_key(doc.pdf_catalog(), "Lang")
    assert info["title"] == meta["title"] and info["author"] == meta["author"]
    assert info["subject"] == meta["subtitle"]
    assert info["keywords"] == ", ".join(meta["keywords"])
    assert info["creationDate"].startswith("D:" + meta["date"].replace("-", ""))
    assert lang == ("string", "en" if stem.endswith(".en") else "zh-Hans")


@pytest.mark.parametrize("stem", EDITIONS)
def test_notes_fit_their_pages(built, stem):
    assert footnote_problems(built["out"] / f"{stem}.pdf") == []


def over_long_note(policy: str = "") -> str:
    css = (ROOT / "templates" / "brief.css").read_text(encoding="utf-8")
    css += f".fn {{ footnote-policy: {policy} }}" if policy else ""
    body = "".join(f"<p>Paragraph {i} {'body text ' * 60}"
                   + (f"<span class='fn'>{'Long note text. ' * 1500}</span>" if i == 3 else "") + "</p>"
                   for i in range(8))
    return f"<html lang='en'><head><style>{css}</style></head><body>{body}</body></html>"


def test_the_overflow_check_catches_an_over_long_note(tmp_path):
    """WeasyPrint's default policy lets such a note overflow silently; the check must see it."""
    pdf, _ = render_pdf(over_long_note("auto"), ROOT, "x")
    (tmp_path / "over.pdf").write_bytes(pdf)
    assert footnote_problems(tmp_path / "over.pdf")


def test_an_over_long_note_is_a_clear_error_with_our_styles():
    with pytest.raises(BriefError) as err:
        render_pdf(over_long_note(), ROOT, "build/x.html")
    assert err.value.line().startswith("build/x.html: a footnote is too long to fit at the foot of a page")


def test_chinese_originals_in_english_notes_are_set_in_the_chinese_face(built):
    with pymupdf.open(built["out"] / "brief.en.pdf") as doc:
        spans = [s for page in doc for b in page.get_text("dict")["blocks"] for line in b.get("lines", [])
                 for s in line["spans"] if 7.8 <= s["size"] <= 8.2]
    cjk = [s for s in spans if re.search(r"[\u4e00-\u9fff]", s["text"])]
    assert cjk and all("CJK" in s["font"] for s in cjk)
    latin = [s for s in spans if re.fullmatch(r"[A-Za-z ,.:;]+", s["text"].strip() or "x")]
    assert latin and all("CJK" not in s["font"] for s in latin)


def test_builds_are_identical_with_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build(ROOT, ["supply-chain"], tmp_path / "a", say=lambda _: None)
    second = build(ROOT, ["supply-chain"], tmp_path / "b", say=lambda _: None)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


@pytest.mark.parametrize("url", ["https://example.org/x.png", "file:///etc/hostname"])
def test_the_pdf_fetches_nothing_outside_the_project(url):
    html = f"<html><body><img src='{url}'></body></html>"
    with pytest.raises(BriefError) as err:
        render_pdf(html, ROOT, "build/x.html")
    assert err.value.line() == f"build/x.html: the document asks for '{url}', outside the project; refused"


def test_a_user_template_extends_the_builtin_and_redefines_one_block(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "house").mkdir()
    (project / "house" / "brief.html.j2").write_text(
        '{% extends "builtin/brief.html.j2" %}\n{% block cover %}<section class="cover">'
        '<h1 class="title">House cover: {{ b.meta.title }}</h1></section>{% endblock %}\n', encoding="utf-8")
    paths = build(project, ["supply-chain"], project / "build", say=lambda _: None, templates=Path("house"))
    pdf = next(p for p in paths if p.name == "supply-chain.en.pdf")
    with pymupdf.open(pdf) as doc:
        assert doc[0].get_text().startswith("House cover: How dependent")
        assert "Contents" in doc[1].get_text()  # the other blocks are the built-in ones


@pytest.mark.parametrize("template, message", [
    ("{% extends 'builtin/brief.html.j2' %}{% block cover %}{{ b.meta.nothing }}{% endblock %}",
     "templates/brief.html.j2: template uses an undefined value: 'pipeline.model.Meta object' has no attribute 'nothing'"),
    ("{% extends 'builtin/brief.html.j2' %}\n{% block cover %}{% if %}{% endblock %}",
     "templates/brief.html.j2:2: template syntax error: Expected an expression, got 'end of statement block'"),
    ("{% include '../../../etc/hostname' %}", "templates: template not found: ../../../etc/hostname"),
])
def test_template_mistakes_are_one_located_line(tmp_path, template, message):
    project = copy_project(tmp_path / "p")
    (project / "house").mkdir()
    (project / "house" / "brief.html.j2").write_text(template, encoding="utf-8")
    with pytest.raises(BriefError) as err:
        build(project, ["supply-chain"], project / "build", say=lambda _: None, templates=Path("house"))
    assert err.value.line() == message


def test_a_template_folder_outside_the_project_is_refused(tmp_path):
    with pytest.raises(BriefError, match="outside the project"):
        build(ROOT, ["supply-chain"], tmp_path / "out", say=lambda _: None, templates=Path("../"))
    assert not (tmp_path / "out").exists()
    assert os.path.isdir(ROOT / "templates")
    shutil.rmtree(tmp_path, ignore_errors=True)
