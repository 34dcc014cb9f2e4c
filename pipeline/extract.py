"""Extract stage: sources and curated data in, one Extract out (pure apart from reading seeds/)."""

from __future__ import annotations

from pathlib import Path

from pipeline.facts import load_facts
from pipeline.model import Extract, Source
from pipeline.seeds import load_sources
from pipeline.tables import read_tables


def extract(sources: tuple[Source, ...], facts_path: Path, facts_shown: str) -> Extract:
    tables = tuple(t for s in sources for t in read_tables(s.document.id, s.text))
    facts = load_facts(facts_path, facts_shown, sources)
    return Extract(tuple(s.document for s in sources), tables, facts)


def extract_project(root: Path) -> tuple[tuple[Source, ...], Extract]:
    """The extract of a project folder: seeds/catalog.yaml, the seeds, seeds/facts.yaml."""
    sources = load_sources(root / "seeds")
    return sources, extract(sources, root / "seeds" / "facts.yaml", "seeds/facts.yaml")
