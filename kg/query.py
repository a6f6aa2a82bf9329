"""SPARQL over a govkg graph or store: ad-hoc or named queries -> rows, a DataFrame, CSV, TSV or JSON.

:func:`run_query` runs a query on a :class:`kg.store.Store`, an rdflib graph or a ``pyoxigraph.Store``
and returns a :class:`QueryResult` (``columns``, ``rows`` of Python values, ``terms`` of rdflib terms,
``to_frame()``, ``to_csv()``, ``to_tsv()``, ``to_json()``). Queries always run on Oxigraph, with the
default graph as the union of all graphs, and the usual prefixes (``gov:``, ``id:``, ``rdfs:``,
``skos:``, ``oa:``, ``prov:``, ``dcterms:`` ...) predeclared.

Named queries are the ``.rq`` files of ``ontology/queries`` (see :func:`named_queries`). Each starts with
comment lines ``# question: ...`` (what it answers, in English and Chinese) and one ``# param: NAME
description`` per parameter. A parameter is bound by Oxigraph's substitution, so the query must list it
in its ``SELECT`` clause; every declared parameter is required. (In pyoxigraph 0.5 a bare
``BIND(?param AS ?x)`` does not see the substituted value; wrap it in an expression, e.g. ``IF(...)``.)
The per-entity queries resolve the entity by exact label, then use ``LATERAL`` (an Oxigraph extension
from the SPARQL 1.2 drafts) to expand from that one node: a plain join made Oxigraph scan every
mention of the graph (60 ms instead of 1 ms at 100k triples, 8 s instead of 40 ms for
``neighbourhood``), so these queries run on Oxigraph (and its server) but not on rdflib. ``provenance``,
``entities_by_class`` and ``relations`` also use a nested ``LATERAL`` to read either provenance shape (a span
node's selectors, or a compact ``#char=`` target) per row.

Safety. A query that contains ``SERVICE`` is refused unless ``allow_service=True``: Oxigraph would send
an HTTP request to any address the query names. A time limit is enforced by running the query in a
child process that is killed when the time is up (pyoxigraph offers no way to stop a running query,
oxigraph issue #1926); ``limit`` caps the number of rows kept, and ``QueryResult.truncated`` says
whether rows were dropped.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import json
import logging
import os
import pickle
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.rdf.prefixes import PREFIXES

if TYPE_CHECKING:
    import pandas
    import rdflib

    from kg.store import Store

__all__ = [
    "DEFAULT_PREFIXES",
    "NamedQuery",
    "Param",
    "ParameterError",
    "QueryError",
    "QueryResult",
    "QuerySyntaxError",
    "QueryTimeout",
    "ServiceNotAllowed",
    "UnknownQueryError",
    "UpdateNotSupported",
    "contains_service",
    "named_queries",
    "named_query",
    "run_named",
    "run_query",
    "term_from_text",
]

log = logging.getLogger(__name__)

#: prefixes every query may use without declaring them (a query's own PREFIX lines take precedence)
DEFAULT_PREFIXES: dict[str, str] = dict(PREFIXES)

_XSD = PREFIXES["xsd"]
_RDF_LANGSTRING = PREFIXES["rdf"] + "langString"


# --------------------------------------------------------------------------------------------- errors


class QueryError(Exception):
    """A query cannot be run: bad syntax, a refused feature, a missing parameter, a timeout ..."""


class QuerySyntaxError(QueryError):
    """The SPARQL text does not parse; ``line`` and ``column`` (1-based) locate the error when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.detail = message
        self.line = line
        self.column = column
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"SPARQL syntax error{where}: {message}")


class UpdateNotSupported(QuerySyntaxError):
    """The text is a SPARQL update (INSERT, DELETE, LOAD …): govkg runs read-only queries."""

    def __init__(self, keyword: str) -> None:
        super().__init__(f"SPARQL updates ({keyword}) are not supported")
        message = (f"SPARQL updates ({keyword}) are not supported: govkg runs read-only queries "
                   "(SELECT, ASK, CONSTRUCT, DESCRIBE)")
        self.args = (message,)


class QueryTimeout(QueryError, TimeoutError):
    """The query did not finish within its time limit (its worker process was killed)."""


