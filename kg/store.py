"""Where a govkg graph lives: in memory for one document, or in a persistent Oxigraph store.

Both kinds sit behind one small interface, :class:`Store`: ``add_graph(graph, *, graph_name=None)``,
``load(path, ...)``, ``query(sparql, ...)``, ``graph_names()``, ``len()``, ``close()`` and use as a
context manager. :func:`open_store` picks one: ``open_store(None)`` gives a :class:`MemoryStore` (the
rdflib graph the builder returns, kept as is), ``open_store(path)`` an :class:`OxigraphStore` on disk.

Graph names. ``add_graph(g)`` adds to the default graph; ``add_graph(g, graph_name=doc_iri)``
*replaces* that named graph in one transaction (``DROP SILENT GRAPH`` and ``INSERT DATA`` in a single
SPARQL update), so re-adding a document leaves no stale triples. Queries see the union of the default
graph and every named graph (``use_default_graph_as_union=True``).

Every query runs on Oxigraph, never on rdflib's engine (which is pathologically slow on joins, see
``benchmarks/bench_sparql.py``). A :class:`MemoryStore` copies its rdflib graphs into an in-memory
``pyoxigraph.Store`` when first queried and again after it changed; its ``graph`` stays a plain rdflib
graph for everything else (SHACL, networkx, serialisation).

Why pyoxigraph directly and not oxrdflib (``rdflib.Graph(store="Oxigraph")``), measured on 2 cores
with pyoxigraph 0.5.13 / oxrdflib 0.5.0 / rdflib 7.6:

- loading 200k triples from an rdflib graph: N-Triples text into ``Store.load`` 1.6 s, building
  ``pyoxigraph.Quad`` objects 2.3 s, oxrdflib ``graph += g`` 3.0 s;
- a SELECT returning 50k rows: pyoxigraph 0.055 s, oxrdflib ``Graph.query`` 0.59 s (it turns every
  term of every row into an rdflib term);
- oxrdflib writes a graph with no explicit identifier into a random blank-node graph, so a reopened
  store or ``oxigraph serve`` sees an empty default graph. With pyoxigraph the graph name is always
  explicit (:class:`pyoxigraph.DefaultGraph` or the document's IRI).

pyoxigraph has no per-query time limit in its Python API (oxigraph issue #1926), so
:func:`kg.query.run_query` runs a query with a timeout in a child process that it can kill.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

import pyoxigraph as ox

if TYPE_CHECKING:
    import rdflib

    from kg.query import QueryResult

__all__ = [
    "MemoryStore",
    "OxigraphStore",
    "Store",
    "StoreError",
    "is_store_dir",
    "open_store",
    "rdf_format",
]

log = logging.getLogger(__name__)

#: format names accepted besides file extensions (rdflib's names and common spellings)
_FORMAT_NAMES: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES, "ntriples": ox.RdfFormat.N_TRIPLES, "n-triples": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS, "nquads": ox.RdfFormat.N_QUADS, "n-quads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": ox.RdfFormat.JSON_LD, "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML, "rdf": ox.RdfFormat.RDF_XML, "rdfxml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3, "json": ox.RdfFormat.JSON_LD, "owl": ox.RdfFormat.RDF_XML,
}
#: the same formats as rdflib names them (for MemoryStore.load)
_RDFLIB_NAMES: dict[ox.RdfFormat, str] = {
    ox.RdfFormat.TURTLE: "turtle", ox.RdfFormat.N_TRIPLES: "nt", ox.RdfFormat.N_QUADS: "nquads",
    ox.RdfFormat.TRIG: "trig", ox.RdfFormat.JSON_LD: "json-ld", ox.RdfFormat.RDF_XML: "xml",
    ox.RdfFormat.N3: "n3",
}


class StoreError(Exception):
    """A store cannot be opened, read or written, or an RDF file cannot be loaded into it."""


def rdf_format(path: str | os.PathLike[str], format: str | ox.RdfFormat | None = None) -> ox.RdfFormat:
    """The RDF format of ``path``: ``format`` if given (a name such as ``"turtle"``), else its extension.

    >>> rdf_format("out/doc.jsonld").name
    'JSON-LD'
    >>> rdf_format("x.data", "trig").name
    'TriG'
    """
    if isinstance(format, ox.RdfFormat):
        return format
    if format is not None:
        try:
            return _FORMAT_NAMES[format.lower()]
        except KeyError:
            raise StoreError(f"unknown RDF format {format!r}; known: {', '.join(sorted(_FORMAT_NAMES))}") from None
    suffix = Path(path).suffix.lstrip(".").lower()
    found = _FORMAT_NAMES.get(suffix)
    if found is None:
        raise StoreError(f"cannot tell the RDF format of {os.fspath(path)!r} from its extension; "
                         "use .ttl, .jsonld, .nt, .nq or .trig")
    return found


#: formats that name graphs themselves: no graph name can be given when loading them
_DATASET_FORMATS = frozenset({ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS})


def is_store_dir(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` looks like an Oxigraph (RocksDB) store folder."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


def _graph_node(graph_name: str | None) -> ox.NamedNode | ox.DefaultGraph:
    if graph_name is None:
        return ox.DefaultGraph()
    name = str(graph_name)
    try:
        return ox.NamedNode(name)
    except ValueError as exc:
        raise StoreError(f"graph name {name!r} is not an absolute IRI: {exc}") from None


def _is_dataset(graph: rdflib.Graph) -> bool:
    import rdflib

    return isinstance(graph, rdflib.ConjunctiveGraph)  # rdflib.Dataset is a ConjunctiveGraph


def _serialise(graph: rdflib.Graph) -> tuple[bytes, ox.RdfFormat]:
    """An rdflib graph as N-Triples (N-Quads for a Dataset): the fastest way into Oxigraph (see above)."""
    if _is_dataset(graph):
        return graph.serialize(format="nquads", encoding="utf-8"), ox.RdfFormat.N_QUADS
    return graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES


@runtime_checkable
class Store(Protocol):
    """What every govkg store offers. Queries always see the union of all graphs."""

    def add_graph(self, graph: rdflib.Graph, *, graph_name: str | None = None) -> None:
        """Add ``graph`` to the default graph, or replace the named graph ``graph_name`` with it."""
        ...

    def load(self, path: str | os.PathLike[str], *, format: str | None = None,
             graph_name: str | None = None) -> None:
        """Load an RDF file (Turtle, JSON-LD, N-Triples, TriG, N-Quads ...) like :meth:`add_graph`."""
        ...

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None, timeout: float | None = None,
              limit: int | None = None, allow_service: bool = False) -> QueryResult:
        """Run a SPARQL query; see :func:`kg.query.run_query`."""
        ...

    def engine(self) -> ox.Store:
        """The ``pyoxigraph.Store`` queries run on."""
        ...

    def graph_names(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        ...

    def remove_graph(self, graph_name: str) -> None:
        """Drop the named graph ``graph_name`` (no error if it does not exist)."""
        ...

    def __len__(self) -> int:
        """Number of quads: triples of the default graph plus those of every named graph."""
        ...

    def close(self) -> None:
        """Release the store (flush and unlock a persistent one)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...


