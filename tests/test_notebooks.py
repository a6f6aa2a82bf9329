"""The notebooks of notebooks/ run top to bottom, on the sample and on a built store, and are kept clean;
the helpers they use (kg.notebook) work.

Notebooks run with nbclient on a kernel of this very interpreter (a kernelspec written to a temporary
folder), in a temporary working folder, so what they write never lands in the checkout.
"""

from __future__ import annotations

import html.parser
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import networkx as nx
import pytest

from kg.notebook import (
    LEXICON_GRAPH,
    CJKFontWarning,
    actor_goal_paths,
    centrality_table,
    community_summary,
    open_data,
    page_iframe,
    use_cjk_font,
)
from kg.store import MemoryStore, OxigraphStore, StoreError

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
#: a cell that runs longer than this has hung (the notebooks take well under a minute each)
CELL_TIMEOUT = 300

# An invented second text (not from the sample) so the store holds two documents that share entities.
SECOND_TEXT = ("南京市委、市政府印发《关于推进社区治理现代化的实施方案》，建立网格化管理机制，推动基层治理现代化。"
               "2024年全市培育社区社会组织8600家，注册志愿者达到150万名。")


# ---------------------------------------------------------------------------------- kg.notebook


class _Frames(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.frames: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            self.frames.append(dict(attrs))


def test_page_iframe_carries_the_page_unchanged():
    page = ('<!doctype html><html><head><script>if (a < b && c > "d") {}</script></head>'
            "<body title='x\"y'>民政厅 &amp; &lt;/iframe&gt; </iframe><p>after</p></body></html>")
    parser = _Frames()
    parser.feed(page_iframe(page, height=321, title='a "graph"'))
    assert len(parser.frames) == 1  # nothing of the page is parsed as markup of the notebook
    frame = parser.frames[0]
    assert frame["srcdoc"] == page
    assert frame["sandbox"] == "allow-scripts" and frame["height"] == "321" and frame["title"] == 'a "graph"'


def test_page_iframe_rejects_a_bad_height():
    with pytest.raises(ValueError):
        page_iframe("<p>x</p>", height=0)


def test_open_data_sample_and_lexicon():
    plain = open_data()
    assert isinstance(plain, MemoryStore) and plain.graph_names() == [] and len(plain) > 1000
    with_lexicon = open_data(lexicon=True)
    assert with_lexicon.graph_names() == [LEXICON_GRAPH]
    assert len(with_lexicon) > len(plain)
    # the lexicon sits in its own graph, next to the same data as without it
    assert len(with_lexicon) - len(with_lexicon.named_graph(LEXICON_GRAPH)) == len(plain)


@pytest.fixture()
def small_store(tmp_path, sample_graph):
    path = tmp_path / "store"
    with OxigraphStore(path) as store:
        store.add_graph(sample_graph, graph_name="urn:graph:sample")
    return path


def test_open_data_store_read_only_and_never_written(small_store):
    with open_data(small_store) as store:
        assert isinstance(store, OxigraphStore) and store.read_only
        names, size = store.graph_names(), len(store)
        with pytest.raises(StoreError):
            store.add_graph(MemoryStore().graph, graph_name="urn:graph:new")
    with open_data(small_store, lexicon=True) as copy:
        assert copy.path is None  # a copy in memory
        assert copy.graph_names() == sorted([*names, LEXICON_GRAPH]) and len(copy) > size
    with OxigraphStore(small_store) as again:  # not left locked, not changed
        assert again.graph_names() == names and len(again) == size


def test_open_data_rdf_file(tmp_path, sample_graph):
    path = tmp_path / "graph.ttl"
    sample_graph.serialize(path, format="turtle")
    with open_data(path) as store:
        assert len(store) == len(sample_graph)


def test_open_data_bad_paths(tmp_path):
    with pytest.raises(StoreError, match="no store or RDF file"):
        open_data(tmp_path / "missing")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        open_data(tmp_path / "folder")


def _render_warnings(text: str) -> list[str]:
    """Warnings matplotlib gives while drawing ``text`` with the current settings."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure()
    FigureCanvasAgg(fig)
    fig.text(0.1, 0.5, text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught]


def _has_cjk_font() -> bool:
    from matplotlib import font_manager

    return any("CJK" in f.name for f in font_manager.fontManager.ttflist)


def test_use_cjk_font_draws_chinese_without_missing_glyphs():
    import matplotlib as mpl

    if not _has_cjk_font():
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    with mpl.rc_context():
        mpl.rcParams["font.family"] = "sans-serif"
        mpl.rcParams["font.sans-serif"] = ["DejaVu Sans"]
        assert any("missing from font" in w for w in _render_warnings("民政厅")), "the check must be able to fail"
        name = use_cjk_font()
        assert name is not None and mpl.rcParams["font.sans-serif"][0] == name
        assert "DejaVu Sans" in mpl.rcParams["font.sans-serif"]  # kept as a fallback
        assert not [w for w in _render_warnings("民政厅 2200万名 −5") if "missing from font" in w]


def test_use_cjk_font_registers_a_font_installed_after_the_cache(monkeypatch):
    import matplotlib as mpl
    from matplotlib import font_manager

    files = [f.fname for f in font_manager.fontManager.ttflist if "CJK" in f.name]
    if not files:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: sorted(set(files)))
    with mpl.rc_context():
        assert use_cjk_font() is not None


def test_use_cjk_font_warns_and_changes_nothing_without_a_font(monkeypatch):
    import matplotlib as mpl
    from matplotlib import font_manager

    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [f for f in font_manager.fontManager.ttflist if f.name == "DejaVu Sans"])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    with mpl.rc_context():
        before = dict(mpl.rcParams)
        with pytest.warns(CJKFontWarning, match="fonts-noto-cjk"):
            assert use_cjk_font() is None
        assert dict(mpl.rcParams) == before


def _policy_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_nodes_from([
        ("a", {"label": "省委", "cls": "Actor", "type": "PartyOrganization"}),
        ("b", {"label": "省政府", "cls": "Actor", "type": "GovernmentBody"}),
        ("p", {"label": "实施意见", "cls": "Mechanism", "type": "Policy"}),
        ("m", {"label": "联动机制", "cls": "Mechanism", "type": "Mechanism"}),
        ("g", {"label": "基层善治", "cls": "Goal", "type": "StrategicGoal"}),
        ("h", {"label": "共同富裕", "cls": "Goal", "type": "StrategicGoal"}),
        ("x", {"label": "孤立", "cls": "Actor", "type": "Group"}),
    ])
    G.add_edge("a", "p", key="issues", label="出台")
    G.add_edge("b", "p", key="issues", label="出台")
    G.add_edge("p", "m", key="establishes", label="建立")
    G.add_edge("m", "g", key="contributesTo", label="助力")
    G.add_edge("h", "b", key="relatedTo", label="相关")
    return G


def test_actor_goal_paths():
    G = _policy_graph()
    paths = actor_goal_paths(G)
    assert set(zip(paths["actor"], paths["goal"])) == {("a", "g"), ("b", "g"), ("b", "h"), ("a", "h")}
    row = paths.set_index(["actor", "goal"]).loc[("a", "g")]
    assert (row["steps"], row["against"]) == (3, 0)
    assert row["sentence"] == "省委 —出台→ 《实施意见》 —建立→ 联动机制 —助力→ 基层善治"
    back = paths.set_index(["actor", "goal"]).loc[("a", "h")]
    assert back["against"] == 2 and back["steps"] == 3  # 省委 -> 实施意见 <- 省政府 <- 共同富裕
    assert list(paths["steps"]) == sorted(paths["steps"])
    assert set(zip(*actor_goal_paths(G, max_steps=1)[["actor", "goal"]].T.values)) == {("b", "h")}
    assert list(actor_goal_paths(G, actors=["x"]).columns) == list(paths.columns)
    assert actor_goal_paths(G, actors=["x"]).empty
    with pytest.raises(ValueError):
        actor_goal_paths(G, max_steps=0)


def test_community_summary_and_centrality_table():
    G = _policy_graph()
    parts = [{"a", "b", "p"}, {"m", "g", "h"}, {"x"}]
    summary = community_summary(G, parts, k=2)
    assert list(summary["size"]) == [3, 3, 1] and summary["size"].sum() == len(G)
    assert summary.loc[0, "classes"] == "Actor 2, Mechanism 1"
    assert summary.loc[0, "members"].split(" | ")[0] == "实施意见"  # most links inside its community
    table = centrality_table(G, cls="Actor")
    assert set(table["node"]) == {"a", "b", "x"}
    assert table.set_index("node").loc["x", "links"] == 0 and table.set_index("node").loc["b", "links"] == 2
    whole = centrality_table(G)
    assert len(whole) == len(G) and abs(whole["pagerank"].sum() - 1) < 1e-6


def test_notebook_tables_are_the_records_of_kg_graph(sample_graph):
    from kg.graph import actor_goal_paths as goal_paths
    from kg.graph import centrality_ranking, communities, describe_communities, to_networkx

    G = to_networkx(sample_graph)
    for cls in (None, "Actor", ("Goal", "Policy")):
        table = centrality_table(G, cls=cls)
        assert table.to_dict("records") == centrality_ranking(G, cls=cls)
        assert list(table.index) == list(range(len(table)))
    parts = communities(G, seed=0)
    summary = community_summary(G, parts, k=3)
    records = describe_communities(G, parts, k=3)
    assert list(summary["members"]) == [" | ".join(r["labels"]) for r in records]
    assert list(summary["classes"]) == [", ".join(f"{c} {n}" for c, n in r["classes"].items()) for r in records]
    assert list(summary["size"]) == [len(p) for p in parts]
    paths = actor_goal_paths(G, max_steps=4)
    assert not paths.empty and paths.to_dict("records") == goal_paths(G, max_steps=4)


# ------------------------------------------------------------------------------------ notebooks


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_build_and_explore.ipynb", "02_sparql.ipynb",
                                           "03_network_analysis.ipynb", "04_metrics.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean(path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code), "strip the outputs"
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and params[0].source.startswith("STORE = None"), "one parameters cell"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= 4  # prose that says what each step answers


@pytest.fixture(scope="session")
def kernel_dir(tmp_path_factory) -> Path:
    """A kernelspec for this interpreter, so the kernel imports the same govkg as the tests."""
    root = tmp_path_factory.mktemp("kernels")
    spec = root / "govkg-test"
    spec.mkdir()
    spec.joinpath("kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "govkg tests", "language": "python"}), encoding="utf-8")
    return root


def run_notebook(nb, workdir: Path, kernel_dir: Path):
    """Execute ``nb`` in ``workdir``; a failing cell fails the test with its source and the error."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    # nothing is written to the home folder (it may be read-only in CI)
    private = workdir / ".jupyter"
    private.mkdir(exist_ok=True)
    # The kernel talks over Unix sockets, not TCP: with TCP, jupyter_client picks five free ports and the
    # kernel binds them a moment later, and another process (the other pytest-xdist worker's kernel, a
    # server of the serve tests) can take one meanwhile; the kernel then dies on start. The sockets live
    # in a short temporary folder (a Unix socket path holds at most 107 bytes; tmp_path can be longer).
    sockets = Path(tempfile.mkdtemp(prefix="govkg-kernel-"))
    specs = KernelSpecManager(kernel_dirs=[str(kernel_dir)])
    km = KernelManager(kernel_name="govkg-test", kernel_spec_manager=specs, transport="ipc",
                       connection_file=str(sockets / "k.json"))
    client = NotebookClient(nb, km=km, timeout=CELL_TIMEOUT, allow_errors=False,
                            resources={"metadata": {"path": str(workdir)}})
    env = {**os.environ, "IPYTHONDIR": str(private / "ipython"), "JUPYTER_RUNTIME_DIR": str(private)}
    try:
        client.execute(env=env)
    except (CellExecutionError, CellTimeoutError) as exc:
        pytest.fail(f"a cell failed:\n{exc}", pytrace=False)
    finally:
        # nbclient leaves a kernel it did not create running: stop it, or every test leaks one
        if km.has_kernel:
            km.shutdown_kernel(now=True)
        shutil.rmtree(sockets, ignore_errors=True)
    return nb


def _read(path: Path, store: Path | None = None):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    if store is not None:
        (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        cell.source = cell.source.replace("STORE = None", f"STORE = {str(store)!r}", 1)
        assert repr(str(store)) in cell.source
    return nb


def _text(nb) -> str:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            out.append(o.get("text", "") or o.get("data", {}).get("text/plain", ""))
    return "\n".join(out)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """A store made like `govkg build FILES --store PATH`: the sample and a second, invented text."""
    from kg.corpus import build_corpus, sources_for
    from kg.resources import sample_text

    root = tmp_path_factory.mktemp("corpus")
    (root / "texts").mkdir()
    (root / "texts" / "sample.txt").write_text(sample_text(), encoding="utf-8")
    (root / "texts" / "nanjing.txt").write_text(SECOND_TEXT, encoding="utf-8")
    with OxigraphStore(root / "store") as store:
        report = build_corpus(sources_for([root / "texts"], base=root), store)
        assert not report.failed
    return root / "store"


EXPECTED_FILES = {
    "01_build_and_explore": ["govkg.html"],
    "04_metrics": ["metrics.csv", "metrics-cube.ttl", "actor_counts.png"],
}


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_sample(path, tmp_path, kernel_dir):
    started = time.perf_counter()
    nb = run_notebook(_read(path), tmp_path, kernel_dir)
    print(f"{path.name}: {time.perf_counter() - started:.1f} s")
    for name in EXPECTED_FILES.get(path.stem, []):
        assert (tmp_path / "output" / name).stat().st_size > 0, name
    assert "Traceback" not in _text(nb)


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_a_built_store(path, tmp_path, kernel_dir, built_store):
    started = time.perf_counter()
    nb = run_notebook(_read(path, built_store), tmp_path, kernel_dir)
    print(f"{path.name} on a store: {time.perf_counter() - started:.1f} s")
    if path.stem == "01_build_and_explore":
        assert f"using the store at {built_store}" in _text(nb)
    if path.stem == "04_metrics":  # the figures of both documents, so the store was read
        import pandas as pd

        assert pd.read_csv(tmp_path / "output" / "metrics.csv")["document"].nunique() == 2


@pytest.mark.notebook
def test_a_failing_cell_fails_with_its_source(tmp_path, kernel_dir):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("x = 1"),
                             new_code_cell("y = x + 1\nraise ValueError('no such entity: 民政厅')")])
    with pytest.raises(pytest.fail.Exception) as failed:
        run_notebook(nbformat.from_dict(nb), tmp_path, kernel_dir)
    message = str(failed.value)
    assert "y = x + 1" in message and "no such entity: 民政厅" in message
