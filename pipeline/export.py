"""The extract as JSON (build/extract.json): flat lists, every element with its seed span and
the original text at that span, so anyone can check provenance without our code.
Shape: schemas/extract.schema.json; reference: docs/extract.md."""

from __future__ import annotations

import json
from typing import Any

from pipeline.consolidate import LABELS
from pipeline.model import Cell, Evidence, Extract, Source

FORMAT_VERSION = 1


def _cell(cell: Cell, text: str) -> dict[str, Any]:
    s = cell.span
    return {"text": cell.text, "start": s.start, "end": s.end, "original": text[s.start:s.end]}


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"document": e.document, "article": e.article, "quote": e.quote, "start": e.span.start,
            "end": e.span.end, "prefix": e.prefix, "suffix": e.suffix, "copy_of": e.copy_of}


def extract_dict(extract: Extract, sources: tuple[Source, ...]) -> dict[str, Any]:
    texts = {s.document.id: s.text for s in sources}

    def original(doc: str, start: int, end: int) -> str:
        return texts[doc][start:end]

    return {
        "version": FORMAT_VERSION,
        "documents": [
            {"id": d.id, "file": d.file, "title": d.title, "title_en": d.title_en, "kind": d.kind,
             "language": d.language, "script": d.script, "chars": len(texts[d.id]),
             "articles": [{"id": a.id, "title": a.title, "attribution": a.attribution, "copy_of": a.copy_of}
                          for a in d.articles]}
            for d in extract.documents
        ],
        "sections": [
            {"id": x.id, "document": x.document, "article": x.article, "level": x.level, "title": x.title,
             "heading": x.heading, "start": x.span.start, "end": x.span.end,
             "original": original(x.document, x.span.start, x.span.end)}
            for x in extract.sections
        ],
        "blocks": [
            {"id": b.id, "document": b.document, "article": b.article, "kind": b.kind, "level": b.level,
             "text": b.text, "dropped": b.dropped, "reason": b.reason, "continues": b.continues,
             "start": b.span.start, "end": b.span.end, "original": original(b.document, b.span.start, b.span.end)}
            for b in extract.blocks
        ],
        "tables": [
            {"id": t.id, "document": t.document, "title": t.caption, "start": t.span.start, "end": t.span.end,
             "original": original(t.document, t.span.start, t.span.end),
             "columns": [_cell(c, texts[t.document]) for c in t.header],
             "rows": [[_cell(c, texts[t.document]) for c in row] for row in t.rows]}
            for t in extract.tables
        ],
        "figures": [
            {"id": f.id, "document": f.document, "block": f.block, "kind": f.kind, "value": f.value,
             "unit": f.unit, "period": f.period, "text": f.text, "start": f.span.start, "end": f.span.end,
             "original": f.raw}
            for f in extract.figures
        ],
        "facts": [
            {"id": f.id, "statement": {"en": f.statement.en, "zh": f.statement.zh}, "value": f.value,
             "unit": f.unit, "period": f.period, "tags": list(f.tags), "independent_sources": f.sources,
             "credibility": {"rating": f.credibility, "label": LABELS[f.credibility]},
             "evidence": [_evidence(e) for e in f.evidence]}
            for f in extract.facts
        ],
        "conflicts": [
            {"id": c.id, "facts": list(c.facts), "doubtful": list(c.doubtful),
             "explanation": {"en": c.explanation.en, "zh": c.explanation.zh},
             "quotes": [_evidence(e) for e in c.quotes]}
            for c in extract.conflicts
        ],
    }


def extract_json(extract: Extract, sources: tuple[Source, ...]) -> str:
    return json.dumps(extract_dict(extract, sources), ensure_ascii=False, indent=1) + "\n"
