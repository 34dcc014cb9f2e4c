"""Chart drawing for the writers: one ChartBlock -> SVG (vector, glyphs as outlines, for the
PDF) or PNG at print resolution (for the DOCX). The data and every word come from the model.

Fonts: Noto Sans for Latin text with the Simplified Chinese face of Noto Sans CJK as fallback.
That face lives in a font collection whose first face is Japanese, so it is cut out once into a
static OTF beside the virtual environment, never instantiated per build.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import tempfile
from functools import cache, lru_cache
from pathlib import Path

from pipeline.errors import BriefError, ExitCode
from pipeline.model import ChartBlock

DPI = 300
WIDTH_IN, HEIGHT_IN = 6.3, 3.6
INK, ACCENT, GRID = "#222222", "#3f6b95", "#d9d9d9"


def _cjk_face() -> Path:
    """The 'Noto Sans CJK SC' face as its own OTF, cut from the system collection once."""
    target = Path(sys.prefix) / "fonts" / "NotoSansCJKsc-Regular.otf"
    if target.is_file():
        return target
    found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", "Noto Sans CJK SC"],
                           capture_output=True, text=True, check=False).stdout.split("\n")
    if len(found) < 2 or not found[0].endswith((".ttc", ".otc", ".otf")):
        raise BriefError("font 'Noto Sans CJK SC' not found", hint="run make brief to install fonts-noto-cjk",
                         code=ExitCode.SETUP_ERROR)
    from fontTools.ttLib import TTCollection, TTFont

    font = TTCollection(found[0]).fonts[int(found[1] or 0)] if found[0].endswith((".ttc", ".otc")) else TTFont(found[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    font.save(tmp)
    os.replace(tmp, target)
    return target


@cache
def _pyplot():  # type: ignore[no-untyped-def]
    """matplotlib, configured once per process (imports are slow; fonts registered once)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    font_manager.fontManager.addfont(str(_cjk_face()))
    matplotlib.rcParams.update({
        "font.family": ["Noto Sans", "Noto Sans CJK SC"], "font.size": 8.5, "svg.fonttype": "path",
        "svg.hashsalt": "pipeline", "axes.edgecolor": INK, "axes.labelcolor": INK, "xtick.color": INK,
        "ytick.color": INK, "axes.spines.top": False, "axes.spines.right": False,
    })
    return pyplot


CACHE: dict[str, Path] = {}  # {"dir": folder} set by the build: drawings shared between processes


def draw(chart: ChartBlock, fmt: str) -> bytes:
    """The chart as "svg" or "png". Both come from one drawing, cached in memory and, when the
    build names a folder, on disk: the HTML, PDF and DOCX steps of an edition (often separate
    processes under make -j) ask for the same chart, and drawing is the slow part."""
    folder = CACHE.get("dir")
    if folder is None:
        return _drawn(chart)[fmt]
    path = folder / f"{_key(chart)}.{fmt}"
    if not path.is_file():
        for kind, data in _drawn(chart).items():
            _write(folder / f"{_key(chart)}.{kind}", data)
    return path.read_bytes()


def _key(chart: ChartBlock) -> str:
    """Same data, same drawing code, same matplotlib: same picture."""
    import matplotlib

    digest = hashlib.sha256(repr(chart).encode() + Path(__file__).read_bytes() + matplotlib.__version__.encode())
    return digest.hexdigest()[:24]


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


@lru_cache(maxsize=32)
def _drawn(chart: ChartBlock) -> dict[str, bytes]:
    plt = _pyplot()
    height = min(HEIGHT_IN, 0.8 + 0.45 * len(chart.points)) if chart.kind == "bar" else HEIGHT_IN * 1.6
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    try:
        if chart.kind == "scatter":
            _scatter(ax, chart)
        else:
            _bars(ax, chart)
        fig.tight_layout()
        out = {}
        for fmt, meta in (("svg", {"Date": None, "Creator": None}), ("png", {"Software": None})):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=DPI, metadata=meta)
            out[fmt] = buffer.getvalue()
        return out
    finally:
        plt.close(fig)


def _bars(ax, chart: ChartBlock) -> None:  # type: ignore[no-untyped-def]
    labels = [p.label for p in chart.points]
    values = [p.x for p in chart.points]
    bars = ax.barh(labels[::-1], values[::-1], color=ACCENT, height=0.6)
    ax.bar_label(bars, labels=[f"{v:,.4g}" for v in values[::-1]], padding=3, fontsize=8)
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    ax.margins(x=0.15)
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)


def _scatter(ax, chart: ChartBlock) -> None:  # type: ignore[no-untyped-def]
    from adjustText import adjust_text

    xs = [p.x for p in chart.points]
    ys = [p.y for p in chart.points]
    ax.scatter(xs, ys, s=14, color=ACCENT, zorder=3)
    labels = [ax.text(p.x, p.y, p.label, fontsize=6, color=INK, zorder=4) for p in chart.points]
    # Headroom above and below the points, so the corner labels stand clear of them.
    ax.set_ylim(min(ys) - 0.09, max(ys) + 0.09)
    ax.set_xlim(min(xs) - 0.05, max(xs) + 0.12)
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    if chart.quadrants:
        qx, qy = chart.quadrants
        ax.axvline(qx, color="#999999", linewidth=0.6, linestyle="--", zorder=1)
        ax.axhline(qy, color="#999999", linewidth=0.6, linestyle="--", zorder=1)
        corners = ((0.98, 0.98, "right", "top"), (0.02, 0.98, "left", "top"),
                   (0.02, 0.02, "left", "bottom"), (0.98, 0.02, "right", "bottom"))
        for text, (x, y, ha, va) in zip(chart.quadrant_labels, corners):
            ax.text(x, y, text, transform=ax.transAxes, ha=ha, va=va, fontsize=7.5, color="#555555",
                    style="italic", zorder=5, bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9, "pad": 1})
    ax.grid(color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    # Labels pushed apart so none overlaps another or a point; thin leaders show which is which.
    adjust_text(labels, x=xs, y=ys, ax=ax, expand=(1.15, 1.4),
                arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.4})
