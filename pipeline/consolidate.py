"""Consolidation: one fact, all its evidence; copies marked; independent sources counted;
a credibility derived for each fact.

A passage in a compilation article that the catalog marks `copy_of` another document is a
republication, not corroboration: it counts with its original as one source. Credibility uses
the Admiralty information scale, derived (documented in docs/facts.md) from:
- independent sources: three or more -> 1 (confirmed by other sources), two -> 2 (probably
  true), one -> 3 (possibly true);
- a conflict naming the fact lowers it one step; a conflict that marks it doubtful makes it at
  least 4 (doubtful);
- when its best source is graded D or E, one step lower; if every source is F, 6 (cannot be
  judged).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from pipeline.model import Conflict, Document, Evidence, Fact, SourceBlock

LABELS = {1: "confirmed by other sources", 2: "probably true", 3: "possibly true", 4: "doubtful",
          5: "improbable", 6: "cannot be judged"}


class _Articles:
    """Which compilation article a seed offset falls in, from the reader's blocks."""

    def __init__(self, blocks: tuple[SourceBlock, ...]) -> None:
        self.starts: dict[str, list[int]] = {}
        self.blocks: dict[str, list[SourceBlock]] = {}
        for block in blocks:
            self.starts.setdefault(block.document, []).append(block.span.start)
            self.blocks.setdefault(block.document, []).append(block)

    def at(self, document: str, offset: int) -> str:
        index = bisect.bisect_right(self.starts.get(document, []), offset) - 1
        return self.blocks[document][index].article if index >= 0 else ""


def consolidate(facts: tuple[Fact, ...], conflicts: tuple[Conflict, ...], documents: tuple[Document, ...],
                blocks: tuple[SourceBlock, ...]) -> tuple[Fact, ...]:
    articles = _Articles(blocks)
    copies = {a.id: a.copy_of for d in documents for a in d.articles if a.copy_of}
    grades = {d.id: d.grade for d in documents} | {a.id: a.grade for d in documents for a in d.articles}
    out = []
    for fact in facts:
        evidence = tuple(_place(e, articles, copies) for e in fact.evidence)
        sources = {e.copy_of or e.article or e.document for e in evidence}
        out.append(replace(fact, evidence=evidence, sources=len(sources),
                           credibility=credibility(fact.id, sources, conflicts, grades)))
    return tuple(out)


def _place(evidence: Evidence, articles: _Articles, copies: dict[str, str]) -> Evidence:
    article = articles.at(evidence.document, evidence.span.start)
    return replace(evidence, article=article, copy_of=copies.get(article, ""))


def credibility(fact_id: str, sources: set[str], conflicts: tuple[Conflict, ...], grades: dict[str, str]) -> int:
    source_grades = sorted(grades.get(s, "F") for s in sources)
    if all(g == "F" for g in source_grades):
        return 6
    rating = 1 if len(sources) >= 3 else 2 if len(sources) == 2 else 3
    if any(fact_id in c.facts for c in conflicts):
        rating += 1
    if source_grades[0] in ("D", "E"):
        rating += 1
    if any(fact_id in c.doubtful for c in conflicts):
        rating = max(rating, 4)
    return min(rating, 5)
