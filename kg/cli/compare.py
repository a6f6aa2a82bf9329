"""``govkg compare``: what two documents share, what the second adds or drops, and which figures changed."""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from kg.cli._app import EXIT_INPUT, EXIT_USAGE, app, console, fail

__all__ = ["compare_command", "compare_documents", "resolve_document"]

_DOCS = """
PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?doc (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date)
       (GROUP_CONCAT(DISTINCT ?s; SEPARATOR="\\n") AS ?sources)
WHERE {
  ?doc a gov:Document .
  OPTIONAL { ?doc dcterms:title ?t }
  OPTIONAL { ?doc dcterms:date ?d }
  OPTIONAL { { ?doc dcterms:source ?s } UNION { ?doc prov:hadPrimarySource/dcterms:identifier ?s } }
}
GROUP BY ?doc
"""
_CLASSES = ("Actor", "Mechanism", "Goal", "Challenge")
_STATUSES = ("shared", "new", "dropped")


def _documents(target: Any) -> list[dict[str, Any]]:
    from kg.query import run_query

    out = []
    for doc, title, date, sources in run_query(target, _DOCS).rows:
        out.append({"iri": doc, "title": title, "date": date,
                    "sources": sorted(filter(None, (sources or "").split("\n")))})
    return out


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip().casefold()


