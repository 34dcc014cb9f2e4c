"""Every outline in tests/bad_outlines/ fails with the one-line error its first line states,
a non-zero exit code, and leaves the previous good build's outputs untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from pipeline.build import build
from pipeline.errors import BriefError, ExitCode

BAD = sorted((ROOT / "tests" / "bad_outlines").glob("*.yaml"))


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("bad") / "p")
    build(project, [], project / "build", say=lambda _: None)
    return project


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_there_are_enough_cases():
    assert len(BAD) >= 25


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_outline_gives_its_located_error(built_project, path):
    expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    before = digests(built_project / "build")
    target = built_project / "outlines" / path.name
    shutil.copy(path, target)
    try:
        with pytest.raises(BriefError) as err:
            build(built_project, [], built_project / "build", say=lambda _: None)
    finally:
        target.unlink()
    assert err.value.lines()[0] == expected
    assert err.value.code == ExitCode.USER_ERROR
    assert digests(built_project / "build") == before
