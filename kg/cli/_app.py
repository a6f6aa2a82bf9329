"""The typer application and the helpers every command shares (errors, console)."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

__all__ = ["EXIT_INPUT", "EXIT_USAGE", "app", "console", "err_console", "fail", "write_text"]

app = typer.Typer(
    name="govkg",
    help="Turn Chinese governance and policy text into an RDF knowledge graph of actors, mechanisms, "
    "goals and metrics; query it with SPARQL, analyse it, and explore it as an interactive graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
console = Console()
err_console = Console(stderr=True)

EXIT_INPUT = 1  # bad input file or data
EXIT_USAGE = 2  # bad query, option or parameter


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    """Print a one-line error (no traceback) and exit with ``code``."""
    from rich.text import Text

    line = " ".join(str(message).split())  # one line, whatever the message holds
    err_console.print(Text.assemble(("error:", "bold red"), " ", line), highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder (a failure leaves no
    half-written file); a path that cannot be written ends the command with a one-line error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        fail(f"cannot write {path}: {exc.strerror or exc}")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress of each stage."),
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def open_input(store=None, graphs=()):
    """The store to read: a persistent Oxigraph store, RDF files loaded into an in-memory Oxigraph
    store, or (neither given) the bundled sample. Bad input ends the command with a one-line error."""
    from kg.store import MemoryStore, OxigraphStore, StoreError, is_store_dir

    graphs = [g for g in (graphs or ()) if g is not None]
    if store is not None and graphs:
        fail("give either --store or --graph, not both", EXIT_USAGE)
    if store is not None:
        if not is_store_dir(store):
            fail(f"no Oxigraph store at {store} (create one with `govkg store load FILES --store {store}`)")
        try:
            return OxigraphStore(store, read_only=True)
        except StoreError as exc:
            fail(str(exc))
    if graphs:
        target = OxigraphStore()  # in memory: Oxigraph parses files much faster than rdflib
        for g in graphs:
            if g.is_dir():
                fail(f"{g} is a folder; did you mean --store {g}?", EXIT_USAGE)
            if not g.is_file():
                fail(f"no such file: {g}")
            try:
                target.load(g)
            except StoreError as exc:
                fail(str(exc))
        return target
    from kg.pipeline import build_sample_graph

    err_console.print("note: no --graph or --store given: using the bundled sample article", highlight=False)
    return MemoryStore(build_sample_graph())


def load_networkx(store=None, graphs=()):
    """The networkx projection of :func:`open_input`'s store."""
    from kg.graph import to_networkx

    with open_input(store, graphs) as source:
        return to_networkx(source.engine() if store is not None or graphs else source.graph)
