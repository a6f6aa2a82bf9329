"""The corpus side of ``govkg build`` (``--store``, ``--workers``, ``--dask``, ``--format trig|nquads``).

The library work is :func:`kg.corpus.build_corpus`; this module adds the progress bar (documents/s and
characters/s), the one-line errors and the summary.
"""

from __future__ import annotations

import logging
import signal
import time
from pathlib import Path

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from kg.cli._app import EXIT_INPUT, EXIT_USAGE, console, err_console, fail

__all__ = ["DATASET_FORMATS", "corpus_build"]

log = logging.getLogger(__name__)

#: --format values and the files they write
DATASET_FORMATS = {"trig": "govkg.trig", "nquads": "govkg.nq", "nq": "govkg.nq"}
EXIT_INTERRUPTED = 130
_MAX_WARNINGS = 20


class _Rate(ProgressColumn):
    """Documents or characters extracted per second (skipped documents not counted)."""

    def __init__(self, field: str, unit: str) -> None:
        super().__init__()
        self.field, self.unit = field, unit

    def render(self, task) -> Text:
        elapsed = task.elapsed or 0.0
        value = task.fields.get(self.field, 0)
        if elapsed <= 0 or not value:
            return Text(f"– {self.unit}/s", style="progress.data.speed")
        rate = value / elapsed
        text = f"{rate / 1000:.1f}k" if rate >= 10_000 else f"{rate:.1f}" if rate < 100 else f"{rate:.0f}"
        return Text(f"{text} {self.unit}/s", style="progress.data.speed")


def _warn(message: str) -> None:
    err_console.print(Text.assemble(("warning:", "yellow"), " ", message), soft_wrap=True, highlight=False)


