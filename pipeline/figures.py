"""Quantitative mentions in the text blocks of a seed, with values normalised.

Money (`3000亿美元` -> 3.0e11 USD), percentages, multiples (`100倍`), counts with their
measure word (`7100项`, `5席`), years, year ranges and dates. Only kept prose is scanned
(paragraphs, list items, headings, captions), so page, phone and licence numbers never come
in; a number after Latin letters (`H100`, `ChatGPT-6`, `CRISPR 3.0`) is a name or a version; a footnote marker glued after a figure (`33%1`) is left out because
every pattern ends at its unit. Chinese-numeral dates (`二〇三五年`) are not read.
"""

from __future__ import annotations

import re

from pipeline.model import Figure, SourceBlock, Span
from pipeline.normalize import display

SCANNED = ("paragraph", "list-item", "heading", "caption")
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_YEAR = r"(?:19|20)\d{2}"
_PATTERN = re.compile(
    rf"(?P<range>(?P<y1>{_YEAR})\s*[-–—~至到]\s*(?P<y2>{_YEAR})\s*年)"
    rf"|(?P<date>(?P<y>{_YEAR})\s*年(?:\s*(?P<mo>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?)?)"
    rf"|(?P<money>(?P<m_num>{_NUM})\s*(?P<m_mul>万|萬|亿|億|兆)?\s*(?P<m_cur>美元|美金|元|人民币))"
    rf"|(?P<percent>(?P<p_num>{_NUM})\s*[%％])"
    rf"|(?P<multiple>(?P<x_num>{_NUM})\s*倍)"
    rf"|(?P<count>(?P<c_num>{_NUM})\s*(?P<c_mul>万|萬|亿|億)?\s*(?P<c_approx>多|余|餘)?\s*"
    r"(?P<c_unit>项|項|个|個|家|起|条|條|席|位|篇|名|例|所|座|款|笔|筆|份|种|種|票|次|页|頁|國|国))"
)
_MULTIPLIER = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
_CURRENCY = {"美元": "USD", "美金": "USD", "元": "CNY", "人民币": "CNY"}
_SENTENCE_END = re.compile(r"[。！？!?]")


def figures_of(blocks: tuple[SourceBlock, ...], text: str) -> tuple[Figure, ...]:
    found: list[Figure] = []
    for block in blocks:
        if block.kind not in SCANNED:
            continue
        for match in _PATTERN.finditer(text, block.span.start, block.span.end):
            if _touches_latin(text, match.start()):
                continue
            found.append(_figure(match, block, text, len(found) + 1, found))
    return tuple(found)


def _touches_latin(text: str, start: int) -> bool:
    """A letter just before the number (`H100`, `ChatGPT-6`, `CRISPR 3.0`) makes it a name."""
    before = text[max(0, start - 2):start].rstrip(" ")
    before = before[:-1] if before.endswith(("-", "‑")) else before
    return bool(before) and before[-1].isascii() and before[-1].isalpha()


def _number(raw: str) -> float:
    return float(raw.replace(",", ""))


def _figure(match: re.Match[str], block: SourceBlock, text: str, n: int, earlier: list[Figure]) -> Figure:
    g = match.groupdict()
    period = ""
    if g["range"]:
        kind, value, unit, period = "year", _number(g["y1"]), "year range", f"{g['y1']}/{g['y2']}"
    elif g["date"]:
        kind, value, unit = ("date" if g["mo"] else "year"), _number(g["y"]), "year"
        if g["mo"]:
            period = f"{g['y']}-{int(g['mo']):02d}" + (f"-{int(g['d']):02d}" if g["d"] else "")
    elif g["money"]:
        kind = "money"
        value = _number(g["m_num"]) * _MULTIPLIER.get(g["m_mul"] or "", 1)
        unit = _CURRENCY[g["m_cur"]]
    elif g["percent"]:
        kind, value, unit = "percent", _number(g["p_num"]), "percent"
    elif g["multiple"]:
        kind, value, unit = "multiple", _number(g["x_num"]), "times"
    else:
        kind = "count"
        value = _number(g["c_num"]) * _MULTIPLIER.get(g["c_mul"] or "", 1)
        unit = g["c_unit"] + (" (more than)" if g["c_approx"] else "")
    start, end = _sentence(text, block, match.start(), match.end())
    if kind not in ("year", "date"):
        period = _period(earlier, block.id, start, match.start())
    return Figure(
        id=f"{block.document}/f{n:03d}", document=block.document, value=value, unit=unit, kind=kind,
        raw=match.group(), period=period, text=display(text[start:end]),
        span=Span(match.start(), match.end()), block=block.id,
    )


def _sentence(text: str, block: SourceBlock, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end) within its block."""
    left = block.span.start
    for m in _SENTENCE_END.finditer(text, block.span.start, start):
        left = m.end()
    right_match = _SENTENCE_END.search(text, end, block.span.end)
    right = right_match.end() if right_match else block.span.end
    return left, right


def _period(earlier: list[Figure], block_id: str, sentence_start: int, at: int) -> str:
    """The nearest year stated before the figure in the same sentence, if any."""
    for fig in reversed(earlier):
        if fig.block != block_id or fig.span.start < sentence_start:
            break
        if fig.span.start < at and fig.kind in ("year", "date"):
            return fig.period if fig.unit == "year range" else str(int(fig.value))
    return ""
