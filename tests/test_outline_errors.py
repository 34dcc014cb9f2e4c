"""Outline mistakes give one located line each, all reported together."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import BriefError
from pipeline.outline import load_outline

GOOD_META = """meta:
  title: {en: T, zh: 标题}
  date: "2026-01-02"
  editions: [en, zh]
"""


def errors_of(tmp_path: Path, text: str, extract) -> list[str]:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BriefError) as err:
        load_outline(path, "outlines/bad.yaml", extract)
    return err.value.lines()


def test_unknown_fact_names_line_column_and_near_miss(tmp_path, project):
    text = GOOD_META + "sections:\n  - heading: {en: A, zh: 甲}\n    content:\n      - facts: [clinical-trial-2024]\n"
    assert errors_of(tmp_path, text, project[1]) == [
        "outlines/bad.yaml:8:17: unknown fact 'clinical-trial-2024'; did you mean 'clinical-trials-2024'?"
    ]


def test_unquoted_no_turned_boolean_is_named(tmp_path, project):
    text = GOOD_META + "sections:\n  - heading: {en: no, zh: 否}\n    content:\n      - prose: {en: x, zh: 乙}\n"
    (line,) = errors_of(tmp_path, text, project[1])
    assert line.startswith("outlines/bad.yaml:6:19: expected section heading, but unquoted 'no' became a boolean")


def test_all_errors_are_reported_together(tmp_path, project):
    text = GOOD_META.replace("[en, zh]", "[en, zh, fr]") + (
        "sections:\n  - heading: {en: A}\n    contents: []\n")
    lines = errors_of(tmp_path, text, project[1])
    assert any(line.startswith("outlines/bad.yaml:4:") and "unknown edition 'fr'" in line for line in lines)
    assert any("unknown key 'contents'; did you mean 'content'?" in line for line in lines)
    assert any("section heading has no 'zh' text" in line for line in lines)
    assert len(lines) >= 3


def test_missing_table_translation_is_an_error_naming_the_cell(tmp_path, project):
    text = GOOD_META + (
        "sections:\n  - heading: {en: A, zh: 甲}\n    content:\n"
        "      - table: {id: yunayun-hegemony/table-1, caption: {en: C, zh: 表}}\n")
    (line,) = errors_of(tmp_path, text, project[1])
    assert line.startswith("outlines/bad.yaml:8:16: table 'yunayun-hegemony/table-1' lacks en translations")
    assert "first '战略支柱'" in line


def test_invalid_yaml_is_located(tmp_path, project):
    (line,) = errors_of(tmp_path, GOOD_META + "sections:\n\t- x\n", project[1])
    assert line.startswith("outlines/bad.yaml:6:1: invalid YAML")


def test_aliases_are_refused(tmp_path, project):
    text = GOOD_META + "sections:\n  - &a {heading: {en: A, zh: 甲}, content: [{prose: {en: x, zh: y}}]}\n  - *a\n"
    (line,) = errors_of(tmp_path, text, project[1])
    assert line.startswith("outlines/bad.yaml:7:5: YAML aliases (*name) are not supported")
