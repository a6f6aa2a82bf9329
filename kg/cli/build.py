"""``govkg build``: text files -> Turtle, JSON-LD and the interactive HTML graph."""

from __future__ import annotations

import codecs
import logging
import math
import os
import signal
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from kg.cli._app import EXIT_INPUT, EXIT_USAGE, app, console, err_console, fail

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")
#: the files ``govkg build`` writes (never read back as inputs when a folder is built in place)
OUTPUT_NAMES = ("govkg.ttl", "govkg.jsonld", "govkg.html")
#: default ``--max-mb``: extraction runs at some thousands of characters a second, so a larger text
#: would keep a build busy for many minutes (raise it with --max-mb)
DEFAULT_MAX_MB = 10.0
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report an interrupted command


def _not_regular(p: Path) -> str | None:
    """Why ``p`` cannot be read as an input file (``None`` for a regular file)."""
    if p.is_symlink() and not p.exists():
        return "broken symbolic link"
    if not p.exists():
        return "no such file"
    if not p.is_file():  # a FIFO, socket or device would block or never end
        return "not a regular file"
    return None


def expand_inputs(paths: list[Path], *, exclude: tuple[Path, ...] = ()) -> tuple[list[Path], list[str]]:
    """Files named directly, plus the text files under named directories (sorted); and warnings.

    Only regular files are read (a FIFO named as input would block forever); entries of a folder
    with a text suffix that are not (broken links, FIFOs) are reported, and the files in ``exclude``
    (a previous build's outputs) are left out.
    """
    skip = {q.resolve() for q in exclude}
    files, warnings = [], []
    for p in paths:
        if p.is_dir():
            found = []
            for q in sorted(p.rglob("*")):
                if q.suffix.lower() not in SUFFIXES or q.is_dir():
                    continue
                why = _not_regular(q)
                if why:
                    warnings.append(f"{q}: skipped ({why})")
                elif q.resolve() not in skip:
                    found.append(q)
            if not found:
                warnings.append(f"{p}: no .txt/.md/.html files")
            files.extend(found)
        elif why := _not_regular(p):
            warnings.append(f"{p}: {why}")
        else:
            files.append(p)
    return files, warnings


def _warn(message: str) -> None:
    """A one-line warning on stderr (the message is plain text, never markup)."""
    err_console.print(Text.assemble(("warning:", "yellow"), " ", message), soft_wrap=True, highlight=False)


def _check_options(out: Path, encoding: str | None, max_mb: float, provenance: str = "full") -> None:
    from kg.rdf.build import PROVENANCE_LEVELS

    if provenance not in PROVENANCE_LEVELS:
        fail(f"--provenance {provenance!r}: give {' or '.join(PROVENANCE_LEVELS)}", EXIT_USAGE)
    if not (math.isfinite(max_mb) and max_mb > 0):
        fail(f"--max-mb must be a positive number, not {max_mb}", EXIT_USAGE)
    if encoding:
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            fail(f"--encoding {encoding!r}: unknown encoding", EXIT_USAGE)
        if not getattr(info, "_is_text_encoding", True):
            fail(f"--encoding {encoding!r}: not a text encoding", EXIT_USAGE)
    if out.exists() and not out.is_dir():
        fail(f"--out {out}: exists and is not a folder", EXIT_USAGE)


