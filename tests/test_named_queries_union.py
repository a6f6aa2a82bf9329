"""A triple asserted by two documents sits in two named graphs; the union must not count it twice."""

import pytest

from kg.query import run_named
from kg.store import OxigraphStore, open_store

LISTINGS = ["entities_by_class", "metrics", "relations", "challenges", "policies_issuers", "document_list"]


@pytest.mark.parametrize("name", LISTINGS)
def test_listing_queries_do_not_repeat_rows_across_named_graphs(sample_graph, name):
    params = {"cls": "Actor"} if name == "entities_by_class" else {}
    single = open_store(None)
    single.add_graph(sample_graph)
    twice = OxigraphStore()
    twice.add_graph(sample_graph, graph_name="https://example.org/graph/a")
    twice.add_graph(sample_graph, graph_name="https://example.org/graph/b")
    one = run_named(name, single, params=params)
    two = run_named(name, twice, params=params)
    assert len(one.rows) > 0
    assert sorted(map(repr, two.rows)) == sorted(map(repr, one.rows))
