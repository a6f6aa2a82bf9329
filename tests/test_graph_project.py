"""The rdflib -> networkx projection, on a graph built from hand-made records of invented texts."""

from __future__ import annotations

import hashlib
import random
from array import array

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from kg.graph import bridging_mechanisms, communities, ego, explain_path, to_networkx
from kg.rdf import iri
from kg.rdf.build import build_graph
from kg.records import Document, DocumentMeta, Entity, Extraction, Mention, Quantity, Relation, Span
from kg.vocab import GOV

TEXT_A = ("市委出台《社区治理实施意见》，意见建立网格议事机制。街道办事处参与网格议事机制，"
          "网格议事机制助力基层善治。2023年全市建成网格450个。部分社区面临服务力量不足问题，"
          "网格议事机制应对服务力量不足问题。市委召开社区治理推进会。志愿者约1200名。")
TEXT_B = "中共市委印发《社区治理实施意见》。"
CONCEPT = "https://w3id.org/govkg/lexicon#grid-consultation"

SHIWEI = ("Actor", "市委")
JIEDAO = ("Actor", "街道办事处")
SHEQU = ("Actor", "社区")
ZHIYUAN = ("Actor", "志愿者")
YIJIAN = ("Mechanism", "社区治理实施意见")
JIZHI = ("Mechanism", "网格议事机制")
SHANZHI = ("Goal", "基层善治")
WENTI = ("Challenge", "服务力量不足问题")
HUI = ("Event", "社区治理推进会")

RELATIONS = [(SHIWEI, "issues", YIJIAN), (YIJIAN, "establishes", JIZHI), (JIEDAO, "participatesIn", JIZHI),
             (JIZHI, "contributesTo", SHANZHI), (SHEQU, "faces", WENTI), (JIZHI, "addresses", WENTI),
             (SHIWEI, "takesPartIn", HUI)]


def _doc(text: str, title: str) -> Document:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(id=sha[:16], text=text, norm=text, starts=array("q", range(len(text))),
                    ends=array("q", range(1, len(text) + 1)), sha256=sha, meta=DocumentMeta(title=title))


