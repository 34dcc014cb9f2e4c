"""Charts: vector in the PDF, print-resolution PNG with alt text in the DOCX, identical bytes."""

from __future__ import annotations

import shutil
import struct
import zipfile

import pymupdf
import pytest
from conftest import ROOT, copy_project
from readback import W, docx_xml

from pipeline.build import build
from pipeline.charts import DPI, WIDTH_IN, draw
from pipeline.model import ChartBlock, ChartPoint, Text

FIXTURE = ROOT / "tests" / "fixtures" / "outlines" / "charts.yaml"


@pytest.fixture(scope="module")
def chart_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("charts") / "p")
    for outline in (project / "outlines").glob("*.yaml"):
        outline.unlink()
    shutil.copy(FIXTURE, project / "outlines" / "charts.yaml")
    build(project, [], project / "build", say=lambda _: None)
    return project / "build"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_charts_are_vector_drawings(chart_build, lang):
    with pymupdf.open(chart_build / f"charts.{lang}.pdf") as doc:
        assert all(not page.get_images() for page in doc)
        assert sum(len(page.get_drawings()) for page in doc) > 100  # axes, points, glyph outlines


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_docx_charts_are_print_resolution_images_with_alt_text(chart_build, lang):
    path = chart_build / f"charts.{lang}.docx"
    with zipfile.ZipFile(path) as z:
        images = sorted(n for n in z.namelist() if n.startswith("word/media/"))
        assert len(images) == 2
        for name in images:
            width, _ = struct.unpack(">II", z.read(name)[16:24])  # PNG IHDR
            assert width >= WIDTH_IN * DPI * 0.95
    descriptions = [d.get("descr") for d in docx_xml(path, "word/document.xml").iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(descriptions) == 2 and all(descriptions)
    captions = [p for p in docx_xml(path, "word/document.xml").iter(f"{W}p")
                if (s := p.find(f"{W}pPr/{W}pStyle")) is not None and s.get(f"{W}val") == "Caption"]
    assert len(captions) == 2


def test_a_chart_draws_the_same_bytes_twice():
    chart = ChartBlock("c", "bar", (Text("c"),), (ChartPoint("中国", 7100), ChartPoint("US", 5900)), "trials", "", "alt")
    assert draw(chart, "svg") == draw(chart, "svg")
    assert draw(chart, "png") == draw(chart, "png")
