"""`brief dist`: one zip per outline with its PDFs and DOCXs, a manifest of input and output
hashes, and SHA256SUMS. Same inputs, same bytes: members are sorted and time-stamped with
the briefing's date. Outputs must be those of the current inputs (their build identifier)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from pipeline import __version__
from pipeline.build import inputs_digest, outline_paths, write_atomic
from pipeline.errors import BriefError, Loc
from pipeline.yamlsrc import load_yaml


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _inputs(root: Path, outline: Path) -> dict[str, str]:
    files = sorted(p for p in (root / "seeds").iterdir() if p.is_file())
    files += sorted(p for p in (root / "templates").rglob("*") if p.is_file()) + [outline]
    return {p.relative_to(root).as_posix(): _sha(p.read_bytes()) for p in files}


def dist(root: Path, names: list[str], say=print) -> list[Path]:  # type: ignore[no-untyped-def]
    made = []
    for outline in outline_paths(root, names):
        meta = load_yaml(outline, f"outlines/{outline.name}").as_map()["meta"].as_map()
        date = meta["date"].as_str()
        langs = [n.as_str() for n in meta["editions"].as_list()]
        build_id = inputs_digest(root, outline)[:12]
        outputs = {}
        for lang in langs:
            stem = f"{outline.stem}.{lang}"
            model = root / "build" / f"{stem}.json"
            if not model.is_file() or build_id not in json.loads(model.read_text(encoding="utf-8"))["meta"]["build"]:
                raise BriefError(f"build/{stem}.* is missing or older than its inputs", Loc(f"outlines/{outline.name}"),
                                 hint="run make brief first")
            for ext in ("pdf", "docx"):
                path = root / "build" / f"{stem}.{ext}"
                outputs[path.name] = path.read_bytes()
        name = f"{outline.stem}-{date}-{__version__}"
        manifest = {"outline": outline.stem, "date": date, "version": __version__, "build": build_id,
                    "inputs": _inputs(root, outline), "outputs": {k: _sha(v) for k, v in sorted(outputs.items())}}
        members = dict(sorted(outputs.items()))
        members["manifest.json"] = (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode()
        members["SHA256SUMS"] = "".join(f"{_sha(v)}  {k}\n" for k, v in members.items()).encode()
        target = root / "build" / "dist" / f"{name}.zip"
        write_atomic(target, _zip(name, members, date))
        say(f"wrote {target.relative_to(root)}")
        made.append(target)
    return made


def _zip(folder: str, members: dict[str, bytes], date: str) -> bytes:
    stamp = tuple(int(x) for x in date.split("-")) + (0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()