class _Base:
    """What both stores share: querying through kg.query, graph names, context management."""

    def engine(self) -> ox.Store:  # pragma: no cover - overridden
        raise NotImplementedError

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None, timeout: float | None = None,
              limit: int | None = None, allow_service: bool = False) -> QueryResult:
        from kg.query import run_query

        return run_query(self, sparql, bindings=bindings, timeout=timeout, limit=limit,
                         allow_service=allow_service)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.engine().named_graphs() if isinstance(g, ox.NamedNode))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class MemoryStore(_Base):
    """The graph of one document (or a few) as rdflib graphs in memory, queried through Oxigraph.

    The store keeps the graphs it is given (it does not copy them): ``MemoryStore(build_graph(...))``
    costs nothing until the first query, which copies the graphs into an in-memory
    ``pyoxigraph.Store``. The copy is made again after :meth:`add_graph`, :meth:`load` or
    :meth:`remove_graph`, and when the number of triples changed; after editing a graph in place
    without changing its size, call :meth:`refresh`.

    Parameters
    ----------
    graph
        A graph for the default graph (an ``rdflib.Dataset`` keeps its named graphs).
    """

    def __init__(self, graph: rdflib.Graph | None = None) -> None:
        self._default: list[rdflib.Graph] = [] if graph is None else [graph]
        self._named: dict[str, rdflib.Graph] = {}
        self._engine: ox.Store | None = None
        self._signature: tuple[int, ...] = ()
        self._closed = False

    @property
    def path(self) -> None:
        """In-memory stores have no path."""
        return None

    @property
    def graph(self) -> rdflib.Graph:
        """The data as one rdflib graph: the graph itself when there is one, else a read-only union."""
        from rdflib.graph import Graph, ReadOnlyGraphAggregate

        parts = self._parts()
        if not parts:
            self._default.append(Graph())
            return self._default[0]
        return parts[0] if len(parts) == 1 else ReadOnlyGraphAggregate(parts)

    def named_graph(self, graph_name: str) -> rdflib.Graph:
        """The rdflib graph stored under ``graph_name``."""
        return self._named[str(graph_name)]

    def _parts(self) -> list[rdflib.Graph]:
        return [*self._default, *self._named.values()]

    def add_graph(self, graph: rdflib.Graph, *, graph_name: str | None = None) -> None:
        self._check_open()
        if graph_name is None:
            if not any(g is graph for g in self._default):
                self._default.append(graph)
        else:
            if _is_dataset(graph):
                raise StoreError("a named graph must be a plain rdflib.Graph, not a Dataset")
            _graph_node(graph_name)  # validates the IRI
            self._named[str(graph_name)] = graph
        self._engine = None

    def load(self, path: str | os.PathLike[str], *, format: str | None = None,
             graph_name: str | None = None) -> None:
        import rdflib

        self._check_open()
        fmt = rdf_format(path, format)
        if fmt in _DATASET_FORMATS and graph_name is not None:
            raise StoreError(f"{os.fspath(path)}: a graph name can only be given for a triples format, "
                             f"not {fmt.name}")
        g = rdflib.Dataset() if fmt in _DATASET_FORMATS else rdflib.Graph()
        try:
            g.parse(os.fspath(path), format=_RDFLIB_NAMES[fmt])
        except Exception as exc:  # rdflib raises many parser-specific types
            raise StoreError(f"cannot read {os.fspath(path)} as {fmt.name}: {exc}") from exc
        self.add_graph(g, graph_name=graph_name)

    def remove_graph(self, graph_name: str) -> None:
        self._check_open()
        if self._named.pop(str(graph_name), None) is not None:
            self._engine = None

    def refresh(self) -> None:
        """Forget the Oxigraph copy, so the next query copies the rdflib graphs again."""
        self._engine = None

    def engine(self) -> ox.Store:
        self._check_open()
        signature = tuple(len(g) for g in self._parts())
        if self._engine is None or signature != self._signature:
            self._engine = self._copy_to_oxigraph()
            self._signature = signature
        return self._engine

    def _copy_to_oxigraph(self) -> ox.Store:
        engine = ox.Store()
        for name, g in [*((None, g) for g in self._default), *self._named.items()]:
            data, fmt = _serialise(g)
            engine.load(data, fmt, to_graph=None if fmt.supports_datasets else _graph_node(name))
        log.debug("copied %d quads into an in-memory Oxigraph store", len(engine))
        return engine

    def __len__(self) -> int:
        return len(self.engine())

    def close(self) -> None:
        self._engine = None
        self._closed = True

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the store is closed")

    def __repr__(self) -> str:
        return f"MemoryStore({len(self._default)} default graph(s), {len(self._named)} named)"


