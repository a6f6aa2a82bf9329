"""The bundled named queries: their headers, their answers on a hand-made graph, and their answers on
the graph of the bundled sample article (checked for consistency with the text and with each other)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from fixtures_store import (
    DOC_A,
    DOC_B,
    TITLE_A,
    TITLE_B,
    extraction_a,
    extraction_b,
    fixture_graph,
    fixture_store_fixture,  # noqa: F401 - fixtures
    )

from kg.query import named_queries, named_query, run_named, run_query
from kg.rdf import iri
from kg.resources import query_names, sample_text
from kg.store import MemoryStore

REQUIRED = {"actors_mechanisms", "mechanisms_goals", "metrics", "policies_issuers", "org_hierarchy",
            "entities_by_class", "neighbourhood", "challenges", "multi_document_entities", "class_summary",
            "provenance", "actor_mechanism_goal", "document_list"}
CJK = re.compile(r"[\u4e00-\u9fff]")
DOC_IRI_A = str(iri.document_iri(extraction_a().document.id))
DOC_IRI_B = str(iri.document_iri(extraction_b().document.id))


def labelled(name: str, store, *cols: str, **params) -> list[tuple]:
    """The named query's rows reduced to some columns."""
    res = run_named(name, store, params=params or None)
    idx = [res.columns.index(c) for c in cols]
    return [tuple(row[i] for i in idx) for row in res.rows]


# ----------------------------------------------------------------------------------------- headers


def test_the_required_queries_are_bundled():
    names = set(query_names())
    assert REQUIRED <= names and len(names) >= 12


@pytest.mark.parametrize("name", query_names())
def test_each_query_states_its_question_in_english_and_chinese(name):
    q = named_query(name)
    assert q.text.lstrip().startswith("# question:")
    assert re.search(r"[A-Za-z]{3,}.*\?", q.question) and CJK.search(q.question)
    for p in q.params:
        assert p.description, f"{name}: parameter {p.name} has no description"
        assert re.search(rf"SELECT[^{{]*\?{p.name}\b", q.text), f"{name}: ?{p.name} must be projected"


def test_named_queries_are_read_once():
    assert named_query("provenance") is named_query("provenance")
    assert [q.name for q in named_queries()] == query_names()


@pytest.mark.parametrize("name", query_names())
def test_each_query_runs_on_an_empty_store(name):
    q = named_query(name)
    res = run_named(name, MemoryStore(), params={p: "x" for p in q.param_names})
    expected = 6 if name == "class_summary" else 0  # class_summary lists the core classes, zero or not
    assert len(res) == expected


# ------------------------------------------------------------------------- answers on the fixture


def test_actors_mechanisms(fixture_store):
    assert labelled("actors_mechanisms", fixture_store, "actorLabel", "relation", "mechanismLabel") == [
        ("社会组织", "involves", "议事协商制度"),
        ("社区居委会", "participatesIn", "议事协商制度"),
        ("街道党工委", "implements", "网格化管理机制"),
    ]


def test_mechanisms_goals_directly_and_through_supports(fixture_store):
    rows = labelled("mechanisms_goals", fixture_store, "mechanismLabel", "goalLabel", "viaLabel")
    assert sorted(rows, key=str) == sorted([("网格化管理机制", "基层治理现代化", None),
                                            ("议事协商制度", "基层治理现代化", "网格化管理机制")], key=str)
    via = labelled("mechanisms_goals", fixture_store, "mechanismLabel", "via")
    assert ("议事协商制度", str(iri.entity_iri("Mechanism", "网格化管理机制"))) in via


def test_metrics(fixture_store):
    rows = labelled("metrics", fixture_store, "raw", "value", "unit", "qualifier", "year", "until", "isTarget",
                    "subjectLabel", "statement", "start", "document")
    assert rows == [
        ("3.2万个", Decimal(32000), "个", None, 2023, None, False, "网格化管理机制", "建成网格",
         DOC_A.index("3.2万个"), DOC_IRI_A),
        ("97.5%", Decimal("97.5"), "%", None, None, None, False, "网格化管理机制", "覆盖率",
         DOC_A.index("97.5%"), DOC_IRI_A),
        ("1200余名", Decimal(1200), "名", "余", None, 2025, True, None, "新增专职网格员",
         DOC_A.index("1200余名"), DOC_IRI_A),
    ]


