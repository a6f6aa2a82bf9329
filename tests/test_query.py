"""kg.query and `govkg query`: results, bindings, errors with positions, SERVICE refusal, time limits,
truncation and output formats."""

from __future__ import annotations

import json
import os
import time
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from fixtures_store import (
    EXPLOSIVE_QUERY,
    explosive_ntriples,
    fixture_graph,
    fixture_store_fixture,  # noqa: F401 - provides the fixture fixture_store
    free_port,
)
from rdflib import Literal, URIRef
from typer.testing import CliRunner

import kg.cli.query  # noqa: F401 - registers `govkg query`
from kg.cli._app import app
from kg.query import (
    DEFAULT_PREFIXES,
    ParameterError,
    QueryError,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    ServiceNotAllowed,
    _parse_header,
    contains_service,
    run_query,
    term_from_text,
)
from kg.rdf import iri
from kg.store import MemoryStore, OxigraphStore

METRICS = """
SELECT ?raw ?value ?unit ?year ?target WHERE {
  ?m a gov:Metric ; gov:rawValue ?raw ; gov:value ?value ; gov:unit ?unit ; gov:isTarget ?target .
  OPTIONAL { ?m gov:year ?year }
} ORDER BY ?value
"""


@pytest.fixture
def explosive_file(tmp_path):
    path = tmp_path / "boom.nt"
    path.write_text(explosive_ntriples(), encoding="utf-8")
    return path


def _no_workers_left() -> bool:
    """No query worker process of ours is alive (read from /proc; Linux)."""
    me = str(os.getpid())
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            ppid = (proc / "stat").read_text().rsplit(")", 1)[1].split()[1]
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except (OSError, IndexError):
            continue  # gone meanwhile
        if ppid == me and "_worker_main" in cmdline:
            return False
    return True


# ---------------------------------------------------------------------------------------- results


def test_rows_hold_python_values(fixture_store):
    res = run_query(fixture_store, METRICS)
    assert res.kind == "select"
    assert res.columns == ("raw", "value", "unit", "year", "target")
    assert res.rows == [("97.5%", Decimal("97.5"), "%", None, False),
                        ("1200余名", Decimal(1200), "名", None, True),
                        ("3.2万个", Decimal(32000), "个", 2023, False)]
    assert res.truncated is False and len(res) == 3
    assert res.terms[2][3] == Literal(2023, datatype=rdflib.XSD.integer)


def test_iris_are_strings_and_terms_keep_language(fixture_store):
    res = run_query(fixture_store, "SELECT ?e ?l WHERE { ?e a gov:Challenge ; rdfs:label ?l }")
    assert res.rows == [(str(iri.entity_iri("Challenge", "服务能力薄弱")), "服务能力薄弱")]
    assert res.terms[0][1] == Literal("服务能力薄弱", lang="zh")
    assert isinstance(res.terms[0][0], URIRef)


def test_an_rdflib_graph_and_a_pyoxigraph_store_can_be_queried_directly():
    g = fixture_graph()
    engine = MemoryStore(g).engine()
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_query(g, q).rows == run_query(engine, q).rows == [(len(g),)]
    with pytest.raises(TypeError, match="cannot query"):
        run_query(object(), q)


def test_ask_and_construct(fixture_store):
    assert run_query(fixture_store, "ASK { ?x a gov:Challenge }").boolean is True
    assert run_query(fixture_store, "ASK { ?x a gov:Event }").boolean is False
    res = run_query(fixture_store, "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a gov:Goal ; rdfs:label ?l }")
    assert res.kind == "construct" and res.columns == ("subject", "predicate", "object")
    g = res.to_graph()
    assert set(g.objects()) == {Literal("基层治理现代化", lang="zh")}
    with pytest.raises(QueryError):
        run_query(fixture_store, METRICS).to_graph()


def test_output_formats(fixture_store):
    res = run_query(fixture_store, METRICS)
    assert res.to_csv().splitlines() == ["raw,value,unit,year,target", "97.5%,97.5,%,,false",
                                         "1200余名,1200,名,,true", "3.2万个,32000,个,2023,false"]
    assert res.to_tsv().splitlines()[1] == "97.5%\t97.5\t%\t\tfalse"
    data = json.loads(res.to_json())
    assert data[2] == {"raw": "3.2万个", "value": 32000, "unit": "个", "year": 2023, "target": False}
    assert data[0]["value"] == 97.5 and data[0]["year"] is None
    frame = res.to_frame()
    assert list(frame.columns) == list(res.columns) and frame.shape == (3, 5)
    assert frame["raw"].tolist() == ["97.5%", "1200余名", "3.2万个"]
    assert res.records()[0]["unit"] == "%"


