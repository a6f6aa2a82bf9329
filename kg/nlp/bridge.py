"""Plug a trained spaCy pipeline in: map its entity labels (ORG, LAW, PERSON ...) onto ontology classes.

Candidates from ``doc.ents`` join the rule-based ones in ``doc.spans["candidates"]``; the resolver then
chooses among them as usual (see the comment at the top of ``kg/data/pipeline.cfg``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["NerBridge"]

DEFAULT_MAP = {"ORG": "Organization", "GPE": "Place", "LOC": "Place", "PERSON": "Person", "LAW": "Policy",
               "NORP": "Group", "EVENT": "Event", "FAC": "Platform"}


class NerBridge:
    def __init__(self, label_map: dict[str, str]) -> None:
        self.label_map = dict(label_map)

    def __call__(self, doc: Doc) -> Doc:
        if "candidates" not in doc.spans:
            doc.spans["candidates"] = []
        for ent in doc.ents:
            cls = self.label_map.get(ent.label_)
            if cls:
                doc.spans["candidates"].append(Span(doc, ent.start, ent.end, label=cls, span_id="ner"))
        return doc


@Language.factory("govkg_ner_bridge", assigns=["doc.spans"], default_config={"label_map": DEFAULT_MAP})
def make_ner_bridge(nlp: Language, name: str, label_map: dict[str, str]) -> NerBridge:
    return NerBridge(label_map)
