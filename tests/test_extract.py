"""The structured extract: golden files per seed, provenance of every element, shapes."""

from __future__ import annotations

import json
import re
import shutil

import jsonschema
import pytest
from conftest import ROOT

from pipeline import boilerplate
from pipeline.export import extract_dict
from pipeline.extract import extract_project, read_source
from pipeline.normalize import display, normalize
from pipeline.seeds import load_sources

GOLDEN = ROOT / "tests" / "golden"
DOC_IDS = [s.document.id for s in load_sources(ROOT / "seeds")]


def golden_view(data: dict, doc: str) -> dict:
    """One document's share of the extract, without the `original` copies (they are checked
    against the seed separately), in the form reviewed by eye."""
    def strip(rows):
        return [{k: v for k, v in r.items() if k not in ("original", "document")} for r in rows if r["document"] == doc]

    tables = [
        {"id": t["id"], "title": t["title"], "start": t["start"], "end": t["end"],
         "columns": [c["text"] for c in t["columns"]], "rows": [[c["text"] for c in row] for row in t["rows"]]}
        for t in data["tables"] if t["document"] == doc
    ]
    return {"sections": strip(data["sections"]), "blocks": strip(data["blocks"]), "tables": tables,
            "figures": strip(data["figures"])}


@pytest.fixture(scope="module")
def data(project):
    sources, extract = project
    return extract_dict(extract, sources)


@pytest.mark.parametrize("doc", DOC_IDS)
def test_extract_matches_the_reviewed_golden_file(data, doc, accept):
    path = GOLDEN / f"{doc}.json"
    view = golden_view(data, doc)
    text = json.dumps(view, ensure_ascii=False, indent=1) + "\n"
    if accept:
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file for {doc}; run pytest --accept and review the diff"
    assert json.loads(path.read_text(encoding="utf-8")) == view


