"""Helpers of the rule tests written on invented sentences: both scripts of a sentence, and its links."""

from __future__ import annotations

import opencc

from kg.evaluate import normalise_name
from kg.ingest import normalise
from kg.nlp.metrics import parse_quantities
from kg.pipeline import extract_text

_T = opencc.OpenCC("s2t")


def both(text: str) -> list[str]:
    """The text in simplified and traditional characters."""
    return [text, _T.convert(text)]


def triples(text: str) -> set[tuple[str, str, str]]:
    """The links extracted from ``text`` as (subject label, predicate, object label)."""
    x = extract_text(text)
    return {(normalise_name(r.subject[1]), r.predicate, normalise_name(r.object[1])) for r in x.relations}


def entities(text: str) -> set[tuple[str, str]]:
    """The entities extracted from ``text`` as (core class, label)."""
    return {(e.core, e.label) for e in extract_text(text).entities}


def labels(text: str, core: str) -> set[str]:
    """The labels of the entities of core class ``core``."""
    return {label for c, label in entities(text) if c == core}


def names(text: str, core: str) -> set[str]:
    """Labels and aliases of the entities of core class ``core``."""
    return {n for e in extract_text(text).entities if e.core == core for n in (e.label, *e.aliases)}


def linked(t: set, a: str, b: str, pred: str | None = None) -> bool:
    """Whether ``a`` and ``b`` are linked in ``t`` (either direction; by ``pred`` when given)."""
    return any({s, o} == {a, b} and (pred is None or p == pred) for s, p, o in t)


def figures(lx, text: str) -> list[tuple[str, float, str]]:
    """The figures the number grammar reads in ``text``: (quote of the normalised text, value, unit)."""
    norm = normalise(text)[0]
    return [(norm[q.start:q.end], q.value, q.unit) for q in parse_quantities(norm, lx)]
