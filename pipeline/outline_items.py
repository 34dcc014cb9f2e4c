"""The content items of an outline section: prose, facts, table, key_figures, quote,
source_notes. Each reader validates against the extract and reports every mistake located."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.anchor import anchor
from pipeline.errors import BriefError
from pipeline.model import (
    Evidence,
    FactsItem,
    Item,
    KeyFigure,
    KeyFiguresItem,
    ProseItem,
    QuoteItem,
    SourceNotesItem,
    TableItem,
)
from pipeline.normalize import normalize
from pipeline.prose import raw_html, refs, unsafe_links
from pipeline.wording import format_value
from pipeline.yamlsrc import Y, check_keys, expected

if TYPE_CHECKING:
    from pipeline.outline import Checker

KINDS = ("prose", "facts", "table", "key_figures", "quote", "source_notes", "chart")
_TABLE_KEYS = ("id", "caption", "columns", "rows", "headers", "translations")
_LANGS = ("en", "zh")


class ItemReader:
    def __init__(self, checker: Checker) -> None:
        self.c = checker
        self.known_facts = {f.id: f for f in checker.extract.facts}
        self.known_tables = {t.id: t for t in checker.extract.tables}
        self.conflicts = [c.id for c in checker.extract.conflicts]
        self.tags = sorted({t for f in checker.extract.facts for t in f.tags})

    def error(self, message: str, node: Y, hint: str = "") -> None:
        self.c.errors.append(BriefError(message, node.loc, hint=hint))

    def read(self, node: Y) -> Item | None:
        if not node.is_map() or len(node.as_map()) != 1:
            self.error(f"expected one of {', '.join(KINDS)} as a single-key mapping, found {node.kind()}", node)
            return None
        ((kind, body),) = node.as_map().items()
        if kind not in KINDS:
            self.c.errors.append(BriefError(f"unknown content '{kind}'", node.key_locs[kind], hint=expected(kind, KINDS)))
            return None
        return getattr(self, kind)(body)

    def fact_id(self, node: Y) -> str | None:
        try:
            fid = node.as_str("a fact id")
        except BriefError as exc:
            self.c.errors.append(exc)
            return None
        if fid not in self.known_facts:
            self.error(f"unknown fact '{fid}'", node, expected(fid, list(self.known_facts)))
            return None
        return fid

    # -- items ----------------------------------------------------------------------------

    def prose(self, node: Y) -> ProseItem:
        text = self.c.text(node, "prose", node.loc)
        for lang in _LANGS:
            child = node.as_map().get(lang) if node.is_map() else None
            markdown = text.get(lang)
            for ref in refs(markdown):
                if ref not in self.known_facts and child is not None:
                    self.error(f"prose cites unknown fact '{ref}'", child, expected(ref, list(self.known_facts)))
            if child is None:
                continue
            for tag in raw_html(markdown)[:1]:
                self.error(f"raw HTML '{tag[:40]}' is not allowed in prose", child, "write Markdown: *em*, **strong**, [text](https://...)")
            for url in unsafe_links(markdown):
                self.error(f"link '{url}' is not allowed", child, "links must start with http://, https:// or mailto:")
        return ProseItem(text)

    def facts(self, node: Y) -> FactsItem | None:
        before = len(self.c.errors)
        if node.is_list():
            ids = [i for i in (self.fact_id(child) for child in node.as_list()) if i]
        elif node.is_map():
            ids = self.facts_by_tag(node)
        else:
            self.error(f"expected a list of fact ids or tags: [...], found {node.kind()}", node)
            return None
        if not ids:
            if len(self.c.errors) == before:  # not when the reason was already reported
                self.error("no facts selected", node)
            return None
        return FactsItem(tuple(ids))

    def facts_by_tag(self, node: Y) -> list[str]:
        self.c.keep(check_keys(node, ("tags", "exclude"), required=("tags",)))
        m = node.as_map()
        wanted = []
        for child in m["tags"].as_list("a list of tags") if "tags" in m else ():
            tag = child.as_str("a tag")
            if tag not in self.tags:
                self.error(f"unknown tag '{tag}'", child, expected(tag, self.tags))
            wanted.append(tag)
        excluded = {i for i in (self.fact_id(c) for c in m["exclude"].as_list()) if i} if "exclude" in m else set()
        return [f for f, fact in self.known_facts.items() if set(fact.tags) & set(wanted) and f not in excluded]

    def table(self, node: Y) -> TableItem | None:
        if not node.is_map():
            self.error(f"expected a table mapping (id:, caption:), found {node.kind()}", node)
            return None
        self.c.keep(check_keys(node, _TABLE_KEYS, required=("id",)))
        m = node.as_map()
        if "id" not in m:
            return None
        table_id = m["id"].as_str("a table id")
        if table_id not in self.known_tables:
            self.error(f"unknown table '{table_id}'", m["id"], expected(table_id, list(self.known_tables)))
            return None
        table = self.known_tables[table_id]
        columns = self.indexes(m.get("columns"), len(table.header), "column")
        rows = self.indexes(m.get("rows"), len(table.rows), "row")
        headers = self.headers(m.get("headers"), len(columns or table.header))
        translations = self.translations(m.get("translations"))
        item = TableItem(table_id, self.c.text(m.get("caption"), "table caption", node.loc), translations,
                         columns, rows, headers)
        self.check_translations(item, node)
        return item

    def indexes(self, node: Y | None, size: int, what: str) -> tuple[int, ...]:
        """1-based numbers in the outline, 0-based indexes in the model."""
        if node is None:
            return ()
        out = []
        for child in node.as_list(f"a list of {what} numbers"):
            if child.tag != "int" or not 1 <= child.value <= size:
                self.error(f"{what} {child.raw!r} is not a {what} number from 1 to {size}", child)
                continue
            out.append(child.value - 1)
        return tuple(out)

    def headers(self, node: Y | None, count: int) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if node is None:
            return ()
        self.c.keep(check_keys(node, _LANGS))
        out = []
        for lang, names in node.as_map("headers per language").items():
            values = tuple(n.as_str("a header") for n in names.as_list("a list of headers"))
            if len(values) != count:
                self.error(f"{len(values)} {lang} headers for {count} columns", names)
            out.append((lang, values))
        return tuple(out)

    def translations(self, node: Y | None) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        if node is None:
            return ()
        self.c.keep(check_keys(node, _LANGS))
        out = []
        for lang, pairs in node.as_map("translations per language").items():
            try:
                out.append((lang, tuple((k, v.as_str("a translation")) for k, v in pairs.as_map().items())))
            except BriefError as exc:
                self.c.errors.append(exc)
        return tuple(out)

    def check_translations(self, item: TableItem, node: Y) -> None:
        table = self.known_tables[item.id]
        doc_lang = self.c.extract.document(table.document).language
        columns = item.columns or tuple(range(len(table.header)))
        rows = [table.rows[r] for r in (item.rows or range(len(table.rows)))]
        for lang in self.c.editions:
            if lang == doc_lang:
                continue
            have = item.translation(lang)
            cells = [] if item.header_names(lang) else [table.header[c] for c in columns]
            cells += [row[c] for row in rows for c in columns]
            missing = [c.text for c in cells if c.text and not normalize(c.text).text.isascii() and c.text not in have]
            if missing:
                self.error(f"table '{item.id}' lacks {lang} translations for {len(missing)} cells, first '{missing[0]}'",
                           node, f"add them under translations: {lang}:")

    def key_figures(self, node: Y) -> KeyFiguresItem | None:
        if not node.is_map():
            self.error(f"expected key_figures with caption: and rows:, found {node.kind()}", node)
            return None
        self.c.keep(check_keys(node, ("caption", "rows"), required=("rows",)))
        m = node.as_map()
        rows = []
        for child in m["rows"].as_list("a list of rows") if "rows" in m else ():
            row = self.key_figure(child)
            if row is not None:
                rows.append(row)
        if not rows:
            self.error("key_figures needs at least one row", node)
            return None
        return KeyFiguresItem(self.c.text(m.get("caption"), "key figures caption", node.loc, required=False), tuple(rows))

    def key_figure(self, node: Y) -> KeyFigure | None:
        self.c.keep(check_keys(node, ("fact", "label", "value"), required=("fact", "label")))
        m = node.as_map("a row (fact:, label:)")
        fid = self.fact_id(m["fact"]) if "fact" in m else None
        label = self.c.text(m.get("label"), "key figure label", node.loc)
        value = self.c.text(m.get("value"), "key figure value", node.loc, required=False)
        if fid is None:
            return None
        for lang in self.c.editions:
            if not value.get(lang) and not format_value(self.known_facts[fid], lang):
                self.error(f"fact '{fid}' has no value the {lang} edition can print", node,
                           f"give the value as printed: value: {{{lang}: ...}}")
        return KeyFigure(fid, label, value)

    def passage(self, m: dict[str, Y], what: str) -> tuple[str, Evidence] | None:
        """`document:` and `text:` resolved to the one place in that seed the text stands."""
        if "document" not in m or "text" not in m:
            return None
        doc_id = m["document"].as_str("a document id")
        if doc_id not in self.c.sources:
            self.error(f"unknown document '{doc_id}'", m["document"], expected(doc_id, list(self.c.sources)))
            return None
        seed = self.c.sources[doc_id]
        try:
            return doc_id, anchor(doc_id, seed, normalize(seed), m["text"].as_str(what), m["text"].loc)
        except BriefError as exc:
            self.c.errors.append(exc)
            return None

    def quote(self, node: Y) -> QuoteItem | None:
        self.c.keep(check_keys(node, ("document", "text", "translation"), required=("document", "text")))
        m = node.as_map("a quote (document:, text:)")
        found = self.passage(m, "a quoted passage")
        if found is None:
            return None
        doc_id, evidence = found
        translation = self.c.text(m.get("translation"), "quote translation", node.loc, required=False)
        doc_lang = self.c.extract.document(doc_id).language
        for lang in self.c.editions:
            if lang != doc_lang and not translation.get(lang):
                self.error(f"quote from '{doc_id}' has no {lang} translation for the {lang} edition", node)
        return QuoteItem(evidence, translation)

    def source_notes(self, node: Y) -> SourceNotesItem | None:
        if node.tag == "str" and node.value == "all":
            return SourceNotesItem(tuple(self.conflicts))
        if not node.is_list():
            self.error(f"expected a list of conflict ids or 'all', found {node.kind()}", node)
            return None
        ids = []
        for child in node.as_list():
            cid = child.as_str("a conflict id")
            if cid not in self.conflicts:
                self.error(f"unknown conflict '{cid}'", child, expected(cid, self.conflicts))
            else:
                ids.append(cid)
        return SourceNotesItem(tuple(ids))
