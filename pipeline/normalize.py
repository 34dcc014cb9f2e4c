"""The one documented normalisation used to match quotes against seeds (never for display).

Each character of the original goes through, in order:
1. Unicode NFKC (full-width letters, digits and punctuation become half-width, U+3000 a space);
2. typographic quotes fold to ASCII (only the curly forms fold; 「 」 are left alone);
3. white space of any kind is removed (PDF extractions wrap lines mid-sentence);
4. Traditional characters become Simplified (OpenCC `t2s`, character for character), so a
   Traditional republication matches its Simplified original.
The result keeps, for every normalised character, the code-point offset of the original
character it came from, so a match maps back to an exact span of the seed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import opencc

_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_BREAK = re.compile(rf"(?<={_CJK})[ \t\u3000]*\n\s*|\s*\n\s*(?={_CJK})")
_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "＂": '"'})


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: tuple[int, ...]  # origin[i] = offset in the original of normalised char i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def normalize(original: str) -> Normalized:
    chars: list[str] = []
    origin: list[int] = []
    for offset, ch in enumerate(original):
        if ch.isspace():
            continue
        folded = unicodedata.normalize("NFKC", ch).translate(_FOLD) if not ch.isascii() else ch
        for out in folded:
            if not out.isspace():
                chars.append(out)
                origin.append(offset)
    return Normalized(_simplified("".join(chars)), tuple(origin))


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    """T->S keeping one output character per input character, so offsets stay valid."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _converter().convert(ch)) == 1 else ch for ch in text)


def key(text: str) -> str:
    """The normalised form alone, for comparing two short strings."""
    return normalize(text).text


def display(text: str) -> str:
    """Seed text for reading: wrapped lines rejoined (no space where a break touches CJK), other
    white space runs as one space; spaces printed within a line stay."""
    return re.sub(r"\s+", " ", _BREAK.sub("", text)).strip()
