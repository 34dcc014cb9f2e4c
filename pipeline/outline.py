"""Outline stage: an editor's YAML in, a validated Outline out; every mistake located at once.

The outline language is documented in README (and, in full, in docs/ as it grows). Each
error names file:line:col, what was expected, and a "did you mean" when one is close.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.errors import BriefError, Loc, raise_all
from pipeline.model import Extract, FactsItem, I18n, Item, Outline, ProseItem, Section, TableItem
from pipeline.yamlsrc import Y, check_keys, expected, load_yaml

LANGS = ("en", "zh")
_META_KEYS = ("title", "subtitle", "date", "author", "editions", "distribution")
_ITEM_KINDS = ("prose", "facts", "table")
_TABLE_KEYS = ("id", "caption", "translations")


class _Checker:
    """Walks one outline, collecting errors instead of stopping at the first."""

    def __init__(self, extract: Extract) -> None:
        self.extract = extract
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

    def item(self, node: Y) -> Item | None:
        if not node.is_map() or len(node.as_map()) != 1:
            self.errors.append(BriefError(
                f"expected one of {', '.join(_ITEM_KINDS)} as a single-key mapping, found {node.kind()}", node.loc))
            return None
        (kind, body), = node.as_map().items()
        if kind not in _ITEM_KINDS:
            self.errors.append(BriefError(f"unknown content '{kind}'", node.key_locs[kind], hint=expected(kind, _ITEM_KINDS)))
            return None
        if kind == "prose":
            return ProseItem(self.text(body, "prose", body.loc))
        if kind == "facts":
            return self.facts(body)
        return self.table(body)

    def facts(self, node: Y) -> FactsItem | None:
        if not node.is_list():
            self.errors.append(BriefError(f"expected a list of fact ids, found {node.kind()}", node.loc))
            return None
        known = [f.id for f in self.extract.facts]
        ids = []
        for child in node.as_list():
            try:
                fid = child.as_str("a fact id")
            except BriefError as exc:
                self.errors.append(exc)
                continue
            if fid not in known:
                self.errors.append(BriefError(f"unknown fact '{fid}'", child.loc, hint=expected(fid, known)))
            ids.append(fid)
        return FactsItem(tuple(ids))

    def table(self, node: Y) -> TableItem | None:
        if not node.is_map():
            self.errors.append(BriefError(f"expected a table mapping (id:, caption:), found {node.kind()}", node.loc))
            return None
        self.keep(check_keys(node, _TABLE_KEYS, required=("id",)))
        m = node.as_map()
        if "id" not in m:
            return None
        table_id = m["id"].as_str("a table id")
        known = {t.id: t for t in self.extract.tables}
        if table_id not in known:
            self.errors.append(BriefError(f"unknown table '{table_id}'", m["id"].loc, hint=expected(table_id, list(known))))
            return None
        translations = self.translations(m.get("translations"))
        table = known[table_id]
        source_lang = self.extract.document(table.document).language
        for lang in self.editions:
            if lang == source_lang:
                continue
            have = dict(translations).get(lang, ())
            missing = [c.text for c in (*table.header, *(c for r in table.rows for c in r))
                       if c.text not in dict(have)]
            if missing:
                self.errors.append(BriefError(
                    f"table '{table_id}' lacks {lang} translations for {len(missing)} cells, first '{missing[0]}'",
                    node.loc, hint=f"add them under translations: {lang}:"))
        return TableItem(table_id, self.text(m.get("caption"), "table caption", node.loc), translations)

    def translations(self, node: Y | None) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        if node is None:
            return ()
        self.keep(check_keys(node, LANGS))
        out = []
        for lang, pairs in node.as_map("translations per language").items():
            try:
                out.append((lang, tuple((k, v.as_str("a translation")) for k, v in pairs.as_map().items())))
            except BriefError as exc:
                self.errors.append(exc)
        return tuple(out)

    def section(self, node: Y) -> Section | None:
        if not node.is_map():
            self.errors.append(BriefError(f"expected a section (heading:, content:), found {node.kind()}", node.loc))
            return None
        self.keep(check_keys(node, ("heading", "content"), required=("heading", "content")))
        m = node.as_map()
        heading = self.text(m.get("heading"), "section heading", node.loc)
        content = m.get("content")
        if content is None:
            return None
        if not content.is_list() or not content.as_list():
            self.errors.append(BriefError("a section needs a non-empty list of content", content.loc))
            return None
        items = tuple(i for i in (self.item(c) for c in content.as_list()) if i is not None)
        return Section(heading, items)


def load_outline(path: Path, shown: str, extract: Extract) -> Outline:
    root = load_yaml(path, shown)
    checker = _Checker(extract)
    if not root.is_map():
        raise BriefError(f"expected a mapping with meta: and sections:, found {root.kind()}", root.loc)
    checker.keep(check_keys(root, ("meta", "sections"), required=("meta", "sections")))
    raise_all(checker.errors)
    meta = root.as_map()["meta"]
    checker.keep(check_keys(meta, _META_KEYS, required=("title", "date", "editions")))
    checker.editions = _editions(meta, checker)
    m = meta.as_map()
    sections_node = root.as_map()["sections"]
    sections = tuple(s for s in (checker.section(n) for n in sections_node.as_list("a list of sections")) if s)
    if not sections_node.as_list():
        checker.errors.append(BriefError("the outline has no sections", sections_node.loc))
    outline = Outline(
        name=path.stem,
        title=checker.text(m.get("title"), "title", meta.loc),
        subtitle=checker.text(m.get("subtitle"), "subtitle", meta.loc, required=False),
        date=_date(m.get("date"), checker),
        author=checker.text(m.get("author"), "author", meta.loc, required=False),
        distribution=checker.text(m.get("distribution"), "distribution line", meta.loc, required=False),
        editions=checker.editions,
        sections=sections,
    )
    raise_all(checker.errors)
    return outline


def _editions(meta: Y, checker: _Checker) -> tuple[str, ...]:
    node = meta.as_map().get("editions")
    if node is None or not node.is_list() or not node.as_list():
        checker.errors.append(BriefError("meta.editions must list at least one of: en, zh", (node or meta).loc))
        return LANGS
    out = []
    for child in node.as_list():
        lang = child.as_str("an edition language")
        if lang not in LANGS:
            checker.errors.append(BriefError(f"unknown edition '{lang}'", child.loc, hint=expected(lang, LANGS)))
        elif lang in out:
            checker.errors.append(BriefError(f"edition '{lang}' is listed twice", child.loc))
        else:
            out.append(lang)
    return tuple(out)


def _date(node: Y | None, checker: _Checker) -> str:
    if node is None:
        return ""
    text = node.raw if node.tag in ("str", "timestamp") else ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        checker.errors.append(BriefError(f"expected a date as YYYY-MM-DD, found {node.kind()}", node.loc))
    return text
