"""Benchmark of the editor loop, on a scratch copy of the project; medians of several runs.

cold build (make -j2), no-op, one-outline edit, watch edit -> HTML refreshed, edit -> PDF
refreshed; our PDF step / bare WeasyPrint on our own HTML; our DOCX step / pandoc writing the
same content (pypandoc-binary, installed for the benchmark only); peak memory of a full build;
and a ten-times-longer outline to show growth. Not a test: run it, read it, quote it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
sys.path.insert(0, str(ROOT))


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of one command (memory by bench/peak.py)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "peak.py"), *command], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    took = time.perf_counter() - started
    peak, code = re.fullmatch(r"peak (\d+) exit (-?\d+)", result.stderr.splitlines()[-1]).groups()  # type: ignore[union-attr]
    if int(code):
        raise SystemExit(f"failed: {' '.join(command)}")
    return took, int(peak)


def make(project: Path, *args: str) -> float:
    return timed(["make", "-C", str(project), f"BIN={BIN}", *args, "outputs"], project)[0]


def scratch() -> Path:
    project = Path(tempfile.mkdtemp(prefix="bench-")) / "p"
    for name in ("seeds", "templates", "outlines", "pipeline"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    return project


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s"


def watch_times(project: Path) -> tuple[float, float]:
    process = subprocess.Popen([str(BIN / "brief"), "--root", str(project), "watch", "supply-chain", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = int(re.search(r":(\d+)/", process.stdout.readline()).group(1))  # type: ignore[union-attr]
        url = f"http://127.0.0.1:{port}/__state"

        def version() -> int:
            with urllib.request.urlopen(url, timeout=5) as r:
                return json.loads(r.read())["version"]

        pdf = project / "build" / "supply-chain.en.pdf"
        while version() < 1 or not pdf.exists():
            time.sleep(0.1)
        time.sleep(4)  # let the first PDF and DOCX finish
        before, stamp = version(), pdf.stat().st_mtime
        outline = project / "outlines" / "supply-chain.yaml"
        outline.write_text(outline.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        edited = time.perf_counter()
        while version() == before:
            time.sleep(0.05)
        html = time.perf_counter() - edited
        while pdf.stat().st_mtime == stamp:
            time.sleep(0.05)
        return html, time.perf_counter() - edited
    finally:
        process.terminate()
        process.wait()


def ratios(project: Path) -> tuple[float, float]:
    from weasyprint import HTML

    from pipeline.build import plan
    from pipeline.render_docx import render_docx
    from pipeline.render_pdf import render_pdf

    if shutil.which("pandoc") is None and not (BIN / "pandoc").exists():
        subprocess.run([str(BIN / "python"), "-m", "pip", "install", "-q", "pypandoc-binary"], check=True)
    import pypandoc

    html_path = project / "build" / "brief.en.html"
    html = html_path.read_text(encoding="utf-8")
    _, briefings = plan(project, ["brief"])
    briefing = next(b for b in briefings if b.lang == "en")
    ours_pdf, bare_pdf, ours_docx, pandoc_docx = [], [], [], []
    for _ in range(RUNS):
        t = time.perf_counter()
        render_pdf(html, project, "x")
        ours_pdf.append(time.perf_counter() - t)
        t = time.perf_counter()
        HTML(string=html, base_url=str(project / "templates") + "/").write_pdf()
        bare_pdf.append(time.perf_counter() - t)
        t = time.perf_counter()
        render_docx(briefing, project / "templates" / "reference.docx", "x")
        ours_docx.append(time.perf_counter() - t)
        t = time.perf_counter()
        pypandoc.convert_file(str(html_path), "docx", outputfile=str(project / "pandoc.docx"))
        pandoc_docx.append(time.perf_counter() - t)
    print(f"  PDF step ours / bare WeasyPrint: {median(ours_pdf)} / {median(bare_pdf)} = "
          f"{statistics.median(ours_pdf) / statistics.median(bare_pdf):.2f}")
    print(f"  DOCX step ours / pandoc: {median(ours_docx)} / {median(pandoc_docx)} = "
          f"{statistics.median(ours_docx) / statistics.median(pandoc_docx):.2f}")
    return statistics.median(ours_pdf), statistics.median(ours_docx)


def long_outline(project: Path, times: int) -> Path:
    """The flagship's sections repeated `times` times (ids made unique), English only."""
    import yaml

    data = yaml.safe_load((project / "outlines" / "brief.yaml").read_text(encoding="utf-8"))
    data["meta"]["editions"] = ["en"]

    def renamed(section: dict, n: int) -> dict:
        copy = dict(section)
        if "id" in copy:
            copy["id"] = f"{copy['id']}-{n}"
        if "sections" in copy:
            copy["sections"] = [renamed(s, n) for s in copy["sections"]]
        return copy

    data["sections"] = [renamed(s, n) for n in range(times) for s in data["sections"]]
    path = project / "outlines" / f"long{times}.yaml"
    dumper = type("NoAliases", (yaml.SafeDumper,), {"ignore_aliases": lambda self, data: True})
    path.write_text(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    project = scratch()
    print(f"editor loop benchmark, medians of {RUNS} runs")
    colds = []
    for _ in range(RUNS):
        shutil.rmtree(project / "build", ignore_errors=True)
        colds.append(make(project, "-j2"))
    print(f"  cold build, make -j2 (4 editions x 3 formats): {median(colds)}")
    print(f"  no-op make: {median([make(project) for _ in range(RUNS)])}")
    edits = []
    for _ in range(RUNS):
        os.utime(project / "outlines" / "supply-chain.yaml")
        edits.append(make(project, "-j2"))
    print(f"  one-outline edit (supply-chain), make -j2: {median(edits)}")
    watches = [watch_times(project) for _ in range(RUNS)]
    print(f"  watch: edit -> HTML refreshed {median([w[0] for w in watches])}, "
          f"edit -> PDF refreshed {median([w[1] for w in watches])}")
    ratios(project)
    took, peak = timed([str(BIN / "brief"), "--root", str(project), "build", "brief"], project)
    print(f"  full build of the flagship in one process: {took:.2f} s, peak memory {peak / 1024:.0f} MiB")
    import pymupdf

    for times in (1, 10):
        long_outline(project, times)
        took, peak = timed([str(BIN / "brief"), "--root", str(project), "build", f"long{times}", "--format", "pdf"],
                           project)
        with pymupdf.open(project / "build" / f"long{times}.en.pdf") as doc:
            pages = doc.page_count
        print(f"  {times:2d}x outline: {pages} pages in {took:.1f} s ({took / pages:.2f} s a page), "
              f"peak memory {peak / 1024:.0f} MiB")
    shutil.rmtree(project.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