def test_tsv_escapes_tabs_and_line_breaks():
    g = rdflib.Graph()
    g.add((URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("a\tb\nc")))
    res = run_query(g, "SELECT ?o WHERE { ?s ?p ?o }")
    assert res.to_tsv() == "o\na\\tb\\nc\n"
    assert res.to_csv() == 'o\n"a\tb\nc"\n'


# --------------------------------------------------------------------------------------- bindings


def test_bindings_bind_literals_and_iris(fixture_store):
    q = "SELECT ?label ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = STR(?label)) }"
    want = [("街道党工委", str(iri.entity_iri("Actor", "街道党工委")))]
    assert run_query(fixture_store, q, bindings={"label": "街道党工委"}).rows == want
    assert run_query(fixture_store, q, bindings={"label": Literal("街道党工委", lang="zh")}).rows == want
    q2 = "SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(LANG(?l) = 'zh') }"
    node = iri.entity_iri("Goal", "基层治理现代化")
    for value in (node, ox.NamedNode(str(node))):
        assert run_query(fixture_store, q2, bindings={"e": value}).rows == [(str(node), "基层治理现代化")]


def test_a_bound_variable_must_be_projected(fixture_store):
    with pytest.raises(ParameterError, match=r"\?x"):
        run_query(fixture_store, "SELECT ?s WHERE { ?s ?p ?x }", bindings={"x": "a"})


def test_term_from_text():
    assert term_from_text("https://w3id.org/govkg/id/actor/1") == ox.NamedNode("https://w3id.org/govkg/id/actor/1")
    assert term_from_text("<urn:x:a>") == ox.NamedNode("urn:x:a")
    assert term_from_text("urn:isbn:123") == ox.NamedNode("urn:isbn:123")
    assert term_from_text("gov:Actor") == ox.NamedNode(DEFAULT_PREFIXES["gov"] + "Actor")
    assert term_from_text("江苏省委") == ox.Literal("江苏省委")
    assert term_from_text("Actor") == ox.Literal("Actor")
    assert term_from_text("unknown:thing") == ox.Literal("unknown:thing")
    assert term_from_text("目标：现代化") == ox.Literal("目标：现代化")


# ----------------------------------------------------------------------------------------- errors


def test_syntax_errors_carry_line_and_column(fixture_store):
    with pytest.raises(QuerySyntaxError) as err:
        run_query(fixture_store, "SELECT ?x\nWHERE { ?x ?y ?z }\nLIMIT abc")
    assert (err.value.line, err.value.column) == (3, 7)
    assert "line 3, column 7" in str(err.value) and "\n" not in str(err.value)


def test_updates_are_not_queries(fixture_store):
    with pytest.raises(QuerySyntaxError):
        run_query(fixture_store, "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")
    assert run_query(fixture_store, "ASK { <urn:x:a> ?p ?o }").boolean is False


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o .SERVICE <http://x/> {} }",
    "SELECT * WHERE { ?s ?p 1SERVICE <http://x/> {} }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { \"a\" ?p ?o SERVICE <http://x/> {} }",
    "SELECT * WHERE {\n# comment\nSERVICE <http://x/> {} }",
])
def test_service_is_detected(query):
    assert contains_service(query)


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service a <http://x/SERVICE> }",
    "SELECT * WHERE { ?s <http://x/p> 'SERVICE <http://x/> {}' } # SERVICE <http://x/>",
    'SELECT * WHERE { ?s ?p """long\nSERVICE <x> {}""" }',
    "PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:SERVICE ?o ; ex:serviceLevel ?l }",
    "SELECT $SERVICE WHERE { ?s ?p $SERVICE }",
])
def test_service_is_not_seen_where_it_is_not_a_keyword(query):
    assert not contains_service(query)


def test_service_is_refused_unless_allowed(fixture_store):
    port = free_port()  # nothing listens there
    q = f"SELECT ?s WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(ServiceNotAllowed, match="SERVICE"):
        run_query(fixture_store, q)
    # allowed: Oxigraph tries the endpoint, fails silently, and the query still answers
    assert run_query(fixture_store, q, allow_service=True).kind == "select"


# ---------------------------------------------------------------------------- time limits and size


def test_timeout_stops_an_explosive_query(explosive_file):
    with OxigraphStore() as store:
        store.load(explosive_file)
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="1.5 s"):
            run_query(store, EXPLOSIVE_QUERY, timeout=1.5)
        assert time.monotonic() - started < 1.5 + 5  # worker start-up and kill included
    assert _no_workers_left()


