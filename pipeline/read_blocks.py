"""Reader stage: one seed's text -> blocks with exact spans, decided by the shape of each line.

Handles web extractions (one paragraph a line, navigation and footers around), PDF extractions
(lines wrapped at a column width, page numbers, numbered footnotes with repeated URLs, page
starts marked by a leading space), and compilations (long lines with headings run in).
Nothing here knows which file it reads: catalog data (title, authors, article titles and
heading hints) is the only per-document input.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from pipeline import boilerplate, headings
from pipeline.model import Document, SourceBlock, Span, Table
from pipeline.normalize import display, key

_TERMINAL = "。！？!?；;"
_CLOSERS = "）)”」』】"
_FOOTNOTE = re.compile(r"^(\d{1,2})(?:\s+[^\s\d年月日号个项条位名家亿万%．.].*)?$")
_CAPTION = re.compile(r"^(?:(?:图|圖)\s*\d+\s*\S|附表\s*[:：]?$|表\s*\d*\s*[:：])")
_LIST = re.compile(r"^(?:[●•▪◆]|[一二三四五六七八九十]是|\d{1,2}[.、]\s*\S)")
_BYLINE = re.compile(r"^(?:作者|原创|原創|[（(]执笔|[（(]執筆|日期\s*\d|\d{4}年\d{1,2}月\d{1,2}日(?:星期.)?$)")
_SHORT_HEADING = 20
_BYLINE_MAX = 80


@dataclass(frozen=True)
class Line:
    text: str  # stripped
    start: int
    end: int
    page_start: bool  # PDF extractions mark a new page by a leading space


def lines_of(text: str) -> list[Line]:
    out = []
    for match in re.finditer(r"[^\n]*", text):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = match.start() + lead
            out.append(Line(stripped, start, start + len(stripped), lead > 0 and raw[0] == " "))
    return out


_WIDE = re.compile(r"[\u2e80-\U0002ffff]")


def width(text: str) -> int:
    """Display width: CJK and full-width characters count two."""
    return len(text) + len(_WIDE.findall(text))


def wrap_width(lines: list[Line]) -> int:
    """The column width of a PDF extraction (the commonest line width, shared by many lines),
    0 for web text, whose lines are whole paragraphs of every length."""
    counts: dict[int, int] = {}
    for line in lines:
        counts[width(line.text)] = counts.get(width(line.text), 0) + 1
    if not counts:
        return 0
    common, count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return common if 30 <= common <= 120 and count >= max(5, len(lines) // 8) else 0


def _terminal(text: str) -> bool:
    """Ends a sentence (closing brackets and a trailing attribution in parentheses aside)."""
    stripped = re.sub(r"[（(][^（()）]{1,20}[)）]$", "", text.rstrip()).rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


class _Reader:
    def __init__(self, doc: Document, text: str, tables: tuple[Table, ...], hints: tuple[str, ...]) -> None:
        self.doc, self.text, self.tables, self.hints = doc, text, tables, hints
        self.lines = lines_of(text)
        self.wrap = wrap_width(self.lines)
        self.vertical = boilerplate.vertical_runs([ln.text for ln in self.lines])
        self.blocks: list[SourceBlock] = []
        self.footnote = 1
        self.seen_title = False
        self.titles = {key(a.title): a.id for a in doc.articles}
        self.title_key = key(doc.title)
        self.longest_title = max((len(a.title) for a in doc.articles), default=0) + 8
        self.attributions = {a.id: key(f"({a.attribution})") for a in doc.articles}
        self.article = ""

    # -- emitting ------------------------------------------------------------------------

    def emit(self, kind: str, start: int, end: int, **fields: object) -> SourceBlock:
        block = SourceBlock(
            id=f"{self.doc.id}/b{len(self.blocks) + 1:03d}", document=self.doc.id, kind=kind,
            text=display(self.text[start:end]), span=Span(start, end), article=self.article,
            **fields,  # type: ignore[arg-type]
        )
        self.blocks.append(block)
        closing = self.attributions.get(self.article, "")
        if closing and block.text.rstrip().endswith((")", "）")) and key(block.text[-40:]).endswith(closing):
            self.article = ""  # the attribution in parentheses closes a compilation's article
        return block

    # -- line classes -------------------------------------------------------------------

    def table_at(self, line: Line) -> Table | None:
        return next((t for t in self.tables if t.span.start <= line.end and line.start < t.span.end), None)

    def dropped_reason(self, index: int) -> str:
        if index in self.vertical:
            return "text set vertically (page furniture)"
        return boilerplate.classify(self.lines[index].text)

    def is_title(self, line: Line) -> bool:
        if len(line.text) > len(self.doc.title) + 8:
            return False
        k = key(line.text)
        return len(k) >= 4 and k in self.title_key

    def article_title(self, line: Line) -> str:
        return self.titles.get(key(line.text), "") if len(line.text) <= self.longest_title else ""

    def is_byline(self, line: Line) -> bool:
        if len(line.text) > _BYLINE_MAX:
            return False
        return bool(_BYLINE.match(line.text)) or any(a in line.text for a in self.doc.authors)

    def is_footnote(self, index: int) -> bool:
        match = _FOOTNOTE.match(self.lines[index].text)
        return bool(self.wrap and match and int(match.group(1)) == self.footnote
                    and index + 1 < len(self.lines) and not self.lines[index + 1].text[0].isdigit())

    def is_number_heading(self, index: int) -> bool:
        line = self.lines[index]
        if not headings.NUMBER_ALONE.match(line.text) or index + 1 >= len(self.lines):
            return False
        nxt = self.lines[index + 1].text
        return len(nxt) <= headings.MAX_TITLE and not _terminal(nxt)

    def is_short_heading(self, index: int) -> bool:
        line = self.lines[index]
        if len(line.text) > _SHORT_HEADING or re.search(r"[，,。：:；;！？!?、…]", line.text):
            return False
        nxt = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return (nxt is not None and len(nxt.text) > len(line.text)
                and (_terminal(nxt.text) or nxt.text[-1] in ":：" or len(nxt.text) > 2 * _SHORT_HEADING))

    def starts_block(self, index: int) -> bool:
        """Whether line `index` opens a block of its own rather than continuing a wrapped one."""
        line = self.lines[index]
        return bool(
            self.table_at(line) or self.dropped_reason(index) or self.is_footnote(index)
            or headings.numbered_level(line.text) or headings.run_in_level2(line.text)
            or self.is_number_heading(index) or _CAPTION.match(line.text) or _LIST.match(line.text)
        )

    # -- reading ------------------------------------------------------------------------

    def read(self) -> list[SourceBlock]:
        index = 0
        while index < len(self.lines):
            index = self.step(index)
        self.mark_tail()
        return self.blocks

    def step(self, i: int) -> int:
        line = self.lines[i]
        table = self.table_at(line)
        if table:
            self.emit("table", min(line.start, table.span.start), table.span.end)
            while i < len(self.lines) and self.lines[i].start < table.span.end:
                i += 1
            return i
        reason = self.dropped_reason(i)
        if reason:
            kind = "page-number" if reason == "page number" else "boilerplate"
            self.emit(kind, line.start, line.end, reason=reason)
            return i + 1
        if self.article_title(line):
            self.article = self.article_title(line)
            self.emit("heading", line.start, line.end, level=1)
            return i + 1
        if self.is_title(line):
            if self.seen_title and self.blocks[-1].kind != "title":
                self.emit("boilerplate", line.start, line.end, reason="repeated title")
            else:
                self.emit("title", line.start, line.end)
            self.seen_title = True
            return i + 1
        if self.is_byline(line):
            self.emit("byline", line.start, line.end)
            return i + 1
        if self.is_footnote(i):
            return self.footnote_block(i)
        return self.heading_or_text(i)

    def footnote_block(self, i: int) -> int:
        """A numbered PDF footnote runs to the page number or the next page's first line."""
        j = i + 1
        while j < len(self.lines) and not (
            self.lines[j].page_start or self.dropped_reason(j) or _FOOTNOTE.match(self.lines[j].text)
        ):
            j += 1
        self.emit("footnote", self.lines[i].start, self.lines[j - 1].end, level=self.footnote)
        self.footnote += 1
        return j

    def heading_or_text(self, i: int) -> int:
        line = self.lines[i]
        level = headings.numbered_level(line.text)
        if level:
            self.emit("heading", line.start, line.end, level=level)
            return i + 1
        if self.is_number_heading(i):
            self.emit("heading", line.start, self.lines[i + 1].end, level=1)
            return i + 2
        head = headings.run_in_level2(line.text)
        if head:
            self.emit("heading", line.start, line.start + head, level=2)
            return self.text_block("paragraph", i, line.start + head)
        if len(line.text) > headings.MAX_TITLE and headings.run_ins(line.text, self.hints):
            self.run_in_line(line)
            return i + 1
        if _CAPTION.match(line.text):
            self.emit("caption", line.start, line.end)
            return i + 1
        if self.is_short_heading(i):
            self.emit("heading", line.start, line.end, level=1)
            return i + 1
        listed = _LIST.match(line.text) or headings.LEVEL1.match(line.text)
        return self.text_block("list-item" if listed else "paragraph", i, line.start)

    def wrapped(self, line: Line) -> bool:
        """Whether a PDF line runs on: it fills the column, or breaks mid-sentence and is not
        much shorter than the column (a short line ends its paragraph)."""
        if _terminal(line.text):
            return width(line.text) >= self.wrap - 1
        return width(line.text) >= 0.6 * self.wrap

    def text_block(self, kind: str, i: int, start: int) -> int:
        """A paragraph or list item; in PDF text it takes the wrapped lines that follow."""
        j = i
        while self.wrap and j + 1 < len(self.lines) and self.wrapped(self.lines[j]) and not self.starts_block(j + 1):
            j += 1
        continues = ""
        previous = next((b for b in reversed(self.blocks) if b.kind not in ("footnote", "page-number")), None)
        if (self.wrap and self.lines[i].page_start and previous is not None and previous.kind == kind
                and not _terminal(previous.text) and self.blocks[-1] is not previous):
            continues = previous.id
        self.emit(kind, start, self.lines[j].end, continues=continues)
        return j + 1

    def run_in_line(self, line: Line) -> None:
        """Split a long line at its run-in headings: text, heading, text, heading, ..."""
        found = headings.run_ins(line.text, self.hints)
        base = 2 if self.article else 1
        gaps = [True] + [not line.text[a.end:b.start].strip() for a, b in itertools.pairwise(found)]
        levels = headings.nest([(r.number, gap and k > 0) for k, (r, gap) in enumerate(zip(found, gaps))], base)
        cursor = 0
        for run, level in zip(found, levels):
            if line.text[cursor:run.start].strip():
                self.emit("paragraph", *self.trimmed(line.start + cursor, line.start + run.start))
            self.emit("heading", line.start + run.start, line.start + run.end, level=level)
            cursor = run.end
        if line.text[cursor:].strip():
            self.emit("paragraph", *self.trimmed(line.start + cursor, line.end))

    def trimmed(self, start: int, end: int) -> tuple[int, int]:
        piece = self.text[start:end]
        return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())

    def mark_tail(self) -> None:
        """Short unpunctuated lines after the last paragraph are links to other pages."""
        for index in range(len(self.blocks) - 1, -1, -1):
            block = self.blocks[index]
            if block.dropped:
                continue
            if (block.kind in ("paragraph", "heading") and not block.article and len(block.text) < 30
                    and not _terminal(block.text)):
                self.blocks[index] = replace(block, kind="boilerplate", level=0,
                                             reason="page tail (links to other pages)")
                continue
            return


def read_blocks(doc: Document, text: str, tables: tuple[Table, ...], hints: tuple[str, ...] = ()) -> tuple[SourceBlock, ...]:
    return tuple(_Reader(doc, text, tables, hints).read())
