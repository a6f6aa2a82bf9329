"""Sentences, clauses and headings.

Sentences end at 。!? and line breaks; clauses at , ; : as well. A heading is a short sentence without
a comma that opens a paragraph (坚持……。) or a group of measures inside one (……更加完善。); headings
are kept in ``doc.spans["headings"]`` with the label ``"1"`` (paragraph), ``"2"`` (sub-heading) or
``"item"`` (an enumerated item of a notice or plan: 一、…。 (二)…。 3.…。, whose paragraph is its line).
"""

from __future__ import annotations

import re
from itertools import compress, pairwise
from typing import NamedTuple

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp import spans
from kg.nlp.spans import Rec
from kg.nlp.tokenizer import doc_text, doc_words

__all__ = ["CLAUSE_END", "ENUMERATION", "SENT_END", "Segmenter", "Sentence", "clause_bounds", "clauses_of",
           "sentences"]

SENT_END = frozenset("。!?\n")
CLAUSE_END = frozenset(",;:") | SENT_END
#: an enumeration marker opening an item: 一、 (二) 3. 第四,
ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、]"
                         r"|第[一二三四五六七八九十]{1,3}[,、]?)")


#: the last clause mark up to a position (and including it), and the next one; ``listing`` adds 、
_LAST_MARK = {False: re.compile("(?s:.*)[,;:。!?\n]"), True: re.compile("(?s:.*)[,;:。!?\n、]")}
_NEXT_MARK = {False: re.compile("[,;:。!?\n]"), True: re.compile("[,;:。!?\n、]")}


def clause_bounds(text: str, pos: int, lo: int, hi: int, listing: bool = False) -> tuple[int, int]:
    """The clause around ``pos`` within ``[lo, hi)``: from after the clause mark before it (or ``lo``) to the
    clause mark at or after it (or ``hi``); with ``listing``, 、 ends a clause too."""
    a = pos
    if pos > lo:
        m = _LAST_MARK[listing].match(text, lo, pos)
        a = m.end() if m else lo
    m = _NEXT_MARK[listing].search(text, pos, hi) if pos < hi else None
    return a, (m.start() if m else max(pos, hi))


class Sentence(NamedTuple):
    """A sentence as token and character offsets (cheaper to pass around than a ``Span``)."""

    start: int
    end: int
    start_char: int
    end_char: int


#: ``doc.user_data`` key of the sentences the segmenter found
SENTS_KEY = "govkg.sentences"


def sentences(doc: Doc) -> list[Sentence]:
    """The sentences of ``doc`` (from the segmenter; else from ``doc.sents``), computed once."""
    got = doc.user_data.get(SENTS_KEY)
    if got is None:
        got = [Sentence(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
        doc.user_data[SENTS_KEY] = got
    return got


class Segmenter:
    """Sets ``is_sent_start`` and fills ``doc.spans["clauses"]`` and ``doc.spans["headings"]``."""

    def __init__(self, max_heading_chars: int = 18) -> None:
        self.max_heading_chars = max_heading_chars

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            doc.spans["clauses"], doc.spans["headings"] = [], []
            doc.user_data[SENTS_KEY] = []
            return doc
        words, offs = doc_words(doc)
        text = doc_text(doc)
        # the tokens that end a clause or sentence (single characters)
        ends = list(compress(range(n), map(CLAUSE_END.__contains__, words)))
        bounds = [0] + [i + 1 for i in ends if i + 1 < n and words[i] in SENT_END]
        # one array write (setting token.is_sent_start one by one re-checks the whole doc each time)
        starts = numpy.full((n, 1), numpy.iinfo("uint64").max, dtype="uint64")  # spaCy's arrays are uint64: -1
        starts[bounds, 0] = 1
        doc.from_array([SENT_START], starts)
        bounds.append(n)
        sents = [Sentence(a, b, offs[a], offs[b - 1] + len(words[b - 1])) for a, b in pairwise(bounds)]
        doc.user_data[SENTS_KEY] = sents
        clauses, start = [], 0
        for i in ends:
            if i > start:
                end = i + (words[i] != "\n")
                clauses.append(Rec(offs[start], offs[end - 1] + len(words[end - 1]), "clause", "", "", start, end))
            start = i + 1
        if start < n:
            clauses.append(Rec(offs[start], offs[n - 1] + len(words[n - 1]), "clause", "", "", start, n))
        spans.assign(doc, "clauses", clauses)
        headings = []
        full = [s for s in sents if text[s.start_char:s.end_char].strip()]
        for k, s in enumerate(full):
            line = text[s.start_char:s.end_char].strip()
            enum = ENUMERATION.match(line)
            if enum:
                line = line[enum.end():]
            if len(line) > self.max_heading_chars or len(line) < 4 or any(c in line for c in ",;:、"):
                continue
            para_start = s.start == 0 or words[s.start - 1] == "\n"
            nxt = full[k + 1] if k + 1 < len(full) else None
            whole_line = enum is not None and para_start and text[s.start_char:s.end_char].endswith("\n")
            if nxt is None or nxt.end_char - nxt.start_char <= len(line) or not (line.endswith("。") or whole_line):
                continue  # a heading ends in 。, or is an enumerated line of its own (一、工作目标)
            label = "item" if enum and para_start else "1" if para_start else "2"
            headings.append((Span(doc, s.start, s.end, label=label),
                             Rec(s.start_char, s.end_char, label, "", "", s.start, s.end)))
        spans.put(doc, "headings", headings)
        return doc


def clauses_of(doc: Doc, sent: Span | Sentence) -> list[Span]:
    """The clauses inside one sentence."""
    return [c for c in doc.spans["clauses"] if c.start >= sent.start and c.end <= sent.end]


@Language.factory("govkg_segmenter", assigns=["token.is_sent_start", "doc.spans"],
                  default_config={"max_heading_chars": 18})
def make_segmenter(nlp: Language, name: str, max_heading_chars: int) -> Segmenter:
    return Segmenter(max_heading_chars=max_heading_chars)
