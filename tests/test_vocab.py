"""kg.vocab.GOV is generated from ontology/govkg.ttl: the two must agree, and typos must raise."""

import pytest
from rdflib.namespace import OWL, RDF, RDFS

from kg import resources
from kg.vocab import GOV

NS = str(GOV._NS)


def _ontology_terms():
    g = resources.load_ontology()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {str(s)[len(NS):] for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(NS)}


def test_vocab_terms_equal_ontology_terms():
    declared = set(GOV.__annotations__)
    assert declared == _ontology_terms()


def test_unknown_term_raises():
    with pytest.raises(AttributeError):
        GOV.Actr  # noqa: B018 - the typo is the point


def test_core_classes_and_policy_subclass():
    g = resources.load_ontology()
    for c in ("Actor", "Mechanism", "Policy", "Goal", "Metric", "Challenge", "Event"):
        assert (GOV[c], RDF.type, OWL.Class) in g
    assert (GOV.Policy, RDFS.subClassOf, GOV.Mechanism) in g


def test_every_property_has_labels_definition_domain():
    from rdflib.namespace import SKOS

    g = resources.load_ontology()
    for p in g.subjects(RDF.type, OWL.ObjectProperty):
        langs = {o.language for o in g.objects(p, RDFS.label)}
        assert {"zh", "en"} <= langs, p
        assert g.value(p, SKOS.definition) is not None, p
    # relations of the text carry a domain (inverse or symmetric helpers excepted)
    for name in ("issues", "implements", "contributesTo", "measures", "pioneeredBy", "partOf"):
        p = GOV[name]
        assert g.value(p, RDFS.domain) is not None or g.value(p, RDFS.subPropertyOf) is not None
