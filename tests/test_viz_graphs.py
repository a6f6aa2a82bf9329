"""Hand-built graphs shaped like kg.graph.to_networkx output, shared by the test_viz* modules."""

from __future__ import annotations

from decimal import Decimal

import networkx as nx

__all__ = ["GOV", "ID", "PAYLOADS", "add_node", "add_rel", "by_label", "governance_graph", "payload_graph"]

ID = "https://w3id.org/govkg/id/"
GOV = "https://w3id.org/govkg/ontology#"


def _mention(doc: str, sentence: str, exact: str, start: int) -> dict:
    i = sentence.index(exact)
    return {"doc": ID + "doc/" + doc, "start": start + i, "end": start + i + len(exact), "exact": exact,
            "sentence": sentence, "offset": i}


def add_node(G: nx.MultiDiGraph, key: str, cls: str, typ: str, label: str, **extra: object) -> str:
    iri = ID + key
    attrs = {"iri": iri, "kind": "entity", "cls": cls, "type": typ, "label": label, "label_en": None,
             "aliases": [], "mentions": []}
    attrs.update(extra)
    G.add_node(iri, **attrs)
    return iri


def add_rel(G: nx.MultiDiGraph, s: str, p: str, o: str, label: str | None = None, label_en: str | None = None) -> None:
    G.add_edge(s, o, key=p, predicate=GOV + p, label=label, label_en=label_en)


def governance_graph() -> nx.MultiDiGraph:
    """A small graph with every display class, a hub, metrics, aliases, mentions and parallel edges."""
    G = nx.MultiDiGraph()
    s1 = "市民政局出台实施意见，推动社区服务平台建设。"
    hub = add_node(G, "actor/minzheng", "Actor", "GovernmentBody", "市民政局", label_en="Civil Affairs Bureau",
               aliases=["民政局"], mentions=[_mention("d1", s1, "市民政局", 0)])
    party = add_node(G, "actor/party", "Actor", "PartyOrganization", "区委", aliases=["中共区委"])
    policy = add_node(G, "mechanism/yijian", "Mechanism", "Policy", "实施意见",
                  mentions=[_mention("d1", s1, "实施意见", 0)])
    platform = add_node(G, "mechanism/platform", "Mechanism", "Platform", "社区服务平台",
                    mentions=[_mention("d1", s1, "社区服务平台", 0)])
    goal = add_node(G, "goal/g", "Goal", "ServiceTarget", "便民服务", label_en="Convenient services")
    challenge = add_node(G, "challenge/c", "Challenge", "Challenge", "服务短板")
    event = add_node(G, "event/e", "Event", "Meeting", "工作会议")
    metric = add_node(G, "doc/d1/metric/10-15", "Metric", "Metric", "覆盖率97.5%", value=Decimal("97.5"), unit="%",
                  qualifier="约", year=2023, since=None, raw="约97.5%")
    money = add_node(G, "doc/d1/metric/20-25", "Metric", "Metric", "投入2.6亿元", value=260000000.0, unit="元",
                 qualifier=None, year=None, since=2016, raw="2.6亿元")
    lonely = add_node(G, "actor/lonely", "Actor", "Group", "志愿者")
    add_rel(G, hub, "issues", policy, "出台", "issues")
    add_rel(G, hub, "implements", platform, "实施", "implements")
    add_rel(G, party, "leads", hub, "领导", "leads")
    add_rel(G, policy, "establishes", platform, "建立", "establishes")
    add_rel(G, platform, "contributesTo", goal, "助力", "contributes to")
    add_rel(G, platform, "addresses", challenge, "应对", "addresses")
    add_rel(G, hub, "takesPartIn", event, "出席", "takes part in")
    add_rel(G, metric, "measures", platform, "度量", "measures")
    add_rel(G, money, "measures", hub, "度量", "measures")
    add_rel(G, hub, "relatedTo", platform, "相关", "related to")  # parallel to implements
    add_rel(G, platform, "relatedTo", hub, None, None)  # reverse direction, label from the ontology
    _ = lonely
    return G


def by_label(model, label):
    return next(n for n in model.nodes if n.label == label)


PAYLOADS = [
    "<img src=x onerror=window.__xss=1>",
    "</script><script>window.__xss=1</script>",
    '" onmouseover="window.__xss=1',
    "<!--<script>window.__xss=1</script>",
    "\u2028\u2029&amp;<b>",
]


def payload_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i, bad in enumerate(PAYLOADS):
        sentence = f"前文{bad}后文"
        add_node(G, f"actor/x{i}", "Actor", "GovernmentBody", bad, label_en=bad, aliases=[bad + "别名"],
             mentions=[{"doc": bad, "start": 2, "end": 2 + len(bad), "exact": bad, "sentence": sentence,
                        "offset": 2}])
    for i in range(len(PAYLOADS) - 1):
        G.add_edge(ID + f"actor/x{i}", ID + f"actor/x{i + 1}", key="relatedTo", label=PAYLOADS[i],
                   label_en=PAYLOADS[i])
    return G
