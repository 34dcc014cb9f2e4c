"""Benchmark: ingest the five seeds, then 1, 10, 50 and 100 copies of them (up to 500
documents), and print medians so growth can be read as linear (time per document steady).

Copies get their own catalog entries (ids suffixed -cN) in a temporary seeds/ folder; the
facts file is left out (it names only the original ids)."""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import read_source
from pipeline.seeds import load_sources

RUNS = 3


def make_copies(folder: Path, copies: int) -> None:
    catalog = yaml.safe_load((ROOT / "seeds" / "catalog.yaml").read_text(encoding="utf-8"))
    entries = []
    for n in range(copies):
        for entry in catalog["documents"]:
            name = f"c{n}-{entry['file']}"
            shutil.copy(ROOT / "seeds" / entry["file"], folder / name)
            entries.append({**entry, "id": f"{entry['id']}-c{n}", "file": name,
                            "articles": [{**a, "id": f"{a['id']}-c{n}"} for a in entry.get("articles", [])]})
    dumper = type("NoAliases", (yaml.SafeDumper,), {"ignore_aliases": lambda self, data: True})
    (folder / "catalog.yaml").write_text(yaml.dump({"documents": entries}, Dumper=dumper, allow_unicode=True),
                                         encoding="utf-8")


def ingest(folder: Path) -> float:
    started = time.perf_counter()
    for source in load_sources(folder):
        read_source(source)
    return time.perf_counter() - started


def main() -> None:
    ingest(ROOT / "seeds")  # warm imports and regex caches
    five = statistics.median(ingest(ROOT / "seeds") for _ in range(RUNS))
    print(f"five seeds: {five:.3f} s (median of {RUNS})")
    for copies in (1, 10, 50, 100):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            make_copies(folder, copies)
            t = statistics.median(ingest(folder) for _ in range(RUNS))
        docs = copies * 5
        print(f"{docs:4d} documents: {t:6.2f} s  ({1000 * t / docs:.1f} ms per document)")


if __name__ == "__main__":
    main()
