"""Where the stages meet, and the only module that writes files (temp file, then rename).

A build checks every outline and assembles every edition before it renders anything, and
renders everything before it writes anything, so a mistake leaves build/ as it was.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__
from pipeline.assemble import assemble
from pipeline.errors import BriefError, Loc, raise_all
from pipeline.export import extract_json
from pipeline.extract import extract_project
from pipeline.model import Briefing, Extract, Source, dump_json
from pipeline.outline import load_outline
from pipeline.render_docx import render_docx
from pipeline.render_html import environment, render_html
from pipeline.render_pdf import render_pdf
from pipeline.wording import load_words


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target, flush to disk, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_provenance(sources: tuple[Source, ...], extract: Extract) -> None:
    """Every piece of evidence must be its seed's text at its span; anything else is a bug."""
    texts = {s.document.id: s.text for s in sources}
    quotes = [(f.id, e) for f in extract.facts for e in f.evidence]
    quotes += [(c.id, e) for c in extract.conflicts for e in c.quotes]
    errors = [
        BriefError(f"evidence of '{owner}' is not the seed text at {e.span.start}-{e.span.end}",
                   Loc("seeds/facts.yaml"))
        for owner, e in quotes
        if texts[e.document][e.span.start:e.span.end] != e.quote
    ]
    raise_all(errors)


def inputs_digest(root: Path, outline: Path) -> str:
    """SHA-256 over every input an outline's build reads: seeds, catalog, facts, the outline,
    templates and the pipeline's version. Same inputs, same identifier."""
    digest = hashlib.sha256(__version__.encode())
    files = sorted((root / "seeds").iterdir()) + sorted((root / "templates").rglob("*")) + [outline]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def outline_paths(root: Path, names: list[str]) -> list[Path]:
    folder = root / "outlines"
    if not names:
        return sorted(folder.glob("*.yaml"))
    paths = []
    for name in names:
        path = folder / (Path(name).stem + ".yaml")
        if not path.is_file():
            known = [p.stem for p in sorted(folder.glob("*.yaml"))]
            raise BriefError(f"no outline '{name}' in outlines/", hint=f"outlines: {', '.join(known)}")
        paths.append(path)
    return paths


def write_extract(root: Path, out_dir: Path) -> Path:
    sources, extract = extract_project(root)
    check_provenance(sources, extract)
    path = out_dir / "extract.json"
    write_atomic(path, extract_json(extract, sources).encode())
    return path


def summary(extract: Extract, briefings: list[Briefing]) -> str:
    """The one line `brief check` prints when everything resolves."""
    quotes = sum(len(f.evidence) for f in extract.facts) + sum(len(c.quotes) for c in extract.conflicts)
    multi = sum(1 for f in extract.facts if f.sources >= 2)
    notes = sum(len(b.notes) for b in briefings)
    return (f"ok: {len(extract.facts)} facts, {quotes} quotes anchored, {multi} facts with two or more "
            f"independent sources, {len(extract.conflicts)} conflicts; {len(briefings)} editions, {notes} footnotes")


def plan(root: Path, names: list[str], templates: Path | None = None) -> tuple[Extract, list[Briefing]]:
    """Load the extract and every outline, assemble every edition; all errors together."""
    sources, extract = extract_project(root)
    check_provenance(sources, extract)
    texts = {s.document.id: s.text for s in sources}
    words = load_words(template_dirs(root, templates))
    briefings: list[Briefing] = []
    errors: list[BriefError] = []
    for path in outline_paths(root, names):
        try:
            outline = load_outline(path, f"outlines/{path.name}", extract, texts)
        except BriefError as exc:
            errors.extend((exc, *exc.others))
            continue
        build_id = inputs_digest(root, path)[:12]
        briefings.extend(assemble(outline, extract, lang, build_id, words) for lang in outline.editions)
    raise_all(errors)
    return extract, briefings


def template_dirs(root: Path, user: Path | None) -> tuple[Path, ...]:
    """A user folder (searched first) and the built-in templates; both inside the project."""
    if user is None:
        return (root / "templates",)
    folder = (root / user).resolve()
    if not folder.is_relative_to(root.resolve()):
        raise BriefError(f"template folder '{user}' is outside the project", hint="use a folder inside the project")
    if not folder.is_dir():
        raise BriefError(f"template folder '{user}' does not exist")
    return (folder, root / "templates")


def render(root: Path, briefing: Briefing, out_dir: Path, warn: Callable[[str], None],
           templates: Path | None = None) -> list[Output]:
    stem = f"{briefing.outline}.{briefing.lang}"
    env = environment(template_dirs(root, templates))
    html = render_html(briefing, env)
    pdf, warnings = render_pdf(html, root, f"build/{stem}.html")
    for message in warnings:
        warn(f"build/{stem}.pdf: WeasyPrint: {message}")
    docx = render_docx(briefing, root / "templates" / "reference.docx", "templates/reference.docx")
    return [
        Output(out_dir / f"{stem}.json", dump_json(briefing).encode()),
        Output(out_dir / f"{stem}.html", html.encode()),
        Output(out_dir / f"{stem}.pdf", pdf),
        Output(out_dir / f"{stem}.docx", docx),
    ]


def build(root: Path, names: list[str], out_dir: Path, say: Callable[[str], None],
          templates: Path | None = None) -> list[Path]:
    started = time.perf_counter()
    _, briefings = plan(root, names, templates)
    outputs: list[Output] = []
    for briefing in briefings:
        outputs.extend(render(root, briefing, out_dir, say, templates))
    for output in outputs:
        write_atomic(output.path, output.data)
    say(f"built {len(outputs)} files for {len(briefings)} editions in {time.perf_counter() - started:.1f} s")
    return [o.path for o in outputs]
