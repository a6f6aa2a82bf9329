"""``govkg analyze``: the network findings of a graph, as tables.

Most central actors and mechanisms (PageRank, betweenness), communities with their main members,
bridging mechanisms, and an example explanation path from an actor to a goal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from kg.cli._app import EXIT_USAGE, app, console, fail, load_networkx

__all__ = ["analyze_command"]


def _fmt(x: float) -> str:
    return f"{x:.4f}"


def _table(title: str, *columns: str) -> Table:
    """A table whose first column is a rank and whose text columns wrap instead of being cut."""
    table = Table(title=title, title_justify="left")
    table.add_column("#", justify="right")
    for col in columns:
        numeric = col in ("PageRank", "betweenness", "links", "size", "communities", "participation")
        table.add_column(col, justify="right" if numeric else "left", overflow="fold",
                         no_wrap=numeric)
    return table


def _central_table(rows: list[dict[str, Any]], title: str) -> Table:
    """Rows of :func:`kg.graph.centrality_ranking` as a table."""
    table = _table(title, "entity", "type", "PageRank", "betweenness", "links")
    for i, row in enumerate(rows, 1):
        table.add_row(str(i), str(row["label"]), str(row["type"]), _fmt(row["pagerank"]),
                      _fmt(row["betweenness"]), str(row["links"]))
    return table


@app.command("analyze")
def analyze_command(
    graph: list[Path] = typer.Option([], "--graph", "-g", help="Analyse this RDF file (Turtle, JSON-LD, "
                                     "N-Triples, ...); repeat for several."),
    store: Path | None = typer.Option(None, "--store", "-s", help="Analyse the Oxigraph store in this folder."),
    top_n: int = typer.Option(10, "--top", "-n", help="Rows per table (1 or more)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the community detection."),
    source: str | None = typer.Option(None, "--from", help="Start of the explanation path (IRI or label)."),
    target: str | None = typer.Option(None, "--to", help="End of the explanation path (IRI or label)."),
    backend: str = typer.Option("auto", "--backend", help="auto, networkx or igraph."),
) -> None:
    """Print the network findings: central actors and mechanisms, communities, bridges, a path.

    Without --graph or --store, analyses the bundled sample article.
    """
    import networkx as nx

    from kg.graph import (
        betweenness,
        bridging_mechanisms,
        centrality_ranking,
        communities,
        describe_communities,
        example_path,
        explain_path,
        modularity,
        pagerank,
    )
    from kg.graph._backend import BACKENDS

    if backend not in BACKENDS:
        fail(f"--backend must be one of {', '.join(BACKENDS)}", EXIT_USAGE)
    if top_n < 1:
        fail(f"--top must be at least 1, not {top_n}", EXIT_USAGE)
    if (source is None) != (target is None):
        fail("give both --from and --to, or neither", EXIT_USAGE)
    G = load_networkx(store, graph)
    if G.number_of_nodes() == 0:
        fail("the graph has no entities (nothing typed with a govkg class)")
    path = None
    if source is not None and target is not None:  # before any table: a bad --from fails at once
        try:
            path = explain_path(G, source, target)
        except (nx.NodeNotFound, ValueError) as exc:
            fail(str(exc), EXIT_USAGE)
        except nx.NetworkXNoPath:
            fail(f"no path links {source!r} and {target!r}")

    counts: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        counts[d["cls"]] = counts.get(d["cls"], 0) + 1
    # `govkg build` counts relation assertions; a metric's gov:measures is an edge here too
    measures = sum(1 for *_, d in G.edges(data=True) if str(d.get("predicate", "")).endswith("#measures"))
    console.print(f"[bold]{G.number_of_nodes()}[/] entities "
                  f"({', '.join(f'{c} {k}' for c, k in sorted(counts.items(), key=lambda x: -x[1]))}), "
                  f"[bold]{G.number_of_edges()}[/] links ({G.number_of_edges() - measures} relations, "
                  f"{measures} from a metric to what it measures)", highlight=False)

    pr = pagerank(G, backend=backend)  # type: ignore[arg-type]
    bc = betweenness(G, seed=seed, backend=backend)  # type: ignore[arg-type]
    # relations run from actors to what they act on: PageRank gathers on mechanisms, policies and
    # goals, so actors are ranked by betweenness (who connects the rest) and mechanisms by PageRank
    actors = centrality_ranking(G, cls="Actor", by="betweenness", ties="node", pagerank_scores=pr,
                                betweenness_scores=bc)
    console.print(_central_table(actors[:top_n], "Most central actors (by betweenness)"))
    mechanisms = centrality_ranking(G, cls="Mechanism", by="pagerank", ties="node", pagerank_scores=pr,
                                    betweenness_scores=bc)
    console.print(_central_table(mechanisms[:top_n], "Most central mechanisms (by PageRank)"))

    parts = communities(G, seed=seed, backend=backend)  # type: ignore[arg-type]
    table = _table(f"Communities (Louvain, seed {seed}; modularity {modularity(G, parts):.3f})",
                   "size", "classes", "main members")
    groups = [p for p in parts if len(p) > 1][:top_n]
    for i, row in enumerate(describe_communities(G, groups, k=5), 1):
        table.add_row(str(i), str(row["size"]), " ".join(f"{c} {k}" for c, k in row["classes"].items()),
                      " | ".join(row["labels"]))
    console.print(table)

    bridges = bridging_mechanisms(G, communities=parts)
    table = _table("Bridging mechanisms (neighbours in several communities)", "mechanism", "type",
                   "communities", "participation", "links")
    for i, (v, row) in enumerate(list(bridges.items())[:top_n], 1):
        table.add_row(str(i), str(G.nodes[v]["label"]), str(G.nodes[v]["type"]), str(row["communities"]),
                      f"{row['participation']:.3f}", str(row["degree"]))
    console.print(table if bridges else "No mechanism links several communities.")

    if path is None and source is None:
        path = example_path(G, betweenness_scores=bc, pagerank_scores=pr)
    if path is None:
        console.print("No actor is linked to a goal.")
    else:
        console.print("[bold]Explanation path[/] "
                      f"({len(path['edges'])} step{'s' if len(path['edges']) != 1 else ''}):")
        console.print(path["sentence"], highlight=False, soft_wrap=True)
