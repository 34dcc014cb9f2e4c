"""Load the curated facts and conflicts and anchor every quote in its seed; all failures at once."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.anchor import anchor
from pipeline.errors import BriefError, raise_all
from pipeline.model import Conflict, Evidence, Fact, I18n, Source
from pipeline.normalize import Normalized, normalize
from pipeline.yamlsrc import Y, check_keys, expected, load_yaml

_FACT_KEYS = ("id", "statement", "value", "unit", "period", "tags", "evidence")
_EVIDENCE_KEYS = ("document", "quote")
_CONFLICT_KEYS = ("id", "facts", "doubtful", "quotes", "explanation")


def load_facts(path: Path, shown: str, sources: tuple[Source, ...]) -> tuple[tuple[Fact, ...], tuple[Conflict, ...]]:
    root = load_yaml(path, shown)
    raise_all(check_keys(root, ("facts", "conflicts"), required=("facts",)))
    by_id = {s.document.id: s for s in sources}
    norms = {s.document.id: normalize(s.text) for s in sources}
    facts: list[Fact] = []
    errors: list[BriefError] = []
    seen: set[str] = set()
    for node in root.as_map()["facts"].as_list("a list of facts"):
        try:
            fact = _fact(node, by_id, norms)
        except BriefError as exc:
            errors.extend((exc, *exc.others))
            continue
        if fact.id in seen:
            errors.append(BriefError(f"duplicate fact id '{fact.id}'", node.as_map()["id"].loc))
        seen.add(fact.id)
        facts.append(fact)
    conflicts: list[Conflict] = []
    for node in root.as_map()["conflicts"].as_list("a list of conflicts") if "conflicts" in root.as_map() else ():
        try:
            conflicts.append(_conflict(node, by_id, norms, list(seen)))
        except BriefError as exc:
            errors.extend((exc, *exc.others))
    raise_all(errors)
    return tuple(facts), tuple(conflicts)


def _conflict(node: Y, by_id: dict[str, Source], norms: dict[str, Normalized], fact_ids: list[str]) -> Conflict:
    raise_all(check_keys(node, _CONFLICT_KEYS, required=("id", "facts", "quotes", "explanation")))
    m = node.as_map("a conflict")
    errors: list[BriefError] = []
    named: dict[str, tuple[str, ...]] = {}
    for key in ("facts", "doubtful"):
        ids = []
        for child in m[key].as_list(f"a list of fact ids under '{key}'") if key in m else ():
            fid = child.as_str("a fact id")
            if fid not in fact_ids:
                errors.append(BriefError(f"unknown fact '{fid}'", child.loc, hint=expected(fid, fact_ids)))
            elif key == "doubtful" and fid not in named["facts"]:
                errors.append(BriefError(f"doubtful fact '{fid}' is not among this conflict's facts", child.loc))
            ids.append(fid)
        named[key] = tuple(ids)
    quotes = []
    for item in m["quotes"].as_list("a list of {document, quote}"):
        try:
            quotes.append(_evidence(item, by_id, norms))
        except BriefError as exc:
            errors.extend((exc, *exc.others))
    explanation = m["explanation"]
    errors.extend(check_keys(explanation, ("en", "zh"), required=("en", "zh")))
    raise_all(errors)
    return Conflict(
        id=m["id"].as_str("a conflict id"), facts=named["facts"], doubtful=named["doubtful"], quotes=tuple(quotes),
        explanation=I18n(explanation.as_map()["en"].as_str(), explanation.as_map()["zh"].as_str()),
    )


def _fact(node: Y, by_id: dict[str, Source], norms: dict[str, Normalized]) -> Fact:
    errors = check_keys(node, _FACT_KEYS, required=("id", "statement", "evidence"))
    raise_all(errors)
    m = node.as_map("a fact")
    statement = m["statement"]
    raise_all(check_keys(statement, ("en", "zh"), required=("en", "zh")))
    evidence: list[Evidence] = []
    for item in m["evidence"].as_list("a list of evidence"):
        try:
            evidence.append(_evidence(item, by_id, norms))
        except BriefError as exc:
            errors.extend((exc, *exc.others))
    raise_all(errors)
    period = m["period"].as_str("a period") if "period" in m else ""
    if period and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?(/\d{4}(-\d{2}(-\d{2})?)?)?", period):
        raise BriefError(f"period '{period}' is not a date or range", m["period"].loc,
                         hint="write 2024, 2024-09, 2025-Q1 or 2016/2021; say relative periods in the statement")
    value = m["value"].value if "value" in m else None
    if value is not None and not isinstance(value, (int, float)):
        raise BriefError("expected a number for 'value'", m["value"].loc)
    return Fact(
        id=m["id"].as_str("a fact id"),
        statement=I18n(statement.as_map()["en"].as_str(), statement.as_map()["zh"].as_str()),
        evidence=tuple(evidence),
        tags=tuple(t.as_str("a tag") for t in m["tags"].as_list()) if "tags" in m else (),
        value=float(value) if value is not None else None,
        unit=m["unit"].as_str() if "unit" in m else "",
        period=period,
    )


def _evidence(node: Y, by_id: dict[str, Source], norms: dict[str, Normalized]) -> Evidence:
    raise_all(check_keys(node, _EVIDENCE_KEYS, required=_EVIDENCE_KEYS))
    m = node.as_map("a {document, quote} entry")
    doc_id = m["document"].as_str("a document id")
    if doc_id not in by_id:
        raise BriefError(f"unknown document '{doc_id}'", m["document"].loc, hint=expected(doc_id, list(by_id)))
    return anchor(doc_id, by_id[doc_id].text, norms[doc_id], m["quote"].as_str("a quote"), m["quote"].loc)