def _span(text: str, quote: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Span(start, start + len(quote), quote)


def _sentence(text: str, s: Span) -> Span:
    start = text.rfind("。", 0, s.start) + 1
    end = text.index("。", s.end) + 1
    return Span(start, end, text[start:end])


def _entity(text: str, key: tuple[str, str], cls: str, quotes: list[tuple[str, int]], **kw) -> Entity:
    mentions = []
    for quote, nth in quotes:
        s = _span(text, quote, nth)
        mentions.append(Mention(s, key, _sentence(text, s), quote, "test"))
    return Entity(key=key, cls=cls, label=key[1], mentions=tuple(mentions), **kw)


def _extractions() -> list[Extraction]:
    a = _doc(TEXT_A, "社区治理情况")
    ents = [
        _entity(TEXT_A, SHIWEI, "PartyOrganization", [("市委", 0), ("市委", 1)], aliases=("中共市委",),
                label_en="Municipal Party Committee"),
        _entity(TEXT_A, JIEDAO, "GovernmentBody", [("街道办事处", 0)]),
        _entity(TEXT_A, SHEQU, "SelfGovernanceOrganization", [("社区", 1)]),
        _entity(TEXT_A, ZHIYUAN, "Group", [("志愿者", 0)]),
        _entity(TEXT_A, YIJIAN, "Policy", [("社区治理实施意见", 0)]),
        _entity(TEXT_A, JIZHI, "Institution", [("网格议事机制", i) for i in range(4)], concept=CONCEPT),
        _entity(TEXT_A, SHANZHI, "Outcome", [("基层善治", 0)]),
        _entity(TEXT_A, WENTI, "Challenge", [("服务力量不足问题", 0), ("服务力量不足问题", 1)]),
        _entity(TEXT_A, HUI, "Meeting", [("社区治理推进会", 0)]),
    ]
    rels = [Relation(s, p, o, _sentence(TEXT_A, _span(TEXT_A, s[1] if s != SHEQU else "部分社区")), "")
            for s, p, o in RELATIONS]
    q1 = _span(TEXT_A, "450个")
    q2 = _span(TEXT_A, "约1200名")
    quantities = [Quantity(q1, 450.0, "个", measures=(JIZHI,), year=2023, statement="网格数",
                           sentence=_sentence(TEXT_A, q1)),
                  Quantity(q2, 1200.0, "名", measures=(ZHIYUAN,), qualifier="约",
                           sentence=_sentence(TEXT_A, q2))]
    b = _doc(TEXT_B, "印发通知")
    ents_b = [_entity(TEXT_B, SHIWEI, "PartyOrganization", [("中共市委", 0)], aliases=("中共市委",),
                      label_en="Municipal Party Committee"),
              _entity(TEXT_B, YIJIAN, "Policy", [("社区治理实施意见", 0)])]
    rel_b = [Relation(SHIWEI, "issues", YIJIAN, Span(0, len(TEXT_B), TEXT_B), "印发")]
    return [Extraction(a, tuple(ents), tuple(rels), tuple(quantities)),
            Extraction(b, tuple(ents_b), tuple(rel_b))]


@pytest.fixture(scope="module")
def rdf() -> rdflib.Graph:
    return build_graph(_extractions())


@pytest.fixture(scope="module")
def G(rdf: rdflib.Graph) -> nx.MultiDiGraph:
    return to_networkx(rdf)


def node(key: tuple[str, str]) -> str:
    return str(iri.entity_iri(*key))


_Q450 = _span(TEXT_A, "450个")
METRIC_450 = str(iri.metric_iri(_doc(TEXT_A, "").id, _Q450.start, _Q450.end))


def test_nodes_are_the_entities_and_metrics(G: nx.MultiDiGraph) -> None:
    entities = {node(k) for k in (SHIWEI, JIEDAO, SHEQU, ZHIYUAN, YIJIAN, JIZHI, SHANZHI, WENTI, HUI)}
    metrics = {v for v, d in G.nodes(data=True) if d["cls"] == "Metric"}
    assert set(G) == entities | metrics
    assert len(metrics) == 2 and METRIC_450 in metrics
    assert {d["kind"] for _, d in G.nodes(data=True)} == {"entity"}
    assert all(v == d["iri"] for v, d in G.nodes(data=True))


def test_node_attributes(G: nx.MultiDiGraph) -> None:
    d = G.nodes[node(SHIWEI)]
    assert (d["cls"], d["type"], d["label"], d["label_en"]) == (
        "Actor", "PartyOrganization", "市委", "Municipal Party Committee")
    assert d["aliases"] == ["中共市委"]
    p = G.nodes[node(YIJIAN)]
    assert (p["cls"], p["type"], p["label_en"], p["aliases"]) == ("Mechanism", "Policy", None, [])
    assert G.nodes[node(HUI)]["cls"] == "Event" and G.nodes[node(HUI)]["type"] == "Meeting"


def test_mentions_point_into_the_texts(G: nx.MultiDiGraph) -> None:
    texts = {str(iri.document_iri(_doc(t, "").id)): t for t in (TEXT_A, TEXT_B)}
    shiwei = G.nodes[node(SHIWEI)]["mentions"]
    assert len(shiwei) == 3 and {m["doc"] for m in shiwei} == set(texts)
    for _, d in G.nodes(data=True):
        assert d["mentions"], d["label"]
        for m in d["mentions"]:
            text = texts[m["doc"]]
            assert text[m["start"]:m["end"]] == m["exact"]
            assert m["exact"] in m["sentence"] and m["sentence"] in text
            assert "prefix" not in m and "suffix" not in m
            # the offset is where the quote really sits: its sentence starts that far before it
            sentence, at = m["sentence"], m["start"] - m["offset"]
            assert text[at:at + len(sentence)] == sentence, (m["exact"], m["start"], m["offset"])
    jizhi = G.nodes[node(JIZHI)]["mentions"]
    assert [m["start"] for m in jizhi] == sorted(m["start"] for m in jizhi)
    # each mention names its document's title (the graph page shows it instead of the IRI)
    titles = {str(iri.document_iri(_doc(TEXT_A, "").id)): "社区治理情况",
              str(iri.document_iri(_doc(TEXT_B, "").id)): "印发通知"}
    assert {(m["doc"], m["title"]) for m in shiwei} == set(titles.items())


def test_a_quote_twice_in_its_sentence_is_located_by_the_other_mentions(G: nx.MultiDiGraph) -> None:
    twice = [m for _, d in G.nodes(data=True) for m in d["mentions"]
             if m["sentence"] and m["sentence"].count(m["exact"]) > 1]
    assert {m["exact"] for m in twice} == {"网格议事机制", "服务力量不足问题"}
    assert any(m["offset"] != m["sentence"].index(m["exact"]) for m in twice)  # not the first occurrence
    for m in twice:
        assert TEXT_A[m["start"] - m["offset"]:].startswith(m["sentence"])


def test_locate_quotes_falls_back_to_the_first_occurrence() -> None:
    from kg.graph.project import locate_quotes

    rows = [{"doc": "d", "sentence": "区委和区委", "exact": "区委", "start": 13},  # alone: cannot tell
            {"doc": "d", "sentence": "甲乙", "exact": "丙", "start": 0},  # not in its sentence
            {"doc": "d", "sentence": None, "exact": "丙", "start": 0},
            {"doc": "e", "sentence": "省委和省委", "exact": "省委", "start": None}]
    locate_quotes(rows)
    assert [r["offset"] for r in rows] == [0, None, None, 0]
    pinned = [{"doc": "d", "sentence": "区委和区委", "exact": "区委", "start": 13},
              {"doc": "d", "sentence": "区委和区委", "exact": "和", "start": 12}]
    locate_quotes(pinned)
    assert [r["offset"] for r in pinned] == [3, 2]


def test_metric_attributes(G: nx.MultiDiGraph) -> None:
    m = G.nodes[METRIC_450]
    assert (m["value"], m["unit"], m["year"], m["raw"], m["qualifier"], m["since"]) == (
        450.0, "个", 2023, "450个", None, None)
    assert isinstance(m["value"], float) and isinstance(m["year"], int)
    other = next(d for v, d in G.nodes(data=True) if d["cls"] == "Metric" and v != METRIC_450)
    assert (other["value"], other["unit"], other["qualifier"], other["year"]) == (1200.0, "名", "约", None)
    assert m["mentions"][0]["exact"] == "450个"


def test_one_edge_per_relation_triple(G: nx.MultiDiGraph) -> None:
    expected = {(node(s), node(o), p) for s, p, o in RELATIONS}
    expected |= {(METRIC_450, node(JIZHI), "measures")}
    found = {(u, v, k) for u, v, k in G.edges(keys=True)}
    assert expected <= found and len(found) == len(expected) + 1  # + the other metric
    assert G.number_of_edges() == len(found)  # the relation stated by both documents is one edge


def test_edge_attributes_come_from_the_ontology(G: nx.MultiDiGraph) -> None:
    d = G.edges[node(SHIWEI), node(YIJIAN), "issues"]
    assert d == {"predicate": str(GOV.issues), "label": "出台", "label_en": "issues"}
    for _, _, k, d in G.edges(keys=True, data=True):
        assert d["predicate"] == str(GOV[k]) and d["label"] and d["label"] != k


def test_provenance_dropped_by_default_and_kept_on_request(rdf: rdflib.Graph, G: nx.MultiDiGraph) -> None:
    docs = {str(iri.document_iri(_doc(t, "").id)) for t in (TEXT_A, TEXT_B)}
    assert not docs & set(G)
    P = to_networkx(rdf, include_provenance=True)
    assert docs <= set(P)
    kinds = {d["cls"] for _, d in P.nodes(data=True) if d["kind"] == "provenance"}
    assert kinds == {"Document", "Mention", "Span", "RelationAssertion", "Extractor"}
    assert {P.nodes[d]["label"] for d in docs} == {"社区治理情况", "印发通知"}
    # the entity part is the default projection
    entities = [v for v, d in P.nodes(data=True) if d["kind"] == "entity"]
    assert set(entities) == set(G)
    assert set(P.subgraph(entities).edges(keys=True)) == set(G.edges(keys=True))
    # each entity reaches its mentions, each mention its span, each span its document
    mentions = [v for v in P.successors(node(HUI)) if P.nodes[v]["cls"] == "Mention"]
    assert len(mentions) == 1
    mention = mentions[0]
    assert P.nodes[mention]["cls"] == "Mention" and P.nodes[mention]["label"] == "社区治理推进会"
    span = next(v for v in P.successors(mention) if P.nodes[v]["cls"] == "Span")
    assert P.has_edge(span, str(iri.document_iri(_doc(TEXT_A, "").id)), "hasSource")
    assert P.has_edge(node(HUI), mention, "hasMention")


def test_ontology_nodes_on_request(rdf: rdflib.Graph, G: nx.MultiDiGraph) -> None:
    assert CONCEPT not in G
    onto = to_networkx(rdf, include_ontology=True)
    assert onto.has_edge(node(JIZHI), CONCEPT, "concept") and onto.nodes[CONCEPT]["kind"] == "ontology"
    assert onto.has_edge(node(JIZHI), str(GOV.Institution), "type")
    assert onto.has_edge(str(GOV.Institution), str(GOV.Mechanism), "subClassOf")
    assert onto.nodes[str(GOV.Institution)]["label"] == "制度"


def test_oxigraph_store_gives_the_same_projection(rdf: rdflib.Graph, G: nx.MultiDiGraph) -> None:
    store = ox.Store()
    store.load(rdf.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    # the same triples once more in a named graph must not double the edges
    store.load(rdf.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode("urn:copy"))
    H = to_networkx(store)
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_projection_does_not_depend_on_triple_order(rdf: rdflib.Graph, G: nx.MultiDiGraph) -> None:
    triples = list(rdf)
    random.Random(5).shuffle(triples)
    shuffled = rdflib.Graph()
    for t in triples:
        shuffled.add(t)
    H = to_networkx(shuffled)
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_lang_picks_labels(rdf: rdflib.Graph) -> None:
    E = to_networkx(rdf, lang="en")
    assert E.nodes[node(SHIWEI)]["label"] == "Municipal Party Committee"
    assert E.nodes[node(JIEDAO)]["label"] == "街道办事处"  # no English label: falls back
    assert E.edges[node(SHIWEI), node(YIJIAN), "issues"]["label"] == "issues"


def test_rejects_what_is_not_a_graph() -> None:
    with pytest.raises(TypeError, match="rdflib Graph or a pyoxigraph Store"):
        to_networkx([("a", "b", "c")])


def test_empty_graph() -> None:
    G = to_networkx(rdflib.Graph())
    assert G.number_of_nodes() == 0 and G.number_of_edges() == 0


# analytics on the projected records ------------------------------------------------------------------


def test_explain_path_actor_to_goal(G: nx.MultiDiGraph) -> None:
    path = explain_path(G, "市委", "基层善治")
    assert path["nodes"] == [node(SHIWEI), node(YIJIAN), node(JIZHI), node(SHANZHI)]
    assert path["sentence"] == "市委 —出台→ 《社区治理实施意见》 —建立→ 网格议事机制 —助力→ 基层善治"
    assert [e["key"] for e in path["edges"]] == ["issues", "establishes", "contributesTo"]
    back = explain_path(G, node(SHANZHI), "中共市委")  # by IRI and by alias
    assert back["sentence"] == "基层善治 ←助力— 网格议事机制 ←建立— 《社区治理实施意见》 ←出台— 市委"
    for e in back["edges"]:
        assert G.has_edge(e["source"], e["target"], e["key"])


def test_explain_path_errors(G: nx.MultiDiGraph) -> None:
    with pytest.raises(nx.NodeNotFound):
        explain_path(G, "省政府", "基层善治")
    with pytest.raises(nx.NetworkXNoPath):
        explain_path(G, "志愿者", "基层善治")  # only a metric measures the volunteers


def test_ego_and_bridges_on_records(G: nx.MultiDiGraph) -> None:
    E = ego(G, "网格议事机制", radius=1)
    assert set(E) == {node(JIZHI), node(YIJIAN), node(JIEDAO), node(SHANZHI), node(WENTI), METRIC_450}
    assert E.nodes[node(JIZHI)] == G.nodes[node(JIZHI)] and E is not G
    parts = communities(G, seed=0)
    assert sorted(v for c in parts for v in c) == sorted(G)
    bridges = bridging_mechanisms(G, communities=parts)
    for v, row in bridges.items():
        assert G.nodes[v]["cls"] == "Mechanism" and row["communities"] >= 2


def test_real_sample_graph() -> None:
    pipeline = pytest.importorskip("kg.pipeline")
    if not hasattr(pipeline, "build_sample_graph"):
        pytest.skip("kg.pipeline.build_sample_graph does not exist yet")
    G = to_networkx(pipeline.build_sample_graph())
    classes = {d["cls"] for _, d in G.nodes(data=True)}
    assert {"Actor", "Mechanism", "Goal"} <= classes
    assert G.number_of_edges() > 0
    assert all(d["mentions"] for _, d in G.nodes(data=True))
    parts = communities(G)
    assert sorted(v for c in parts for v in c) == sorted(G)


def test_kg_store_is_read_through_its_engine(rdf: rdflib.Graph, G: nx.MultiDiGraph) -> None:
    store = pytest.importorskip("kg.store")
    with store.MemoryStore(rdf) as memory:
        H = to_networkx(memory)
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