def test_policies_issuers(fixture_store):
    assert labelled("policies_issuers", fixture_store, "policyLabel", "relation", "relatedLabel") == [
        ("基层治理条例", "establishes", "网格化管理机制"),
        ("基层治理条例", "issuedBy", "江苏省委"),
        ("网格化服务规范", "establishes", "网格化管理机制"),
        ("网格化服务规范", "issuedBy", "江苏省委"),
    ]


def _with_loners() -> MemoryStore:
    """The fixture graph plus a policy and a challenge that nothing is related to."""
    g = fixture_graph()
    g.parse(data="""@prefix gov: <https://w3id.org/govkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:x:policy> a gov:Policy, gov:Mechanism ; rdfs:label "孤立政策"@zh .
        <urn:x:challenge> a gov:Challenge ; rdfs:label "孤立挑战"@zh .""", format="turtle")
    return MemoryStore(g)


def test_policies_and_challenges_without_relations_still_have_a_row():
    store = _with_loners()
    policies = labelled("policies_issuers", store, "policyLabel", "relation", "related")
    assert ("孤立政策", None, None) in policies and len(policies) == 5
    challenges = labelled("challenges", store, "challengeLabel", "relation", "by")
    assert ("孤立挑战", None, None) in challenges and len(challenges) == 3


def test_org_hierarchy_is_oriented_top_down(fixture_store):
    assert labelled("org_hierarchy", fixture_store, "upperLabel", "relation", "lowerLabel") == [
        ("江苏省委", "leads", "街道党工委"),
        ("江苏省委", "subOrganizationOf", "街道党工委"),
    ]


def test_entities_by_class_with_quotes_and_offsets(fixture_store):
    rows = labelled("entities_by_class", fixture_store, "label", "quote", "start", "end", "document", "title",
                    cls="Actor")
    texts = {DOC_IRI_A: DOC_A, DOC_IRI_B: DOC_B}
    assert len(rows) == 7  # 江苏省委 twice in A and once in B, 社区居委会 twice, 街道党工委, 社会组织
    for label, quote, start, end, doc, title in rows:
        assert texts[doc][start:end] == quote == label
        assert title == (TITLE_A if doc == DOC_IRI_A else TITLE_B)
    assert sorted(r[0] for r in rows) == sorted(["江苏省委"] * 3 + ["社区居委会"] * 2 + ["街道党工委", "社会组织"])
    # a subclass by local name, and a class by IRI
    party = labelled("entities_by_class", fixture_store, "label", cls="PartyOrganization")
    assert sorted(party) == [("江苏省委",)] * 3 + [("街道党工委",)]
    challenge_iri = "https://w3id.org/govkg/ontology#Challenge"
    want = [("服务能力薄弱", DOC_A.index("服务能力薄弱")),
            ("服务能力薄弱", DOC_A.index("服务能力薄弱", DOC_A.index("服务能力薄弱") + 1))]
    for cls in (iri.URIRef(challenge_iri), challenge_iri):  # an IRI, or a literal holding one
        assert labelled("entities_by_class", fixture_store, "label", "start", cls=cls) == want
    # a value that names no class matches nothing (not everything)
    for cls in ("NoSuchClass", "has space", "https://w3id.org/govkg/ontology#x#y", ""):
        assert labelled("entities_by_class", fixture_store, "label", cls=cls) == []


def test_neighbourhood_within_two_hops(fixture_store):
    rows = set(labelled("neighbourhood", fixture_store, "hop", "fromLabel", "predicate", "direction", "toLabel",
                        entity="街道党工委"))
    assert rows == {
        (1, "街道党工委", "implements", "out", "网格化管理机制"),
        (1, "街道党工委", "leads", "in", "江苏省委"),
        (1, "街道党工委", "subOrganizationOf", "out", "江苏省委"),
        (2, "江苏省委", "issues", "out", "基层治理条例"),
        (2, "江苏省委", "issues", "out", "网格化服务规范"),
        (2, "网格化管理机制", "addresses", "out", "服务能力薄弱"),
        (2, "网格化管理机制", "contributesTo", "out", "基层治理现代化"),
        (2, "网格化管理机制", "establishes", "in", "基层治理条例"),
        (2, "网格化管理机制", "establishes", "in", "网格化服务规范"),
        (2, "网格化管理机制", "measures", "in", "建成网格:3.2万个"),
        (2, "网格化管理机制", "measures", "in", "覆盖率:97.5%"),
        (2, "网格化管理机制", "supports", "in", "议事协商制度"),
    }
    by_iri = set(labelled("neighbourhood", fixture_store, "hop", "fromLabel", "predicate", "direction", "toLabel",
                          entity=iri.entity_iri("Actor", "街道党工委")))
    assert by_iri == rows


