"""Rebuild tables laid out one cell per line after a `表:` caption (web-page extractions).

The column count is not printed, so it is inferred: the header row must look like a header
(short labels, no punctuation), the cell count must divide into whole rows, and among the
counts left the one whose columns are most uniform in length wins.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator

from pipeline.model import Cell, Span, Table

CAPTION = re.compile(r"^[ \t]*表[ \t]*[:：][ \t]*(?P<caption>\S.*?)[ \t]*$", re.MULTILINE)
HEADING = re.compile(r"^[ \t]*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d{2}\s*$)")
MAX_CELL = 40
MAX_HEADER_CELL = 8
_PUNCT = re.compile(r"[、，,。；;：:（）()《》“”\"/]")


def read_tables(doc_id: str, text: str) -> tuple[Table, ...]:
    tables = []
    for number, match in enumerate(CAPTION.finditer(text), start=1):
        cells = list(_cells_after(text, match.end()))
        shaped = _shape(cells)
        if shaped is None:
            continue
        header, rows = shaped
        end = rows[-1][-1].span.end
        tables.append(
            Table(
                id=f"{doc_id}/table-{number}",
                document=doc_id,
                caption=match.group("caption"),
                span=Span(match.start("caption"), end),
                header=header,
                rows=rows,
            )
        )
    return tuple(tables)


def _cells_after(text: str, pos: int) -> Iterator[Cell]:
    """Non-blank lines after the caption up to a heading, a long paragraph or the text's end."""
    for line in re.finditer(r"[^\n]*", text[pos:]):
        raw = line.group()
        stripped = raw.strip()
        if not stripped:
            continue
        if len(stripped) > MAX_CELL or HEADING.match(raw):
            return
        start = pos + line.start() + (len(raw) - len(raw.lstrip()))
        yield Cell(stripped, Span(start, start + len(stripped)))


def _shape(cells: list[Cell]) -> tuple[tuple[Cell, ...], tuple[tuple[Cell, ...], ...]] | None:
    best: tuple[float, int] | None = None
    for ncols in range(2, 9):
        if len(cells) % ncols or len(cells) < 2 * ncols or not _header_like(cells[:ncols]):
            continue
        score = _raggedness(cells, ncols)
        if best is None or score < best[0]:
            best = (score, ncols)
    if best is None:
        return None
    n = best[1]
    rows = tuple(tuple(cells[i:i + n]) for i in range(n, len(cells), n))
    return tuple(cells[:n]), rows


def _header_like(cells: list[Cell]) -> bool:
    return all(len(c.text) <= MAX_HEADER_CELL and not _PUNCT.search(c.text) for c in cells)


def _raggedness(cells: list[Cell], ncols: int) -> float:
    """Mean coefficient of variation of cell length down each body column."""
    body = cells[ncols:]
    scores = []
    for col in range(ncols):
        lengths = [len(c.text) for c in body[col::ncols]]
        mean = statistics.fmean(lengths)
        scores.append(statistics.pstdev(lengths) / mean if mean else 0.0)
    return statistics.fmean(scores)
