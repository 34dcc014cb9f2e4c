"""Where the stages meet, and the only module that writes files (temp file, then rename).

A build checks every outline and assembles every edition before it renders anything, and
renders everything before it writes anything, so a mistake leaves build/ as it was.
"""

from __future__ import annotations

import hashlib
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__
from pipeline.assemble import assemble
from pipeline.errors import BriefError, Loc, raise_all
from pipeline.export import extract_json
from pipeline.extract import extract_project
from pipeline.model import Briefing, Extract, Source, dump_json
from pipeline.outline import load_outline
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


FORMATS = ("html", "pdf", "docx")  # html also writes the briefing model as JSON


class _StepTimeout(BaseException):
    """Raised by the alarm; a BaseException so no library's `except Exception` swallows it."""


@contextmanager
def time_limit(what: str) -> Iterator[None]:
    """Stop one build step that runs longer than BRIEF_STEP_LIMIT seconds (default 300).
    Signals reach only the main thread; elsewhere (the watch server) no limit is set."""
    limit = float(os.environ.get("BRIEF_STEP_LIMIT", "300"))
    if limit <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise _StepTimeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    except _StepTimeout:
        raise BriefError(f"{what} took longer than {limit:g} s", hint="the limit is set by BRIEF_STEP_LIMIT") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Progress:
    """One line per output for steps over a second (all steps with verbose); silent otherwise."""

    def __init__(self, say: Callable[[str], None], verbose: bool = False) -> None:
        self.say = say
        self.verbose = verbose

    def step(self, what: str, started: float) -> None:
        took = time.perf_counter() - started
        if self.verbose or took >= 1.0:
            self.say(f"{what} in {took:.1f} s")


def render(root: Path, briefing: Briefing, out_dir: Path, progress: Progress, templates: Path | None = None,
           formats: tuple[str, ...] = FORMATS) -> list[Output]:
    """The outputs of one edition in the formats asked for, all in memory (written by build)."""
    from pipeline.charts import CACHE
    from pipeline.render_html import (  # writers import slowly: only when used
        environment,
        render_html,
    )

    CACHE["dir"] = root / "build" / ".cache" / "charts"

    stem = f"{briefing.outline}.{briefing.lang}"
    started = time.perf_counter()
    needs_html = "html" in formats or "pdf" in formats
    with time_limit(f"rendering build/{stem}.html"):
        html = render_html(briefing, environment(template_dirs(root, templates))) if needs_html else ""
    outputs = []
    if "html" in formats:
        outputs += [Output(out_dir / f"{stem}.json", dump_json(briefing).encode()),
                    Output(out_dir / f"{stem}.html", html.encode())]
        progress.step(f"build/{stem}.html", started)
    if "pdf" in formats:
        from pipeline.render_pdf import render_pdf

        started = time.perf_counter()
        with time_limit(f"rendering build/{stem}.pdf"):
            pdf, warnings = render_pdf(html, root, f"build/{stem}.html")
        for message in warnings:
            progress.say(f"build/{stem}.pdf: WeasyPrint: {message}")
        outputs.append(Output(out_dir / f"{stem}.pdf", pdf))
        progress.step(f"build/{stem}.pdf", started)
    if "docx" in formats:
        from pipeline.render_docx import render_docx

        started = time.perf_counter()
        with time_limit(f"rendering build/{stem}.docx"):
            docx = render_docx(briefing, root / "templates" / "reference.docx", "templates/reference.docx")
        outputs.append(Output(out_dir / f"{stem}.docx", docx))
        progress.step(f"build/{stem}.docx", started)
    return outputs


def build(root: Path, names: list[str], out_dir: Path, say: Callable[[str], None],
          templates: Path | None = None, langs: tuple[str, ...] = (), formats: tuple[str, ...] = FORMATS,
          verbose: bool = False) -> list[Path]:
    """Check and assemble, render everything asked for in memory, then write it all atomically."""
    progress = Progress(say, verbose)
    started = time.perf_counter()
    with time_limit("checking seeds, facts and outlines"):
        _, briefings = plan(root, names, templates)
    progress.step("checked seeds, facts and outlines", started)
    outputs: list[Output] = []
    for briefing in briefings:
        if not langs or briefing.lang in langs:
            outputs.extend(render(root, briefing, out_dir, progress, templates, formats))
    for output in outputs:
        write_atomic(output.path, output.data)
    return [o.path for o in outputs]


def deps(root: Path) -> str:
    """Make rules for every outline: one check stamp per outline, one target per edition and
    format (so `make -j2 brief` builds them in parallel and a no-op starts no Python at all)."""
    _, briefings = plan(root, [])
    rules = ["# Generated by `brief deps` from outlines/*.yaml; do not edit."]
    for outline in sorted({b.outline for b in briefings}):
        stamp = f"build/.stamps/{outline}.ok"
        rules += [f"{stamp}: outlines/{outline}.yaml $(COMMON)",
                  f"\t@$(BIN)/brief check --quiet {outline} && mkdir -p build/.stamps && touch $@"]
        for lang in sorted({b.lang for b in briefings if b.outline == outline}):
            stem = f"build/{outline}.{lang}"
            rules += [f"OUTPUTS += {stem}.html {stem}.json {stem}.pdf {stem}.docx",
                      f"{stem}.html {stem}.json &: {stamp}", f"\t@$(BIN)/brief build {outline} --lang {lang} --format html"]
            rules += [f"{stem}.{fmt}: {stamp}\n\t@$(BIN)/brief build {outline} --lang {lang} --format {fmt}"
                      for fmt in ("pdf", "docx")]
    rules += ["all-outputs: $(OUTPUTS)", "\t@:"]
    return "\n".join(rules) + "\n"