def test_challenges(fixture_store):
    assert labelled("challenges", fixture_store, "challengeLabel", "relation", "byLabel") == [
        ("服务能力薄弱", "addresses", "网格化管理机制"),
        ("服务能力薄弱", "faces", "社区居委会"),
    ]


def test_multi_document_entities(fixture_store):
    rows = labelled("multi_document_entities", fixture_store, "label", "documents", "titles")
    titles = frozenset([TITLE_A, TITLE_B])
    got = sorted((label, n, frozenset(t.split(" | "))) for label, n, t in rows)
    assert got == sorted([("江苏省委", 2, titles), ("网格化管理机制", 2, titles), ("基层治理现代化", 2, titles)])


def test_class_summary(fixture_store):
    assert dict(labelled("class_summary", fixture_store, "name", "count")) == {
        "Actor": 4, "Mechanism": 4, "Goal": 1, "Metric": 3, "Challenge": 1, "Event": 0}


def test_provenance_by_label_alias_or_iri(fixture_store):
    rows = labelled("provenance", fixture_store, "label", "quote", "start", "end", "sentence", "title",
                    entity="网格化管理机制")
    assert len(rows) == 5  # four times in A, once in B
    for label, quote, start, end, sentence, title in rows:
        text = DOC_A if title == TITLE_A else DOC_B
        assert label == quote == text[start:end] and quote in sentence and sentence in text
    assert [r[5] for r in rows].count(TITLE_B) == 1
    by_alias = labelled("provenance", fixture_store, "start", "title", entity="省委")
    by_iri = labelled("provenance", fixture_store, "start", "title", entity=iri.entity_iri("Actor", "江苏省委"))
    assert sorted(by_alias) == sorted(by_iri) == sorted([(0, TITLE_A), (DOC_A.index("江苏省委", 1), TITLE_A),
                                                         (0, TITLE_B)])
    assert labelled("provenance", fixture_store, "start", entity="不存在的实体") == []


def test_actor_mechanism_goal_chains(fixture_store):
    assert labelled("actor_mechanism_goal", fixture_store, "actorLabel", "relation", "mechanismLabel",
                    "goalLabel") == [("街道党工委", "implements", "网格化管理机制", "基层治理现代化")]


def test_document_list(fixture_store):
    rows = labelled("document_list", fixture_store, "document", "title", "date", "chars", "entities", "metrics",
                    "jurisdiction")
    assert rows == [(DOC_IRI_A, TITLE_A, "2023-05-01", len(DOC_A), 9, 3, "江苏"),
                    (DOC_IRI_B, TITLE_B, "2024-01-15", len(DOC_B), 4, 0, "江苏")]


def test_relations_with_evidence(fixture_store):
    rows = labelled("relations", fixture_store, "subjectLabel", "predicate", "objectLabel", "evidence", "start",
                    "end", "document")
    assert len(rows) == 14  # 11 stated in A, 3 in B
    texts = {DOC_IRI_A: DOC_A, DOC_IRI_B: DOC_B}
    for s, p, o, evidence, start, end, doc in rows:
        assert texts[doc][start:end] == evidence
    assert ("议事协商制度", "supports", "网格化管理机制") in {r[:3] for r in rows}
    assert sum(1 for r in rows if r[:3] == ("网格化管理机制", "contributesTo", "基层治理现代化")) == 2


def test_named_queries_in_a_worker_process_agree(fixture_store):
    direct = run_named("neighbourhood", fixture_store, params={"entity": "街道党工委"})
    worker = run_named("neighbourhood", fixture_store, params={"entity": "街道党工委"}, timeout=30)
    assert worker.rows == direct.rows


