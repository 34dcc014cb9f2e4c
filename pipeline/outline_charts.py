"""The `chart` item of an outline: bar charts from facts or anchored figures, scatter charts
from two numeric columns of a table."""

from __future__ import annotations

from dataclasses import replace

from pipeline.model import ChartItem, ChartValue, I18n
from pipeline.outline_items import ItemReader
from pipeline.yamlsrc import Y, check_keys, expected

_CHART_KEYS = ("kind", "caption", "x_label", "y_label", "note", "values", "table", "x", "y", "label",
               "translations", "quadrants", "scale")
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


class Reader(ItemReader):
    """The item reader with the chart item (ItemReader.read dispatches by the item's key)."""

    def chart(self, node: Y) -> ChartItem | None:
        if not node.is_map():
            self.error(f"expected a chart mapping (kind:, caption:, ...), found {node.kind()}", node)
            return None
        self.c.keep(check_keys(node, _CHART_KEYS, required=("kind", "caption")))
        m = node.as_map()
        kind = m["kind"].as_str("a chart kind") if "kind" in m else "bar"
        if kind not in ("bar", "scatter"):
            self.error(f"unknown chart kind '{kind}'", m["kind"], expected(kind, ("bar", "scatter")))
            return None
        text = self.c.text
        item = ChartItem(
            kind=kind,
            caption=text(m.get("caption"), "chart caption", node.loc),
            x_label=text(m.get("x_label"), "x_label", node.loc, required=kind == "scatter"),
            y_label=text(m.get("y_label"), "y_label", node.loc),
            note=text(m.get("note"), "chart note", node.loc, required=False),
            scale=self.scale(m.get("scale")),
        )
        if "table" in m:
            return self.table_chart(item, m, node)
        if "values" not in m:
            self.error("a chart needs values: (facts or figures) or table:", node)
            return None
        values = tuple(v for v in (self.chart_value(c) for c in m["values"].as_list("a list of values")) if v)
        if kind == "scatter":
            self.error("a scatter chart takes its points from a table: (with x:, y:, label:)", node)
        return replace(item, values=values) if values else None

    def scale(self, node: Y | None) -> float:
        if node is None:
            return 1.0
        word = node.as_str("a scale")
        if word not in SCALES:
            self.error(f"unknown scale '{word}'", node, expected(word, list(SCALES)))
            return 1.0
        return SCALES[word]

    def chart_value(self, node: Y) -> ChartValue | None:
        self.c.keep(check_keys(node, ("label", "fact", "figure"), required=("label",)))
        m = node.as_map("a value (label:, and fact: or figure:)")
        label = self.c.text(m.get("label"), "value label", node.loc)
        if "fact" in m:
            fid = self.fact_id(m["fact"])
            if fid is None:
                return None
            value = self.known_facts[fid].value
            if value is None:
                self.error(f"fact '{fid}' has no value to chart", m["fact"])
                return None
            return ChartValue(label, value, fact=fid)
        if "figure" in m:
            return self.figure_value(m["figure"], label)
        self.error("a value needs fact: or figure: {document:, text:}", node)
        return None

    def figure_value(self, node: Y, label: I18n) -> ChartValue | None:
        """A figure of the extract, named by a passage of its seed that is found once and holds
        exactly one figure besides years and dates (the figure alone, `5900项`, when unique)."""
        self.c.keep(check_keys(node, ("document", "text"), required=("document", "text")))
        m = node.as_map("a figure (document:, text:)")
        found = self.passage(m, "a figure")
        if found is None:
            return None
        doc, passage = found
        hits = [f for f in self.c.extract.figures
                if f.document == doc and passage.span.start <= f.span.start and f.span.end <= passage.span.end]
        if len(hits) > 1:  # a year in the passage is its context, not the value charted
            hits = [f for f in hits if f.kind not in ("year", "date")]
        if len(hits) != 1:
            self.error(f"passage holds {len(hits)} figures, not one", m["text"],
                       "see .venv/bin/brief list figures --document " + doc)
            return None
        return ChartValue(label, hits[0].value, figure=hits[0].id)

    def table_chart(self, item: ChartItem, m: dict[str, Y], node: Y) -> ChartItem | None:
        table_id = m["table"].as_str("a table id")
        if table_id not in self.known_tables:
            self.error(f"unknown table '{table_id}'", m["table"], expected(table_id, list(self.known_tables)))
            return None
        table = self.known_tables[table_id]
        width = len(table.header)
        cols = {k: self.indexes(Y([m[k]], m[k].loc, "list"), width, "column") for k in ("x", "y", "label") if k in m}
        if item.kind == "scatter" and not {"x", "y", "label"} <= set(cols):
            self.error("a scatter chart from a table needs x:, y: and label: column numbers", node)
            return None
        x, y, label = (cols.get(k, (0,))[0] if cols.get(k) else 0 for k in ("x", "y", "label"))
        for col in (x, y):
            bad = [r[col].text for r in table.rows if not _number(r[col].text)]
            if bad:
                self.error(f"column {col + 1} of '{table_id}' is not numeric (e.g. '{bad[0]}')", node)
                return None
        translations = self.translations(m.get("translations"))
        doc_lang = self.c.extract.document(table.document).language
        for lang in self.c.editions:
            have = dict(dict(translations).get(lang, ()))
            missing = [r[label].text for r in table.rows if r[label].text not in have and not r[label].text.isascii()]
            if lang != doc_lang and missing:
                self.error(f"chart labels lack {lang} translations, first '{missing[0]}'", node,
                           f"add them under translations: {lang}:")
        quadrants, quadrant_labels = self.quadrants(m.get("quadrants"))
        return replace(item, table=table_id, x=x, y=y, label=label, translations=translations,
                       quadrants=quadrants, quadrant_labels=quadrant_labels)

    def quadrants(self, node: Y | None) -> tuple[tuple[float, float] | None, tuple[tuple[str, tuple[str, ...]], ...]]:
        if node is None:
            return None, ()
        self.c.keep(check_keys(node, ("x", "y", "labels"), required=("x", "y")))
        m = node.as_map("quadrants (x:, y:, labels:)")
        values = []
        for k in ("x", "y"):
            if k in m and m[k].tag in ("int", "float"):
                values.append(float(m[k].value))
            else:
                self.error(f"quadrants.{k} must be a number", m.get(k, node))
                return None, ()
        labels = []
        for lang, names in (m["labels"].as_map("labels per language").items() if "labels" in m else ()):
            texts = tuple(n.as_str("a quadrant label") for n in names.as_list("four labels"))
            if len(texts) != 4:
                self.error("quadrant labels: give four (upper right, upper left, lower left, lower right)", names)
            labels.append((lang, texts))
        return (values[0], values[1]), tuple(labels)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
