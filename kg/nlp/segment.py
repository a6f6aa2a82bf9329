"""Sentences, clauses and headings.

Sentences end at 。!? and line breaks; clauses at , ; : as well. A heading is a short sentence without
a comma that opens a paragraph (坚持……。) or a group of measures inside one (……更加完善。); headings
are kept in ``doc.spans["headings"]`` with the label ``"1"`` (paragraph), ``"2"`` (sub-heading) or
``"item"`` (an enumerated item of a notice or plan: 一、…。 (二)…。 3.…。, whose paragraph is its line).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["Segmenter", "SENT_END", "CLAUSE_END", "ENUMERATION", "clauses_of"]

SENT_END = frozenset("。!?\n")
CLAUSE_END = frozenset(",;:") | SENT_END
#: an enumeration marker opening an item: 一、 (二) 3. 第四,
ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、]"
                         r"|第[一二三四五六七八九十]{1,3}[,、]?)")


class Segmenter:
    """Sets ``is_sent_start`` and fills ``doc.spans["clauses"]`` and ``doc.spans["headings"]``."""

    def __init__(self, max_heading_chars: int = 18) -> None:
        self.max_heading_chars = max_heading_chars

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            doc.spans["clauses"], doc.spans["headings"] = [], []
            return doc
        for i, tok in enumerate(doc):
            tok.is_sent_start = i == 0 or doc[i - 1].text in SENT_END
        clauses, start = [], 0
        for i, tok in enumerate(doc):
            if tok.text in CLAUSE_END:
                if i > start:
                    clauses.append(Span(doc, start, i + (tok.text != "\n"), label="clause"))
                start = i + 1
        if start < n:
            clauses.append(Span(doc, start, n, label="clause"))
        doc.spans["clauses"] = clauses
        headings = []
        sents = [s for s in doc.sents if s.text.strip()]
        for k, s in enumerate(sents):
            text = s.text.strip()
            enum = ENUMERATION.match(text)
            if enum:
                text = text[enum.end():]
            if any(c in text for c in ",;:、") or len(text) > self.max_heading_chars or len(text) < 4:
                continue
            para_start = s.start == 0 or doc[s.start - 1].text == "\n"
            nxt = sents[k + 1] if k + 1 < len(sents) else None
            if nxt is None or len(nxt.text) <= len(text) or not text.endswith("。"):
                continue
            label = "item" if enum and para_start else "1" if para_start else "2"
            headings.append(Span(doc, s.start, s.end, label=label))
        doc.spans["headings"] = headings
        return doc


def clauses_of(doc: Doc, sent: Span) -> list[Span]:
    """The clauses inside one sentence."""
    return [c for c in doc.spans["clauses"] if c.start >= sent.start and c.end <= sent.end]


@Language.factory("govkg_segmenter", assigns=["token.is_sent_start", "doc.spans"],
                  default_config={"max_heading_chars": 18})
def make_segmenter(nlp: Language, name: str, max_heading_chars: int) -> Segmenter:
    return Segmenter(max_heading_chars=max_heading_chars)
