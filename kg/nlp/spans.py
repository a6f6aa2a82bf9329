"""Plain records of a doc's span groups, kept beside them for the rules that read spans many times.

A spaCy ``Span`` costs microseconds to make, also each time a span group is iterated, and each string
attribute (``label_``, ``id_``) is looked up again on every read; the rule components read the same
groups over and over. :func:`records` gives the spans of a group as :class:`Rec` tuples, made once and
kept for as long as the group is the same object holding as many spans; :func:`append` and :func:`assign`
(and :func:`extend`, :func:`put`) change a group and its records together. The records are kept outside the doc (``doc.user_data`` must
stay serialisable) and go with it.

A component that changes a group by other means (``doc.spans[name].append(span)``, or assigning
``doc.spans[name]``) needs to do nothing: the records are then made again from the spans on the next
read. Only replacing spans in place (``group[i] = span``) goes unnoticed: call :func:`forget` after it.
"""

from __future__ import annotations

import weakref
from typing import NamedTuple

from spacy.tokens import Doc, Span, SpanGroup

__all__ = ["Rec", "append", "assign", "extend", "forget", "put", "records"]


class Rec(NamedTuple):
    """What the rules read of a span: character offsets, label, id (the recogniser) and kb id, tokens."""

    start_char: int
    end_char: int
    label_: str
    id_: str
    kb_id_: str
    start: int
    end: int

    @classmethod
    def of(cls, span: Span) -> Rec:
        return cls(span.start_char, span.end_char, span.label_, span.id_, span.kb_id_, span.start, span.end)


# doc -> group name -> (the group object, its records)
_KEPT: weakref.WeakKeyDictionary[Doc, dict[str, tuple[SpanGroup, list[Rec]]]] = weakref.WeakKeyDictionary()


def _kept(doc: Doc, name: str) -> list[Rec] | None:
    """The records of ``doc.spans[name]`` if they are in step with it."""
    by_name = _KEPT.get(doc)
    got = by_name.get(name) if by_name else None
    if got is None or name not in doc.spans:
        return None
    group, recs = got
    return recs if doc.spans[name] is group and len(group) == len(recs) else None


def records(doc: Doc, name: str) -> list[Rec]:
    """The spans of ``doc.spans[name]`` as records, in the group's order (empty if there is no group).

    The list is the one kept: treat it as read-only.
    """
    if name not in doc.spans:
        return []
    recs = _kept(doc, name)
    if recs is None:
        group = doc.spans[name]
        recs = [Rec.of(s) for s in group]
        _KEPT.setdefault(doc, {})[name] = (group, recs)
    return recs


def append(doc: Doc, name: str, span: Span, rec: Rec | None = None) -> None:
    """Add ``span`` to ``doc.spans[name]`` (made if missing) and to its records."""
    if name not in doc.spans:
        doc.spans[name] = []
    recs = _kept(doc, name)
    group = doc.spans[name]
    group.append(span)
    if recs is not None:
        recs.append(rec if rec is not None else Rec.of(span))
    elif len(group) == 1:  # a new group: start its records
        _KEPT.setdefault(doc, {})[name] = (group, [rec if rec is not None else Rec.of(span)])


def extend(doc: Doc, name: str, new: list[tuple[Span, Rec]]) -> None:
    """Add several ``(span, its record)`` pairs to ``doc.spans[name]`` (made if missing) and its records."""
    if not new:
        return
    if name not in doc.spans:
        doc.spans[name] = []
    recs = _kept(doc, name)
    group = doc.spans[name]
    fresh = len(group) == 0
    for span, _ in new:
        group.append(span)
    if recs is not None:
        recs.extend(rec for _, rec in new)
    elif fresh:
        _KEPT.setdefault(doc, {})[name] = (group, [rec for _, rec in new])


def assign(doc: Doc, name: str, recs: list[Rec]) -> None:
    """Set ``doc.spans[name]`` to spans made from ``recs`` and keep ``recs`` as its records."""
    add = doc.vocab.strings.add
    ids = {t: add(t) for t in {t for r in recs for t in (r.label_, r.kb_id_, r.id_)}}  # each string added once
    doc.spans[name] = [Span(doc, r.start, r.end, label=ids[r.label_], kb_id=ids[r.kb_id_], span_id=ids[r.id_])
                       for r in recs]
    _KEPT.setdefault(doc, {})[name] = (doc.spans[name], list(recs))


def put(doc: Doc, name: str, new: list[tuple[Span, Rec]]) -> None:
    """Set ``doc.spans[name]`` to the spans of ``(span, its record)`` pairs and keep their records."""
    doc.spans[name] = [span for span, _ in new]
    _KEPT.setdefault(doc, {})[name] = (doc.spans[name], [rec for _, rec in new])


def forget(doc: Doc, name: str | None = None) -> None:
    """Drop the records of one group (or of all), after changing it in place."""
    by_name = _KEPT.get(doc)
    if by_name:
        if name is None:
            by_name.clear()
        else:
            by_name.pop(name, None)
