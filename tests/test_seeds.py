"""Seeds are byte-identical copies, and the catalog states only what the texts say."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from pipeline.normalize import key
from pipeline.seeds import load_catalog

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SHARED = SEEDS.parent.parent / "shared" / "seeds"


def sums() -> dict[str, str]:
    lines = (SEEDS / "SHA256SUMS").read_text().splitlines()
    return {name.strip(): digest for digest, name in (line.split(maxsplit=1) for line in lines)}


def test_every_seed_matches_its_recorded_sha256():
    recorded = sums()
    on_disk = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert sorted(recorded) == on_disk
    for name, digest in recorded.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.skipif(not SHARED.is_dir(), reason="no shared/ folder beside the project")
def test_seeds_are_byte_identical_to_the_shared_originals():
    for original in SHARED.glob("*.txt"):
        assert (SEEDS / original.name).read_bytes() == original.read_bytes(), original.name


def test_catalog_lists_every_seed_once():
    docs = load_catalog(SEEDS)
    assert sorted(d.file for d in docs) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len({d.id for d in docs}) == len(docs)


def _in_text(doc_text: str, phrase: str) -> bool:
    return key(phrase) in key(doc_text)


def test_catalog_fields_are_printed_in_the_seed():
    """Titles, authors, publishers, stated dates and article attributions: all verbatim."""
    for doc in load_catalog(SEEDS):
        text = (SEEDS / doc.file).read_text(encoding="utf-8")
        claims = [doc.title, doc.publisher, *doc.authors, doc.date_stated.split(" (")[0]]
        for claim in filter(None, claims):
            assert _in_text(text, claim), (doc.id, claim)
        for article in doc.articles:
            assert _in_text(text, article.title), (article.id, article.title)
            assert _in_text(text, f"({article.attribution})"), (article.id, article.attribution)


def test_catalog_marks_scripts_and_the_compilation():
    docs = {d.id: d for d in load_catalog(SEEDS)}
    assert {d.script for d in docs.values()} == {"zh-Hans", "zh-Hant"}
    compilations = [d for d in docs.values() if d.kind == "compilation"]
    assert len(compilations) == 1 and len(compilations[0].articles) == 4
    copies = [a for a in compilations[0].articles if a.copy_of]
    assert [a.copy_of for a in copies] == ["vcbeat-threat"]


def test_catalog_raw_yaml_has_no_invented_url():
    raw = yaml.safe_load((SEEDS / "catalog.yaml").read_text(encoding="utf-8"))
    for entry in raw["documents"]:
        url = entry.get("url") or ""
        text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
        assert not url or url in text, entry["id"]
