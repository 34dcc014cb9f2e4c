"""Broken and hostile input: one clear line naming the file, non-zero exit, no traceback,
previous outputs untouched, memory bounded, nothing fetched or linked outside the project."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from pipeline.seeds import load_sources

BIN = Path(sys.executable).parent
SEED = "001_74b18f1ce1fe189b.txt"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project with the short outline only, built once."""
    root = copy_project(tmp_path_factory.mktemp("hostile") / "p")
    (root / "outlines" / "brief.yaml").unlink()
    assert run(root, "build").returncode == 0
    return root


def run(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "brief"), "--root", str(root), *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, **(env or {})}, check=False)


def peak_run(root: Path, *args: str) -> tuple[int, str, int]:
    """Exit code, stderr and peak memory (KiB) of one brief run, measured by bench/peak.py."""
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "peak.py"), str(BIN / "brief"), "--root", str(root),
                             *args], capture_output=True, text=True, check=False)
    *lines, last = result.stderr.splitlines()
    peak, code = re.fullmatch(r"peak (\d+) exit (-?\d+)", last).groups()  # type: ignore[union-attr]
    return int(code), "\n".join(lines), int(peak)


def outputs(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "build").glob("*.*") if p.is_file()}


def expect_failure(root: Path, pattern: str, *args: str, env: dict | None = None) -> list[str]:
    before = outputs(root)
    result = run(root, *(args or ("build",)), env=env)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines)
    assert re.search(pattern, lines[0]), lines
    assert outputs(root) == before
    return lines


@pytest.fixture
def seed(project):
    """Restore the seed a test damages."""
    path = project / "seeds" / SEED
    original = path.read_bytes()
    yield path
    path.write_bytes(original)


def test_a_gbk_seed_is_refused_by_name(project, seed):
    seed.write_bytes(seed.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    expect_failure(project, rf"^error: seeds/{SEED}: seed is not UTF-8 text \(byte \d+\); convert it to UTF-8 \(it may be GBK")


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
def test_a_seed_whose_encoding_is_certain_is_read(project, seed, codec):
    text = seed.read_text(encoding="utf-8")
    seed.write_bytes(text.encode(codec))  # both codecs write a byte-order mark
    read = next(s for s in load_sources(project / "seeds") if s.document.file == SEED)
    assert read.text == text


def test_a_binary_seed_is_refused(project, seed):
    seed.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    expect_failure(project, rf"^error: seeds/{SEED}: seed is a binary file, not text$")


def test_an_empty_seed_is_refused(project, seed):
    seed.write_bytes(b"\n  \n")
    expect_failure(project, rf"^error: seeds/{SEED}: seed is empty$")


def test_a_catalog_entry_whose_file_is_missing(project, seed):
    moved = seed.with_suffix(".moved")
    seed.rename(moved)
    try:
        expect_failure(project, rf"^error: seeds/catalog.yaml:\d+:11: catalog names '{SEED}', which is not in seeds/$")
    finally:
        moved.rename(seed)


def test_a_seed_changed_after_its_facts_reports_every_stale_quote_at_once(project, seed):
    seed.write_text(seed.read_text(encoding="utf-8").replace("79%", "78%").replace("7100", "7200"), encoding="utf-8")
    lines = expect_failure(project, r"^error: seeds/facts.yaml:\d+:\d+: quote not found in 'vcbeat-threat'")
    assert len(lines) >= 4 and all("seeds/facts.yaml:" in line for line in lines)


def test_a_50_mb_outline_is_refused_with_bounded_memory(project):
    huge = project / "outlines" / "huge.yaml"
    huge.write_bytes(b"# " + b"x" * 50_000_000 + b"\n")
    try:
        before = outputs(project)
        code, err, peak = peak_run(project, "build")
        assert code == 1 and err.strip() == "error: outlines/huge.yaml: file is 50,000,003 bytes; the limit is 2,000,000"
        assert peak < 400 * 1024, peak
        assert outputs(project) == before
    finally:
        huge.unlink()


def test_an_oversized_seed_is_refused(project, seed):
    seed.write_bytes(b"a" * 6_000_000)
    expect_failure(project, rf"^error: seeds/{SEED}: seed is 6,000,000 bytes; the limit is 5,000,000$")


def test_a_step_over_the_time_limit_stops_with_a_clear_line(project):
    lines = expect_failure(project, r"^error: (checking seeds, facts and outlines|rendering build/\S+) took longer than 0.3 s",
                           env={"BRIEF_STEP_LIMIT": "0.3"})
    assert len(lines) == 1


def test_the_docx_links_nothing_outside_but_its_hyperlinks(built):
    for path in built["paths"]:
        if path.suffix != ".docx":
            continue
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".rels"):
                    rels = z.read(name).decode()
                    for rel in re.findall(r"<Relationship [^>]*>", rels):
                        if 'TargetMode="External"' in rel:
                            assert "relationships/hyperlink" in rel, (path.name, rel)


def test_templates_cannot_be_taken_from_outside_the_project(project):
    expect_failure(project, r"^error: template folder '\.\./\.\.' is outside the project", "build", "--templates", "../..")


def test_the_cli_leaves_no_traceback_for_a_missing_outline(project):
    expect_failure(project, r"^error: no outline 'nope' in outlines/; outlines: supply-chain$", "build", "nope")
    shutil.rmtree(project / "build" / ".cache", ignore_errors=True)