class ServiceNotAllowed(QueryError):
    """The query contains a SERVICE clause and federated queries were not allowed."""


class ParameterError(QueryError):
    """A parameter of a named query is missing, unknown or has a value that cannot be bound."""


class UnknownQueryError(QueryError):
    """No named query has this name; ``known`` lists the names there are."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"unknown named query {name!r}; known: {', '.join(known)}")


# ------------------------------------------------------------------------------- lexical inspection

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# strings (long forms first), IRIs and comments: the parts of a query where keywords do not count
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.DOTALL,
)
# SERVICE as a keyword: not part of a name, a variable or a prefixed name; a digit before it still
# counts (Oxigraph reads "1SERVICE" as 1 followed by SERVICE)
_SERVICE = re.compile(r"(?<![?$:])(?<![^\W\d])SERVICE(?!\w)", re.IGNORECASE)


def _code_only(sparql: str) -> str:
    """The query with codepoint escapes decoded and strings, IRIs and comments blanked out."""
    text = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return _OPAQUE.sub(lambda m: " " * len(m.group(0)), text)


def contains_service(sparql: str) -> bool:
    """Whether the query has a ``SERVICE`` clause (federation: Oxigraph would fetch a remote URL).

    The check is lexical and errs on the side of refusing: keywords inside strings, IRIs and comments
    do not count, a variable ``?service`` or a name ``ex:SERVICE`` does not either.

    >>> contains_service('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    True
    >>> contains_service('SELECT ?service { ?service a <http://x/SERVICE> } # SERVICE')
    False
    """
    return _SERVICE.search(_code_only(sparql)) is not None


# ------------------------------------------------------------------------------------------- terms

#: a term as it crosses the process boundary: ("i", iri) | ("b", id) | ("l", value, datatype, lang)
#: | ("t", s, p, o) for an RDF-star triple; None for an unbound variable
Encoded = tuple | None


def _encode(term: Any) -> Encoded:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("i", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return ("l", term.value, None, term.language)
        return ("l", term.value, term.datatype.value, None)
    if isinstance(term, ox.BlankNode):
        return ("b", term.value)
    if isinstance(term, ox.Triple):
        return ("t", _encode(term.subject), _encode(term.predicate), _encode(term.object))
    raise TypeError(f"unexpected term {term!r}")


_INTEGER_TYPES = {f"{_XSD}{t}" for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def _to_python(enc: Encoded) -> Any:
    """A Python value for an encoded term: IRIs as ``str``, literals by datatype, unbound as None."""
    if enc is None:
        return None
    kind = enc[0]
    if kind == "i":
        return enc[1]
    if kind == "b":
        return f"_:{enc[1]}"
    if kind == "t":
        return tuple(_to_python(x) for x in enc[1:])
    value, datatype = enc[1], enc[2]
    if datatype is None or datatype == f"{_XSD}string":
        return value
    try:
        if datatype in _INTEGER_TYPES:
            return int(value)
        if datatype == f"{_XSD}decimal":
            return Decimal(value)
        if datatype in (f"{_XSD}double", f"{_XSD}float"):
            return float(value)
        if datatype == f"{_XSD}boolean":
            return value.strip() in ("true", "1")
    except (ValueError, InvalidOperation):
        return value  # ill-typed literal: keep the text
    from rdflib import Literal, URIRef

    py = Literal(value, datatype=URIRef(datatype)).toPython()
    return value if isinstance(py, Literal) else py


def _to_rdflib(enc: Encoded) -> Any:
    from rdflib import BNode, Literal, URIRef

    if enc is None:
        return None
    kind = enc[0]
    if kind == "i":
        return URIRef(enc[1])
    if kind == "b":
        return BNode(enc[1])
    if kind == "t":
        return tuple(_to_rdflib(x) for x in enc[1:])
    if enc[3]:
        return Literal(enc[1], lang=enc[3])
    return Literal(enc[1], datatype=None if enc[2] == f"{_XSD}string" else URIRef(enc[2]))


def _to_oxigraph(value: Any, name: str) -> ox.NamedNode | ox.Literal:
    """A binding value as a pyoxigraph term: rdflib or pyoxigraph terms, or plain Python values.

    A ``str`` becomes a plain literal: pass ``rdflib.URIRef`` (or :func:`term_from_text`) for an IRI.
    """
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    from rdflib import BNode, Literal, URIRef

    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype is not None:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, (BNode, ox.BlankNode)):
        raise ParameterError(f"parameter {name!r}: a blank node cannot be bound")
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(f"{_XSD}boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(f"{_XSD}integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(f"{_XSD}double"))
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(f"{_XSD}decimal"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise ParameterError(f"parameter {name!r}: cannot bind a {type(value).__name__}")


_IRI_LIKE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*://[^\s<>\"{}|\\^`]+|urn:[^\s<>\"{}|\\^`]+)$")
_PNAME = re.compile(r"^([A-Za-z][\w\-.]*)?:([^\s<>\"{}|\\^`]*)$")


def term_from_text(text: str, prefixes: Mapping[str, str] | None = None) -> ox.NamedNode | ox.Literal:
    """A command-line value as a term: what looks like an IRI binds an IRI, anything else a literal.

    ``<...>``, ``http(s)://...``, ``urn:...`` and a prefixed name with a known prefix
    (``gov:Actor``, ``id:actor/...``) are IRIs; ``江苏省委`` or ``Actor`` are plain literals.

    >>> term_from_text("gov:Actor").value
    'https://w3id.org/govkg/ontology#Actor'
    >>> type(term_from_text("江苏省委")).__name__
    'Literal'
    """
    prefixes = DEFAULT_PREFIXES if prefixes is None else prefixes
    s = text.strip()
    try:
        if len(s) > 2 and s.startswith("<") and s.endswith(">"):
            return ox.NamedNode(s[1:-1])
        if _IRI_LIKE.match(s):
            return ox.NamedNode(s)
        m = _PNAME.match(s)
        if m and (m.group(1) or "") in prefixes:
            return ox.NamedNode(prefixes[m.group(1) or ""] + m.group(2))
    except ValueError:
        pass  # not a valid IRI after all: a literal
    return ox.Literal(text)


# --------------------------------------------------------------------------------------- execution


# an update request: its first keyword after the prologue (PREFIX / BASE declarations)
_UPDATE = re.compile(r"\s*(?:(?:PREFIX\s+[^\s:]*:|BASE)\s*(?:<[^>]*>)?\s*)*"  # IRIs may be blanked
                     r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
#: longest parser message kept (Oxigraph lists every character class it expected)
_MAX_MESSAGE = 160


def _parse_syntax_error(message: str, sparql: str = "") -> QuerySyntaxError:
    """The parser's message as a :class:`QuerySyntaxError`; an update gets a message of its own.

    >>> str(_parse_syntax_error("error at 1:10: expected CONSTRUCT", "INSERT DATA { <a:b> <a:c> 1 }"))
    'SPARQL updates (INSERT) are not supported: govkg runs read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE)'
    """
    if (u := _UPDATE.match(sparql)) is not None:
        return UpdateNotSupported(u.group(1).upper())
    m = re.match(r"\s*error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    text, line, col = (m.group(3), int(m.group(1)), int(m.group(2))) if m else (message, None, None)
    text = " ".join(text.split())
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 1].rstrip() + "…"
    return QuerySyntaxError(text, line, col)


def _execute(engine: ox.Store, sparql: str, substitutions: list[tuple[str, Encoded]],
             limit: int | None) -> dict[str, Any]:
    """Run a query on ``engine``: a plain dict that can cross a pipe (used in-process and by the worker)."""
    subs = {ox.Variable(name): _decode_ox(term) for name, term in substitutions}
    try:
        result = engine.query(sparql, prefixes=DEFAULT_PREFIXES, use_default_graph_as_union=True,
                              substitutions=subs or None)
    except SyntaxError as exc:
        return {"error": "syntax", "message": str(exc)}
    except RuntimeError as exc:  # e.g. a substituted variable missing from the projection
        kind = "parameter" if "projection" in str(exc) else "evaluation"
        return {"error": kind, "message": str(exc)}
    if isinstance(result, ox.QueryBoolean):
        return {"kind": "ask", "columns": ["boolean"], "rows": [(("l", "true" if result else "false",
                                                                  f"{_XSD}boolean", None),)],
                "truncated": False, "boolean": bool(result)}
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows_iter: Iterator[tuple] = (tuple(_encode(sol[i]) for i in range(len(columns))) for sol in result)
        kind = "select"
    else:
        columns = ["subject", "predicate", "object"]
        rows_iter = ((_encode(t.subject), _encode(t.predicate), _encode(t.object)) for t in result)
        kind = "construct"
    rows: list[tuple] = []
    truncated = False
    try:
        for row in rows_iter:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append(row)
    except OSError as exc:
        return {"error": "evaluation", "message": str(exc)}
    return {"kind": kind, "columns": columns, "rows": rows, "truncated": truncated, "boolean": None}


def _decode_ox(enc: Encoded) -> Any:
    kind = enc[0]
    if kind == "i":
        return ox.NamedNode(enc[1])
    if enc[3]:
        return ox.Literal(enc[1], language=enc[3])
    return ox.Literal(enc[1], datatype=ox.NamedNode(enc[2]))


def _worker_main() -> None:
    """Entry point of the query worker process: one pickled request on stdin, one reply on stdout.

    It writes ``b"R"`` once the data is loaded, so the parent can start the query's clock.
    """
    request = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    kind, data = request["source"]
    try:
        if kind == "path":
            engine = ox.Store.read_only(data)
        else:
            engine = ox.Store()
            engine.load(data, ox.RdfFormat.N_QUADS)
    except (OSError, SyntaxError, ValueError) as exc:
        reply: dict[str, Any] = {"error": "store", "message": str(exc)}
    else:
        out.write(b"R")
        out.flush()
        try:
            reply = _execute(engine, request["sparql"], request["substitutions"], request["limit"])
        except Exception as exc:  # noqa: BLE001 - everything must go back to the parent
            reply = {"error": "evaluation", "message": f"{type(exc).__name__}: {exc}"}
    out.write(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
    out.flush()


def _worker_env() -> dict[str, str]:
    """The environment of the worker: it must import this very ``kg`` package."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    return env


def _run_in_worker(source: tuple[str, Any], sparql: str, substitutions: list[tuple[str, Encoded]],
                   limit: int | None, timeout: float) -> dict[str, Any]:
    """Run the query in a child process; kill it when it takes longer than ``timeout`` seconds."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kg.query import _worker_main; _worker_main()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_worker_env())
    request = {"source": source, "sparql": sparql, "substitutions": substitutions, "limit": limit}
    ready = threading.Event()
    chunks: list[bytes] = []
    errors: list[bytes] = []

    def read_stdout() -> None:
        first = proc.stdout.read(1)
        if first == b"R":
            ready.set()
        else:
            chunks.append(first)
        chunks.append(proc.stdout.read())
        ready.set()

    def feed_stdin() -> None:
        try:
            proc.stdin.write(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass  # the worker died; its stderr says why

    threads = [threading.Thread(target=read_stdout, daemon=True),
               threading.Thread(target=lambda: errors.append(proc.stderr.read()), daemon=True),
               threading.Thread(target=feed_stdin, daemon=True)]
    for t in threads:
        t.start()
    try:
        ready.wait()  # loading the data does not count against the query's time
        threads[0].join(timeout)
        if threads[0].is_alive():
            raise QueryTimeout(f"query did not finish within {timeout:g} s and was stopped")
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for t in threads:
            t.join(5)
    data = b"".join(chunks)
    if not data:
        detail = b"".join(errors).decode("utf-8", "replace").strip().splitlines()
        raise QueryError(f"query worker failed (exit {proc.returncode})"
                         + (f": {detail[-1]}" if detail else ""))
    return pickle.loads(data)


def _engine_and_source(target: Any) -> tuple[ox.Store | None, tuple[str, Any] | None]:
    """The Oxigraph store to query in-process, and how a worker process can reach the same data."""
    from kg.store import MemoryStore, OxigraphStore

    if isinstance(target, OxigraphStore) and target.path is not None:
        return target.engine(), ("path", str(target.path))
    if isinstance(target, (MemoryStore, OxigraphStore)):
        return target.engine(), None
    if isinstance(target, ox.Store):
        return target, None
    import rdflib

    if isinstance(target, rdflib.Graph):
        return MemoryStore(target).engine(), None
    engine = getattr(target, "engine", None)
    if callable(engine):
        return engine(), None
    raise TypeError(f"cannot query a {type(target).__name__}: pass a kg.store Store, an rdflib graph "
                    "or a pyoxigraph.Store")


def run_query(target: Store | rdflib.Graph | ox.Store, sparql: str, *,
              bindings: Mapping[str, Any] | None = None, timeout: float | None = None,
              limit: int | None = None, allow_service: bool = False) -> QueryResult:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) and collect its result.

    Parameters
    ----------
    target
        A :class:`kg.store.Store`, an rdflib graph (copied into Oxigraph for this one query: wrap it in a
        :class:`kg.store.MemoryStore` to query it repeatedly) or a ``pyoxigraph.Store``.
    sparql
        The query; ``gov:``, ``id:``, ``rdfs:``, ``skos:``, ``oa:`` ... need no PREFIX line.
    bindings
        Values of variables, substituted before evaluation; each must appear in the SELECT clause. A
        ``str`` binds a plain literal; use ``rdflib.URIRef`` or :func:`term_from_text` for IRIs.
    timeout
        Seconds the query may run (loading the data into the worker process not counted). None runs
        the query in this process without a limit.
    limit
        Keep at most this many rows; ``QueryResult.truncated`` tells whether there were more.
    allow_service
        Allow ``SERVICE`` clauses, which make Oxigraph fetch remote URLs. Off by default.

    Raises
    ------
    QuerySyntaxError, ServiceNotAllowed, ParameterError, QueryTimeout, QueryError
    """
    if not allow_service and contains_service(sparql):
        raise ServiceNotAllowed("the query contains a SERVICE clause (a request to another server); "
                                "federated queries are refused unless explicitly allowed")
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    substitutions = [(name, _encode(_to_oxigraph(value, name))) for name, value in (bindings or {}).items()]
    engine, source = _engine_and_source(target)
    started = time.perf_counter()
    if timeout is None:
        reply = _execute(engine, sparql, substitutions, limit)
    else:
        if timeout <= 0:
            raise ValueError("timeout must be > 0 seconds")
        if source is None:
            source = ("nquads", engine.dump(format=ox.RdfFormat.N_QUADS))
        reply = _run_in_worker(source, sparql, substitutions, limit, timeout)
    elapsed = time.perf_counter() - started
    if "error" in reply:
        message = reply["message"]
        if reply["error"] == "syntax":
            raise _parse_syntax_error(message, _code_only(sparql))
        if reply["error"] == "parameter":
            raise ParameterError(message.replace("contains variable", "contain variable"))
        raise QueryError(message)
    result = QueryResult(kind=reply["kind"], columns=tuple(reply["columns"]),
                         raw=tuple(reply["rows"]), truncated=reply["truncated"],
                         boolean=reply["boolean"], elapsed=elapsed)
    if result.truncated:
        log.info("query result truncated to %d rows", limit)
    return result


# ------------------------------------------------------------------------------------------ result


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _text_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


@dataclasses.dataclass(frozen=True, eq=False)
class QueryResult:
    """The result of a query: column names and rows.

    ``rows`` holds Python values (IRIs as ``str``, ``xsd:integer`` as ``int``, ``xsd:decimal`` as
    ``Decimal``, strings without their language tag, None when unbound); ``terms`` the same cells as
    rdflib terms. An ASK query has one column ``boolean``; CONSTRUCT and DESCRIBE have ``subject``,
    ``predicate``, ``object`` (see :meth:`to_graph`).
    """

    kind: str  # "select" | "ask" | "construct"
    columns: tuple[str, ...]
    raw: tuple[tuple[Encoded, ...], ...] = dataclasses.field(repr=False)
    truncated: bool = False
    boolean: bool | None = None
    elapsed: float = 0.0

    @functools.cached_property
    def rows(self) -> list[tuple[Any, ...]]:
        return [tuple(_to_python(c) for c in row) for row in self.raw]

    @functools.cached_property
    def terms(self) -> list[tuple[Any, ...]]:
        return [tuple(_to_rdflib(c) for c in row) for row in self.raw]

    def __len__(self) -> int:
        return len(self.raw)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dictionaries keyed by column."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """The values of one column."""
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def to_frame(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (one column per variable)."""
        import pandas as pd

        return pd.DataFrame.from_records(self.rows, columns=list(self.columns))

    def to_csv(self) -> str:
        """CSV text with a header row; unbound cells are empty."""
        return self._delimited(",")

    def to_tsv(self) -> str:
        """Tab-separated text with a header row; tabs and line breaks inside values are escaped."""
        buf = io.StringIO()
        esc = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
        buf.write("\t".join(self.columns) + "\n")
        for row in self.rows:
            buf.write("\t".join(_text_value(v).translate(esc) for v in row) + "\n")
        return buf.getvalue()

    def _delimited(self, delimiter: str) -> str:
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([_text_value(v) for v in row])
        return buf.getvalue()

    def to_json(self, *, indent: int | None = 2) -> str:
        """A JSON array with one object per row (unbound cells are null; decimals become numbers)."""
        data = [{c: _json_value(v) for c, v in zip(self.columns, row)} for row in self.rows]
        return json.dumps(data, ensure_ascii=False, indent=indent)

    def to_graph(self) -> rdflib.Graph:
        """The triples of a CONSTRUCT or DESCRIBE result as an rdflib graph."""
        import rdflib

        if self.kind != "construct":
            raise QueryError("only a CONSTRUCT or DESCRIBE result is a graph")
        g = rdflib.Graph()
        for s, p, o in self.terms:
            g.add((s, p, o))
        return g


# ------------------------------------------------------------------------------------ named queries


@dataclasses.dataclass(frozen=True)
class Param:
    """A parameter a named query declares with ``# param: name  description``."""

    name: str
    description: str


@dataclasses.dataclass(frozen=True)
class NamedQuery:
    """A bundled query: its text and what its header comment declares."""

    name: str
    text: str
    question: str
    params: tuple[Param, ...] = ()

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def bindings(self, params: Mapping[str, Any] | None) -> dict[str, Any]:
        """Check ``params`` against the declared parameters: every one given, no other."""
        params = dict(params or {})
        missing = [p for p in self.param_names if p not in params]
        if missing:
            raise ParameterError(f"named query {self.name!r} needs parameter(s) {', '.join(missing)}"
                                 + "".join(f"; {p.name}: {p.description}" for p in self.params
                                           if p.name in missing))
        unknown = sorted(set(params) - set(self.param_names))
        if unknown:
            declared = ", ".join(self.param_names) or "none"
            raise ParameterError(f"named query {self.name!r} has no parameter(s) {', '.join(unknown)} "
                                 f"(declared: {declared})")
        return params


_HEADER = re.compile(r"^#\s*(question|param)\s*:\s*(.*?)\s*$", re.IGNORECASE)


def _parse_header(name: str, text: str) -> NamedQuery:
    questions: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break  # the header ends with the first line of SPARQL
        m = _HEADER.match(stripped)
        if not m:
            continue
        if m.group(1).lower() == "question":
            questions.append(m.group(2))
        else:
            pname, _, desc = m.group(2).partition(" ")
            params.append(Param(pname.lstrip("?$"), desc.strip()))
    return NamedQuery(name=name, text=text, question=" / ".join(questions), params=tuple(params))


@functools.cache
def named_query(name: str) -> NamedQuery:
    """The bundled query ``name`` (read and checked once, then cached)."""
    from kg.resources import load_query, query_names

    try:
        text = load_query(name)
    except KeyError:
        raise UnknownQueryError(name, query_names()) from None
    query = _parse_header(name, text)
    if contains_service(text):
        raise QueryError(f"named query {name!r} contains a SERVICE clause")
    return query


def named_queries() -> list[NamedQuery]:
    """All bundled queries, by name."""
    from kg.resources import query_names

    return [named_query(n) for n in query_names()]


def run_named(name: str, target: Store | rdflib.Graph | ox.Store, *, params: Mapping[str, Any] | None = None,
              timeout: float | None = None, limit: int | None = None) -> QueryResult:
    """Run the bundled query ``name`` with its declared parameters; see :func:`run_query`.

    >>> from kg.store import MemoryStore
    >>> run_named("class_summary", MemoryStore()).columns
    ('class', 'name', 'count')
    """
    query = named_query(name)
    return run_query(target, query.text, bindings=query.bindings(params), timeout=timeout, limit=limit)
