"""Property-based tests: every input to the outline loader and the readers either works or
fails with the project's error type, BriefError; nothing else escapes."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.anchor import anchor
from pipeline.errors import BriefError
from pipeline.figures import figures_of
from pipeline.model import Document, I18n
from pipeline.normalize import normalize
from pipeline.outline import load_outline
from pipeline.read_blocks import read_blocks
from pipeline.tables import read_tables

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
KEYS = ["meta", "sections", "title", "date", "editions", "heading", "content", "prose", "facts", "table", "id",
        "en", "zh", "chart", "kind", "values", "quote", "text", "document", "source_notes", "key_figures", "rows"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.sampled_from(["en", "zh", "2026-11-23", "all"]),
                    st.text(max_size=12))
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)), max_leaves=25)
DOC = Document(id="doc", file="doc.txt", title="标题", title_en="", label=I18n(), authors=("作者",), publisher="",
               date="", date_stated="", url="", language="zh", script="zh-Hans", kind="web article")
chinese = st.text(alphabet=st.sampled_from(list("表:一二三、（）()0123456789年月日%亿美元项个 \n\t。，●—６-")),
                  max_size=400)


def load(tmp_path: Path, text: str, project) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    sources, extract = project
    try:
        load_outline(path, "outlines/fuzz.yaml", extract, {s.document.id: s.text for s in sources})
    except BriefError as exc:
        assert exc.lines() and all(line.startswith("outlines/fuzz.yaml") for line in exc.lines())


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_as_an_outline(tmp_path, project, text):
    load(tmp_path, text, project)


@FUZZ
@given(trees)
def test_any_yaml_structure_as_an_outline(tmp_path, project, tree):
    load(tmp_path, yaml.safe_dump(tree, allow_unicode=True), project)


@FUZZ
@given(st.one_of(chinese, st.text(max_size=300)))
def test_the_readers_take_any_text(text):
    tables = read_tables("doc", text)
    blocks = read_blocks(DOC, text, tables)
    for block in blocks:
        assert 0 <= block.span.start <= block.span.end <= len(text)
    figures_of(blocks, text)


SEED = (ROOT / "seeds" / "001_74b18f1ce1fe189b.txt").read_text(encoding="utf-8")
NORM = normalize(SEED)


@FUZZ
@given(st.one_of(st.text(max_size=40), st.builds(lambda a, n: SEED[a:a + n], st.integers(0, len(SEED)),
                                                  st.integers(1, 60))))
def test_any_quote_anchors_or_fails_cleanly(quote):
    from pipeline.errors import Loc

    try:
        evidence = anchor("vcbeat-threat", SEED, NORM, quote, Loc("seeds/facts.yaml", 1, 1))
    except BriefError as exc:
        assert exc.line().startswith("seeds/facts.yaml:1:1: ")
    else:
        assert SEED[evidence.span.start:evidence.span.end] == evidence.quote
