"""Records -> RDF: types, names, provenance selectors, metrics, stable IRIs, SHACL; triples -> graph / N-Quads."""

import warnings

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.corpus import canonical_nquads
from kg.ingest import from_text
from kg.rdf.build import OA, Lit, build_graph, extraction_triples, nquads
from kg.rdf.iri import entity_iri, normalise_label
from kg.rdf.validate import validate
from kg.records import Entity, Extraction, Mention, Quantity, Relation, Span
from kg.vocab import GOV

TEXT = "省委、省政府印发《某某条例》,全省登记社会组织7.8万家。"


def _extraction():
    doc = from_text(TEXT)
    sp = lambda s, e: doc.span(s, e)
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
    _doc, ex = _extraction()
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


# -- one builder, two outputs: plain triples -> rdflib graph / N-Quads --------------------------------------

def _rdflib_triples(data: bytes, graph: str) -> set:
    ds = Dataset()
    with warnings.catch_warnings():  # rdflib 7's N-Quads parser uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=data, format="nquads")
    assert {c.identifier for c in ds.graphs() if len(c)} == {URIRef(graph)}
    return set(ds.graph(URIRef(graph)))


def _assert_nquads_equal_graph(ex: Extraction) -> None:
    """N-Quads of the plain triples, read by rdflib and by pyoxigraph, are build_graph's triples."""
    g = build_graph([ex])
    data, n = nquads(extraction_triples(ex), "urn:x:g")
    assert n == len(g) == data.count(b"\n")
    assert _rdflib_triples(data, "urn:x:g") == set(g)
    ours = ox.Store()
    ours.load(data, ox.RdfFormat.N_QUADS)  # strict: every IRI and escape checked
    ref = ox.Store()
    ref.load(g.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:x:g"))
    assert len(ours) == n and canonical_nquads(ours) == canonical_nquads(ref)


def test_triples_are_plain_terms_each_once_and_make_the_graph():
    _, ex = _extraction()
    triples = extraction_triples(ex)
    assert len(triples) == len(set(triples)) > 40
    for s, p, o in triples:
        assert type(s) is str and type(p) is str and (type(o) is str or type(o) is Lit)
    assert triples == extraction_triples(ex)  # the order is fixed by the extraction
    g = build_graph([ex])
    assert len(g) == len(triples)
    lits = {o for _, _, o in g if isinstance(o, Literal)}
    assert Literal("78000.0", datatype=XSD.decimal) in lits  # canonical decimal, kept as written
    assert any(o.datatype == XSD.nonNegativeInteger for o in lits)
    assert Literal("false", datatype=XSD.boolean) in lits
    _assert_nquads_equal_graph(ex)


def test_build_graph_adds_to_a_given_graph_and_keeps_one_editorial_note():
    _, ex = _extraction()
    g = Graph()
    node = entity_iri("Actor", "某省委")
    g.add((node, SKOS.editorialNote, Literal("an older note")))
    build_graph([ex], graph=g)
    assert set(g.objects(node, SKOS.editorialNote)) == {Literal("an older note")}
    assert len(g) == len(build_graph([ex]))


_HOSTILE = st.text(st.characters(codec="utf-8"), min_size=1, max_size=24) | st.sampled_from(
    ['"', "\\", "\n", "\r\n", "\t", "\x00", "\x01\x1f\x7f", "\x08\x0c", "\u2028\u2029", "\ufeff", "\ufffe\uffff",
     "𠀀😀", "\u202e", "a\\u0041", "\\n", '\\"', '"""', "<urn:x>", " .\n<a> <b> <c> .", "@zh", "^^", "_:b0"])


def _hostile_extraction(parts: list[str]) -> Extraction:
    from fixtures_store import make_document

    text = "。".join(parts)
    doc = make_document(text, title=parts[0], author=parts[-1], issuer=parts[0] + "\\", date=parts[-1],
                        document_number=parts[0], jurisdiction=parts[-1], source=parts[0] + '"')
    spans, at = [], 0
    for p in parts:
        spans.append(Span(at, at + len(p), p))
        at += len(p) + 1
    keys = [("Actor", p) for p in parts]
    ents = tuple(Entity(k, "Actor", p, aliases=(p[::-1], p + "\r"), label_en=p if i % 2 else None,
                        mentions=(Mention(s, k, sentence=Span(0, len(text), text)),))
                 for i, (k, p, s) in enumerate(zip(keys, parts, spans)))
    rels = tuple(Relation(keys[i], "leads", keys[i + 1], spans[i], parts[i + 1]) for i in range(len(parts) - 1))
    qs = (Quantity(spans[0], 1.5e8, parts[-1], measures=(keys[-1],), qualifier=parts[0], year=2024,
                   statement=parts[-1], sentence=spans[-1]),)
    return Extraction(doc, ents, rels, qs)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(_HOSTILE, min_size=1, max_size=4))
def test_nquads_of_any_characters_are_build_graphs_triples(parts: list[str]) -> None:
    _assert_nquads_equal_graph(_hostile_extraction(parts))


