"""Shared fixtures: the project root, its extract, and one real build into a temp folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.extract import extract_project

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption("--accept", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture(scope="session")
def accept(request) -> bool:
    return bool(request.config.getoption("--accept"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def project():
    """(sources, extract) of the real project."""
    return extract_project(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict:
    """Build every outline once; returns the output folder and the warnings printed."""
    out = tmp_path_factory.mktemp("build")
    said: list[str] = []
    paths = build(ROOT, [], out, say=said.append)
    return {"out": out, "paths": paths, "said": said}


def copy_project(dest: Path) -> Path:
    """A scratch copy of the inputs a build reads, for tests that edit them."""
    for name in ("seeds", "templates", "outlines"):
        shutil.copytree(ROOT / name, dest / name)
    return dest
