"""Reader edge for seeds/: the catalog and each seed's text, kept exactly as stored."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import BriefError, Loc, raise_all
from pipeline.model import Article, Document, I18n, Source
from pipeline.yamlsrc import Y, check_keys, load_yaml

MAX_SEED_BYTES = 5_000_000
_DOC_KEYS = (
    "id", "file", "title", "title_en", "label", "authors", "publisher", "date", "date_stated",
    "url", "language", "script", "kind", "articles", "notes", "headings", "reliability",
)
_ARTICLE_KEYS = ("id", "title", "title_en", "attribution", "copy_of", "reliability")
GRADES = ("A", "B", "C", "D", "E", "F")
_KINDS = ("web article", "PDF report", "compilation")
_SCRIPTS = ("zh-Hans", "zh-Hant")


def read_seed(path: Path, shown: str) -> str:
    """The seed's text with positions intact (code points of the decoded text, no newline
    translation). UTF-8, or UTF-16/UTF-8 when a byte-order mark makes the encoding certain;
    anything else (GBK, binary) is refused by name rather than guessed."""
    data = path.read_bytes()
    if len(data) > MAX_SEED_BYTES:
        raise BriefError(f"seed is {len(data):,} bytes; the limit is {MAX_SEED_BYTES:,}", Loc(shown))
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _decode(data, codec, shown)
    if b"\x00" in data:
        raise BriefError("seed is a binary file, not text", Loc(shown))
    return _decode(data, "utf-8", shown)


def _decode(data: bytes, codec: str, shown: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise BriefError(f"seed is not {codec.upper()} text (byte {exc.start})", Loc(shown),
                         hint="convert it to UTF-8 (it may be GBK or another legacy encoding)") from None
    if not text.strip():
        raise BriefError("seed is empty", Loc(shown))
    return text


def load_catalog(seeds_dir: Path, shown_dir: str = "seeds") -> tuple[Document, ...]:
    root = load_yaml(seeds_dir / "catalog.yaml", f"{shown_dir}/catalog.yaml")
    errors: list[BriefError] = []
    docs: list[Document] = []
    for node in root.as_map().get("documents", root).as_list("a list of documents"):
        try:
            docs.append(_document(node, seeds_dir, shown_dir))
        except BriefError as exc:
            errors.extend((exc, *exc.others))
    seen: set[str] = set()
    for doc, node in zip(docs, root.as_map()["documents"].as_list()):
        if doc.id in seen:
            errors.append(BriefError(f"duplicate document id '{doc.id}'", node.loc))
        seen.add(doc.id)
    raise_all(errors)
    return tuple(docs)


def load_sources(seeds_dir: Path, shown_dir: str = "seeds") -> tuple[Source, ...]:
    return tuple(
        Source(doc, read_seed(seeds_dir / doc.file, f"{shown_dir}/{doc.file}"))
        for doc in load_catalog(seeds_dir, shown_dir)
    )


def _document(node: Y, seeds_dir: Path, shown_dir: str) -> Document:
    m = node.as_map("a document entry")
    errors = check_keys(node, _DOC_KEYS, required=("id", "file", "title", "language", "script", "kind"))
    raise_all(errors)
    text = {k: m[k].as_str() if k in m and m[k].value is not None else "" for k in _DOC_KEYS
            if k not in ("authors", "articles", "label", "headings", "reliability")}
    if not (seeds_dir / text["file"]).is_file():
        raise BriefError(f"catalog names '{text['file']}', which is not in {shown_dir}/", m["file"].loc)
    if text["kind"] not in _KINDS:
        raise BriefError(f"unknown kind '{text['kind']}'", m["kind"].loc, hint=f"expected one of: {', '.join(_KINDS)}")
    if text["script"] not in _SCRIPTS:
        raise BriefError(f"unknown script '{text['script']}'", m["script"].loc, hint=f"expected one of: {', '.join(_SCRIPTS)}")
    return Document(
        id=text["id"], file=text["file"], title=text["title"], title_en=text["title_en"],
        label=_i18n(m.get("label")),
        authors=tuple(a.as_str() for a in m["authors"].as_list()) if "authors" in m and m["authors"].value else (),
        publisher=text["publisher"], date=text["date"], date_stated=text["date_stated"],
        url=text["url"], language=text["language"], script=text["script"], kind=text["kind"],
        articles=tuple(_article(a) for a in m["articles"].as_list()) if "articles" in m else (),
        notes=text["notes"],
        headings=tuple(h.as_str("a heading") for h in m["headings"].as_list()) if "headings" in m else (),
        **_reliability(m.get("reliability"), node),
    )


def _article(node: Y) -> Article:
    raise_all(check_keys(node, _ARTICLE_KEYS, required=("id", "title", "attribution")))
    m = node.as_map()
    get = lambda k: m[k].as_str() if k in m and m[k].value is not None else ""
    return Article(get("id"), get("title"), get("title_en"), get("attribution"), get("copy_of"),
                   **_reliability(m.get("reliability"), node))


def _reliability(node: Y | None, owner: Y) -> dict[str, str]:
    """`reliability: {grade: B, reason: ...}` on the Admiralty scale; required for every source."""
    if node is None:
        raise BriefError("missing reliability (grade A-F and a one-line reason)", owner.loc)
    raise_all(check_keys(node, ("grade", "reason"), required=("grade", "reason")))
    m = node.as_map()
    grade = m["grade"].as_str("a grade")
    if grade not in GRADES:
        raise BriefError(f"unknown grade '{grade}'", m["grade"].loc, hint="expected one of: A, B, C, D, E, F")
    return {"grade": grade, "grade_reason": m["reason"].as_str("a reason")}


def _i18n(node: Y | None) -> I18n:
    if node is None or node.value is None:
        return I18n()
    raise_all(check_keys(node, ("en", "zh")))
    m = node.as_map("a text per language (en, zh)")
    return I18n(m["en"].as_str() if "en" in m else "", m["zh"].as_str() if "zh" in m else "")
