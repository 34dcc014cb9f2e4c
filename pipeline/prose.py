"""Editor prose: Markdown paragraphs and bullet lists with *emphasis*, **strong** and links,
plus fact citations: `{{fact-id}}` inserts the fact's statement and its footnote, `[@fact-id]`
only the footnote, after the editor's own sentence.

Raw HTML is never interpreted (it prints as text); links must be http, https or mailto;
headings, code, images and other Markdown blocks are not part of the language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pipeline.model import Inline, Link, Para, Text

REF = re.compile(r"\{\{\s*([\w./-]+)\s*\}\}|\[@([\w./-]+)\]")
LINK = re.compile(r"\]\(\s*<?([^\s()>]+(?:\([^\s()]*\))?)")
HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
SAFE_SCHEMES = ("http://", "https://", "mailto:")

_MD = MarkdownIt("commonmark", {"html": False}).disable(
    ["heading", "lheading", "code", "fence", "blockquote", "hr", "image", "html_block", "html_inline",
     "reference", "backticks"]
)

Cite = Callable[[str, bool], list[Inline]]


def refs(markdown: str) -> list[str]:
    """Fact ids cited in the prose, in order."""
    return [m.group(1) or m.group(2) for m in REF.finditer(markdown)]


def raw_html(markdown: str) -> list[str]:
    return HTML.findall(markdown)


def unsafe_links(markdown: str) -> list[str]:
    return [url for url in LINK.findall(markdown) if not url.lower().startswith(SAFE_SCHEMES)]


def paragraphs(markdown: str, lang: str, cite: Cite) -> list[Para]:
    """Paragraphs (role body) and list items (role bullet) with their inline runs."""
    out: list[Para] = []
    depth = 0
    for token in _MD.parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "inline":
            out.append(Para(tuple(_inlines(token.children or [], lang, cite)), "bullet" if depth else "body"))
    return out


def _inlines(children: list[Token], lang: str, cite: Cite) -> list[Inline]:
    out: list[Inline] = []
    styles: list[str] = []
    href = ""
    for child in children:
        kind = child.type
        if kind in ("em_open", "strong_open"):
            styles.append(kind[:-5])
        elif kind in ("em_close", "strong_close"):
            styles.pop()
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
        elif kind == "link_close":
            href = ""
        elif kind in ("softbreak", "hardbreak"):
            out.append(Text(" " if lang == "en" else ""))
        elif kind in ("text", "code_inline"):
            out.extend(_text(child.content, styles[-1] if styles else "", href, cite))
    return _merge(out)


def _text(content: str, style: str, href: str, cite: Cite) -> list[Inline]:
    if href:
        return [Link(content, href)]
    out: list[Inline] = []
    cursor = 0
    for match in REF.finditer(content):
        if match.start() > cursor:
            out.append(Text(content[cursor:match.start()], style=style))
        out.extend(cite(match.group(1) or match.group(2), match.group(1) is not None))
        cursor = match.end()
    if cursor < len(content):
        out.append(Text(content[cursor:], style=style))
    return out


def _merge(inlines: list[Inline]) -> list[Inline]:
    """Adjacent plain runs of the same language and style become one."""
    out: list[Inline] = []
    for x in inlines:
        last = out[-1] if out else None
        if isinstance(x, Text) and isinstance(last, Text) and (last.lang, last.style) == (x.lang, x.style):
            out[-1] = Text(last.text + x.text, x.lang, x.style)
        elif not (isinstance(x, Text) and not x.text):
            out.append(x)
    return out
