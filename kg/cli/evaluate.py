"""``govkg eval``: score built graphs against a hand-made gold file (see :mod:`kg.evaluate`)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import typer
from rich.table import Table

from kg.cli._app import EXIT_INPUT, EXIT_USAGE, app, console, fail, write_text

__all__ = ["evaluate"]

log = logging.getLogger(__name__)


@app.command("eval")
def evaluate(
    graphs: list[Path] = typer.Argument(..., help="RDF files of the graph (Turtle, N-Triples, JSON-LD ...)."),
    gold: Path = typer.Option(..., "--gold", help="Gold file (JSON: entities, metrics, links)."),
    errors: bool = typer.Option(False, "--errors", help="List every miss, false positive and missing link."),
    json_out: Path | None = typer.Option(None, "--json", help="Write every figure to this JSON file."),
    ns: str = typer.Option("https://w3id.org/govkg/ontology#", "--ns", help="Namespace of the ontology."),
) -> None:
    """Precision, recall and F1 per class, metrics with the right subject, links found, macro-F1."""
    from kg.evaluate import GoldError, load_gold, load_graphs, score

    for p in graphs:
        if not p.is_file():
            fail(f"{p}: no such graph file", EXIT_INPUT)
    if json_out is not None and (json_out.is_dir() or not json_out.parent.exists()):
        fail(f"--json {json_out}: not a file in an existing folder", EXIT_USAGE)
    try:
        gold_data = load_gold(gold)
    except GoldError as exc:
        fail(str(exc), EXIT_INPUT)
    try:
        g = load_graphs(graphs)
    except Exception as exc:  # noqa: BLE001 - rdflib's parsers raise many kinds; each is one line here
        fail(f"cannot parse the graph ({exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''})",
             EXIT_INPUT)
    result = score(g, gold_data, ns)

    table = Table(title=f"govkg eval: {', '.join(p.name for p in graphs)} vs {gold.name}")
    for col in ("class", "gold", "found", "tp", "fp", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "class" else "right")
    for name, c in result.classes.items():
        table.add_row(name, str(c.gold), str(c.found), str(c.tp), str(c.fp),
                      f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")
    console.print(table)
    console.print(f"metrics with the right subject: {result.metric_subject_ok}/{result.metrics_gold}")
    console.print(f"links found: {result.links_found}/{result.links_gold}")
    if errors:
        for cls, errs in result.errors.items():
            for e in errs:
                console.print(f"  [{cls}] {e}", markup=False, highlight=False)
    if json_out is not None:
        _write_json(json_out, result.to_dict())
    console.print(result.summary(), highlight=False, soft_wrap=True)


def _write_json(path: Path, data: dict) -> None:
    """Write through a temporary file in the same folder, so a failure leaves no half-written file."""
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1))
