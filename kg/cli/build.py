"""``govkg build``: text files -> Turtle, JSON-LD and the interactive HTML graph."""

from __future__ import annotations

import logging
import time
from collections import Counter
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.cli._app import EXIT_INPUT, app, console, err_console, fail

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")


def expand_inputs(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Files named directly, plus the text files under named directories (sorted); and warnings."""
    files, warnings = [], []
    for p in paths:
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUFFIXES)
            if not found:
                warnings.append(f"{p}: no .txt/.md/.html files")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            warnings.append(f"{p}: no such file")
    return files, warnings


def class_counts(graph) -> Counter:
    from rdflib.namespace import RDF

    from kg.vocab import GOV

    counts = Counter()
    for cls in ("Actor", "Mechanism", "Policy", "Goal", "Metric", "Challenge", "Event"):
        counts[cls] = len(set(graph.subjects(RDF.type, GOV[cls])))
    counts["relations"] = len(set(graph.subjects(RDF.type, GOV.RelationAssertion)))
    counts["mentions"] = len(set(graph.subjects(RDF.type, GOV.Mention)))
    counts["triples"] = len(graph)
    return counts


@app.command()
def build(
    files: list[Path] = typer.Argument(None, help="Text files or folders (.txt .md .html). Default: the bundled sample."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
    encoding: str = typer.Option(None, "--encoding", help="Encoding of the inputs when not UTF-8 (gb18030, big5 ...)."),
    jurisdiction: str = typer.Option(None, "--jurisdiction", help="Province or city the texts speak for (e.g. 江苏省)."),
    config: Path = typer.Option(None, "--config", help="A spaCy config for the pipeline (default: the bundled one)."),
    html: bool = typer.Option(True, "--html/--no-html", help="Write the interactive graph page."),
    validate: bool = typer.Option(True, "--validate/--no-validate", help="Check the output with the SHACL shapes."),
    max_mb: float = typer.Option(64, "--max-mb", help="Refuse input files larger than this."),
) -> None:
    """Extract a knowledge graph from governance texts and write [bold]govkg.ttl[/], [bold]govkg.jsonld[/] and [bold]govkg.html[/]."""
    from kg.ingest import InputError, read_document
    from kg.pipeline import extract_document, graph_of, sample_document
    from kg.rdf.serialize import to_jsonld, to_turtle, write_all
    from kg.records import DocumentMeta

    t0 = time.perf_counter()
    if config is not None and not config.is_file():
        fail(f"{config}: no such config file", 2)
    nlp = None
    try:
        from kg.nlp.pipeline import build_nlp

        nlp = build_nlp(config) if config else None
    except Exception as exc:  # noqa: BLE001 - a user config can fail in many ways
        fail(f"{config}: cannot build the pipeline ({exc.__class__.__name__}: {str(exc).splitlines()[0]})", 2)
    extractions = []
    if not files:
        docs = [sample_document()]
        meta = docs[0].meta
        console.print(f"[dim]No input given: using the bundled sample ({meta.author}, {meta.author_role}).[/]")
        extractions = [extract_document(docs[0], nlp=nlp)]
    else:
        paths, warnings = expand_inputs(files)
        for w in warnings:
            err_console.print(f"[yellow]warning:[/] {w}")
        if not paths:
            fail("no input files to read", EXIT_INPUT)
        meta = DocumentMeta(jurisdiction=jurisdiction) if jurisdiction else None
        failed = []
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err_console, disable=len(paths) < 2, transient=True) as bar:
            task = bar.add_task("extracting", total=len(paths))
            for p in paths:
                try:
                    doc = read_document(p, encoding=encoding, meta=meta, max_bytes=int(max_mb * 1024 * 1024))
                    extractions.append(extract_document(doc, nlp=nlp))
                except InputError as exc:
                    if len(paths) == 1:
                        fail(str(exc), EXIT_INPUT)
                    failed.append(str(exc))
                    err_console.print(f"[yellow]warning:[/] skipped {exc}")
                bar.advance(task)
        if not extractions:
            fail(f"none of the {len(paths)} files could be read", EXIT_INPUT)
    graph = graph_of(extractions)
    report = None
    if validate:
        from kg.rdf.validate import validate as shacl

        report = shacl(graph)
    outputs = {out / "govkg.ttl": to_turtle(graph), out / "govkg.jsonld": to_jsonld(graph)}
    cut_note = ""
    if html:
        try:
            from kg.graph import to_networkx
            from kg.viz import build_model, render_html
        except ImportError as exc:  # the viewer is optional for a build
            log.warning("no HTML page: %s", exc)
        else:
            model = build_model(to_networkx(graph))
            outputs[out / "govkg.html"] = render_html(model)
            cut_note = getattr(model, "note", "") or ""
    try:
        written = write_all(outputs)
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror or exc})", EXIT_INPUT)
    _summary(graph, report, written, len(extractions), time.perf_counter() - t0, cut_note)


def _summary(graph, report, written, n_docs, seconds, note) -> None:
    counts = class_counts(graph)
    table = Table(title=f"govkg: {n_docs} document(s) in {seconds:.1f} s", show_header=True, header_style="bold")
    table.add_column("class")
    table.add_column("count", justify="right")
    for cls in ("Actor", "Mechanism", "Policy", "Goal", "Metric", "Challenge", "Event"):
        table.add_row(cls if cls != "Policy" else "  of which Policy", str(counts[cls]))
    table.add_row("relations", str(counts["relations"]))
    table.add_row("mentions", str(counts["mentions"]))
    table.add_row("triples", str(counts["triples"]))
    console.print(table)
    if report is not None:
        colour = "green" if report.conforms else "red"
        console.print(f"[{colour}]{report.summary()}[/]")
        for v in report.violations[:10]:
            console.print(f"  [red]•[/] {v.focus} {v.path or ''}: {v.message}", highlight=False)
    for p in written:
        console.print(f"wrote [bold]{p}[/]", highlight=False)
    if note:
        console.print(f"[dim]{note}[/]")
