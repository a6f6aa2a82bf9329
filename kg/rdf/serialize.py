"""Serialisations of a govkg graph and atomic file writing.

JSON-LD gets a real ``@context`` (prefixes plus typed terms for values), so the compacted document reads
``"value": 88.2`` rather than full IRIs. Every file is written to a temporary file in the target folder
and renamed into place, so an interrupted run never leaves a half-written output.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from rdflib import Graph

from kg.rdf.prefixes import PREFIXES, prefixes


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


__all__ = ["JSONLD_CONTEXT", "TURTLE_PREFIXES", "atomic_write", "canonical_ntriples", "to_jsonld", "to_turtle",
           "write_all"]

log = logging.getLogger(__name__)

JSONLD_CONTEXT: dict = prefixes("gov", "id", "oa", "prov", "skos", "rdfs", "dcterms", "xsd", "org", "qudt", "foaf",
                                 "owl")


#: prefixes Turtle output may use; instance IRIs (``id:``) are written in full, as their local names
#: hold "/" that a prefixed name could only carry escaped (``id:actor\\/…``)
TURTLE_PREFIXES: dict[str, str] = {
    **{k: v for k, v in JSONLD_CONTEXT.items() if k != "id"},
    **prefixes("rdf"),
}
_RDF_TYPE = f"<{PREFIXES['rdf']}type>"


def to_turtle(g: Graph) -> str:
    """Turtle in a stable order (subjects, then ``rdf:type``, then predicates and objects, sorted).

    Written by Oxigraph: rdflib's Turtle serialiser looks up a prefix for every IRI in a trie that
    gains an entry for every distinct IRI "namespace" it meets (each ``…/span/a-b#`` is one), so its
    time grows with the square of the graph (76 s for 214 000 triples, against 8 s here). Falls back
    to rdflib for a graph Oxigraph will not read (an IRI that is not a valid IRI).
    """
    import pyoxigraph as ox

    nt = g.serialize(format="nt", encoding="utf-8")
    try:
        triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        log.warning("Turtle written by rdflib: %s", exc)
        return g.serialize(format="turtle")
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate) != _RDF_TYPE, str(t.predicate), str(t.object)))
    prefixes = {p: ns for p, ns in TURTLE_PREFIXES.items() if ns.encode() in nt}
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
    head, n = [], 0
    for line in text.splitlines(keepends=True):  # the @prefix lines in a fixed order too
        if not line.startswith("@prefix "):
            break
        head.append(line)
        n += len(line)
    return "".join(sorted(head)) + text[n:]


def to_jsonld(g: Graph, *, context: Mapping | None = None) -> str:
    """Compacted JSON-LD in a stable order: the same graph gives the same bytes in every run.

    rdflib emits nodes and values in the order of its in-memory indexes, which depends on string
    hashing (``PYTHONHASHSEED``); the nodes are therefore sorted by ``@id`` and every set of values by
    its JSON text (RDF values of one property are unordered, and govkg writes no ``@list``).
    """
    ctx = dict(context or JSONLD_CONTEXT)
    text = g.serialize(format="json-ld", context=ctx, auto_compact=True, indent=1, ensure_ascii=False)
    return json.dumps(_stable(json.loads(text)), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _json_key(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _stable(node, key: str = ""):
    if isinstance(node, dict):
        return {k: (v if k == "@context" else _stable(v, k)) for k, v in node.items()}
    if isinstance(node, list):
        items = [_stable(v, key) for v in node]
        return items if key == "@list" else sorted(items, key=_json_key)
    return node


def canonical_ntriples(g: Graph) -> str:
    """Sorted N-Triples: byte-identical for equal graphs without blank nodes (govkg makes none)."""
    lines = g.serialize(format="nt").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w") -> Iterator:
    """Write to a temporary file beside ``path``; rename into place only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_all(contents: Mapping[Path, str]) -> list[Path]:
    """Write several files so that either all are replaced or (on an error before renaming) none is."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in contents.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))  # before writing: a failed write must not leave the file behind
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, _umask_mode())
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    return [p for _, p in staged]

