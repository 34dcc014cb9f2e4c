"""Helpers that read produced PDFs and DOCXs back, as a reader's software would."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pymupdf
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_destinations(path: Path) -> dict[str, int]:
    """Named destinations (element ids) and the 0-based page each stands on."""
    with pymupdf.open(path) as doc:
        return {name: dest["page"] for name, dest in doc.resolve_names().items()}


def pdf_page_texts(path: Path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [page.get_text() for page in doc]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """Rows of `pdffonts`: name, type, emb, sub."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def docx_xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def docx_footnotes(path: Path) -> dict[int, str]:
    """Real notes of word/footnotes.xml (separators left out): id -> text."""
    root = docx_xml(path, "word/footnotes.xml")
    notes = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator"):
            continue
        notes[int(note.get(f"{W}id"))] = "".join(t.text or "" for t in note.iter(f"{W}t"))
    return notes


def docx_reference_ids(path: Path) -> list[int]:
    root = docx_xml(path, "word/document.xml")
    return [int(r.get(f"{W}id")) for r in root.iter(f"{W}footnoteReference")]


TOP_MARGIN, BOTTOM_MARGIN = 24 * 72 / 25.4, 26 * 72 / 25.4  # as in templates/brief.css


def footnote_problems(path: Path) -> list[str]:
    """Notes (8 pt serif) must stay inside the text area and no body text (9 pt and up) may run
    into them: WeasyPrint never splits a note, and an over-long one silently overflows."""
    problems = []
    with pymupdf.open(path) as doc:
        for number, page in enumerate(doc, start=1):
            spans = [s for b in page.get_text("dict")["blocks"] for line in b.get("lines", []) for s in line["spans"]
                     if s["text"].strip()]
            notes = [s for s in spans if 7.8 <= s["size"] <= 8.2 and "Sans" not in s["font"]]
            body = [s for s in spans if s["size"] >= 8.8]
            if not notes:
                continue
            top = min(s["bbox"][1] for s in notes)
            bottom = max(s["bbox"][3] for s in notes)
            if top < TOP_MARGIN or bottom > page.rect.height - BOTTOM_MARGIN + 1:
                problems.append(f"page {number}: notes leave the text area ({top:.0f}-{bottom:.0f} pt)")
            if body and max(s["bbox"][3] for s in body) > top + 0.5:
                problems.append(f"page {number}: body text runs into the notes")
    return problems


def docx_paragraphs(path: Path, style: str) -> list[str]:
    body = docx_xml(path, "word/document.xml")
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")
            if (s := p.find(f"{W}pPr/{W}pStyle")) is not None and s.get(f"{W}val") == style]


def docx_tables(path: Path) -> list[list[list[str]]]:
    body = docx_xml(path, "word/document.xml")
    return [[["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.iter(f"{W}tc")] for tr in tbl.iter(f"{W}tr")]
            for tbl in body.iter(f"{W}tbl")]


def pdf_notes(path: Path) -> dict[int, str]:
    """Footnote texts by number, read from the 8-pt serif note area of each page."""
    notes: dict[int, str] = {}
    with pymupdf.open(path) as doc:
        for page in doc:
            lines = []
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    spans = [s for s in line["spans"] if 7.8 <= s["size"] <= 8.2 and "Sans" not in s["font"]]
                    if spans:
                        lines.append("".join(s["text"] for s in spans))
            current = None
            for line in lines:
                match = re.match(r"^(\d+)\.\s*(.*)$", line)
                if match and int(match.group(1)) == len(notes) + 1:
                    current = int(match.group(1))
                    notes[current] = match.group(2)
                elif current is not None:
                    notes[current] += line
    return notes
