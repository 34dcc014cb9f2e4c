"""Build behaviour: identical bytes, nothing overwritten by a failed build, one-line CLI errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT, copy_project

from pipeline.build import build


def test_two_builds_are_byte_identical(built, tmp_path):
    again = tmp_path / "again"
    build(ROOT, [], again, say=lambda _: None)
    for path in built["paths"]:
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def run_cli(root, *args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pipeline", "--root", str(root), *args],
                          capture_output=True, text=True, env=env, check=False)


def test_a_failed_build_leaves_previous_outputs_untouched(tmp_path):
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "build").returncode == 0
    before = {p.name: p.read_bytes() for p in (project / "build").iterdir() if p.is_file()}
    outline = project / "outlines" / "brief.yaml"
    outline.write_text(outline.read_text(encoding="utf-8").replace(
        "[clinical-trials-2024", "[clinical-trial-2024"), encoding="utf-8")
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("error: outlines/brief.yaml:")
    assert "unknown fact 'clinical-trial-2024'; did you mean 'clinical-trials-2024'?" in lines[0]
    after = {p.name: p.read_bytes() for p in (project / "build").iterdir() if p.is_file()}
    assert after == before


def test_a_broken_quote_fails_the_build_with_the_facts_line(tmp_path):
    project = copy_project(tmp_path / "p")
    facts = project / "seeds" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("达到7100项以上", "达到7200项以上"), encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: seeds/facts.yaml:")
    assert "quote not found in 'vcbeat-threat'; closest passage: «" in line
    assert not (project / "build").exists()


def test_check_reports_counts(tmp_path):
    result = run_cli(ROOT, "check")
    assert result.returncode == 0, result.stderr
    assert re.match(r"ok: \d+ facts, \d+ quotes anchored, \d+ facts with two or more independent sources, "
                    r"\d+ conflicts; \d+ editions, \d+ footnotes$", result.stdout.strip()), result.stdout


def test_brief_extract_writes_a_file_whose_spans_check_out(tmp_path):
    import json

    project = copy_project(tmp_path / "p")
    result = run_cli(project, "extract")
    assert result.returncode == 0, result.stderr
    data = json.loads((project / "build" / "extract.json").read_text(encoding="utf-8"))
    texts = {d["id"]: (project / "seeds" / d["file"]).read_text(encoding="utf-8") for d in data["documents"]}
    for kind in ("sections", "blocks", "tables", "figures"):
        assert data[kind]
        for x in data[kind]:
            assert texts[x["document"]][x["start"]:x["end"]] == x["original"], x["id"]


def test_list_and_show_print_elements_beside_their_source():
    listed = run_cli(ROOT, "list", "tables", "--document", "zhang-biomed-layout")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 2
    shown = run_cli(ROOT, "show", "vcbeat-threat/f011")
    assert shown.returncode == 0
    assert "source vcbeat-threat, line 9" in shown.stdout and "«79%»" in shown.stdout
    wrong = run_cli(ROOT, "show", "vcbeat-threat/f0111")
    assert wrong.returncode == 1 and "did you mean" in wrong.stderr
