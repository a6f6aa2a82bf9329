"""``govkg store``: load built RDF files into a persistent Oxigraph store, and describe a store."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import EXIT_USAGE, app, console, fail

__all__ = ["info_command", "load_command", "store_app"]

store_app = typer.Typer(name="store", help="Keep graphs in a persistent Oxigraph store (a folder).",
                        no_args_is_help=True)
app.add_typer(store_app, name="store")

_DOCUMENTS = ("SELECT DISTINCT ?d WHERE { ?d a <https://w3id.org/govkg/ontology#Document> }")


def _document_iri(path: Path) -> str:
    """The IRI of the one gov:Document described in ``path`` (its graph name with --by-document)."""
    from kg.query import run_query
    from kg.store import OxigraphStore, StoreError

    with OxigraphStore() as scratch:
        try:
            scratch.load(path)
        except StoreError as exc:
            fail(str(exc))
        docs = run_query(scratch, _DOCUMENTS).column("d")
    if len(docs) != 1:
        fail(f"{path}: --by-document needs exactly one gov:Document in the file, found {len(docs)}",
             EXIT_USAGE)
    return docs[0]


@store_app.command("load")
def load_command(
    files: list[Path] = typer.Argument(..., help="Built RDF files: Turtle, JSON-LD, N-Triples, TriG, N-Quads."),
    store: Path = typer.Option(..., "--store", "-s", help="Folder of the store (created if missing)."),
    graph_name: str | None = typer.Option(None, "--graph-name",
                                          help="Put the triples into this named graph, replacing it."),
    by_document: bool = typer.Option(False, "--by-document",
                                     help="Put each file into a named graph called after the document it "
                                          "describes, replacing an older version of that document."),
    fmt: str | None = typer.Option(None, "--format", help="RDF format of the files (default: by extension)."),
) -> None:
    """Load built output into a persistent store (the default graph, unless a graph is named)."""
    from kg.store import OxigraphStore, StoreError, rdf_format

    if graph_name is not None and by_document:
        fail("give either --graph-name or --by-document, not both", EXIT_USAGE)
    if graph_name is not None and len(files) != 1:
        fail("--graph-name takes exactly one file (use --by-document for several)", EXIT_USAGE)
    for f in files:
        if not f.is_file():
            fail(f"no such file: {f}")
        try:
            rdf_format(f, fmt)
        except StoreError as exc:
            fail(str(exc), EXIT_USAGE)
    names = [_document_iri(f) for f in files] if by_document else [graph_name] * len(files)
    try:
        with OxigraphStore(store) as target:
            before = len(target)
            for f, name in zip(files, names):
                target.load(f, format=fmt, graph_name=name)
                console.print(f"loaded {f}" + (f" into <{name}>" if name else ""), highlight=False,
                              soft_wrap=True)
            after = len(target)
    except StoreError as exc:
        fail(str(exc))
    console.print(f"{store}: {after} quads ({after - before:+d})", highlight=False)


@store_app.command("info")
def info_command(
    store: Path = typer.Option(..., "--store", "-s", help="Folder of the store."),
) -> None:
    """Print the number of triples and the named graphs of a store."""
    from kg.query import run_query
    from kg.store import OxigraphStore, StoreError, is_store_dir

    if not is_store_dir(store):
        fail(f"no Oxigraph store at {store}")
    try:
        with OxigraphStore(store, read_only=True) as s:
            engine = s.engine()
            total = len(engine)
            default = next(iter(engine.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value
            per_graph = run_query(s, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                                     "GROUP BY ?g ORDER BY ?g").rows
            docs = run_query(s, _DOCUMENTS).column("d")
    except StoreError as exc:
        fail(str(exc))
    console.print(f"store: {store}", highlight=False)
    console.print(f"quads: {total}  (default graph: {default} triples, named graphs: {len(per_graph)})",
                  highlight=False)
    console.print(f"documents: {len(docs)}", highlight=False)
    for g, n in per_graph:
        console.print(f"  <{g}>  {n} triples", highlight=False, soft_wrap=True)
