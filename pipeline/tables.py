"""Rebuild tables from text extractions; every cell keeps the span of its original text.

Two shapes are read, by their look:
- cell-per-line (web pages): a `表:` caption, then one cell per line; the column count is
  inferred (header row of short labels, whole rows, most uniform columns);
- numeric rows (PDF): a `表 N：` caption, header fragments wrapped over lines, then rows of
  number and text tokens, possibly printed two-up (rows 1–15 beside 16–30) and with text
  cells wrapped over lines. The row pattern comes from the first full row.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.model import Cell, Span, Table
from pipeline.normalize import display

CAPTION = re.compile(r"^[ \t]*表[ \t]*(?P<number>\d*)[ \t]*[:：][ \t]*(?P<caption>\S.*?)[ \t]*$", re.MULTILINE)
HEADING = re.compile(r"^[ \t]*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d{2}\s*$)")
MAX_CELL = 40
MAX_HEADER_CELL = 8
MAX_TEXT_TOKEN = 16
_PUNCT = re.compile(r"[、，,。；;：:（）()《》“”\"/]")
_SENTENCE = re.compile(r"[，。；：]")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def read_tables(doc_id: str, text: str) -> tuple[Table, ...]:
    tables = []
    for number, match in enumerate(CAPTION.finditer(text), start=1):
        reader = _numeric if match.group("number") else _cell_per_line
        shaped = reader(text, match.end())
        if shaped is None:
            continue
        header, rows = shaped
        end = max(c.span.end for c in (*header, *(c for r in rows for c in r)) if c.text)
        tables.append(Table(
            id=f"{doc_id}/table-{number}",
            document=doc_id,
            caption=match.group("caption"),
            span=Span(match.start("caption"), end),
            header=header,
            rows=rows,
        ))
    return tuple(tables)


# --- cell per line -----------------------------------------------------------------------


def _lines_after(text: str, pos: int) -> Iterator[Cell]:
    """Non-blank lines after `pos`, stripped, each with its span."""
    for line in re.finditer(r"[^\n]*", text[pos:]):
        raw = line.group()
        stripped = raw.strip()
        if stripped:
            start = pos + line.start() + (len(raw) - len(raw.lstrip()))
            yield Cell(stripped, Span(start, start + len(stripped)))


def _cell_per_line(text: str, pos: int) -> tuple[tuple[Cell, ...], tuple[tuple[Cell, ...], ...]] | None:
    cells = list(itertools.takewhile(
        lambda c: len(c.text) <= MAX_CELL and not HEADING.match(c.text), _lines_after(text, pos)))
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
    return tuple(cells[:n]), tuple(tuple(cells[i:i + n]) for i in range(n, len(cells), n))


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


# --- numeric rows ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    text: str
    span: Span
    numeric: bool
    line: int


def _tokens(text: str, pos: int) -> Iterator[_Token]:
    for line_no, line in enumerate(re.finditer(r"[^\n]*", text[pos:]), start=1):
        for tok in re.finditer(r"\S+", line.group()):
            start = pos + line.start() + tok.start()
            yield _Token(tok.group(), Span(start, start + len(tok.group())), bool(_NUMBER.match(tok.group())), line_no)


def _merge(tokens: list[_Token], text: str) -> list[_Token]:
    """Adjacent text tokens form one cell (a name printed with spaces or wrapped over lines)."""
    out: list[_Token] = []
    for tok in tokens:
        if out and not tok.numeric and not out[-1].numeric:
            span = Span(out[-1].span.start, tok.span.end)
            out[-1] = _Token(display(text[span.start:span.end]), span, False, out[-1].line)
        else:
            out.append(tok)
    return out


def _numeric(text: str, pos: int) -> tuple[tuple[Cell, ...], tuple[tuple[Cell, ...], ...]] | None:
    tokens = list(itertools.takewhile(_table_token, _tokens(text, pos)))
    first_number = next((i for i, t in enumerate(tokens) if t.numeric), None)
    if first_number is None:
        return None
    header_tokens, body = tokens[:first_number], _merge(tokens[first_number:], text)
    first_line = [t for t in body if t.line == body[0].line]
    pattern = [t.numeric for t in first_line]
    period = next(p for p in range(1, len(pattern) + 1)
                  if len(pattern) % p == 0 and pattern == pattern[:p] * (len(pattern) // p))
    rows = _rows(body, pattern)
    if len(rows) < 2:
        return None
    per_side = len(pattern) // period
    halves = [tuple(tuple(_cell(t) for t in row[i * period:(i + 1) * period]) for row in rows) for i in range(per_side)]
    header = _header(header_tokens, period, text)
    return header, tuple(itertools.chain.from_iterable(halves))


def _table_token(tok: _Token) -> bool:
    return tok.numeric or (len(tok.text) <= MAX_TEXT_TOKEN and not _SENTENCE.search(tok.text))


def _rows(body: list[_Token], pattern: list[bool]) -> list[list[_Token]]:
    """Whole rows in the first row's pattern; stops at the first token that does not fit."""
    rows: list[list[_Token]] = []
    row: list[_Token] = []
    for tok in body:
        if tok.numeric != pattern[len(row)]:
            break
        row.append(tok)
        if len(row) == len(pattern):
            rows.append(row)
            row = []
    return rows


def _cell(tok: _Token) -> Cell:
    return Cell(tok.text, tok.span)


def _header(fragments: list[_Token], ncols: int, text: str) -> tuple[Cell, ...]:
    """Header cells from fragments: a repeated (two-up) header counts once; wrapped fragments
    join by the partition with the fewest one-character cells, broken brackets and long cells;
    missing leading cells (an unlabelled number column) stay empty."""
    half = len(fragments) // 2
    if half and [f.text for f in fragments[:half]] == [f.text for f in fragments[half:]]:
        fragments = fragments[:half]
    if len(fragments) <= ncols:
        empty = [Cell("", Span(f.span.start, f.span.start)) for f in fragments[:1]] * (ncols - len(fragments))
        return tuple(empty + [_cell(f) for f in fragments])
    best = min(itertools.combinations(range(1, len(fragments)), ncols - 1),
               key=lambda cuts: sum(_header_penalty(g) for g in _groups(fragments, cuts)))
    cells = []
    for group in _groups(fragments, best):
        span = Span(group[0].span.start, group[-1].span.end)
        cells.append(Cell(display(text[span.start:span.end]), span))
    return tuple(cells)


def _groups(fragments: list[_Token], cuts: tuple[int, ...]) -> list[list[_Token]]:
    bounds = (0, *cuts, len(fragments))
    return [fragments[a:b] for a, b in itertools.pairwise(bounds)]


def _header_penalty(group: list[_Token]) -> int:
    joined = "".join(f.text for f in group)
    same_line = any(a.line == b.line for a, b in itertools.pairwise(group))
    unbalanced = joined.count("（") + joined.count("(") != joined.count("）") + joined.count(")")
    return 3 * (len(joined) == 1) + 5 * unbalanced + max(0, len(joined) - 6) + 10 * same_line
