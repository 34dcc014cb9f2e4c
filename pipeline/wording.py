"""The words a briefing prints around the sources' content, per edition, and how a fact's value
is written. Assembly is the only user, so both writers print the same wording."""

from __future__ import annotations

from pipeline.model import Fact

EDITION_TAGS = {"en": "en", "zh": "zh-Hans"}

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "edition": "English edition", "colon": ": ", "sep": "; ", "open": "“", "close": "”",
        "table": "table ", "source": "Source: ", "comma": ", ",
        "copy": " (republished from {label}; not an independent source)",
        "also": "; also republished in {label} (not an independent source)",
        "see": "{label}, see note {number}", "and": "; ",
        "indicator": "Indicator", "value": "Value", "period": "Period", "sources": "Sources",
        "appendix": "Sources", "notes_heading": "Source notes",
        "grade": "reliability {grade}: {reason}", "quote_from": "— {label}",
        "authors": "by {names}",
        "contents": "Contents", "page": "Page {page} of {pages}", "build": "Build {build}",
    },
    "zh": {
        "edition": "中文版", "colon": "：", "sep": "；", "open": "“", "close": "”",
        "table": "表", "source": "资料来源：", "comma": "，",
        "copy": "（转载自{label}，非独立来源）",
        "also": "；另见{label}转载（非独立来源）",
        "see": "{label}，见注{number}", "and": "；",
        "indicator": "指标", "value": "数值", "period": "时期", "sources": "来源",
        "appendix": "资料来源", "notes_heading": "资料说明",
        "grade": "可靠性{grade}：{reason}", "quote_from": "——{label}",
        "authors": "作者：{names}",
        "contents": "目录", "page": "第{page}页，共{pages}页", "build": "版本 {build}",
    },
}

KINDS = {
    "en": {"web article": "web article", "PDF report": "PDF report", "compilation": "compilation"},
    "zh": {"web article": "网页文章", "PDF report": "PDF报告", "compilation": "文章合集"},
}

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
