"""Outline stage: an editor's YAML in, a validated Outline out; every mistake located at once.

The language is documented in docs/outlines.md and described for editors' tools by
schemas/outline.schema.json. Each error names file:line:col, what was expected, and a
"did you mean" when a name is close.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.errors import BriefError, Loc, raise_all
from pipeline.model import Extract, I18n, Item, Outline, Section
from pipeline.outline_charts import Reader
from pipeline.yamlsrc import Y, check_keys, expected, load_yaml

LANGS = ("en", "zh")
_TOP_KEYS = ("meta", "sections")
_META_KEYS = ("title", "subtitle", "date", "author", "editions", "distribution", "sources_appendix", "keywords",
              "contents")
_SECTION_KEYS = ("id", "heading", "content", "sections")
MAX_DEPTH = 3


class Checker:
    """Collects errors while walking one outline, instead of stopping at the first."""

    def __init__(self, extract: Extract, sources: dict[str, str]) -> None:
        self.extract = extract
        self.sources = sources
        self.errors: list[BriefError] = []
        self.editions: tuple[str, ...] = LANGS

    def keep(self, errors: list[BriefError]) -> None:
        self.errors.extend(errors)

    def text(self, node: Y | None, what: str, loc: Loc, required: bool = True) -> I18n:
        """A text per edition language; a missing translation is an error naming the place."""
        if node is None or node.value is None:
            if required:
                self.errors.append(BriefError(f"missing {what}", loc))
            return I18n()
        if not node.is_map():
            self.errors.append(BriefError(f"expected {what} per language (en:, zh:), found {node.kind()}", node.loc))
            return I18n()
        self.keep(check_keys(node, LANGS))
        values = {}
        for lang in LANGS:
            child = node.as_map().get(lang)
            if child is None:
                if lang in self.editions and required:
                    self.errors.append(BriefError(f"{what} has no '{lang}' text for the {lang} edition", node.loc))
                continue
            try:
                values[lang] = child.as_str(what)
            except BriefError as exc:
                self.errors.append(exc)
        return I18n(**values)


def load_outline(path: Path, shown: str, extract: Extract, sources: dict[str, str] | None = None) -> Outline:
    """`sources` maps document ids to seed texts, for anchoring quoted passages."""
    root = load_yaml(path, shown)
    if not root.is_map():
        raise BriefError(f"expected a mapping with meta: and sections:, found {root.kind()}", root.loc)
    checker = Checker(extract, sources or {})
    checker.keep(check_keys(root, _TOP_KEYS, required=_TOP_KEYS))
    raise_all(checker.errors)
    meta = root.as_map()["meta"]
    if not meta.is_map():
        raise BriefError(f"expected meta: to be a mapping, found {meta.kind()}", meta.loc)
    checker.keep(check_keys(meta, _META_KEYS, required=("title", "date", "editions")))
    checker.editions = _editions(meta, checker)
    items = Reader(checker)
    sections = _sections(root.as_map()["sections"], checker, items, depth=1, prefix="sec")
    m = meta.as_map()
    outline = Outline(
        name=path.stem,
        title=checker.text(m.get("title"), "title", meta.loc),
        subtitle=checker.text(m.get("subtitle"), "subtitle", meta.loc, required=False),
        date=_date(m.get("date"), checker),
        author=checker.text(m.get("author"), "author", meta.loc, required=False),
        distribution=checker.text(m.get("distribution"), "distribution line", meta.loc, required=False),
        editions=checker.editions,
        sections=sections,
        appendix=_flag(m.get("sources_appendix"), checker, default=True),
        keywords=_keywords(m.get("keywords"), checker),
        contents=_flag(m.get("contents"), checker, default=True),
    )
    _unique_ids(outline.sections, root.as_map()["sections"], checker)
    raise_all(checker.errors)
    return outline


def _sections(node: Y, checker: Checker, items: Reader, depth: int, prefix: str) -> tuple[Section, ...]:
    if not node.is_list() or not node.as_list():
        checker.errors.append(BriefError(f"expected a non-empty list of sections, found {node.kind()}", node.loc))
        return ()
    out = []
    for index, child in enumerate(node.as_list(), start=1):
        section = _section(child, checker, items, depth, f"{prefix}-{index}")
        if section is not None:
            out.append(section)
    return tuple(out)


def _section(node: Y, checker: Checker, items: Reader, depth: int, auto_id: str) -> Section | None:
    if not node.is_map():
        checker.errors.append(BriefError(f"expected a section (heading:, content:), found {node.kind()}", node.loc))
        return None
    checker.keep(check_keys(node, _SECTION_KEYS, required=("heading",)))
    m = node.as_map()
    heading = checker.text(m.get("heading"), "section heading", node.loc)
    content = m.get("content")
    children: tuple[Section, ...] = ()
    if "sections" in m:
        if depth >= MAX_DEPTH:
            checker.errors.append(BriefError(f"sections nest at most {MAX_DEPTH} deep", m["sections"].loc))
        else:
            children = _sections(m["sections"], checker, items, depth + 1, auto_id)
    if content is None and not children:
        checker.errors.append(BriefError("the section is empty: give it content: or sections:", node.loc))
        return None
    parsed: tuple[Item, ...] = ()
    if content is not None:
        if not content.is_list() or not content.as_list():
            checker.errors.append(BriefError(f"expected a non-empty list of content, found {content.kind()}", content.loc))
        else:
            parsed = tuple(i for i in (items.read(c) for c in content.as_list()) if i is not None)
    section_id = m["id"].as_str("a section id") if "id" in m else auto_id
    if not re.fullmatch(r"[A-Za-z][\w-]*", section_id):
        checker.errors.append(BriefError(f"section id '{section_id}' must be letters, digits and dashes", m["id"].loc))
    return Section(heading, parsed, section_id, children)


def _unique_ids(sections: tuple[Section, ...], node: Y, checker: Checker) -> None:
    seen: set[str] = set()

    def walk(items: tuple[Section, ...]) -> None:
        for section in items:
            if section.id in seen:
                checker.errors.append(BriefError(f"duplicate section id '{section.id}'", node.loc))
            seen.add(section.id)
            walk(section.sections)

    walk(sections)


def _editions(meta: Y, checker: Checker) -> tuple[str, ...]:
    node = meta.as_map().get("editions")
    if node is None or not node.is_list() or not node.as_list():
        checker.errors.append(BriefError("meta.editions must list at least one of: en, zh", (node or meta).loc))
        return LANGS
    out: list[str] = []
    for child in node.as_list():
        try:
            lang = child.as_str("an edition language")
        except BriefError as exc:
            checker.errors.append(exc)
            continue
        if lang not in LANGS:
            checker.errors.append(BriefError(f"unknown edition '{lang}'", child.loc, hint=expected(lang, LANGS)))
        elif lang in out:
            checker.errors.append(BriefError(f"edition '{lang}' is listed twice", child.loc))
        else:
            out.append(lang)
    return tuple(out) or LANGS


def _date(node: Y | None, checker: Checker) -> str:
    if node is None:
        return ""
    text = node.raw if node.tag == "str" else ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        checker.errors.append(BriefError(f"expected a date as YYYY-MM-DD in quotes, found {node.kind()}", node.loc))
    return text


def _keywords(node: Y | None, checker: Checker) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if node is None:
        return ()
    checker.keep(check_keys(node, LANGS))
    out = []
    for lang, words in node.as_map("keywords per language").items():
        try:
            out.append((lang, tuple(w.as_str("a keyword") for w in words.as_list("a list of keywords"))))
        except BriefError as exc:
            checker.errors.append(exc)
    return tuple(out)


def _flag(node: Y | None, checker: Checker, default: bool) -> bool:
    if node is None:
        return default
    if node.tag != "bool":
        checker.errors.append(BriefError(f"expected true or false, found {node.kind()}", node.loc))
        return default
    return bool(node.value)
