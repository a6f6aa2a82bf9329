"""Minting stable IRIs.

An entity's IRI depends only on its core class and its canonical label, normalised (NFKC, no white
space or quotation marks), so the same entity gets the same IRI in every run, on every machine and in
every document: ``https://w3id.org/govkg/id/actor/<16 hex digits of sha256>``. Document-bound things
(documents, mentions, spans, metrics, relation assertions) hang below the document's IRI, itself
derived from the sha256 of the text. With compact provenance a mention's target is not a span node but
an RFC 5147 fragment of the document's IRI, ``<document#char=start,end>`` (:func:`char_fragment`,
read back with :func:`parse_char_fragment`).

Each ``*_iri`` function returns an rdflib ``URIRef``; its ``*_str`` twin returns the same IRI as a plain
string, for :func:`kg.rdf.build.extraction_triples`, which makes no rdflib terms.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

__all__ = [
    "BASE",
    "assertion_iri",
    "assertion_str",
    "char_fragment",
    "document_iri",
    "document_str",
    "entity_iri",
    "entity_str",
    "extractor_iri",
    "extractor_str",
    "mention_iri",
    "mention_str",
    "mention_tag",
    "metric_iri",
    "metric_str",
    "normalise_label",
    "parse_char_fragment",
    "span_iri",
    "span_str",
]

BASE = "https://w3id.org/govkg/id/"
_CHAR_FRAGMENT = re.compile(r"#char=(\d+),(\d+)\Z")
_STRIP = re.compile(r"[\s\u201c\u201d\u2018\u2019\"'\u300a\u300b<>\u300c\u300d\u300e\u300f]")


def normalise_label(label: str) -> str:
    """The form of a label that identifies an entity: NFKC, no white space, quotes or title marks.

    >>> normalise_label("“五社联动”机制") == normalise_label('"五社联动"机制')
    True
    """
    return _STRIP.sub("", unicodedata.normalize("NFKC", label))


def _h(*parts: str, n: int = 16) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def entity_str(core: str, label: str) -> str:
    """:func:`entity_iri` as a plain string."""
    return f"{BASE}{core.lower()}/{_h(core, normalise_label(label))}"


def document_str(doc_id: str) -> str:
    return f"{BASE}doc/{doc_id}"


def span_str(doc_id: str, start: int, end: int) -> str:
    return f"{BASE}doc/{doc_id}/span/{start}-{end}"


def char_fragment(document: str, start: int, end: int) -> str:
    """The characters ``[start, end)`` of a document as an RFC 5147 fragment of its IRI.

    Offsets count characters (Python ``str`` indices) of the decoded text, as ``oa:start``/``oa:end``
    do; the IRI is a compact provenance target and gets no triples of its own.

    >>> t = char_fragment("https://w3id.org/govkg/id/doc/0e48", 12, 16)
    >>> t
    'https://w3id.org/govkg/id/doc/0e48#char=12,16'
    >>> parse_char_fragment(t)
    (12, 16)
    """
    return f"{document}#char={start},{end}"


def parse_char_fragment(target: str) -> tuple[int, int] | None:
    """``(start, end)`` of an RFC 5147 ``#char=start,end`` IRI in the form govkg writes; None for any
    other IRI (a span node, say), a range that ends before it starts, or a fragment with an integrity
    check (``;length=…``), which the SHACL shapes and the named queries do not read either.

    >>> parse_char_fragment("https://w3id.org/govkg/id/doc/0e48#char=3,5")
    (3, 5)
    >>> parse_char_fragment("https://w3id.org/govkg/id/doc/0e48#char=3,5;length=900") is None
    True
    >>> parse_char_fragment("https://w3id.org/govkg/id/doc/0e48/span/3-5") is None
    True
    """
    m = _CHAR_FRAGMENT.search(target)
    if m is None:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if start <= end else None


def mention_tag(entity: str) -> str:
    """The 8 hex digits that tell apart the mentions of different entities on one span."""
    return _h(str(entity), n=8)


def mention_str(doc_id: str, start: int, end: int, entity: str) -> str:
    return f"{BASE}doc/{doc_id}/mention/{start}-{end}-{mention_tag(entity)}"


def metric_str(doc_id: str, start: int, end: int) -> str:
    return f"{BASE}doc/{doc_id}/metric/{start}-{end}"


def assertion_str(doc_id: str, s: str, p: str, o: str) -> str:
    return f"{BASE}doc/{doc_id}/assertion/{_h(str(s), str(p), str(o))}"


def extractor_str(version: str) -> str:
    return f"{BASE}agent/govkg/{version}"


def entity_iri(core: str, label: str) -> URIRef:
    """IRI of the entity of core class ``core`` named ``label``.

    >>> str(entity_iri("Actor", "省政府"))[:38]
    'https://w3id.org/govkg/id/actor/39a2a9'
    """
    return URIRef(entity_str(core, label))


def document_iri(doc_id: str) -> URIRef:
    return URIRef(document_str(doc_id))


def span_iri(doc_id: str, start: int, end: int) -> URIRef:
    """The oa:SpecificResource for ``[start, end)`` of a document; its selectors are ``#pos`` and ``#quote``."""
    return URIRef(span_str(doc_id, start, end))


def mention_iri(doc_id: str, start: int, end: int, entity: URIRef) -> URIRef:
    return URIRef(mention_str(doc_id, start, end, str(entity)))


def metric_iri(doc_id: str, start: int, end: int) -> URIRef:
    return URIRef(metric_str(doc_id, start, end))


def assertion_iri(doc_id: str, s: URIRef, p: URIRef, o: URIRef) -> URIRef:
    return URIRef(assertion_str(doc_id, str(s), str(p), str(o)))


def extractor_iri(version: str) -> URIRef:
    return URIRef(extractor_str(version))
