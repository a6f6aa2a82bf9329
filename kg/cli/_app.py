"""The typer application and the helpers every command shares (errors, console)."""

from __future__ import annotations

import logging
from typing import NoReturn

import typer
from rich.console import Console

__all__ = ["app", "console", "err_console", "fail", "EXIT_INPUT", "EXIT_USAGE"]

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
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress of each stage."),
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