class OxigraphStore(_Base):
    """An Oxigraph store: persistent in the folder ``path`` (RocksDB), or in memory when ``path`` is None.

    Parameters
    ----------
    path
        Folder of the store; created when it does not exist (unless ``read_only``).
    read_only
        Open an existing store for reading only. Several processes may read one store at once
        (``oxigraph serve-read-only`` too), but reading while another process writes is undefined.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        self.path: Path | None = None if path is None else Path(path)
        self.read_only = read_only
        try:
            if self.path is None:
                if read_only:
                    raise StoreError("an in-memory store cannot be read-only")
                self._store: ox.Store | None = ox.Store()
            elif read_only:
                if not is_store_dir(self.path):
                    raise StoreError(f"no Oxigraph store at {self.path}")
                self._store = ox.Store.read_only(str(self.path))
            else:
                if self.path.exists() and not self.path.is_dir():
                    raise StoreError(f"{self.path} is a file, not a store folder")
                if self.path.is_dir() and any(self.path.iterdir()) and not is_store_dir(self.path):
                    raise StoreError(f"{self.path} is a folder that is not an Oxigraph store")
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the Oxigraph store at {self.path}: {exc}") from exc

    def engine(self) -> ox.Store:
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    def _writable(self) -> ox.Store:
        store = self.engine()
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        return store

    def add_graph(self, graph: rdflib.Graph, *, graph_name: str | None = None) -> None:
        data, fmt = _serialise(graph)
        if fmt.supports_datasets and graph_name is not None:
            raise StoreError("a named graph must be a plain rdflib.Graph, not a Dataset")
        self._add(data, fmt, graph_name)

    def load(self, path: str | os.PathLike[str], *, format: str | None = None,
             graph_name: str | None = None) -> None:
        fmt = rdf_format(path, format)
        where = os.fspath(path)
        if fmt in _DATASET_FORMATS and graph_name is not None:
            raise StoreError(f"{where}: a graph name can only be given for a triples format, not {fmt.name}")
        if graph_name is None:
            try:
                self._writable().load(path=where, format=fmt)
            except (SyntaxError, ValueError, OSError) as exc:
                raise StoreError(f"cannot load {where} as {fmt.name}: {exc}") from exc
            return
        try:
            data = ox.serialize(ox.parse(path=where, format=fmt, without_named_graphs=True),
                                format=ox.RdfFormat.N_TRIPLES)
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"cannot load {where} as {fmt.name}: {exc}") from exc
        self._add(data, ox.RdfFormat.N_TRIPLES, graph_name)

    def _add(self, data: bytes, fmt: ox.RdfFormat, graph_name: str | None) -> None:
        store = self._writable()
        try:
            if graph_name is None:
                store.load(data, fmt, to_graph=None if fmt.supports_datasets else ox.DefaultGraph())
            else:
                # one update = one transaction: readers see the old graph or the new one, never a mix
                g = _graph_node(graph_name)
                store.update(f"DROP SILENT GRAPH <{g.value}> ;\n"
                             f"INSERT DATA {{ GRAPH <{g.value}> {{\n{data.decode('utf-8')}\n}} }}")
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"cannot write to the store: {exc}") from exc

    def remove_graph(self, graph_name: str) -> None:
        self._writable().remove_graph(_graph_node(graph_name))

    def __len__(self) -> int:
        return len(self.engine())

    def close(self) -> None:
        """Flush and release the store; the folder is unlocked once no result still refers to it."""
        if self._store is not None:
            if not self.read_only and self.path is not None:
                self._store.flush()
            self._store = None

    def __repr__(self) -> str:
        where = "memory" if self.path is None else str(self.path)
        return f"OxigraphStore({where!r}{', read_only=True' if self.read_only else ''})"


def open_store(path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> MemoryStore | OxigraphStore:
    """A :class:`MemoryStore` when ``path`` is None, else the persistent :class:`OxigraphStore` at ``path``.

    >>> with open_store() as store:
    ...     type(store).__name__, len(store)
    ('MemoryStore', 0)
    """
    if path is None:
        if read_only:
            raise StoreError("an in-memory store cannot be read-only")
        return MemoryStore()
    return OxigraphStore(path, read_only=read_only)
