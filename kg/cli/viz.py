"""``govkg viz``: write the interactive graph page (one offline HTML file)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from kg.cli._app import EXIT_USAGE, app, console, fail, load_networkx

__all__ = ["viz"]

log = logging.getLogger(__name__)


@app.command("viz")
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    graph: Annotated[Path | None, typer.Option(
        "--graph", "-g", help="RDF file to draw (.ttl, .nt, .nq, .trig, .jsonld).")] = None,
    store: Annotated[Path | None, typer.Option("--store", help="Oxigraph store folder to draw.")] = None,
    max_nodes: Annotated[int | None, typer.Option(
        "--max-nodes", help="Keep the N most central nodes; the rest are cut (and listed).")] = None,
    focus: Annotated[str | None, typer.Option(
        "--focus", help="IRI or label of an entity: draw its neighbourhood.")] = None,
    hops: Annotated[int | None, typer.Option(
        "--hops", help="Radius of the --focus neighbourhood (default 2).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language the page opens in: zh or en.")] = "zh",
    size_by: Annotated[str, typer.Option(
        "--size-by", help="Node size and --max-nodes ranking: pagerank or degree.")] = "pagerank",
    title: Annotated[str | None, typer.Option("--title", help="Page title.")] = None,
) -> None:
    """Write an interactive graph page: colour and shape by class, search, filters, source sentences.

    Without --graph or --store it draws the bundled sample article's graph.
    The page is one file that works from file:// with the network off.
    """
    if lang not in ("zh", "en"):
        fail(f"--lang must be zh or en, not {lang!r}", EXIT_USAGE)
    if size_by not in ("pagerank", "degree"):
        fail(f"--size-by must be pagerank or degree, not {size_by!r}", EXIT_USAGE)
    if max_nodes is not None and max_nodes < 1:
        fail(f"--max-nodes must be at least 1, not {max_nodes}", EXIT_USAGE)
    if hops is not None and hops < 0:
        fail(f"--hops must be 0 or more, not {hops}", EXIT_USAGE)
    if hops is not None and focus is None:
        fail("--hops needs --focus (the entity whose neighbourhood is drawn)", EXIT_USAGE)
    hops = 2 if hops is None else hops
    if graph is not None and store is not None:
        fail("give --graph or --store, not both", EXIT_USAGE)
    if output.exists() and output.is_dir():
        fail(f"--output {output} is a folder; give a file name such as {output / 'graph.html'}", EXIT_USAGE)
    if not output.parent.exists():
        fail(f"folder {output.parent} does not exist", EXIT_USAGE)

    from kg.viz import FocusNotFoundError, VizAssetError, build_model, write_html

    G = load_networkx(store, [graph] if graph is not None else [])
    if G.number_of_nodes() == 0:
        fail("the graph has no entities to draw (is it govkg instance data?)")
    try:
        model = build_model(G, size_by=size_by, max_nodes=max_nodes, focus=focus, hops=hops,  # type: ignore[arg-type]
                            lang=lang, title=title)  # type: ignore[arg-type]
    except FocusNotFoundError as exc:
        fail(str(exc), EXIT_USAGE)
    try:
        path = write_html(model, output)
    except VizAssetError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    s = model.stats
    if s.focus:
        console.print(f"focus: {'、'.join(s.focus)} ({s.hops} hops: {s.nodes_in_scope} nodes, "
                      f"{s.edges_in_scope} edges)", highlight=False, soft_wrap=True)
    summary = model.cut_summary(lang)
    if summary:
        console.print(summary, highlight=False, soft_wrap=True)
    console.print(f"wrote {path} ({s.nodes_shown} nodes, {s.edges_shown} edges, "
                  f"{path.stat().st_size / 1e6:.1f} MB)", highlight=False, soft_wrap=True)
