"""``govkg query``: run a SPARQL query, a .rq file or a named query over a graph or a store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from kg.cli._app import EXIT_INPUT, EXIT_USAGE, app, console, err_console, fail, open_input, write_text

__all__ = ["EXIT_TIMEOUT", "FORMATS", "query_command"]

#: exit code when the query ran out of time (EXIT_INPUT = bad data, EXIT_USAGE = bad query or option)
EXIT_TIMEOUT = 3
FORMATS = ("table", "csv", "json", "tsv")


def _parse_params(params: list[str]) -> dict[str, Any]:
    from kg.query import term_from_text

    out: dict[str, Any] = {}
    for item in params:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            fail(f"--param {item!r}: expected NAME=VALUE", EXIT_USAGE)
        if name in out:
            fail(f"--param {name} given twice", EXIT_USAGE)
        out[name] = term_from_text(value)
    return out


def _is_file(path: Path) -> bool:
    try:
        return "\n" not in str(path) and path.is_file()
    except OSError:  # e.g. a long query is not a valid file name
        return False


def _query_text(sparql: str | None, name: str | None) -> tuple[str, Any]:
    """The SPARQL text and, for a named query, the NamedQuery."""
    from kg.query import QueryError, named_query

    if sparql is not None and name is not None:
        fail("give either a SPARQL query (or .rq file) or --name, not both", EXIT_USAGE)
    if name is not None:
        try:
            return "", named_query(name)
        except QueryError as exc:
            fail(str(exc), EXIT_USAGE)
    if sparql is None:
        fail("give a SPARQL query, a .rq file or --name NAME (--list shows the named queries)", EXIT_USAGE)
    path = Path(sparql)
    if sparql.endswith(".rq") or _is_file(path):
        try:
            return path.read_text(encoding="utf-8"), None
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read {sparql}: {exc}", EXIT_INPUT)
    return sparql, None


_SHORT = None


def _shorten(value: str) -> str:
    """An IRI with a known namespace as a prefixed name, for display."""
    global _SHORT
    if _SHORT is None:
        from kg.query import DEFAULT_PREFIXES

        _SHORT = sorted(((ns, p) for p, ns in DEFAULT_PREFIXES.items()), key=lambda x: -len(x[0]))
    for ns, prefix in _SHORT:
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def _table(result) -> Table:
    from rdflib import URIRef

    table = Table(*result.columns, show_lines=False, highlight=False)
    for row, terms in zip(result.rows, result.terms):
        cells = []
        for value, term in zip(row, terms):
            if value is None:
                cells.append("")
            elif isinstance(term, URIRef):
                cells.append(_shorten(str(term)))
            elif isinstance(value, bool):
                cells.append("true" if value else "false")
            else:
                cells.append(str(value))
        table.add_row(*cells)
    return table


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_text(output, text)


def _list_named() -> None:
    from kg.query import named_queries

    table = Table("name", "parameters", "question", show_lines=False, highlight=False)
    for q in named_queries():
        table.add_row(q.name, ", ".join(f"{p.name}: {p.description}" for p in q.params), q.question)
    console.print(table)


@app.command("query")
def query_command(
    sparql: str | None = typer.Argument(None, metavar="[SPARQL | FILE.rq]",
                                        help="A SPARQL query, or a file holding one."),
    name: str | None = typer.Option(None, "--name", "-n", help="Run a bundled named query (see --list)."),
    param: list[str] = typer.Option([], "--param", "-p", metavar="NAME=VALUE",
                                    help="Bind a variable (repeatable). A value that looks like an IRI "
                                         "(http..., urn:..., <...>, gov:X, id:X) binds an IRI, else a literal."),
    store: Path | None = typer.Option(None, "--store", "-s", help="Query the Oxigraph store in this folder."),
    graph: list[Path] = typer.Option([], "--graph", "-g", help="Query this RDF file: Turtle, JSON-LD, "
                                     "N-Triples, TriG, N-Quads (repeatable). Default: the bundled sample."),
    fmt: str = typer.Option("table", "--format", "-f", help="Output: table, csv, json or tsv."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    timeout: float = typer.Option(30.0, "--timeout", help="Stop the query after this many seconds."),
    limit: int = typer.Option(10000, "--limit", help="Keep at most this many rows (warns when more)."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Allow SERVICE clauses (the query may then contact other servers)."),
    list_queries: bool = typer.Option(False, "--list", help="List the named queries and exit."),
) -> None:
    """Run SPARQL over the graph: an ad-hoc query, a .rq file or a named query (`--name`).

    Exit codes: 1 bad input file or store, 2 bad query, parameter or option, 3 time limit reached.
    """
    from kg.query import (
        ParameterError,
        QueryError,
        QuerySyntaxError,
        QueryTimeout,
        ServiceNotAllowed,
        run_query,
    )

    if list_queries:
        _list_named()
        return
    fmt = fmt.lower()
    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}", EXIT_USAGE)
    if timeout <= 0:
        fail("--timeout must be > 0", EXIT_USAGE)
    if limit < 0:
        fail("--limit must be >= 0", EXIT_USAGE)
    text, named = _query_text(sparql, name)
    bindings = _parse_params(param)
    if named is not None:
        try:
            bindings = named.bindings(bindings)
        except ParameterError as exc:
            fail(str(exc), EXIT_USAGE)
        text = named.text
    target = open_input(store, graph)
    try:
        result = run_query(target, text, bindings=bindings, timeout=timeout, limit=limit,
                           allow_service=allow_service)
    except ServiceNotAllowed as exc:
        fail(f"{exc} (pass --allow-service to allow it)", EXIT_USAGE)
    except (QuerySyntaxError, ParameterError) as exc:
        fail(str(exc), EXIT_USAGE)
    except QueryTimeout as exc:
        fail(f"{exc} (raise --timeout to allow more time)", EXIT_TIMEOUT)
    except QueryError as exc:
        fail(str(exc), EXIT_INPUT)
    finally:
        target.close()
    if result.truncated:
        err_console.print(f"[yellow]warning:[/] result truncated to the first {limit} rows "
                          "(raise --limit to see more)", highlight=False)
    if fmt == "table" and output is None:
        if result.kind == "ask":
            console.print("true" if result.boolean else "false")
        else:
            console.print(_table(result))
            n = len(result)
            err_console.print(f"{n} row{'s' if n != 1 else ''} in {result.elapsed:.2f} s", style="dim",
                              highlight=False)
        return
    if fmt == "table":
        fmt = "tsv"  # a table written to a file is TSV
    text_out = {"csv": result.to_csv, "tsv": result.to_tsv, "json": result.to_json}[fmt]()
    if fmt == "json" and not text_out.endswith("\n"):
        text_out += "\n"
    _write(text_out, output)
