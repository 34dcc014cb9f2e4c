"""Sections from heading blocks: each runs from its heading to the next heading of the same or
a higher level, the end of its compilation article, or the end of the document's content."""

from __future__ import annotations

from pipeline.model import SourceBlock, SourceSection, Span


def sections_of(blocks: tuple[SourceBlock, ...]) -> tuple[SourceSection, ...]:
    kept = [b for b in blocks if not b.dropped]
    out: list[SourceSection] = []
    for index, head in enumerate(kept):
        if head.kind != "heading":
            continue
        end = head.span.end
        for later in kept[index + 1:]:
            if later.kind == "heading" and (later.level <= head.level or later.article != head.article):
                break
            end = later.span.end
        out.append(SourceSection(
            id=f"{head.document}/s{len(out) + 1:02d}", document=head.document, level=head.level,
            title=head.text, span=Span(head.span.start, end), heading=head.id, article=head.article,
        ))
    return tuple(out)