def test_extract_json_follows_its_schema(data):
    schema = json.loads((ROOT / "schemas" / "extract.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_every_element_span_is_its_original_text(data, project):
    texts = {s.document.id: s.text for s in project[0]}
    checked = 0
    for kind in ("sections", "blocks", "tables", "figures"):
        for x in data[kind]:
            assert texts[x["document"]][x["start"]:x["end"]] == x["original"], x["id"]
            checked += 1
    for t in data["tables"]:
        for cell in (*t["columns"], *(c for row in t["rows"] for c in row)):
            assert texts[t["document"]][cell["start"]:cell["end"]] == cell["original"]
            assert display(cell["original"]) == cell["text"]
            checked += 1
    for f in data["facts"]:
        for e in f["evidence"]:
            assert texts[e["document"]][e["start"]:e["end"]] == e["quote"]
            checked += 1
    assert checked > 500


def test_no_boilerplate_line_is_left_in_kept_text(data):
    for block in data["blocks"]:
        if block["dropped"] or block["kind"] == "table":
            continue
        for line in block["original"].splitlines():
            assert not boilerplate.classify(line.strip()), (block["id"], line)


def headings(data, doc):
    return [(b["level"], b["text"]) for b in data["blocks"] if b["document"] == doc and b["kind"] == "heading"]


def test_numbered_headings_get_their_levels(data):
    web = headings(data, "yunayun-hegemony")
    assert (1, "一、美国生物医药霸权的战略背景与目标") in web and (2, "(一)霸权构建的动因与紧迫感") in web
    assert len([h for h in web if h[0] == 1 and re.match(r"[一二三四五六]、", h[1])]) == 6
    pdf = headings(data, "zhang-biomed-layout")
    assert [h for h in pdf if h[0] == 1] == [
        (1, "一、我国生物医药产业发展面临的有利因素和不利挑战"), (1, "二、全球生物医药技术热点及我国的应对策略"), (1, "三、几点启示")]
    assert (2, "（一）进一步加强对国际前沿基础研究的跟踪布局。") in pdf  # run into its paragraph
    two_line = headings(data, "vcbeat-threat")
    assert [t for _, t in two_line] == ["01临床超车:从数量到质量", "02全球制造枢纽:中国CDMO", "03被需要的中国",
                                        "04美国的战略双轨", "05写在最后"]


def test_compilation_splits_into_articles_with_nested_run_in_headings(data):
    blocks = [b for b in data["blocks"] if b["document"] == "compilation-biotech"]
    articles = [b["article"] for b in blocks if b["kind"] == "heading" and b["level"] == 1]
    assert articles == ["compilation-biotech/stanford", "compilation-biotech/harvard-index",
                        "compilation-biotech/tech-hegemony", "compilation-biotech/threat"]
    nested = [(b["level"], b["text"]) for b in blocks if b["article"] == "compilation-biotech/tech-hegemony"
              and b["kind"] == "heading"]
    assert nested[1:4] == [(2, "01 技術霸權新秩序:中美歐“三國殺”"), (3, "01 美國:全面領先但隱憂浮現"),
                           (3, "02 中國:生物技術逼近美國,半導體突圍戰")]
    assert nested[5] == (2, "02 五大技術領域生死競速")
    last = [b for b in blocks if b["article"] == "compilation-biotech/threat"][-1]
    assert last["text"].endswith("(動脈網)")


def test_pdf_footnotes_page_numbers_and_continued_paragraphs(data):
    blocks = {b["id"]: b for b in data["blocks"] if b["document"] == "zhang-biomed-layout"}
    notes = [b for b in blocks.values() if b["kind"] == "footnote"]
    assert [n["level"] for n in notes] == [1, 2, 3]
    assert "https://www.cn-healthcare.com/articlewm/20221107/content-1462452.html" in notes[0]["text"]
    assert [b["original"] for b in blocks.values() if b["kind"] == "page-number"] == ["— ６ —"]
    continued = [b for b in blocks.values() if b["continues"]]
    assert continued and blocks[continued[0]["continues"]]["text"].endswith("尽管中国生")


def figure(data, raw, doc=None):
    hits = [f for f in data["figures"] if f["original"] == raw and (doc is None or f["document"] == doc)]
    assert hits, raw
    return hits[0]


def test_figures_are_normalised_with_period_and_sentence(data):
    money = figure(data, "3000亿美元", "vcbeat-threat")
    assert (money["value"], money["unit"], money["kind"], money["period"]) == (3.0e11, "USD", "money", "2016/2021")
    share = figure(data, "79%", "vcbeat-threat")
    assert (share["value"], share["unit"], share["period"]) == (79, "percent", "2024")
    assert "79%的美国生物制药公司" in share["text"]
    assert figure(data, "7100项")["unit"] == "项"
    assert figure(data, "510 亿美元")["value"] == 5.1e10
    assert figure(data, "2018 年 1 月 1 日")["period"] == "2018-01-01"


def test_not_figures(data):
    raws = {f["original"] for f in data["figures"]}
    values = {(f["document"], f["value"]) for f in data["figures"]}
    assert "33%" in raws and not any(r.startswith("33%1") for r in raws)  # footnote marker
    assert ("yunayun-hegemony", 13811016198.0) not in values  # phone number in the footer
    assert not [r for r in raws if "６" in r]  # page number
    assert not [f for f in data["figures"] if f["original"].startswith("100") and "H100" in f["text"]
                and f["kind"] == "count"]


def test_traditional_matches_simplified_for_matching_only():
    assert normalize("發佈報告，佔比“32%”").text == normalize('发布报告,占比"32%"').text


def test_a_new_document_ingests_with_no_code_change(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    fixture = ROOT / "tests" / "fixtures" / "mixed"
    shutil.copy(fixture / "mixed.txt", seeds / "mixed.txt")
    with (seeds / "catalog.yaml").open("a", encoding="utf-8") as catalog:
        catalog.write((fixture / "catalog-entry.yaml").read_text(encoding="utf-8"))
    sources, _extract = extract_project(tmp_path)
    source = next(s for s in sources if s.document.id == "mixed-sample")
    tables, blocks, sections, figures = read_source(source)
    kinds = [(b.kind, b.level) for b in blocks]
    assert kinds == [
        ("boilerplate", 0), ("boilerplate", 0), ("title", 0), ("byline", 0), ("byline", 0), ("heading", 1),
        ("paragraph", 0), ("table", 0), ("heading", 2), ("paragraph", 0), ("footnote", 1), ("page-number", 0),
        ("paragraph", 0), ("heading", 1), ("heading", 2), ("paragraph", 0), ("heading", 2), ("paragraph", 0),
        ("boilerplate", 0),
    ]
    wrapped = blocks[9]
    assert wrapped.text.startswith("近年来") and wrapped.text.endswith("进一步") and "\n" not in wrapped.text
    assert blocks[12].continues == wrapped.id
    assert [b.text for b in blocks if b.kind == "heading" and b.level == 2][1:] == [
        "01 產業展望:邁向規模化", "02 風險提示:技術尚不成熟"]
    assert [[c.text for c in r] for r in tables[0].rows] == [["美国", "生物经济"], ["中国", "生物制造"]]
    assert ("money", 3.0e10) in [(f.kind, f.value) for f in figures]  # 300亿 / 美元 across a line break
    assert [s.title for s in sections][:2] == ["一、产业现状", "（一）政策支持"]
