"""The `brief` command: one line per error, documented exit codes, no traceback for mistakes."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from pipeline.browse import KINDS, list_lines, show_lines
from pipeline.build import FORMATS, build, deps, plan, summary, write_extract
from pipeline.errors import BriefError, ExitCode
from pipeline.extract import extract_project


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="brief", description="Build footnoted briefings from seeds/ and outlines/.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build outlines into build/ (all when none is named)")
    b.add_argument("outlines", nargs="*", help="outline names, e.g. brief")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: build/)")
    b.add_argument("--templates", type=Path, default=None,
                   help="a folder of templates that override or extend the built-in ones (inside the project)")
    b.add_argument("--lang", action="append", choices=("en", "zh"), help="only this edition (repeatable)")
    b.add_argument("--format", action="append", choices=FORMATS, help="only this format (repeatable)")
    b.add_argument("-v", "--verbose", action="store_true", help="a line for every step, with its time")
    c = sub.add_parser("check", help="check seeds, facts and outlines without rendering")
    c.add_argument("outlines", nargs="*")
    c.add_argument("--quiet", action="store_true", help="print nothing when all is well")
    sub.add_parser("deps", help="print make rules for the outlines (used by the Makefile)")
    d = sub.add_parser("dist", help="zip each outline's PDFs and DOCXs with a manifest into build/dist/")
    d.add_argument("outlines", nargs="*")
    w = sub.add_parser("watch", help="rebuild on save and serve a live preview on localhost")
    w.add_argument("outlines", nargs="*")
    w.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0: any free port)")
    sub.add_parser("extract", help="write build/extract.json (documents, sections, blocks, tables, figures, facts)")
    li = sub.add_parser("list", help="list extract elements: " + ", ".join(KINDS))
    li.add_argument("kind", help=" | ".join(KINDS))
    li.add_argument("--document", default="", help="only this document's elements")
    sh = sub.add_parser("show", help="print one element beside its source passage")
    sh.add_argument("id", help="an element id, e.g. zhang-biomed-layout/table-1")
    return parser


def _build(root: Path, args: argparse.Namespace) -> None:
    build(root, args.outlines, args.out or root / "build", say=print, templates=args.templates,
          langs=tuple(args.lang or ()), formats=tuple(args.format or FORMATS), verbose=args.verbose)


def _check(root: Path, args: argparse.Namespace) -> None:
    line = summary(*plan(root, args.outlines))
    if not args.quiet:
        print(line)


def _dist(root: Path, args: argparse.Namespace) -> None:
    from pipeline.dist import dist

    dist(root, args.outlines)


def _watch(root: Path, args: argparse.Namespace) -> None:
    from pipeline.watch import watch

    watch(root, args.outlines, args.port)


def _extract(root: Path, args: argparse.Namespace) -> None:
    print(f"wrote {write_extract(root, root / 'build').relative_to(root)}")


def _browse(root: Path, args: argparse.Namespace) -> None:
    sources, extract = extract_project(root)
    lines = list_lines(extract, args.kind, args.document) if args.command == "list" else show_lines(extract, sources, args.id)
    print("\n".join(lines))


COMMANDS = {"build": _build, "check": _check, "deps": lambda root, args: print(deps(root), end=""),
            "dist": _dist, "watch": _watch, "extract": _extract, "list": _browse, "show": _browse}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        COMMANDS[args.command](args.root.resolve(), args)
    except BriefError as exc:
        for line in exc.lines():
            print(f"error: {line}", file=sys.stderr)
        return int(exc.code)
    except KeyboardInterrupt:
        print("interrupted; build/ is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(ExitCode.OK)
    except Exception:  # noqa: BLE001 -- a bug, not a user mistake: keep the traceback
        traceback.print_exc()
        print("error: internal error in the pipeline (a bug); build/ is unchanged", file=sys.stderr)
        return int(ExitCode.INTERNAL)
    return int(ExitCode.OK)