# ------------------------------------------------------------------------ answers on the sample graph


@pytest.fixture(scope="module")
def sample_store(sample_graph):
    with MemoryStore(sample_graph) as store:
        yield store


@pytest.fixture(scope="module")
def text():
    return sample_text()


def test_sample_every_named_query_runs(sample_store):
    actors = run_named("entities_by_class", sample_store, params={"cls": "Actor"})
    assert len(actors) > 0
    entity = actors.rows[0][actors.columns.index("label")]
    document = run_named("document_list", sample_store).rows[0][0]
    for q in named_queries():
        params = {"cls": "Mechanism", "entity": entity}
        # parameters of queries added by other features (compare_*: a, b) get the document's IRI
        bindings = {p: params.get(p, iri.URIRef(document)) for p in q.param_names}
        res = run_named(q.name, sample_store, params=bindings)
        assert res.kind == "select" and not res.truncated


def test_sample_one_document(sample_store, text):
    rows = run_named("document_list", sample_store).records()
    assert len(rows) == 1
    doc = rows[0]
    assert doc["chars"] == len(text) and doc["title"]
    summary = dict(labelled("class_summary", sample_store, "name", "count"))
    assert doc["metrics"] == summary["Metric"]
    assert doc["entities"] == sum(n for c, n in summary.items() if c != "Metric")
    assert summary["Actor"] > 0 and summary["Mechanism"] > 0
    assert labelled("multi_document_entities", sample_store, "entity") == []


@pytest.mark.parametrize("cls", ["Actor", "Mechanism", "Goal", "Metric", "Challenge", "Event"])
def test_sample_mentions_quote_the_text(sample_store, text, cls):
    rows = labelled("entities_by_class", sample_store, "entity", "quote", "start", "end", cls=cls)
    for _, quote, start, end in rows:
        assert text[start:end] == quote
    summary = dict(labelled("class_summary", sample_store, "name", "count"))
    assert len({r[0] for r in rows}) == summary[cls]  # every entity has at least one mention


def test_sample_provenance_agrees_with_entities_by_class(sample_store, text):
    rows = labelled("entities_by_class", sample_store, "entity", "start", "end", cls="Actor")
    by_entity: dict[str, set] = {}
    for e, start, end in rows:
        by_entity.setdefault(e, set()).add((start, end))
    for e, spans in sorted(by_entity.items())[:10]:
        prov = labelled("provenance", sample_store, "start", "end", "quote", "sentence", entity=iri.URIRef(e))
        assert {(s, t) for s, t, _, _ in prov} == spans
        for s, t, quote, sentence in prov:
            assert text[s:t] == quote
            assert sentence is None or quote in sentence


def test_sample_metrics_and_relations_quote_the_text(sample_store, text):
    for raw, value, start in labelled("metrics", sample_store, "raw", "value", "start"):
        assert isinstance(value, Decimal) and text[start:start + len(raw)] == raw
    for evidence, start, end in labelled("relations", sample_store, "evidence", "start", "end"):
        assert text[start:end] == evidence


def test_sample_chains_are_made_of_links(sample_store):
    links = set(labelled("actors_mechanisms", sample_store, "actor", "relation", "mechanism"))
    serves = {(m, g) for m, g, via in labelled("mechanisms_goals", sample_store, "mechanism", "goal", "via")
              if via is None}
    for a, rel, m, g in labelled("actor_mechanism_goal", sample_store, "actor", "relation", "mechanism", "goal"):
        assert (a, rel, m) in links and (m, g) in serves


def test_sample_neighbourhood_is_connected(sample_store):
    res = run_query(sample_store, "SELECT ?e (COUNT(*) AS ?n) WHERE { ?e gov:hasMention ?m ; a gov:Actor } "
                                  "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1")
    entity = res.rows[0][0]
    rows = labelled("neighbourhood", sample_store, "hop", "from", "to", entity=iri.URIRef(entity))
    first = {to for hop, frm, to in rows if hop == 1}
    for hop, frm, to in rows:
        assert frm == entity if hop == 1 else (frm in first and to != entity)