def resolve_document(docs: list[dict[str, Any]], ref: str) -> dict[str, Any]:
    """The document ``ref`` names: its IRI, source path, title, or a part of one that only it has.

    Raises ``LookupError`` with a one-line message (the candidates, when there are several).
    """
    from kg.corpus import source_id
    from kg.query import DEFAULT_PREFIXES

    ref = ref.strip()
    iri = ref[1:-1] if ref.startswith("<") and ref.endswith(">") else ref
    if iri.startswith("id:"):
        iri = DEFAULT_PREFIXES["id"] + iri[3:]
    as_path = source_id(ref) if ref else ref
    exact = [d for d in docs if d["iri"] == iri]
    exact = exact or [d for d in docs if ref in d["sources"] or as_path in d["sources"]]
    exact = exact or [d for d in docs if d["title"] and _fold(d["title"]) == _fold(ref)]
    if len(exact) == 1:
        return exact[0]
    found = exact or [d for d in docs if ref and any(_fold(ref) in _fold(x)
                                                    for x in [d["title"] or "", *d["sources"]])]
    if len(found) == 1:
        return found[0]
    if not found:
        raise LookupError(f"no document matches {ref!r} (give its IRI, source path or title; "
                          "`govkg query --name document_list` with the same --store or --graph lists them)")
    names = "; ".join(f"{d['title'] or '(untitled)'} <{d['iri']}>" for d in found[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    raise LookupError(f"{ref!r} matches {len(found)} documents: {names}{more}; give the IRI or source path")


def compare_documents(target: Any, a: str, b: str, *, timeout: float | None = None) -> dict[str, Any]:
    """Entities by class and status (shared, new in ``b``, dropped from ``a``) and the changed metrics."""
    from rdflib import URIRef

    from kg.query import run_named

    params = {"a": URIRef(a), "b": URIRef(b)}
    entities: dict[str, dict[str, list[str]]] = {c: {s: [] for s in _STATUSES} for c in _CLASSES}
    for row in run_named("compare_documents", target, params=params, timeout=timeout).records():
        cls = row["class"].rsplit("#", 1)[-1]
        entities.setdefault(cls, {s: [] for s in _STATUSES})[row["status"]].append(row["label"] or row["entity"])
    metrics = []
    for row in run_named("compare_metrics", target, params=params, timeout=timeout).records():
        metrics.append({k: row[k] for k in ("subject", "subjectLabel", "unit", "valueA", "valueB", "change",
                                            "yearA", "yearB", "statementA", "statementB", "metricA", "metricB")})
    return {"entities": entities, "metrics": metrics}


def _number(v: Any) -> str:
    if v is None:
        return ""
    text = format(v, "f") if hasattr(v, "as_tuple") else str(v)
    return text.removesuffix(".0")


def _json_number(v: Any) -> Any:
    """Decimals as JSON numbers (integers when whole); anything else as text."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return str(v)


def _cell(labels: list[str], limit: int) -> str:
    shown = "、".join(labels[:limit])
    return shown + (f" … (+{len(labels) - limit})" if len(labels) > limit else "")


def _describe(d: dict[str, Any]) -> str:
    bits = [d["title"] or "(untitled)"]
    if d["date"]:
        bits.append(str(d["date"]))
    if d["sources"]:
        bits.append(d["sources"][0])
    return " · ".join(bits)


@app.command("compare")
def compare_command(
    doc_a: str = typer.Argument(..., metavar="DOC_A", help="The first (earlier) document: source path, title or IRI."),
    doc_b: str = typer.Argument(..., metavar="DOC_B", help="The second (later) document."),
    store: Path | None = typer.Option(None, "--store", "-s", help="The Oxigraph store holding both documents."),
    graph: list[Path] = typer.Option([], "--graph", "-g", help="Or RDF files holding them (TriG, N-Quads, Turtle ...)."),
    fmt: str = typer.Option("table", "--format", "-f", help="Output: table or json."),
    limit: int = typer.Option(40, "--limit", help="Names listed per cell of the table (json lists all)."),
    timeout: float = typer.Option(60.0, "--timeout", help="Stop each query after this many seconds."),
) -> None:
    """Compare two documents: shared, new and dropped actors, mechanisms, goals, challenges; changed figures."""
    from kg.cli._app import open_input
    from kg.query import QueryError, QueryTimeout

    if fmt not in ("table", "json"):
        fail(f"--format must be table or json, not {fmt!r}", EXIT_USAGE)
    if limit < 1:
        fail("--limit must be at least 1", EXIT_USAGE)
    if timeout <= 0:
        fail("--timeout must be > 0", EXIT_USAGE)
    if store is None and not graph:
        fail("give the --store (or --graph files) holding the two documents", EXIT_USAGE)
    target = open_input(store, graph)
    try:
        docs = _documents(target)
        try:
            a, b = resolve_document(docs, doc_a), resolve_document(docs, doc_b)
        except LookupError as exc:
            fail(str(exc), EXIT_USAGE)
        if a["iri"] == b["iri"]:
            fail(f"{doc_a!r} and {doc_b!r} are the same document <{a['iri']}>", EXIT_USAGE)
        try:
            result = compare_documents(target, a["iri"], b["iri"], timeout=timeout)
        except QueryTimeout as exc:
            fail(f"{exc} (raise --timeout)", 3)
        except QueryError as exc:
            fail(str(exc), EXIT_INPUT)
    finally:
        target.close()
    if fmt == "json":
        data = {"a": a, "b": b, **result}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_json_number))
        return
    console.print(Text.assemble(("A  ", "bold"), _describe(a)), highlight=False, soft_wrap=True)
    console.print(Text.assemble(("B  ", "bold"), _describe(b)), highlight=False, soft_wrap=True)
    table = Table("class", "shared", "new in B", "dropped from A", show_lines=True, highlight=False,
                  title="entities")
    for cls, by in result["entities"].items():
        counts = {s: len(by[s]) for s in _STATUSES}
        if not any(counts.values()):
            continue
        table.add_row(cls, *(f"{counts[s]}: {_cell(by[s], limit)}" if counts[s] else "–" for s in _STATUSES))
    console.print(table)
    if not result["metrics"]:
        console.print("no figure changed for the same subject and unit", style="dim")
        return
    mt = Table("subject", "unit", "A", "B", "change", "statement A", "statement B", highlight=False,
               title="figures that changed")
    for m in result["metrics"]:
        change = m["change"]
        sign = "+" if change is not None and change > 0 else ""
        mt.add_row(m["subjectLabel"] or m["subject"], m["unit"], _number(m["valueA"]), _number(m["valueB"]),
                   sign + _number(change), m["statementA"] or "", m["statementB"] or "")
    console.print(mt)
