"""The whole road in a few functions: files or text -> extractions -> one rdflib graph.

>>> from kg.pipeline import build_sample_graph
>>> g = build_sample_graph()
>>> len(g) > 1000
True
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from kg.ingest import from_text, read_document
from kg.records import Document, DocumentMeta, Extraction

__all__ = [
    "build_sample_graph",
    "extract_document",
    "extract_files",
    "extract_text",
    "graph_of",
    "sample_document",
    "sample_meta",
]

log = logging.getLogger(__name__)



def sample_meta() -> DocumentMeta:
    """Metadata of the bundled sample, read from ``kg/data/samples/*.meta.json``."""
    import json

    from kg.resources import sample_path

    meta = sample_path().parent.joinpath(sample_path().name.replace(".txt", ".meta.json"))
    return DocumentMeta(**json.loads(meta.read_text(encoding="utf-8")))


def _nlp(nlp=None):
    if nlp is not None:
        return nlp
    from kg.nlp.pipeline import default_nlp

    return default_nlp()


def extract_document(document: Document, *, nlp=None) -> Extraction:
    from kg.extract import extract

    return extract(document, _nlp(nlp))


def extract_text(text: str, *, meta: DocumentMeta | None = None, nlp=None) -> Extraction:
    """Records for a text given as a string."""
    return extract_document(from_text(text, meta=meta), nlp=nlp)


def extract_files(paths: Iterable[str | Path], *, encoding: str | None = None, nlp=None) -> list[Extraction]:
    return [extract_document(read_document(p, encoding=encoding), nlp=nlp) for p in paths]


def graph_of(extractions: Iterable[Extraction], *, provenance: str = "full") -> Graph:
    """One rdflib graph of ``extractions``; ``provenance``: ``"full"`` or ``"compact"``
    (see :func:`kg.rdf.build.extraction_triples`)."""
    from kg.rdf.build import build_graph

    return build_graph(extractions, provenance=provenance)


def sample_document() -> Document:
    """The bundled sample article as a :class:`Document` (author and source in ``kg/data/samples/``)."""
    from kg.resources import sample_text

    return from_text(sample_text(), meta=sample_meta(), name="sample")


@functools.lru_cache(maxsize=1)
def _sample_graph_cached() -> Graph:
    return graph_of([extract_document(sample_document())])


def build_sample_graph() -> Graph:
    """The knowledge graph of the bundled sample (a fresh copy each call)."""
    g = Graph()
    src = _sample_graph_cached()
    for prefix, ns in src.namespaces():
        g.bind(prefix, ns, override=True)
    for t in src:
        g.add(t)
    return g
