"""kg.evaluate and ``govkg eval``: the same figures as the reference scorer, and the scoring rules on tiny
graphs (duplicates, wrong classes, optional entities, unit aliases, links in either direction)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from typer.testing import CliRunner

from kg.evaluate import GoldError, check_gold, load_gold, normalise_name, score

DATA = Path(__file__).parent / "data"
GOLD = DATA / "jiangsu-grassroots-governance.gold.json"
GOV = Namespace("https://w3id.org/govkg/ontology#")
EX = Namespace("urn:test:")


@pytest.fixture(scope="module")
def reference():
    spec = importlib.util.spec_from_file_location("score_reference", DATA / "score_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample_ttl(sample_graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("eval") / "sample.ttl"
    sample_graph.serialize(path, format="turtle")
    return path


# -- parity with the reference scorer ---------------------------------------------------------------------
def test_same_figures_as_the_reference_script(reference, sample_ttl, tmp_path) -> None:
    out = tmp_path / "ref.json"
    reference.main([str(sample_ttl), "--gold", str(GOLD), "--json", str(out)])
    expected = json.loads(out.read_text(encoding="utf-8"))
    ours = score(Graph().parse(sample_ttl), load_gold(GOLD)).to_dict()
    assert json.loads(json.dumps(ours, ensure_ascii=False)) == expected


def test_sample_meets_the_bar(sample_ttl) -> None:
    r = score(Graph().parse(sample_ttl), load_gold(GOLD))
    c = r.classes
    assert r.macro_f1_core4 >= 0.90
    assert min(c["Actor"].f1, c["Mechanism"].f1, c["Goal"].f1) >= 0.85
    assert r.metric_subject_ok == r.metrics_gold == c["Metric"].found == 9
    assert r.links_found >= 20 and c["Challenge"].f1 >= 0.8


def test_cli_prints_a_table_and_writes_json(sample_ttl, tmp_path, reference) -> None:
    from kg.cli import _register
    from kg.cli._app import app

    _register()
    out = tmp_path / "eval.json"
    res = CliRunner().invoke(app, ["eval", str(sample_ttl), "--gold", str(GOLD), "--errors", "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "Mechanism" in res.output and "macro-F1(actor,mechanism,goal,metric)=" in res.output
    assert json.loads(out.read_text(encoding="utf-8"))["macro_f1_core4"] == \
        score(Graph().parse(sample_ttl), load_gold(GOLD)).macro_f1_core4


def test_cli_unwritable_json_is_one_line(sample_ttl) -> None:
    from kg.cli import _register
    from kg.cli._app import app

    _register()
    res = CliRunner().invoke(app, ["eval", str(sample_ttl), "--gold", str(GOLD), "--json", "/proc/govkg-eval.json"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert res.stderr.strip().splitlines() == [res.stderr.strip()] and "cannot write" in res.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["missing.ttl", "--gold", str(GOLD)], "no such graph file"),
    (["GRAPH", "--gold", "missing.json"], "no such gold file"),
    (["GRAPH", "--gold", "BADGOLD"], "not JSON"),
    (["BADGRAPH", "--gold", str(GOLD)], "cannot parse the graph"),
])
def test_cli_bad_input_is_one_line(tmp_path, sample_ttl, args: list[str], message: str) -> None:
    from kg.cli import _register
    from kg.cli._app import app

    _register()
    bad_gold = tmp_path / "bad.json"
    bad_gold.write_text("{not json", encoding="utf-8")
    bad_graph = tmp_path / "bad.ttl"
    bad_graph.write_text("this is not turtle <<<", encoding="utf-8")
    subst = {"GRAPH": str(sample_ttl), "BADGOLD": str(bad_gold), "BADGRAPH": str(bad_graph)}
    res = CliRunner().invoke(app, ["eval", *[subst.get(a, a) for a in args]])
    assert res.exit_code != 0
    assert message in res.output and "Traceback" not in res.output


# -- rules on tiny graphs ---------------------------------------------------------------------------------
def entity(g: Graph, name: str, cls: str, *labels: str) -> URIRef:
    node = EX[name]
    g.add((node, RDF.type, GOV[cls]))
    g.add((node, RDFS.label, Literal(labels[0], lang="zh")))
    for a in labels[1:]:
        g.add((node, SKOS.altLabel, Literal(a, lang="zh")))
    return node


def metric(g: Graph, name: str, value: float, unit: str, *measures: URIRef) -> URIRef:
    node = EX[name]
    g.add((node, RDF.type, GOV.Metric))
    g.add((node, GOV.value, Literal(value)))
    g.add((node, GOV.unit, Literal(unit)))
    for m in measures:
        g.add((node, GOV.measures, m))
    return node


GOLD_TINY = {
    "entities": [
        {"id": "a", "class": "Actor", "label": "某省民政厅", "aliases": ["省民政厅"]},
        {"id": "m", "class": "Mechanism", "label": "“时间银行”平台", "aliases": ["时间银行"]},
        {"id": "g", "class": "Goal", "label": "老有所养", "aliases": []},
        {"id": "o", "class": "Actor", "label": "老年人", "aliases": [], "optional": True},
    ],
    "metrics": [{"raw": "10個", "what": "平台数", "value": 10, "unit": "个", "unit_aliases": ["個"], "measures": ["m"]}],
    "links": [["a", "m"], ["m", "g"]],
}


def test_perfect_tiny_graph() -> None:
    g = Graph()
    a = entity(g, "a", "GovernmentBody", "某省民政厅")
    g.add((EX.a, RDF.type, GOV.Actor))
    m = entity(g, "m", "Mechanism", "时间银行平台")  # quotes do not matter
    goal = entity(g, "g", "Goal", "老有所养")
    g.add((a, GOV.implements, m))
    g.add((goal, GOV.relatedTo, m))  # a link counts in either direction
    metric(g, "q", 10, "个", m)
    r = score(g, GOLD_TINY)
    assert r.macro_f1_core4 == 1.0 and r.links_found == 2 and r.metric_subject_ok == 1
    assert r.classes["Actor"].gold == 1  # the optional actor is not counted as missed


def test_duplicate_is_a_false_positive() -> None:
    g = Graph()
    entity(g, "a1", "Actor", "某省民政厅")
    entity(g, "a2", "Actor", "省民政厅")
    r = score(g, GOLD_TINY)
    assert (r.classes["Actor"].tp, r.classes["Actor"].fp) == (1, 1)
    assert any(e.startswith("duplicate of 某省民政厅") for e in r.errors["Actor"])


def test_wrong_class_is_a_false_positive_and_a_miss() -> None:
    g = Graph()
    entity(g, "m", "Goal", "时间银行")
    r = score(g, GOLD_TINY)
    assert r.classes["Goal"].fp == 1 and r.classes["Mechanism"].found == 0
    assert r.errors["Goal"][0] == "wrong class: ['时间银行']" and "missed: “时间银行”平台" in r.errors["Mechanism"]


def test_optional_entity_is_neither_miss_nor_false_positive() -> None:
    g = Graph()
    entity(g, "o", "Actor", "老年人")
    r = score(g, GOLD_TINY)
    assert (r.classes["Actor"].tp, r.classes["Actor"].fp, r.classes["Actor"].gold) == (1, 0, 1)
    empty = score(Graph(), GOLD_TINY)
    assert empty.classes["Actor"].gold == 1 and "missed: 老年人" not in empty.errors["Actor"]


def test_unit_alias_and_value_tolerance() -> None:
    g = Graph()
    m = entity(g, "m", "Mechanism", "时间银行")
    metric(g, "q", 10.000001, "個", m)
    r = score(g, GOLD_TINY)
    assert r.classes["Metric"].found == 1 and r.metric_subject_ok == 1
    g2 = Graph()
    metric(g2, "q", 10, "家")
    assert score(g2, GOLD_TINY).classes["Metric"].found == 0


def test_metric_with_the_wrong_subject() -> None:
    g = Graph()
    a = entity(g, "a", "Actor", "省民政厅")
    metric(g, "q", 10, "个", a)
    r = score(g, GOLD_TINY)
    assert r.classes["Metric"].found == 1 and r.metric_subject_ok == 0
    assert r.errors["Metric"] == ["wrong or missing subject: 10個 (平台数)"]


def test_subclass_axioms_in_the_graph_count() -> None:
    g = Graph()
    g.add((GOV.Platform, RDFS.subClassOf, GOV.Mechanism))
    entity(g, "m", "Platform", "时间银行")
    assert score(g, GOLD_TINY).classes["Mechanism"].tp == 1


def test_normalise_name() -> None:
    assert normalise_name("《关于 加强社区治理的意见》") == normalise_name("关于加强社区治理的意见")
    assert normalise_name("“一网统管”") == "一网统管" and normalise_name("１２３") == "123"


@pytest.mark.parametrize(("data", "message"), [
    ([], "JSON object"),
    ({"entities": [], "metrics": []}, "links"),
    ({"entities": [{"id": "x", "class": "Thing", "label": "x"}], "metrics": [], "links": []}, "unknown class"),
    ({"entities": [], "metrics": [{"value": "ten", "unit": "个", "measures": []}], "links": []}, "not a number"),
    ({"entities": [], "metrics": [{"value": 1, "unit": "个", "measures": ["z"]}], "links": []}, "unknown entities"),
    ({"entities": [], "metrics": [], "links": [["a", "b"]]}, "pair of known"),
])
def test_gold_is_checked(data, message: str) -> None:
    with pytest.raises(GoldError, match=message):
        check_gold(data)


def test_check_gold_does_not_change_its_input() -> None:
    data = {"entities": [{"id": "a", "class": "Actor", "label": "甲"}], "metrics": [], "links": []}
    check_gold(data)
    assert "aliases" not in data["entities"][0]


_TIE = """
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, RDFS, SKOS
from kg.evaluate import score
GOV, EX = Namespace("https://w3id.org/govkg/ontology#"), Namespace("urn:test:")
gold = {"entities": [{"id": "a", "class": "Actor", "label": "省民政厅", "aliases": []},
                     {"id": "b", "class": "Actor", "label": "老年人", "aliases": []}], "metrics": [], "links": []}
g = Graph()
g.add((EX.x, RDF.type, GOV.Actor))
g.add((EX.x, RDFS.label, Literal("省民政厅", lang="zh")))
g.add((EX.x, SKOS.altLabel, Literal("老年人", lang="zh")))
print(score(g, gold).errors["Actor"])
"""


def test_a_node_naming_two_gold_entities_matches_the_same_one_under_every_hash_seed() -> None:
    """Which gold entity a node with two matching names takes does not follow ``PYTHONHASHSEED``."""
    import os
    import subprocess
    import sys

    seen = {subprocess.run([sys.executable, "-c", _TIE], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in "0123"}
    assert seen == {"['missed: 老年人']"}  # sorted names: 省民政厅 before 老年人
