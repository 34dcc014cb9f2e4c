"""The sources appendix: one entry per cited document, from the catalog, in catalog order.
Fields the catalog leaves empty are left out, never filled in."""

from __future__ import annotations

from pipeline.model import Block, Document, Heading, Inline, Link, Para, Text
from pipeline.wording import Words, foreign


def sources_appendix(documents: tuple[Document, ...], cited: set[str], w: Words) -> list[Block]:
    entries = [d for d in documents if d.id in cited]
    if not entries:
        return []
    return [Heading(1, "sources", w("appendix")), *(Para(tuple(_entry(d, w)), "source") for d in entries)]


def _entry(doc: Document, w: Words) -> list[Inline]:
    lang = w.lang
    stop = w("stop")
    original = foreign(doc.script, lang)
    out: list[Inline] = [Text(doc.label.get(lang) or doc.title, style="strong"), Text(stop)]
    if doc.title:
        out.append(Text(w("open") + doc.title + w("close"), lang=original))
        if lang == "en" and doc.title_en:
            out.append(Text(f" ({doc.title_en})"))
        out.append(Text(stop))
    names = [w("authors", names=w("name_sep").join(doc.authors))] if doc.authors else []
    names += [x for x in (doc.publisher, doc.date_stated or doc.date) if x]
    if names:  # as printed in the source, so in its script
        out.append(Text(w("comma").join(names), lang=original if lang == "en" else ""))
        out.append(Text(w("comma")))
    out.append(Text(w.kind(doc.kind) + stop))
    for article in doc.articles:
        translated = lang == "en" and bool(article.title_en)
        title = article.title_en if translated else article.title
        out += [Text(w("open") + title + w("close"), lang="" if translated else original), Text(" ("),
                Text(article.attribution, lang=original), Text(")" + stop)]
    if doc.url:
        out += [Link(doc.url, doc.url), Text(stop)]
    out.append(Text(w("grade", grade=doc.grade, reason=doc.grade_reason)))
    return out
