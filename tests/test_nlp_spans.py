"""Span records kept beside the span groups: always what the group holds, however the group was changed."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from kg.nlp import spans
from kg.nlp.spans import Rec


@pytest.fixture()
def doc():
    from kg.nlp.pipeline import default_nlp

    return default_nlp().make_doc("健全网格化管理机制,推进社区协商。")


def as_recs(group) -> list[Rec]:
    return [Rec(s.start_char, s.end_char, s.label_, s.id_, s.kb_id_, s.start, s.end) for s in group]


def test_records_follow_appends_made_either_way(doc) -> None:
    assert spans.records(doc, "candidates") == []
    spans.append(doc, "candidates", Span(doc, 0, 2, label="Mechanism", span_id="morphology"))
    assert spans.records(doc, "candidates") == as_recs(doc.spans["candidates"])
    doc.spans["candidates"].append(Span(doc, 3, 5, label="Goal", span_id="ner", kb_id="x"))  # not through us
    assert spans.records(doc, "candidates") == as_recs(doc.spans["candidates"])
    assert [r.id_ for r in spans.records(doc, "candidates")] == ["morphology", "ner"]
    spans.append(doc, "candidates", Span(doc, 1, 2, label="Actor"))
    assert len(spans.records(doc, "candidates")) == 3 == len(doc.spans["candidates"])


def test_assign_and_reassign(doc) -> None:
    recs = [Rec.of(Span(doc, 0, 1, label="clause"))]
    spans.assign(doc, "clauses", recs)
    assert as_recs(doc.spans["clauses"]) == recs == spans.records(doc, "clauses")
    doc.spans["clauses"] = [Span(doc, 1, 3, label="other")]  # a new group object: records made again
    assert spans.records(doc, "clauses") == as_recs(doc.spans["clauses"])
    assert spans.records(doc, "clauses")[0].label_ == "other"


def test_in_place_replacement_needs_forget(doc) -> None:
    spans.assign(doc, "entities", [Rec.of(Span(doc, 0, 1, label="Actor"))])
    doc.spans["entities"][0] = Span(doc, 2, 3, label="Goal")  # same group, same length: not seen ...
    spans.forget(doc, "entities")  # ... until told
    assert spans.records(doc, "entities") == as_recs(doc.spans["entities"])
    assert spans.records(doc, "entities")[0].label_ == "Goal"


def test_records_do_not_keep_the_doc_alive() -> None:
    import gc
    import weakref

    from kg.nlp.pipeline import default_nlp

    d = default_nlp()("加强社区治理。")
    assert spans.records(d, "entities")
    ref = weakref.ref(d)
    del d
    gc.collect()
    assert ref() is None


def test_the_pipeline_keeps_records_in_step() -> None:
    from kg.nlp.pipeline import default_nlp

    d = default_nlp()("省民政厅印发《关于加强社区治理的意见》,健全网格化管理机制;部分社区服务能力不足。")
    for name in ("candidates", "entities", "nested", "clauses", "metrics"):
        assert spans.records(d, name) == as_recs(d.spans[name]), name


def test_extend_adds_spans_and_records_together(doc) -> None:
    new = [(Span(doc, i, i + 1, label="Actor"), None) for i in range(3)]
    spans.extend(doc, "candidates", [(s, Rec.of(s)) for s, _ in new])
    assert spans.records(doc, "candidates") == as_recs(doc.spans["candidates"]) and len(doc.spans["candidates"]) == 3
    doc.spans["candidates"].append(Span(doc, 0, 2, label="Goal"))
    spans.extend(doc, "candidates", [(Span(doc, 1, 2, label="Goal"), Rec.of(Span(doc, 1, 2, label="Goal")))])
    assert spans.records(doc, "candidates") == as_recs(doc.spans["candidates"]) and len(doc.spans["candidates"]) == 5
