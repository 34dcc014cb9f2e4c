"""Footnotes: numbered once per edition in order of first call; what each note says.

A fact's first citation quotes each independent source briefly (a verbatim start, cut at
NOTE_QUOTE characters: a note must fit its page foot, the full passage is in the extract);
a copy whose original is cited too is named, not quoted again; a later citation of the same
fact is a short form pointing back to the first note.
"""

from __future__ import annotations

from pipeline.model import Conflict, Document, Evidence, Extract, Fact, Inline, Note, NoteRef, Text
from pipeline.normalize import display
from pipeline.wording import Words, foreign

NOTE_QUOTE = 40


def short(quote: str) -> str:
    text = display(quote).lstrip("●•▪◆ ")  # a list bullet is layout, not part of what is quoted
    return text if len(text) <= NOTE_QUOTE else text[:NOTE_QUOTE - 1].rstrip() + "…"


class Citations:
    """The notes of one edition, and which documents they cite (for the sources appendix)."""

    def __init__(self, extract: Extract, lang: str, words: Words) -> None:
        self.extract = extract
        self.lang = lang
        self.w = words
        self.notes: list[Note] = []
        self.first: dict[str, int] = {}
        self.cited: set[str] = set()

    def add(self, inlines: list[Inline]) -> NoteRef:
        number = len(self.notes) + 1
        self.notes.append(Note(number, tuple(inlines)))
        return NoteRef(number)

    def fact(self, fact: Fact) -> NoteRef:
        if fact.id in self.first:
            labels = self.w("and").join(dict.fromkeys(self.label(e) for e in self._independent(fact)))
            return self.add([Text(self.w("see", label=labels, number=self.first[fact.id]))])
        ref = self.add(self.evidence_runs(fact.evidence))
        self.first[fact.id] = ref.number
        return ref

    def conflict(self, conflict: Conflict) -> NoteRef:
        return self.add(self.evidence_runs(conflict.quotes))

    def evidence_runs(self, evidence: tuple[Evidence, ...]) -> list[Inline]:
        cited = {e.document for e in evidence}
        out: list[Inline] = []
        for e in evidence:
            if e.copy_of in cited:
                continue
            if out:
                out.append(Text(self.w("sep")))
            out.extend(self.cite(e))
        for e in evidence:
            if e.copy_of in cited:
                self.cited.add(e.document)
                out.append(Text(self.w("also", label=self.label(e))))
        return out

    def cite(self, e: Evidence) -> list[Inline]:
        """Source label, a short verbatim quote in its own script, and a copy's original."""
        self.cited.add(e.document)
        doc = self.extract.document(e.document)
        out: list[Inline] = [Text(self.label(e) + self.w("colon")),
                             Text(self.w("open") + short(e.quote) + self.w("close"), lang=self.foreign(doc))]
        if e.copy_of:
            self.cited.add(e.copy_of)
            out.append(Text(self.w("copy", label=self.doc_label(self.extract.document(e.copy_of)))))
        return out

    def _independent(self, fact: Fact) -> list[Evidence]:
        cited = {e.document for e in fact.evidence}
        return [e for e in fact.evidence if e.copy_of not in cited]

    def doc_label(self, doc: Document) -> str:
        return doc.label.get(self.lang) or doc.title

    def label(self, e: Evidence) -> str:
        """The document's label, with the article title for a compilation."""
        doc = self.extract.document(e.document)
        article = next((a for a in doc.articles if a.id == e.article), None)
        if article is None:
            return self.doc_label(doc)
        title = article.title_en if self.lang == "en" else article.title
        return self.doc_label(doc) + self.w("comma") + self.w("open") + title + self.w("close")

    def foreign(self, doc: Document) -> str:
        """The document's language tag where it differs from the edition's, else empty."""
        return foreign(doc.script, self.lang)
