"""``govkg viz``: write the interactive graph page (one offline HTML file)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import typer

from kg.cli._app import EXIT_INPUT, EXIT_USAGE, app, console, fail

__all__ = ["viz"]

log = logging.getLogger(__name__)


@app.command("viz")
def viz(
    output: Path = typer.Option(..., "--output", "-o", help="HTML file to write."),
    graph: Path | None = typer.Option(
        None, "--graph", "-g", help="RDF file to draw (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD)."),
    store: Path | None = typer.Option(None, "--store", help="Oxigraph store folder to draw."),
    max_nodes: int | None = typer.Option(
        None, "--max-nodes", help="Keep the N most central nodes; the rest are cut (and listed)."),
    focus: str | None = typer.Option(None, "--focus", help="IRI or label of an entity: draw its neighbourhood."),
    hops: int = typer.Option(2, "--hops", help="Radius of the --focus neighbourhood."),
    lang: str = typer.Option("zh", "--lang", help="Language the page opens in: zh or en."),
    size_by: str = typer.Option("pagerank", "--size-by", help="Node size and --max-nodes ranking: pagerank or degree."),
    title: str | None = typer.Option(None, "--title", help="Page title."),
) -> None:
    """Write an interactive graph page: colour and shape by class, search, filters, source sentences.

    Without --graph or --store it draws the bundled sample article's graph. The page works from
    file:// with the network off (vis-network is inlined).
    """
    if lang not in ("zh", "en"):
        fail(f"--lang must be zh or en, not {lang!r}", EXIT_USAGE)
    if size_by not in ("pagerank", "degree"):
        fail(f"--size-by must be pagerank or degree, not {size_by!r}", EXIT_USAGE)
    if max_nodes is not None and max_nodes < 1:
        fail(f"--max-nodes must be at least 1, not {max_nodes}", EXIT_USAGE)
    if hops < 0:
        fail(f"--hops must be 0 or more, not {hops}", EXIT_USAGE)
    if graph is not None and store is not None:
        fail("give --graph or --store, not both", EXIT_USAGE)
    if output.exists() and output.is_dir():
        fail(f"--output {output} is a folder; give a file name such as {output / 'graph.html'}", EXIT_USAGE)
    if not output.parent.exists():
        fail(f"folder {output.parent} does not exist", EXIT_USAGE)

    from kg.viz import FocusNotFoundError, VizAssetError, build_model, write_html

    G = _load(graph, store)
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


def _load(graph: Path | None, store: Path | None) -> Any:
    """The networkx projection of the chosen input."""
    try:
        from kg.graph import to_networkx  # type: ignore[attr-defined]
    except ImportError:
        try:
            from kg.graph.project import to_networkx
        except ImportError:
            fail("kg.graph.to_networkx is not available in this installation")
    if graph is not None:
        return to_networkx(_parse_file(graph))
    if store is not None:
        return to_networkx(_open_store(store))
    try:
        from kg.pipeline import build_sample_graph  # type: ignore[import-not-found]
    except ImportError:
        fail("the bundled sample graph needs kg.pipeline, which is not available; pass --graph FILE")
    return to_networkx(build_sample_graph())


def _parse_file(path: Path) -> Any:
    import rdflib
    from rdflib.util import guess_format

    if not path.exists():
        fail(f"no such file: {path}", EXIT_INPUT)
    if path.is_dir():
        fail(f"{path} is a folder; did you mean --store {path}?", EXIT_USAGE)
    fmt = guess_format(str(path)) or ("turtle" if path.suffix.lower() in (".ttl", ".txt") else None)
    if fmt is None:
        fail(f"cannot tell the RDF format of {path.name}; use .ttl, .nt, .nq, .trig, .rdf or .jsonld", EXIT_USAGE)
    g = rdflib.Dataset() if fmt in ("nquads", "trig") else rdflib.Graph()
    try:
        g.parse(str(path), format=fmt)
    except Exception as exc:  # noqa: BLE001 - rdflib's parsers raise many unrelated types
        reason = " ".join(str(exc).split()) or type(exc).__name__
        fail(f"cannot parse {path} as {fmt}: {reason[:240]}")
    if isinstance(g, rdflib.Dataset):
        merged = rdflib.Graph()
        for s, p, o, _ in g.quads():
            merged.add((s, p, o))
        return merged
    return g


def _open_store(path: Path) -> Any:
    if not path.is_dir():
        fail(f"no Oxigraph store at {path} (expected a folder)", EXIT_INPUT)
    import pyoxigraph

    try:
        return pyoxigraph.Store.read_only(str(path))
    except (OSError, ValueError) as exc:
        fail(f"cannot open the store at {path}: {exc}")
