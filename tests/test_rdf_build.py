"""Records -> RDF: types, names, provenance selectors, metrics, stable IRIs, SHACL."""

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.ingest import from_text
from kg.rdf.build import OA, build_graph
from kg.rdf.iri import entity_iri, normalise_label
from kg.rdf.validate import validate
from kg.records import Entity, Extraction, Mention, Quantity, Relation
from kg.vocab import GOV

TEXT = "省委、省政府印发《某某条例》,全省登记社会组织7.8万家。"


def _extraction():
    doc = from_text(TEXT)
    sp = lambda s, e: doc.span(s, e)  # noqa: E731
    a = ("Actor", "某省委")
    p = ("Mechanism", "某某条例")
    so = ("Actor", "登记社会组织")
    ents = (
        Entity(a, "PartyOrganization", "某省委", aliases=("省委",), mentions=(Mention(sp(0, 2), a),)),
        Entity(p, "Policy", "某某条例", mentions=(Mention(sp(10, 14), p),)),
        Entity(so, "SocialOrganization", "登记社会组织", label_en="registered social organizations",
               mentions=(Mention(sp(18, 24), so),)),
    )
    rels = (Relation(a, "issues", p, sp(0, 15), "印发"),)
    qs = (Quantity(sp(24, 28), 78000.0, "家", measures=(so,)),)
    return doc, Extraction(doc, ents, rels, qs)


def test_entities_typed_named_and_located():
    doc, ex = _extraction()
    g = build_graph([ex])
    node = entity_iri("Actor", "某省委")
    assert (node, RDF.type, GOV.PartyOrganization) in g and (node, RDF.type, GOV.Actor) in g
    assert (node, SKOS.altLabel, Literal("省委", lang="zh")) in g
    assert g.value(node, SKOS.editorialNote) is not None  # no invented English label
    social = entity_iri("Actor", "登记社会组织")
    assert (social, RDFS.label, Literal("registered social organizations", lang="en")) in g
    assert (node, GOV.issues, entity_iri("Mechanism", "某某条例")) in g


def test_every_selector_slices_back_to_its_quote():
    doc, ex = _extraction()
    g = build_graph([ex])
    n = 0
    for target in g.subjects(RDF.type, OA.SpecificResource):
        sels = list(g.objects(target, OA.hasSelector))
        pos = next(s for s in sels if (s, RDF.type, OA.TextPositionSelector) in g)
        quote = next(s for s in sels if (s, RDF.type, OA.TextQuoteSelector) in g)
        start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))
        assert doc.text[start:end] == str(g.value(quote, OA.exact))
        n += 1
    assert n >= 4


def test_metric_value_unit_subject_and_shacl():
    _, ex = _extraction()
    g = build_graph([ex])
    (m,) = g.subjects(RDF.type, GOV.Metric)
    assert float(g.value(m, GOV.value)) == 78000
    assert str(g.value(m, GOV.unit)) == "家"
    assert g.value(m, GOV.measures) == entity_iri("Actor", "登记社会组织")
    report = validate(g)
    assert report.conforms, report.text


def test_shacl_reports_a_metric_without_unit_and_a_range_error():
    _, ex = _extraction()
    g = build_graph([ex])
    (m,) = g.subjects(RDF.type, GOV.Metric)
    g.remove((m, GOV.unit, None))
    g.add((entity_iri("Actor", "某省委"), GOV.issues, entity_iri("Actor", "登记社会组织")))
    report = validate(g)
    assert not report.conforms
    paths = {v.path for v in report.violations}
    assert str(GOV.unit) in paths and str(GOV.issues) in paths


def test_iris_are_stable_and_normalised():
    assert entity_iri("Actor", "省政府") == URIRef("https://w3id.org/govkg/id/actor/39a2a9a99ed5c83f")
    assert entity_iri("Mechanism", "“五社联动”") == entity_iri("Mechanism", '"五社联动"')
    assert normalise_label(" 省 委 ") == "省委"
    assert entity_iri("Actor", "省委") != entity_iri("Goal", "省委")


def test_build_is_deterministic_across_runs():
    from kg.rdf.serialize import canonical_ntriples

    _, ex = _extraction()
    assert canonical_ntriples(build_graph([ex])) == canonical_ntriples(build_graph([ex]))
