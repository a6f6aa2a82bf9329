"""The ``govkg`` command line: thin typer commands over the library's functions.

Each group of commands lives in its own module and registers itself on :data:`app`; ``main`` imports
them so that importing :mod:`kg.cli` stays cheap.
"""

from __future__ import annotations

import importlib

from kg.cli._app import app

__all__ = ["app", "main"]

#: modules that register commands on ``app`` (missing ones are skipped, so the CLI grows stage by stage)
COMMAND_MODULES = ("build", "evaluate", "query", "store", "analyze", "viz", "serve", "compare")


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(f"kg.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kg.cli.{name}":
                raise


def main() -> None:
    _register()
    app()