def test_a_query_with_a_timeout_gives_the_same_answer(fixture_store, tmp_path):
    q = "SELECT ?l WHERE { ?e a gov:Actor ; rdfs:label ?l FILTER(LANG(?l) = 'zh') } ORDER BY ?l"
    direct = run_query(fixture_store, q)
    in_worker = run_query(fixture_store, q, timeout=20)
    assert in_worker.rows == direct.rows and len(direct) == 4
    with OxigraphStore(tmp_path / "s") as disk:
        disk.add_graph(fixture_graph())
        assert run_query(disk, q, timeout=20).rows == direct.rows  # the worker reads the folder
    with pytest.raises(QuerySyntaxError, match="line 1"):
        run_query(fixture_store, "SELECT ?x WHERE { ?x }", timeout=20)
    with pytest.raises(ParameterError):
        run_query(fixture_store, "SELECT ?s WHERE { ?s ?p ?x }", bindings={"x": "a"}, timeout=20)
    assert _no_workers_left()


def test_limit_truncates_and_says_so(fixture_store):
    q = "SELECT ?s WHERE { ?s a gov:Mention } ORDER BY ?s"
    everything = run_query(fixture_store, q)
    n = len(everything)
    assert n > 5
    five = run_query(fixture_store, q, limit=5)
    assert five.truncated and five.rows == everything.rows[:5]
    exact = run_query(fixture_store, q, limit=n)
    assert not exact.truncated and len(exact) == n
    assert run_query(fixture_store, q, limit=5, timeout=20).truncated


# ---------------------------------------------------------------------------------- named headers


def test_named_query_header_is_parsed():
    q = _parse_header("x", "# question: What? 什么？\n# param: actor  label of an actor (zh)\n"
                           "# param: ?year the year\n# other comment\nSELECT ?actor ?year WHERE {}\n"
                           "# param: ignored after the header\n")
    assert q.question == "What? 什么？"
    assert q.param_names == ("actor", "year")
    assert q.params[0].description == "label of an actor (zh)"
    with pytest.raises(ParameterError, match="actor"):
        q.bindings({"year": 2020})
    with pytest.raises(ParameterError, match="colour"):
        q.bindings({"actor": "a", "year": 1, "colour": "red"})


def test_query_result_is_plain_data():
    res = QueryResult(kind="select", columns=("a",), raw=((("l", "1", "http://www.w3.org/2001/XMLSchema#integer",
                                                           None),), (None,)))
    assert res.rows == [(1,), (None,)] and res.column("a") == [1, None]


# -------------------------------------------------------------------------------------------- CLI


@pytest.fixture
def graph_file(tmp_path):
    path = tmp_path / "kg.ttl"
    fixture_graph().serialize(path, format="turtle")
    return path


def invoke(*args: str):
    return CliRunner().invoke(app, ["query", *args])


def test_cli_runs_sparql_on_a_graph_file(graph_file):
    res = invoke("--graph", str(graph_file), "-f", "csv",
                 "SELECT ?l WHERE { ?e a gov:Goal ; rdfs:label ?l FILTER(LANG(?l) = 'zh') }")
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == ["l", "基层治理现代化"]


def test_cli_runs_a_rq_file_and_writes_output(graph_file, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?e a gov:Actor }", encoding="utf-8")
    out = tmp_path / "out" / "n.json"
    res = invoke(str(rq), "--graph", str(graph_file), "-f", "json", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text(encoding="utf-8")) == [{"n": 4}]
    assert [p.name for p in out.parent.iterdir()] == ["n.json"]  # no temporary file left behind


def test_cli_named_query_with_params(graph_file):
    res = invoke("--graph", str(graph_file), "--name", "provenance", "--param", "entity=社会组织", "-f", "tsv")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 2 and "\t社会组织\t96\t100\t" in lines[1]
    node = iri.entity_iri("Actor", "社会组织")
    res = invoke("--graph", str(graph_file), "-n", "provenance", "-p", f"entity={node}", "-f", "csv")
    assert res.exit_code == 0 and res.stdout.count("\n") == 2
    res = invoke("--graph", str(graph_file), "-n", "entities_by_class", "-p", "cls=gov:Challenge", "-f", "csv")
    assert res.exit_code == 0 and res.stdout.count("服务能力薄弱") == 2 * 2  # label and quote, 2 mentions


def test_cli_table_output(graph_file):
    res = invoke("--graph", str(graph_file), "-n", "class_summary")
    assert res.exit_code == 0, res.output
    assert "gov:Actor" in res.stdout and "Mechanism" in res.stdout
    assert "6 rows" in res.stderr


def test_cli_malformed_sparql_exits_2_with_position(graph_file):
    res = invoke("--graph", str(graph_file), "SELECT ?x\nWHERE { ?x ?y ?z }\nLIMIT abc")
    assert res.exit_code == 2
    assert "line 3, column 7" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.output


