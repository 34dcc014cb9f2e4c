"""Extract stage: sources and curated data in, one Extract out (pure apart from reading seeds/)."""

from __future__ import annotations

from pathlib import Path

from pipeline.consolidate import consolidate
from pipeline.facts import load_facts
from pipeline.figures import figures_of
from pipeline.model import Extract, Figure, Source, SourceBlock, SourceSection, Table
from pipeline.read_blocks import read_blocks
from pipeline.sections import sections_of
from pipeline.seeds import load_sources
from pipeline.tables import read_tables


def read_source(source: Source) -> tuple[tuple[Table, ...], tuple[SourceBlock, ...], tuple[SourceSection, ...], tuple[Figure, ...]]:
    """One seed's tables, blocks, sections and figures: a pure function of its text and entry."""
    doc = source.document
    tables = read_tables(doc.id, source.text)
    blocks = read_blocks(doc, source.text, tables, doc.headings)
    return tables, blocks, sections_of(blocks), figures_of(blocks, source.text)


def extract(sources: tuple[Source, ...], facts_path: Path, facts_shown: str) -> Extract:
    read = [read_source(s) for s in sources]
    documents = tuple(s.document for s in sources)
    blocks = tuple(b for r in read for b in r[1])
    facts, conflicts = load_facts(facts_path, facts_shown, sources)
    return Extract(
        documents=documents,
        tables=tuple(t for r in read for t in r[0]),
        facts=consolidate(facts, conflicts, documents, blocks),
        blocks=blocks,
        sections=tuple(x for r in read for x in r[2]),
        figures=tuple(f for r in read for f in r[3]),
        conflicts=conflicts,
    )


def extract_project(root: Path) -> tuple[tuple[Source, ...], Extract]:
    """The extract of a project folder: seeds/catalog.yaml, the seeds, seeds/facts.yaml."""
    sources = load_sources(root / "seeds")
    return sources, extract(sources, root / "seeds" / "facts.yaml", "seeds/facts.yaml")
