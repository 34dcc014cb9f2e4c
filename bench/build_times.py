"""Benchmark: cold and warm build times of every outline, medians of several runs.

Cold: a new Python process (imports, font loading, extract, render). Warm: a second build in
the same process. Run with `make bench`; figures go in the issue notes, never into tests.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def cold(out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "--root", str(ROOT), "build", "--out", str(out)],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def warm(out: Path) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from pipeline.build import build

    build(ROOT, [], out, say=lambda _: None)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        build(ROOT, [], out, say=lambda _: None)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        colds = [cold(out) for _ in range(RUNS)]
        warms = warm(out)
    print(f"cold build (new process), median of {RUNS}: {statistics.median(colds):.2f} s")
    print(f"warm build (same process), median of {RUNS}: {statistics.median(warms):.2f} s")


if __name__ == "__main__":
    main()
