"""Access to the bundled data: ontology, SHACL shapes, lexicon, named queries and sample texts.

Everything is read through :mod:`importlib.resources`, so it works from a checkout, an editable
install and a built wheel alike (``ontology/`` is installed as the package ``kg.ontology``).
"""

from __future__ import annotations

import functools
from importlib import resources
from importlib.resources.abc import Traversable

import rdflib

__all__ = [
    "SAMPLE_NAME",
    "load_lexicon",
    "load_ontology",
    "load_query",
    "load_shapes",
    "ontology_files",
    "query_names",
    "read_text",
    "sample_path",
    "sample_text",
]

SAMPLE_NAME = "jiangsu-grassroots-governance.zh.txt"


def ontology_files() -> Traversable:
    """The folder of ontology files (``govkg.ttl``, ``shapes.ttl``, ``lexicon.ttl``, ``queries/``)."""
    return resources.files("kg.ontology")


def read_text(name: str) -> str:
    """Text of one file of the ontology folder, e.g. ``read_text("govkg.ttl")``."""
    return ontology_files().joinpath(name).read_text(encoding="utf-8")


@functools.cache
def _parsed(name: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=read_text(name), format="turtle")
    return g


def _copy(g: rdflib.Graph) -> rdflib.Graph:
    out = rdflib.Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, override=True)
    for t in g:
        out.add(t)
    return out


def load_ontology() -> rdflib.Graph:
    """The OWL ontology as a fresh graph (callers may modify it)."""
    return _copy(_parsed("govkg.ttl"))


def load_shapes() -> rdflib.Graph:
    """The SHACL shapes graph."""
    return _copy(_parsed("shapes.ttl"))


def load_lexicon() -> rdflib.Graph:
    """The SKOS lexicon of generic governance vocabulary."""
    return _copy(_parsed("lexicon.ttl"))


def query_names() -> list[str]:
    """Names of the bundled SPARQL queries (file stems in ``ontology/queries``)."""
    folder = ontology_files().joinpath("queries")
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))


def load_query(name: str) -> str:
    """Text of the named query; raises ``KeyError`` with the known names when it does not exist."""
    if name not in query_names():
        raise KeyError(f"unknown query {name!r}; known: {', '.join(query_names())}")
    return ontology_files().joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


def sample_path() -> Traversable:
    """The bundled sample article (author and attribution in ``kg/data/samples/SOURCE.md``)."""
    return resources.files("kg.data").joinpath("samples", SAMPLE_NAME)


def sample_text() -> str:
    return sample_path().read_text(encoding="utf-8")
