"""Quotes pass only on an exact, unique match; failures are located and suggest the passage."""

from __future__ import annotations

import pytest

from pipeline.anchor import anchor
from pipeline.errors import BriefError, Loc
from pipeline.normalize import normalize

TEXT = "一、标题\n\n美国在生物技术领\n\n域的优势正在收窄，中国“成功”。\nAI 技术 and “quotes” 重复。重复。"
LOC = Loc("seeds/facts.yaml", 7, 9)


def resolve(quote: str):
    return anchor("doc", TEXT, normalize(TEXT), quote, LOC)


def test_quote_across_a_wrapped_line_maps_back_to_the_exact_span():
    ev = resolve("美国在生物技术领域的优势正在收窄")
    assert TEXT[ev.span.start:ev.span.end] == ev.quote
    assert ev.quote == "美国在生物技术领\n\n域的优势正在收窄"


def test_full_and_half_width_punctuation_match():
    ev = resolve('收窄,中国"成功"')
    assert TEXT[ev.span.start:ev.span.end] == "收窄，中国“成功”"


def test_prefix_and_suffix_are_recorded():
    ev = resolve("中国“成功”")
    assert ev.prefix.endswith("收窄，") and ev.suffix.startswith("。")


def test_a_quote_broken_by_one_character_fails_with_the_closest_passage():
    with pytest.raises(BriefError) as err:
        resolve("美国在生物科技领域的优势正在收窄")
    line = err.value.line()
    assert line.startswith("seeds/facts.yaml:7:9: quote not found in 'doc'")
    assert "closest passage: «美国在生物技术领域的优势正在收窄" in line


def test_a_quote_found_twice_fails():
    with pytest.raises(BriefError, match="occurs 2 times"):
        resolve("重复")


def test_normalized_offsets_point_into_the_original():
    norm = normalize(TEXT)
    for i, ch in enumerate(norm.text):
        original = TEXT[norm.origin[i]]
        assert not original.isspace()
        assert ch in normalize(original).text


def test_every_curated_quote_is_its_seed_text_at_its_span(project):
    sources, extract = project
    texts = {s.document.id: s.text for s in sources}
    assert extract.facts
    for fact in extract.facts:
        assert fact.statement.en and fact.statement.zh, fact.id
        for ev in fact.evidence:
            assert texts[ev.document][ev.span.start:ev.span.end] == ev.quote, fact.id
