"""The editor loop: what make rebuilds after which edit, outputs that survive a killed build,
concurrent builds, reproducible distributions, and watch mode."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from hashlib import sha256
from pathlib import Path

import pymupdf
import pytest
from conftest import ROOT, copy_project

BIN = Path(sys.executable).parent


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-C", str(project), f"BIN={BIN}", *args],
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """A project with two small outlines, built once through make."""
    project = copy_project(tmp_path_factory.mktemp("loop") / "p")
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    shutil.copytree(ROOT / "pipeline", project / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    (project / "outlines" / "brief.yaml").unlink()
    second = (project / "outlines" / "supply-chain.yaml").read_text(encoding="utf-8").replace("editions: [en, zh]", "editions: [en]")
    (project / "outlines" / "second.yaml").write_text(second, encoding="utf-8")
    result = make(project, "outputs")
    assert result.returncode == 0, result.stderr
    return project


def planned(project: Path) -> set[str]:
    """Outlines whose outputs `make -n` would rebuild."""
    dry = make(project, "-n", "outputs").stdout
    return set(re.findall(r"brief (?:build|check --quiet) ([\w-]+)", dry))


def test_a_no_op_does_nothing_quickly(small):
    started = time.perf_counter()
    result = make(small, "outputs")
    took = time.perf_counter() - started
    assert result.returncode == 0 and "brief" not in result.stdout
    assert took < 0.5, took
    assert planned(small) == set()


def test_editing_one_outline_rebuilds_only_it(small):
    os.utime(small / "outlines" / "second.yaml")
    assert planned(small) == {"second"}
    assert make(small, "outputs").returncode == 0
    assert planned(small) == set()


@pytest.mark.parametrize("edited", ["seeds/catalog.yaml", "seeds/facts.yaml", "templates/brief.css",
                                    "templates/wording.yaml"])
def test_editing_a_shared_input_rebuilds_every_outline(small, edited):
    os.utime(small / edited)
    assert planned(small) == {"second", "supply-chain"}
    assert make(small, "outputs").returncode == 0


def test_a_killed_build_leaves_the_previous_outputs_whole(small):
    before = {p.name: p.read_bytes() for p in (small / "build").glob("*.*") if p.is_file()}
    process = subprocess.Popen([str(BIN / "brief"), "--root", str(small), "build"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.0)  # well inside rendering; nothing is written before everything is rendered
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = {p.name: p.read_bytes() for p in (small / "build").glob("*.*") if p.is_file()}
    assert after == before


def test_two_builds_started_together_do_not_corrupt_each_other(small):
    runs = [subprocess.Popen([str(BIN / "brief"), "--root", str(small), "build", "second"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    assert [r.wait(timeout=300) for r in runs] == [0, 0]
    with pymupdf.open(small / "build" / "second.en.pdf") as doc:
        assert doc.page_count >= 3
    with zipfile.ZipFile(small / "build" / "second.en.docx") as z:
        assert z.testzip() is None
    assert not list((small / "build").glob(".*.tmp"))


def test_dist_is_reproducible_and_complete(small):
    assert make(small, "outputs").returncode == 0
    first = subprocess.run([str(BIN / "brief"), "--root", str(small), "dist", "supply-chain"],
                           capture_output=True, text=True, check=True)
    path = small / "build" / "dist" / "supply-chain-2026-11-23-0.1.0.zip"
    assert first.stdout.strip() == "wrote build/dist/supply-chain-2026-11-23-0.1.0.zip"
    data = path.read_bytes()
    subprocess.run([str(BIN / "brief"), "--root", str(small), "dist", "supply-chain"], capture_output=True, check=True)
    assert path.read_bytes() == data
    with zipfile.ZipFile(path) as z:
        names = sorted(n.split("/", 1)[1] for n in z.namelist())
        assert names == ["SHA256SUMS", "manifest.json", "supply-chain.en.docx", "supply-chain.en.pdf",
                         "supply-chain.zh.docx", "supply-chain.zh.pdf"]
        folder = "supply-chain-2026-11-23-0.1.0/"
        for line in z.read(folder + "SHA256SUMS").decode().splitlines():
            digest, name = line.split("  ")
            assert sha256(z.read(folder + name)).hexdigest() == digest
        manifest = json.loads(z.read(folder + "manifest.json"))
    assert "seeds/000_9ce44f3b34992535.txt" in manifest["inputs"] and "outlines/supply-chain.yaml" in manifest["inputs"]
    assert "templates/brief.css" in manifest["inputs"] and manifest["version"] == "0.1.0"


def test_dist_refuses_outputs_older_than_their_inputs(small):
    outline = small / "outlines" / "second.yaml"
    outline.write_text(outline.read_text(encoding="utf-8").replace("Research Office", "Research Desk"), encoding="utf-8")
    result = subprocess.run([str(BIN / "brief"), "--root", str(small), "dist", "second"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "error: outlines/second.yaml: build/second.en.* is missing or older than its inputs" in result.stderr
    assert make(small, "outputs").returncode == 0


def state(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__state", timeout=5) as response:
        return json.loads(response.read())


def wait_for(check, seconds: float = 90):  # bounded: a watch test never hangs CI
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_watch_refreshes_the_preview_and_survives_a_mistake(small):
    process = subprocess.Popen([str(BIN / "brief"), "--root", str(small), "watch", "second", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = int(re.search(r"127\.0\.0\.1:(\d+)", process.stdout.readline()).group(1))
        wait_for(lambda: state(port)["version"] >= 1)
        outline = small / "outlines" / "second.yaml"
        original = outline.read_text(encoding="utf-8")
        version = state(port)["version"]
        outline.write_text(original.replace("The dependence", "The dependence revisited"), encoding="utf-8")
        wait_for(lambda: state(port)["version"] > version)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/second.en.html", timeout=5) as page:
            html = page.read().decode()
        assert "The dependence revisited" in html and "/__state" in html
        outline.write_text(original.replace("[replacement-cost", "[replacement-costs"), encoding="utf-8")
        error = wait_for(lambda: state(port)["error"])
        assert "unknown fact 'replacement-costs'; did you mean 'replacement-cost'?" in error
        assert process.poll() is None
        outline.write_text(original, encoding="utf-8")
        wait_for(lambda: not state(port)["error"])
    finally:
        process.terminate()
        process.wait(timeout=10)