def _check_writable(out: Path) -> None:
    """Fail now, not after the extraction, when ``out`` (or the folder it would be made in) cannot take a
    file: a temporary file is made and removed in the nearest folder that exists."""
    folder = out.absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".govkg-probe.")
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror or exc})", EXIT_INPUT)
    os.close(fd)
    os.unlink(probe)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else ""


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
    max_mb: float = typer.Option(DEFAULT_MAX_MB, "--max-mb", help="Refuse input files larger than this (MB)."),
    store: Path = typer.Option(None, "--store", "-s", help="Corpus build into this Oxigraph store: one named graph "
                               "per file; unchanged files are skipped, changed ones replaced (docs/corpus.md)."),
    workers: int = typer.Option(1, "--workers", "-j", help="Corpus build in N worker processes."),
    dask: str = typer.Option(None, "--dask", metavar="SCHEDULER", help="Corpus build on a Dask cluster "
                             "(tcp://host:8786)."),
    formats: list[str] = typer.Option([], "--format", help="Corpus build: also write out/govkg.trig or govkg.nq "
                                      "(trig, nquads; repeatable)."),
    base: Path = typer.Option(None, "--base", help="Corpus build: source ids are paths relative to this folder "
                              "(default: the current folder)."),
    force: bool = typer.Option(False, "--force", help="Corpus build: extract unchanged files again."),
    prune: bool = typer.Option(False, "--prune", help="Corpus build: drop stored files that are gone from the "
                               "folders given."),
    provenance: str = typer.Option("full", "--provenance", metavar="[full|compact]",
                                   help="Where each mention sits in its text: full (a span with position and "
                                   "quote selectors) or compact (an RFC 5147 IRI <document#char=start,end>; "
                                   "about 40% fewer triples, no quotes: docs/datamodel.md)."),
) -> None:
    """Extract a knowledge graph from governance texts and write [bold]govkg.ttl[/], [bold]govkg.jsonld[/] and [bold]govkg.html[/]."""
    t0 = time.perf_counter()
    _check_options(out, encoding, max_mb, provenance)
    corpus = store is not None or workers != 1 or dask is not None or formats or base is not None or force or prune
    if not corpus or formats:  # a corpus build writes to --out only the --format dumps
        _check_writable(out)
    if corpus:
        from kg.cli._corpus import corpus_build

        corpus_build(files, out, store=store, workers=workers, dask=dask, formats=formats, base=base, force=force,
                     prune=prune, encoding=encoding, jurisdiction=jurisdiction, config=config, max_mb=max_mb,
                     provenance=provenance)
        return
    state = {"writing": False}
    previous = _sigterm_as_interrupt()
    try:
        _build(files, out, encoding=encoding, jurisdiction=jurisdiction, config=config, html=html, validate=validate,
               max_mb=max_mb, t0=t0, state=state, provenance=provenance)
    except KeyboardInterrupt:
        if state["writing"]:
            fail(f"interrupted while replacing the outputs in {out} (each file is either the old or the new one)",
                 EXIT_INTERRUPTED)
        fail(f"interrupted: nothing was written, {out} is as it was", EXIT_INTERRUPTED)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _sigterm_as_interrupt():
    """Let SIGTERM clean up like Ctrl-C (temporary files removed); returns the previous handler."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)


def _build(files: list[Path] | None, out: Path, *, encoding: str | None, jurisdiction: str | None,
           config: Path | None, html: bool, validate: bool, max_mb: float, t0: float, state: dict,
           provenance: str = "full") -> None:
    from kg.ingest import InputError, read_document
    from kg.pipeline import extract_document, graph_of, sample_document
    from kg.rdf.serialize import to_jsonld, to_turtle, write_all
    from kg.records import DocumentMeta

    if config is not None and not config.is_file():
        fail(f"{config}: no such config file", EXIT_USAGE)
    nlp = None
    try:
        from kg.nlp.pipeline import build_nlp

        nlp = build_nlp(config) if config else None
    except Exception as exc:  # noqa: BLE001 - a user config can fail in many ways
        fail(f"{config}: cannot build the pipeline ({exc.__class__.__name__}: {_first_line(exc)})", EXIT_USAGE)
    extractions = []
    if not files:
        docs = [sample_document()]
        meta = docs[0].meta
        console.print(f"[dim]No input given: using the bundled sample ({meta.author}, {meta.author_role}).[/]")
        extractions = [extract_document(docs[0], nlp=nlp)]
    else:
        paths, warnings = expand_inputs(files, exclude=tuple(out / n for n in OUTPUT_NAMES))
        if not paths:  # one line that says why: "a.txt: no such file"
            fail("; ".join(warnings) if warnings else "no input files to read", EXIT_INPUT)
        for w in warnings:
            _warn(w)
        meta = DocumentMeta(jurisdiction=jurisdiction) if jurisdiction else None
        max_bytes = int(max_mb * 1024 * 1024)
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err_console, disable=len(paths) < 2, transient=True) as bar:
            task = bar.add_task("extracting", total=len(paths))
            for p in paths:
                log.info("%s: extracting", p)
                try:
                    doc = read_document(p, encoding=encoding, meta=meta, max_bytes=max_bytes)
                    extractions.append(extract_document(doc, nlp=nlp))
                except InputError as exc:
                    if len(paths) == 1:
                        fail(str(exc), EXIT_INPUT)
                    _warn(f"skipped {exc}")
                except (KeyboardInterrupt, MemoryError):
                    raise
                except Exception as exc:  # one bad file must not cost the others
                    log.info("%s: extraction failed", p, exc_info=True)
                    reason = f"{p}: extraction failed ({exc.__class__.__name__}: {_first_line(exc)}); " \
                             "this is a bug in govkg, please report it (-v shows the traceback)"
                    if len(paths) == 1:
                        fail(reason, EXIT_INPUT)
                    _warn(f"skipped {reason}")
                bar.advance(task)
        if not extractions:
            fail(f"none of the {len(paths)} files could be read", EXIT_INPUT)
    graph = graph_of(extractions, provenance=provenance)
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
    state["writing"] = True
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
            console.print(Text.assemble(("  • ", "red"), f"{v.focus} {v.path or ''}: {v.message}"), highlight=False)
    for p in written:
        console.print(Text.assemble("wrote ", (str(p), "bold")), highlight=False)
    if note:
        console.print(f"[dim]{note}[/]")
