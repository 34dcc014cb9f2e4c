"""Heading shapes of Chinese policy texts and their levels.

Numbered forms: `一、` (level 1), `（一）`/`(一)` (level 2), a two-digit `01` alone on its line
before the title (level 1), and two-digit numbers run into a long line (levels from the
numbering: a `01` right after another heading opens a deeper level). A heading's title ends
at its line's end, or, when run into the body, at the first cue that the body has begun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUM = "一二三四五六七八九十"
LEVEL1 = re.compile(rf"^[{CN_NUM}]+、")
LEVEL2 = re.compile(rf"^[（(][{CN_NUM}]+[)）]")
NUMBER_ALONE = re.compile(r"^\d{2}$")
RUN_IN = re.compile(r"(?:(?<=^)|(?<=[。！？!?”」)]))\s*(\d{2})\s?(?=[^\d\s.%])")
MAX_TITLE = 40
_TERMINAL = "。！？!?；;"
_BODY_CUES = re.compile(
    r"(?=《|\d{4}年|\d+\.\s|\d{2}\s|[\u4e00-\u9fff]{2}[:：]|[A-Z]{2,}[:：])"
)


@dataclass(frozen=True)
class RunIn:
    """A heading found inside a long line: [start, end) offsets within that line."""

    number: int
    start: int
    end: int


def numbered_level(line: str) -> int:
    """Level of a short numbered heading line, 0 when the line is not one."""
    if len(line) > MAX_TITLE or line[-1] in _TERMINAL or line[-1] in "，,：:" or "。" in line:
        return 0
    if LEVEL1.match(line):
        return 1
    if LEVEL2.match(line):
        return 2
    return 0


def run_in_level2(line: str) -> int:
    """For `（一）Title。Body…` lines: the length of the heading part, 0 when not this shape."""
    if not LEVEL2.match(line):
        return 0
    stop = line.find("。")
    return stop + 1 if 0 < stop < MAX_TITLE else 0


def run_ins(line: str, hints: tuple[str, ...] = ()) -> list[RunIn]:
    """Two-digit headings run into a long line, each with the extent of its title.

    `hints` are headings as printed (from the catalog) for titles no generic cue can end.
    """
    found = []
    for match in RUN_IN.finditer(line):
        title_start = match.end()
        hinted = [h for h in hints if line.startswith(h, match.start(1))]
        if hinted:
            end = match.start(1) + len(max(hinted, key=len))
        else:
            end = title_start + _title_length(line[title_start:title_start + MAX_TITLE])
        found.append(RunIn(int(match.group(1)), match.start(1), end))
    return found


def _title_length(rest: str) -> int:
    """Where a run-in title ends: a restated topic word, or the first cue of body text."""
    colon = re.search(r"[:：]", rest[:12])
    after = colon.end() + 2 if colon else 2
    ends = [len(rest)]
    if colon and colon.start() >= 2:
        again = rest.find(rest[:colon.start()], after)
        ends.append(again if again > 0 else len(rest))
    for match in (_BODY_CUES.search(rest, after), re.search(r"[。！？!?]", rest)):
        if match:
            ends.append(match.start())
    return min(ends)


def nest(numbers: list[tuple[int, bool]], base: int) -> list[int]:
    """Levels for numbered headings in order; each is (number, follows another heading at once)."""
    levels: list[int] = []
    stack: list[list[int]] = []  # [level, last number]
    for number, right_after_heading in numbers:
        if number == 1 and right_after_heading and stack:
            stack.append([stack[-1][0] + 1, 1])
        else:
            while len(stack) > 1 and stack[-1][1] != number - 1:
                stack.pop()
            if not stack:
                stack.append([base, number])
            else:
                stack[-1][1] = number
        levels.append(stack[-1][0])
    return levels