def test_cli_refuses_service(graph_file):
    res = invoke("--graph", str(graph_file), "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    assert res.exit_code == 2 and "SERVICE" in res.stderr and "--allow-service" in res.stderr
    port = free_port()
    res = invoke("--graph", str(graph_file), "--allow-service", "-f", "csv",
                 f"SELECT ?s WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}")
    assert res.exit_code == 0, res.output


def test_cli_unknown_named_query_lists_the_names(graph_file):
    res = invoke("--graph", str(graph_file), "--name", "no_such_query")
    assert res.exit_code == 2
    assert "no_such_query" in res.stderr and "class_summary" in res.stderr and "provenance" in res.stderr


def test_cli_parameter_errors(graph_file):
    res = invoke("--graph", str(graph_file), "--name", "provenance")
    assert res.exit_code == 2 and "entity" in res.stderr
    res = invoke("--graph", str(graph_file), "--name", "class_summary", "-p", "colour=red")
    assert res.exit_code == 2 and "colour" in res.stderr
    res = invoke("--graph", str(graph_file), "--name", "provenance", "-p", "entity")
    assert res.exit_code == 2 and "NAME=VALUE" in res.stderr


def test_cli_timeout_exits_3(explosive_file):
    res = invoke("--graph", str(explosive_file), "--timeout", "1", EXPLOSIVE_QUERY)
    assert res.exit_code == 3 and "1 s" in res.stderr
    assert _no_workers_left()


def test_cli_truncation_warns(graph_file):
    res = invoke("--graph", str(graph_file), "--limit", "2", "-f", "csv", "SELECT ?s WHERE { ?s a gov:Mention }")
    assert res.exit_code == 0
    assert len(res.stdout.splitlines()) == 3
    assert "truncated" in res.stderr and "2 rows" in res.stderr


def test_cli_usage_errors(graph_file, tmp_path):
    assert invoke("--graph", str(graph_file)).exit_code == 2
    assert invoke("--graph", str(graph_file), "-f", "xml", "ASK {}").exit_code == 2
    assert invoke("--graph", str(graph_file), "-n", "class_summary", "ASK {}").exit_code == 2
    assert invoke("--graph", str(graph_file), "--store", str(tmp_path), "ASK {}").exit_code == 2
    res = invoke("--graph", str(tmp_path / "missing.ttl"), "ASK {}")
    assert res.exit_code == 1 and "no such file" in res.stderr
    res = invoke("--store", str(tmp_path / "nowhere"), "ASK {}")
    assert res.exit_code == 1 and "no Oxigraph store" in res.stderr
    assert not (tmp_path / "nowhere").exists()
    bad = tmp_path / "bad.ttl"
    bad.write_text("not turtle at all", encoding="utf-8")
    res = invoke("--graph", str(bad), "ASK {}")
    assert res.exit_code == 1 and "cannot load" in res.stderr and "Traceback" not in res.output


def test_cli_list_shows_every_named_query():
    res = CliRunner().invoke(app, ["query", "--list"], terminal_width=400)
    assert res.exit_code == 0
    for name in ("provenance", "class_summary", "neighbourhood"):
        assert name in res.stdout


def test_cli_default_graph_is_the_bundled_sample():
    res = invoke("-f", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?d a gov:Document }")
    try:
        from kg.pipeline import build_sample_graph  # noqa: F401
    except ImportError:
        assert res.exit_code == 1 and "sample" in res.stderr and "Traceback" not in res.output
    else:
        assert res.exit_code == 0, res.output
        assert res.stdout.splitlines() == ["n", "1"]
        assert "bundled sample" in res.stderr  # the fallback is said, on stderr (stdout stays clean CSV)


@pytest.mark.parametrize("update", ["INSERT DATA { <urn:a> <urn:b> 1 }",
                                    "PREFIX gov: <https://w3id.org/govkg/ontology#>\nDELETE WHERE { ?s gov:value ?v }",
                                    "# a comment\nclear all"])
def test_cli_update_is_named_as_such(graph_file, update):
    res = invoke("--graph", str(graph_file), update)
    assert res.exit_code == 2
    assert "updates" in res.stderr and "not supported" in res.stderr and "expected" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_cli_long_parser_message_is_cut(graph_file):
    res = invoke("--graph", str(graph_file), "SELECT ?l WHERE { id:actor/927 rdfs:label ?l }")
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()
    assert line.startswith("error: SPARQL syntax error at line 1") and len(line) < 260


@pytest.mark.parametrize("where", ["folder", "missing-root"])
def test_cli_unwritable_output_is_one_line(graph_file, tmp_path, where):
    out = tmp_path if where == "folder" else Path("/proc/govkg-test/x.csv")
    res = invoke("--graph", str(graph_file), "-f", "csv", "-o", str(out), "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert res.exit_code == 1
    assert res.stderr.startswith("error: cannot write") and "Traceback" not in res.output
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind
