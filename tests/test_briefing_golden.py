"""The assembled briefing model of the short outline, compared with its reviewed golden file
(rewrite with `pytest --accept`, then read the diff)."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from pipeline.assemble import assemble
from pipeline.model import to_jsonable
from pipeline.outline import load_outline


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_assembled_briefing_matches_golden(project, lang, accept):
    sources, extract = project
    texts = {s.document.id: s.text for s in sources}
    outline = load_outline(ROOT / "outlines" / "supply-chain.yaml", "outlines/supply-chain.yaml", extract, texts)
    model = to_jsonable(assemble(outline, extract, lang))
    path = ROOT / "tests" / "golden" / f"briefing-supply-chain.{lang}.json"
    if accept:
        path.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == model


def test_notes_are_numbered_in_order_of_first_call(project):
    sources, extract = project
    texts = {s.document.id: s.text for s in sources}
    outline = load_outline(ROOT / "outlines" / "supply-chain.yaml", "outlines/supply-chain.yaml", extract, texts)
    briefing = assemble(outline, extract, "en")
    calls = []

    def walk(x):
        if isinstance(x, dict):
            if x.get("type") == "NoteRef":
                calls.append(x["number"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(to_jsonable(briefing.blocks))
    assert calls == list(range(1, len(briefing.notes) + 1))
    repeat = next(n for n in briefing.notes if "see note" in n.inlines[0].text)
    assert repeat.inlines[0].text.endswith("see note 1")
