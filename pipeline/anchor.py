"""Resolve a verbatim quote to exactly one place in a seed (W3C TextQuote + TextPosition).

A quote passes only on an exact, unique match after `normalize`; fuzzy matching only
finds the closest passage to show in the error message.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from pipeline.errors import BriefError, Loc
from pipeline.model import Evidence, Span
from pipeline.normalize import Normalized, display, key

CONTEXT = 16


def anchor(doc_id: str, text: str, norm: Normalized, quote: str, loc: Loc) -> Evidence:
    needle = key(quote)
    if not needle:
        raise BriefError("the quote is empty", loc)
    first = norm.text.find(needle)
    if first < 0:
        raise BriefError(
            f"quote not found in '{doc_id}'", loc, hint=f"closest passage: «{closest(text, norm, needle)}»"
        )
    second = norm.text.find(needle, first + 1)
    if second >= 0:
        count = norm.text.count(needle)
        raise BriefError(
            f"quote occurs {count} times in '{doc_id}'", loc,
            hint="quote a longer passage so that it occurs once",
        )
    start, end = norm.span(first, first + len(needle))
    return Evidence(
        document=doc_id,
        quote=text[start:end],
        span=Span(start, end),
        prefix=text[max(0, start - CONTEXT):start],
        suffix=text[end:end + CONTEXT],
    )


def closest(text: str, norm: Normalized, needle: str) -> str:
    """The seed passage sharing the longest run with the quote, widened to the quote's length."""
    match = SequenceMatcher(None, norm.text, needle, autojunk=False).find_longest_match(
        0, len(norm.text), 0, len(needle)
    )
    if match.size == 0:
        return ""
    lo = max(0, match.a - match.b)
    hi = min(len(norm.text), lo + len(needle))
    start, end = norm.span(lo, hi)
    return display(text[start:end])
