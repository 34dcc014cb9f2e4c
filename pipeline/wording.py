"""The words a briefing prints around the sources' content (templates/wording.yaml, Jinja) and
how a fact's value is written. Assembly is the only user, so both writers print the same words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from pipeline.errors import raise_all
from pipeline.model import Fact
from pipeline.yamlsrc import Y, check_keys, load_yaml

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

EDITION_TAGS = {"en": "en", "zh": "zh-Hans"}


def foreign(script: str, lang: str) -> str:
    """A source's language tag where it differs from the edition's (to mark quoted originals)."""
    return "" if script == EDITION_TAGS[lang] else script

class Words:
    """One edition's wording from templates/wording.yaml: `w("see", label=..., number=...)`."""

    def __init__(self, lang: str, entries: dict[str, Any]) -> None:
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
        self.lang = lang
        self.kinds: dict[str, str] = dict(entries.get("kinds", {}))
        self.templates = {k: env.from_string(str(v)) for k, v in entries.items() if k != "kinds"}

    def __call__(self, key: str, **values: object) -> str:
        return self.templates[key].render(**values)

    def kind(self, kind: str) -> str:
        return self.kinds.get(kind, kind)


WORDING_KEYS = ("edition", "build", "contents", "page", "colon", "sep", "comma", "open", "close", "source",
                "table", "copy", "also", "see", "and", "quote_from", "indicator", "value", "period", "sources",
                "appendix", "authors", "name_sep", "stop", "grade", "kinds")


def load_words(template_dirs: tuple[Path, ...] = (TEMPLATES,)) -> dict[str, Words]:
    """wording.yaml from the first template folder that has one (a user folder comes first)."""
    path = next(d / "wording.yaml" for d in (*template_dirs, TEMPLATES) if (d / "wording.yaml").is_file())
    root = load_yaml(path, f"templates/{path.name}")
    raise_all(check_keys(root, ("en", "zh"), required=("en", "zh")))
    out = {}
    for lang, node in root.as_map().items():
        raise_all(check_keys(node, WORDING_KEYS, required=WORDING_KEYS))
        out[lang] = Words(lang, _entries(node))
    return out


def _entries(node: Y) -> Any:
    if node.is_map():
        return {k: _entries(v) for k, v in node.as_map().items()}
    return node.as_str("wording")


# Units used in seeds/facts.yaml, as each edition writes them after a number.
UNITS = {
    "trials": (" trials", "项"), "projects": (" projects", "个"), "companies": (" companies", "家"),
    "countries": (" countries", "个"), "experts": (" experts", "位"), "pipelines": (" pipelines", "条"),
    "studies": (" studies", "项"), "states": (" states", "个州"), "recommendations": (" recommendations", "项"),
    "pillars": (" pillars", "大"), "days": (" days", "天"), "years": (" years", "年"),
    "technologies": (" technologies", "项"), "votes in favour": (" votes in favour", "票赞成"),
    "people": (" people", "人"), "score": ("", ""), "parks": (" parks", "个"),
    "data points": (" data points", "个"),
}


def format_value(fact: Fact, lang: str) -> str:
    """The fact's value as the edition prints it, or '' when it cannot be written from the data."""
    if fact.value is None:
        return ""
    v = fact.value
    if fact.unit in ("USD", "CNY"):
        return _money(v, fact.unit, lang)
    if fact.unit == "percent":
        return f"{_plain(v)}%"
    unit = UNITS.get(fact.unit.replace(" (more than)", ""))
    if unit is None:
        return ""
    more = "(more than)" in fact.unit
    if lang == "en":
        return ("over " if more else "") + f"{v:,.10g}" + unit[0]
    return _plain(v) + ("多" if more else "") + unit[1]


def _plain(v: float) -> str:
    return f"{v:.10g}"


def _money(v: float, unit: str, lang: str) -> str:
    if lang == "en":
        symbol = "US$" if unit == "USD" else "CNY "
        if v >= 1e9:
            return f"{symbol}{_plain(round(v / 1e9, 3))} billion"
        if v >= 1e6:
            return f"{symbol}{_plain(round(v / 1e6, 3))} million"
        return f"{symbol}{v:,.0f}"
    name = "美元" if unit == "USD" else "元"
    if v >= 1e8:
        return f"{_plain(round(v / 1e8, 4))}亿{name}"
    if v >= 1e4:
        return f"{_plain(round(v / 1e4, 4))}万{name}"
    return f"{_plain(v)}{name}"


def format_period(period: str, lang: str) -> str:
    if not period:
        return ""
    return period.replace("/", "–" if lang == "en" else "—")
