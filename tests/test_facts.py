"""Curated facts: coverage, copies counted once, conflicts, grades and derived credibility."""

from __future__ import annotations

import re
import shutil
from difflib import SequenceMatcher

import pytest
from conftest import ROOT

from pipeline.assemble import assemble
from pipeline.consolidate import credibility
from pipeline.errors import BriefError
from pipeline.extract import extract_project
from pipeline.model import Conflict, FactsItem, I18n, Outline, Section
from pipeline.normalize import normalize

THEMES = ("nsceb", "us-measures", "china-position", "market-gap", "constraints", "hotspots", "tech-index", "outlook")


def test_coverage_every_seed_every_theme_both_languages(project):
    sources, extract = project
    assert len(extract.facts) >= 60
    cited = {e.document for f in extract.facts for e in f.evidence}
    assert cited == {s.document.id for s in sources}
    tags = {t for f in extract.facts for t in f.tags}
    assert set(THEMES) <= tags
    for fact in extract.facts:
        assert fact.statement.en.strip() and fact.statement.zh.strip(), fact.id
        assert re.search(r"[\u4e00-\u9fff]", fact.statement.zh), fact.id
        assert not re.search(r"[\u4e00-\u9fff]", fact.statement.en), fact.id


def test_a_copy_is_not_corroboration(project):
    facts = {f.id: f for f in project[1].facts}
    trials = facts["clinical-trials-2024"]
    assert [e.document for e in trials.evidence] == ["vcbeat-threat", "compilation-biotech"]
    assert trials.evidence[1].article == "compilation-biotech/threat"
    assert trials.evidence[1].copy_of == "vcbeat-threat"
    assert trials.sources == 1
    assert facts["china-biotech-market-value"].sources == 2  # two outlets plus a copy of one


def test_the_declared_copy_is_the_original_in_traditional_script(project):
    sources, extract = project
    texts = {s.document.id: s.text for s in sources}
    def article(name: str) -> str:
        return normalize("".join(b.text for b in extract.blocks if b.article == name)).text

    original = normalize(texts["vcbeat-threat"]).text
    # Traditional-script republication also swaps some words (數據 -> 資料), hence a ratio.
    assert SequenceMatcher(None, original, article("compilation-biotech/threat"), autojunk=False).ratio() > 0.95
    unrelated = article("compilation-biotech/harvard-index")[:len(original)]
    assert SequenceMatcher(None, original, unrelated, autojunk=False).ratio() < 0.2


def test_conflicts_touch_real_facts_and_resolve(project):
    sources, extract = project
    texts = {s.document.id: s.text for s in sources}
    ids = {f.id for f in extract.facts}
    assert len(extract.conflicts) >= 5
    for conflict in extract.conflicts:
        assert set(conflict.facts) <= ids and set(conflict.doubtful) <= set(conflict.facts)
        assert conflict.explanation.en and conflict.explanation.zh
        for q in conflict.quotes:
            assert texts[q.document][q.span.start:q.span.end] == q.quote
    vote = next(c for c in extract.conflicts if c.id == "biosecure-vote-chamber")
    assert "参议院" in vote.quotes[0].quote and "Senate" in vote.explanation.en


def test_credibility_follows_sources_conflicts_and_grades():
    grades = {"a": "B", "b": "C", "c": "B", "weak": "E", "unknown": "F"}
    clash = (Conflict("c1", ("touched", "doubted"), ("doubted",), (), I18n("x", "y")),)
    assert credibility("f", {"a", "b", "c"}, (), grades) == 1
    assert credibility("f", {"a", "b"}, (), grades) == 2
    assert credibility("f", {"a"}, (), grades) == 3
    assert credibility("touched", {"a", "b"}, clash, grades) == 3
    assert credibility("doubted", {"a", "b", "c"}, clash, grades) == 4
    assert credibility("f", {"weak"}, (), grades) == 4
    assert credibility("f", {"unknown"}, (), grades) == 6


def test_graded_facts_in_the_extract(project):
    facts = {f.id: f for f in project[1].facts}
    assert facts["us-biopharma-reliance"].sources == 3 and facts["us-biopharma-reliance"].credibility == 2
    assert facts["us-api-75-percent"].credibility == 4
    assert facts["biomanufacturing-share-claim"].credibility >= 4


def test_a_footnote_names_the_copy_instead_of_quoting_it_twice(project):
    extract = project[1]
    outline = Outline("t", I18n("T", "标题"), I18n(), "2026-01-01", I18n(), I18n(), ("en", "zh"),
                      (Section(I18n("A", "甲"), (FactsItem(("clinical-trials-2024",)),)),))
    for lang, words in (("en", "also republished in"), ("zh", "转载")):
        note = assemble(outline, extract, lang).notes[0]
        text = "".join(x.text for x in note.inlines)
        assert words in text and text.count("7100") == 1, text


def edited(tmp_path, old: str, new: str):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    facts = tmp_path / "seeds" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert old in text
    facts.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BriefError) as err:
        extract_project(tmp_path)
    return err.value.lines()


def test_a_broken_conflict_quote_is_located(tmp_path):
    (line,) = edited(tmp_path, "(306票赞成对81票反对)\n", "(307票赞成对81票反对)\n")
    assert re.match(r"seeds/facts\.yaml:\d+:16: quote not found in 'yunayun-hegemony'; closest passage: «", line)


def test_a_conflict_naming_an_unknown_fact_suggests_the_right_one(tmp_path):
    (line,) = edited(tmp_path, "facts: [biosecure-vote]", "facts: [biosecure-votes]")
    assert "unknown fact 'biosecure-votes'; did you mean 'biosecure-vote'?" in line
