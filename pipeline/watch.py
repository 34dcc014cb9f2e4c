"""`brief watch`: rebuild on save in a warm process and serve a live preview on localhost.

Imports, fonts and chart drawings stay loaded between builds. On a change the HTML editions
are rebuilt first (the preview reloads), then the PDFs and DOCXs. A mistake prints one line in
the terminal and shows in the preview page; watching goes on until Ctrl-C.
"""

from __future__ import annotations

import json
import threading
import time
import traceback
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pipeline.build import Progress, plan, render, write_atomic
from pipeline.errors import BriefError

POLL_SECONDS = 0.3
RELOAD = """<script>(function () {
  let seen = null;
  async function poll() {
    try {
      const state = await (await fetch("/__state", {cache: "no-store"})).json();
      if (seen !== null && state.version !== seen) { location.reload(); return; }
      seen = state.version;
      let box = document.getElementById("__brief_error");
      if (state.error && !box) {
        box = document.createElement("pre");
        box.id = "__brief_error";
        box.style.cssText = "position:fixed;top:0;left:0;right:0;margin:0;padding:8px 12px;background:#fbe3e3;" +
          "color:#7a1010;font:12px monospace;white-space:pre-wrap;z-index:9999";
        document.body.prepend(box);
      }
      if (box) { box.textContent = state.error; box.style.display = state.error ? "block" : "none"; }
    } catch (e) {}
    setTimeout(poll, 700);
  }
  poll();
})();</script>"""


class State:
    """What the preview page asks for: a version that changes on every rebuild, the last error."""

    def __init__(self) -> None:
        self.version = 0
        self.error = ""
        self.lock = threading.Lock()

    def bump(self, error: str = "") -> None:
        with self.lock:
            self.version += 1
            self.error = error


def _handler(state: State, folder: Path) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            pass  # the terminal is for build lines

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == "/__state":
                with state.lock:
                    self._send(json.dumps({"version": state.version, "error": state.error}).encode(), "application/json")
                return
            if path == "/":
                links = "".join(f'<li><a href="{p.name}">{p.name}</a></li>' for p in sorted(folder.glob("*.*"))
                                if p.suffix in (".html", ".pdf", ".docx"))
                self._send(f"<!DOCTYPE html><html><body><h1>Briefings</h1><ul>{links}</ul>{RELOAD}</body></html>".encode(),
                           "text/html; charset=utf-8")
                return
            target = folder / path.lstrip("/")
            if target.suffix == ".html" and target.is_file() and target.resolve().is_relative_to(folder.resolve()):
                page = target.read_text(encoding="utf-8").replace("</body>", RELOAD + "</body>")
                self._send(page.encode(), "text/html; charset=utf-8")
                return
            super().do_GET()

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _snapshot(root: Path) -> dict[str, float]:
    files = [*(root / "seeds").glob("*"), *(root / "outlines").glob("*.yaml"), *(root / "templates").rglob("*")]
    return {str(p): p.stat().st_mtime for p in files if p.is_file()}


def _changed_outlines(before: dict[str, float], after: dict[str, float], root: Path) -> list[str] | None:
    """Outline names to rebuild; None means all (a seed, the facts or a template changed)."""
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    outlines = str(root / "outlines")
    if any(not k.startswith(outlines) for k in changed):
        return None
    return sorted({Path(k).stem for k in changed if Path(k).exists()})


def rebuild(root: Path, names: list[str], state: State, say) -> None:  # type: ignore[no-untyped-def]
    """HTML first, so the preview refreshes; then PDF and DOCX. Never raises."""
    progress = Progress(say)
    out = root / "build"
    try:
        started = time.perf_counter()
        _, briefings = plan(root, names)
        for briefing in briefings:
            for output in render(root, briefing, out, progress, formats=("html",)):
                write_atomic(output.path, output.data)
        state.bump()
        say(f"preview refreshed in {time.perf_counter() - started:.1f} s")
        for briefing in briefings:
            for output in render(root, briefing, out, progress, formats=("pdf", "docx")):
                write_atomic(output.path, output.data)
        say(f"PDF and DOCX done in {time.perf_counter() - started:.1f} s")
    except BriefError as exc:
        for line in exc.lines():
            say(f"error: {line}")
        state.bump("\n".join(exc.lines()))
    except Exception:  # noqa: BLE001 -- a bug must not end the editor's session either
        say("error: internal error in the pipeline (a bug):\n" + traceback.format_exc(limit=3))
        state.bump("internal error in the pipeline; see the terminal")


def watch(root: Path, names: list[str], port: int, say=print, stop: threading.Event | None = None) -> None:  # type: ignore[no-untyped-def]
    state = State()
    folder = root / "build"
    folder.mkdir(exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(_handler(state, folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"serving http://127.0.0.1:{server.server_address[1]}/ ; watching seeds/, outlines/, templates/ (Ctrl-C stops)")
    seen = _snapshot(root)
    rebuild(root, names, state, say)
    try:
        while not (stop and stop.is_set()):
            time.sleep(POLL_SECONDS)
            now = _snapshot(root)
            if now != seen:
                changed = _changed_outlines(seen, now, root)
                seen = now
                wanted = names if changed is None else [n for n in changed if not names or n in names]
                if changed is None or wanted:
                    rebuild(root, wanted if changed is not None else names, state, say)
    except KeyboardInterrupt:
        say("stopped")
    finally:
        server.shutdown()