def _formats(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        for f in (x.strip().lower() for x in v.split(",")):
            if not f:
                continue
            if f not in DATASET_FORMATS:
                fail(f"--format {f!r}: the corpus build writes trig or nquads (Turtle, JSON-LD and HTML come "
                     "from a build without --store/--workers/--dask)", EXIT_USAGE)
            f = "nquads" if f == "nq" else f
            if f not in out:
                out.append(f)
    return out


def corpus_build(files: list[Path] | None, out: Path, *, store: Path | None, workers: int, dask: str | None,
                 formats: list[str], base: Path | None, force: bool, prune: bool, encoding: str | None,
                 jurisdiction: str | None, config: Path | None, max_mb: float, provenance: str = "full") -> None:
    """Build many documents into a store and/or TriG/N-Quads files, one named graph per document."""
    from kg.cli.build import expand_inputs
    from kg.corpus import CorpusError, Settings, build_corpus, dump_dataset, source_id, sources_for
    from kg.store import OxigraphStore, StoreError

    formats = _formats(formats)
    if workers < 1:
        fail(f"--workers must be at least 1, not {workers}", EXIT_USAGE)
    if dask is not None and workers != 1:
        fail("give either --workers or --dask, not both", EXIT_USAGE)
    if (force or prune) and store is None:
        fail("--force and --prune need --store (they decide what to redo in an existing store)", EXIT_USAGE)
    if base is not None and not base.is_dir():
        fail(f"--base {base}: no such folder", EXIT_USAGE)
    if not files:
        fail("give the files or folders of the corpus (the bundled sample is built without --store)", EXIT_USAGE)
    if config is not None and not config.is_file():
        fail(f"{config}: no such config file", EXIT_USAGE)
    if not formats and store is None:
        formats = ["trig"]
    settings = Settings(jurisdiction=jurisdiction,
                        config=config.read_text(encoding="utf-8") if config is not None else None,
                        provenance=provenance)
    if config is not None:  # fail now, not once per document in the workers
        try:
            from kg.nlp.pipeline import build_nlp

            build_nlp(config)
        except Exception as exc:  # noqa: BLE001 - a user config can fail in many ways
            first = (str(exc).strip().splitlines() or [""])[0]
            fail(f"{config}: cannot build the pipeline ({type(exc).__name__}: {first})", EXIT_USAGE)

    outputs = {out / DATASET_FORMATS[f] for f in formats}
    paths, warnings = expand_inputs(files, exclude=tuple(outputs))
    for w in warnings:
        _warn(w)
    if not paths:
        fail("no input files to read", EXIT_INPUT)
    sources = sources_for(paths, base=base)
    prune_under = None
    if prune:
        prune_under = ["" if (sid := source_id(f, base)) == "." else sid for f in files if f.is_dir()]
        if not prune_under:
            _warn("--prune only looks under the folders given; no folder was given")

    try:
        target = OxigraphStore(store)
    except StoreError as exc:
        fail(str(exc))
    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, _raise_interrupt)
    except ValueError:  # not the main thread
        previous = None
    t0 = time.perf_counter()
    n_warned = 0
    try:
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      _Rate("docs", "docs"), _Rate("chars", "chars"), TimeElapsedColumn(), TimeRemainingColumn(),
                      console=err_console, transient=True, disable=len(sources) < 2) as bar:
            what = f"extracting on {dask}" if dask else f"extracting ({workers} workers)" if workers > 1 else "extracting"
            task = bar.add_task(what, total=len(sources), docs=0, chars=0)

            def progress(p) -> None:
                nonlocal n_warned
                if p.kind == "failed":
                    n_warned += 1
                    if n_warned <= _MAX_WARNINGS:
                        bar.console.print(Text.assemble(("warning:", "yellow"), f" skipped {p.message}"),
                                          soft_wrap=True, highlight=False)
                fields = bar.tasks[0].fields
                if p.kind == "done":
                    bar.update(task, docs=fields["docs"] + 1, chars=fields["chars"] + p.chars)
                bar.advance(task)

            report = build_corpus(sources, target, settings=settings, encoding=encoding,
                                  max_bytes=int(max_mb * 1024 * 1024), workers=workers, dask=dask, force=force,
                                  freeze=True, prune_under=prune_under, on_progress=progress)
        if report.processed == 0 and not report.skipped and report.failed:
            fail(f"none of the {len(sources)} files could be read or extracted", EXIT_INPUT)
        written = []
        for f in formats:
            written.append(dump_dataset(target, out / DATASET_FORMATS[f], f))
        total = len(target)
        n_graphs = len(target.graph_names())
    except KeyboardInterrupt:
        fail("interrupted: the documents already stored are complete (their graphs and manifest entries); "
             "run the same command again to finish", EXIT_INTERRUPTED)
    except CorpusError as exc:
        fail(str(exc))
    except StoreError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write: {exc.strerror or exc}")
    finally:
        target.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if n_warned > _MAX_WARNINGS:
        _warn(f"{n_warned - _MAX_WARNINGS} more files were skipped (-v shows them)")
    for new, old in report.duplicates[:5]:
        _warn(f"{new} has the same text as {old}, which is in the store under another path "
              "(built from another folder? --base fixes the ids)")
    _summary(report, store, total, n_graphs, written, time.perf_counter() - t0)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _summary(report, store: Path | None, total: int, n_graphs: int, written: list[Path], seconds: float) -> None:
    table = Table(title="govkg corpus", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("count", justify="right")
    for name, n in (("added", len(report.added)), ("replaced (changed)", len(report.replaced)),
                    ("unchanged (skipped)", len(report.skipped)), ("failed", len(report.failed)),
                    ("removed (--prune)", len(report.removed))):
        table.add_row(name, str(n))
    table.add_row("quads extracted", str(report.quads))
    table.add_row("named graphs in the store" if store else "named graphs", str(n_graphs))
    table.add_row("quads in the store" if store else "quads", str(total))
    console.print(table)
    line = f"{report.processed} document(s) extracted in {seconds:.1f} s"
    if report.processed:
        span = max(report.seconds, 1e-9)
        line += (f": {report.processed / span:.1f} documents/s, {report.chars / span:,.0f} characters/s "
                 f"(store writes {report.load_seconds:.1f} s)")
    console.print(line, highlight=False)
    if store is not None:
        console.print(Text.assemble("store ", (str(store), "bold"),
                                    f"  (query: govkg query --store {store} …; serve: govkg serve --store {store})"),
                      highlight=False)
    for p in written:
        console.print(Text.assemble("wrote ", (str(p), "bold")), highlight=False)