def test_nquads_escapes_every_control_character():
    parts = ["".join(map(chr, range(0x20))) + '\x7f"\\', "甲\r\n乙"]
    ex = _hostile_extraction(parts)
    data, _ = nquads(extraction_triples(ex), "urn:x:g")
    text = data.decode("utf-8")
    assert not any(c in text.replace("\n", "") for c in map(chr, [*range(0x20), 0x7F]))
    assert '\\u0000' in text and '\\t' not in text and '\\u0009' in text and '\\r\\n' in text
    assert '\\"\\\\' in text
    _assert_nquads_equal_graph(ex)


def test_a_mention_is_typed_gov_mention_only_and_the_ontology_makes_it_an_annotation():
    from kg.resources import load_ontology

    _, ex = _extraction()
    g = build_graph([ex])
    mentions = set(g.subjects(RDF.type, GOV.Mention))
    assert len(mentions) == 4
    for m in mentions:
        assert set(g.objects(m, RDF.type)) == {GOV.Mention}
    assert not set(g.subjects(RDF.type, OA.Annotation))
    assert (GOV.Mention, RDFS.subClassOf, OA.Annotation) in load_ontology()


def test_the_motivation_of_mentions_is_stated_once_in_the_ontology():
    from rdflib.namespace import OWL

    from kg.resources import load_ontology

    _, ex = _extraction()
    g = build_graph([ex])
    assert not list(g.triples((None, OA.motivatedBy, None)))
    onto = load_ontology()
    (r,) = [c for c in onto.objects(GOV.Mention, RDFS.subClassOf) if (c, RDF.type, OWL.Restriction) in onto]
    assert onto.value(r, OWL.onProperty) == OA.motivatedBy and onto.value(r, OWL.hasValue) == OA.identifying


def test_a_mention_costs_fourteen_triples_and_its_quote_carries_no_context():
    doc = from_text(TEXT)
    key = ("Actor", "某省委")
    sentence = doc.span(0, len(TEXT))
    one = Extraction(doc, (Entity(key, "Actor", "某省委", mentions=(Mention(doc.span(0, 2), key, sentence),)),))
    two = Extraction(doc, (Entity(key, "Actor", "某省委", mentions=(Mention(doc.span(0, 2), key, sentence),
                                                                  Mention(doc.span(3, 6), key, sentence))),))
    assert len(extraction_triples(two)) - len(extraction_triples(one)) == 14
    g = build_graph([one])
    (quote,) = g.subjects(RDF.type, OA.TextQuoteSelector)
    assert {p for p, _ in g.predicate_objects(quote)} == {RDF.type, OA.exact}
    (m,) = g.subjects(RDF.type, GOV.Mention)
    assert {p for p, _ in g.predicate_objects(m)} == {RDF.type, OA.hasBody, OA.hasTarget, GOV.sentence}


def test_a_metric_label_does_not_repeat_its_figure() -> None:
    from kg.pipeline import extract_text, graph_of

    g = graph_of([extract_text("市民政局推动全市社区综合服务设施覆盖率达到94.6%，全年投入资金约2.6亿元。")])
    labels = {str(o) for m in g.subjects(RDF.type, GOV.Metric) for o in g.objects(m, RDFS.label)}
    assert labels and all(lab.count("94.6%") <= 1 and lab.count("2.6亿元") <= 1 for lab in labels), labels
    assert any("94.6%" in lab for lab in labels) and any("2.6亿元" in lab for lab in labels)


def test_a_traditional_text_keeps_its_names_as_zh_hant_aliases() -> None:
    """Labels are simplified; the names as a Hong Kong or Taiwan text writes them are skos:altLabel @zh-Hant,
    and the named queries find an entity by them."""
    from kg.pipeline import extract_text, graph_of
    from kg.query import run_query
    from kg.resources import load_query

    g = graph_of([extract_text("社會福利署聯同區議會推出「長者關懷」計劃，惠及1,200名獨居長者。")])
    hant = {(str(s), str(o)) for s, o in g.subject_objects(SKOS.altLabel) if o.language and o.language.lower() == "zh-hant"}
    assert hant and all(any("\u4e00" <= c <= "\u9fff" for c in o) for _, o in hant)
    names = {o for _, o in hant}
    assert "區議會" in names or "獨居長者" in names, names
    for s, o in hant:  # each is a name of an entity labelled in simplified script
        zh = {str(x) for x in g.objects(URIRef(s), RDFS.label) if x.language == "zh"}
        assert zh and o not in zh
    one = min(names)
    rows = run_query(g, load_query("provenance"), bindings={"entity": one}).rows
    assert rows and all(r[0] == one for r in rows)
    # a simplified text gets none
    g2 = graph_of([extract_text("社会福利署联同区议会推出“长者关怀”计划，惠及1200名独居长者。")])
    assert not [o for o in g2.objects(None, SKOS.altLabel) if o.language and o.language.lower() == "zh-hant"]


def test_a_metric_label_in_traditional_characters_does_not_repeat_its_figure():
    # the statement is simplified (约80万个) and the quote is as written (約80萬個): the label was
    # "……约80万个住宅单位:約80萬個"
    from kg.pipeline import extract_text, graph_of

    g = graph_of([extract_text("某市房屋署計劃於2035年前興建約80萬個住宅單位。")])
    labels = [str(o) for m in g.subjects(RDF.type, GOV.Metric) for o in g.objects(m, RDFS.label)]
    assert labels and all("萬" not in x and ":" not in x for x in labels), labels
