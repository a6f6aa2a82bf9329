"""kg.export: the figures of a graph as a tidy table and as an RDF Data Cube that meets the spec's checks."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, Literal, URIRef

from kg import export
from kg.export import CUBE, QB, QUDT, SDMX_MEASURE, STRUCTURE, metrics_frame, to_datacube, unit_table
from kg.query import run_query
from kg.store import MemoryStore, OxigraphStore

GOV = rdflib.Namespace("https://w3id.org/govkg/ontology#")
UNIT = rdflib.Namespace("http://qudt.org/vocab/unit/")

# Two documents by hand, shaped as docs/datamodel.md describes (invented texts, not the sample).
SMALL = """
@prefix gov: <https://w3id.org/govkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix d: <urn:doc/> .

d:a a gov:Document . d:b a gov:Document .

<urn:actor/org> a gov:SocialOrganization, gov:Actor ; rdfs:label "社会组织"@zh .
<urn:actor/vol> a gov:Group, gov:Actor ; rdfs:label "志愿者"@zh .
<urn:mech/fund> a gov:Program, gov:Mechanism ; rdfs:label "公益创投"@zh .

# a count about two actors, with a year
d:a-m1 a gov:Metric ; gov:value 32000.0 ; gov:unit "家" ; gov:rawValue "3.2万家" ; gov:year 2023 ;
    gov:isTarget false ; gov:measures <urn:actor/org>, <urn:actor/vol> ; gov:mentionedIn d:a ;
    gov:statement "3.2万家社会组织"@zh ; gov:hasMention d:a-m1-mention .
d:a-m1-mention oa:hasTarget d:a-m1-span .
d:a-m1-span oa:hasSource d:a ; oa:hasSelector d:a-m1-pos .
d:a-m1-pos oa:start 10 ; oa:end 15 .

# money, a target, with a qualifier and a period; the exact decimal must survive
d:a-m2 a gov:Metric ; gov:value 260000000.05 ; gov:unit "元" ; gov:rawValue "约2.6亿元" ; gov:qualifier "约" ;
    gov:sinceYear 2021 ; gov:untilYear 2025 ; gov:isTarget true ; gov:measures <urn:mech/fund> ;
    gov:mentionedIn d:a ; gov:hasMention d:a-m2-mention .
d:a-m2-mention oa:hasTarget d:a-m2-span .
d:a-m2-span oa:hasSource d:a ; oa:hasSelector d:a-m2-pos .
d:a-m2-pos oa:start 40 ; oa:end 46 .

# a share that measures nothing
d:b-m1 a gov:Metric ; gov:value 97.5 ; gov:unit "%" ; gov:rawValue "97.5%" ; gov:mentionedIn d:b ;
    gov:hasMention d:b-m1-mention .
d:b-m1-mention oa:hasTarget d:b-m1-span .
d:b-m1-span oa:hasSource d:b ; oa:hasSelector d:b-m1-pos .
d:b-m1-pos oa:start 3 ; oa:end 8 .

# a unit the grammar does not know
d:b-m2 a gov:Metric ; gov:value 12.0 ; gov:unit "xyz" ; gov:measures <urn:actor/vol> ; gov:mentionedIn d:b .
"""


@pytest.fixture(scope="module")
def small() -> rdflib.Graph:
    return rdflib.Graph().parse(data=SMALL, format="turtle")


# ------------------------------------------------------------------------------------ metrics_frame


def test_metrics_frame_one_row_per_metric_and_subject(small):
    df = metrics_frame(small)
    assert list(df.columns) == list(export.METRIC_COLUMNS)
    pairs = set(zip(df["metric"], df["subject"].astype(object).where(df["subject"].notna(), None)))
    assert pairs == {("urn:doc/a-m1", "urn:actor/org"), ("urn:doc/a-m1", "urn:actor/vol"),
                     ("urn:doc/a-m2", "urn:mech/fund"), ("urn:doc/b-m1", None),
                     ("urn:doc/b-m2", "urn:actor/vol")}
    # document order: document, then offset, figures without an offset last
    assert list(df.drop_duplicates("metric")["metric"]) == ["urn:doc/a-m1", "urn:doc/a-m2", "urn:doc/b-m1",
                                                            "urn:doc/b-m2"]


def test_metrics_frame_values_types_and_classes(small):
    df = metrics_frame(small).set_index(["metric", "subject"])
    assert str(df["value"].dtype) == "Float64" and str(df["year"].dtype) == "Int64"
    assert str(df["is_target"].dtype) == "boolean"
    org = df.loc[("urn:doc/a-m1", "urn:actor/org")]
    assert (org["value"], org["unit"], org["unit_kind"], org["year"], org["start"], org["end"]) == (
        32000.0, "家", "count", 2023, 10, 15)
    assert (org["subject_label"], org["subject_class"], org["subject_type"]) == ("社会组织", "Actor", "SocialOrganization")
    money = df.loc[("urn:doc/a-m2", "urn:mech/fund")]
    assert money["unit_kind"] == "currency" and money["qualifier"] == "约"
    assert (money["since"], money["until"], bool(money["is_target"])) == (2021, 2025, True)
    assert money["subject_type"] == "Program" and money["subject_class"] == "Mechanism"
    unknown = df.loc[("urn:doc/b-m2", "urn:actor/vol")]
    assert pd.isna(unknown["unit_kind"]) and pd.isna(unknown["start"]) and pd.isna(unknown["is_target"])
    share = metrics_frame(small).query("metric == 'urn:doc/b-m1'").iloc[0]
    assert pd.isna(share["subject"]) and share["unit_kind"] == "percent" and share["value"] == 97.5


def test_metrics_frame_same_on_every_kind_of_source(small, tmp_path):
    expected = metrics_frame(small)
    ox_store = ox.Store()
    ox_store.load(small.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    with OxigraphStore(tmp_path / "store") as disk:
        disk.add_graph(small, graph_name="urn:graph/a")
        for source in (MemoryStore(small), ox_store, disk):
            pd.testing.assert_frame_equal(metrics_frame(source), expected)


def test_metrics_frame_empty_graph_has_the_columns():
    df = metrics_frame(rdflib.Graph())
    assert df.empty and list(df.columns) == list(export.METRIC_COLUMNS)


def test_metrics_frame_matches_the_sample_graph(sample_graph):
    df = metrics_frame(sample_graph)
    metrics = set(sample_graph.subjects(RDF.type, GOV.Metric))
    assert set(df["metric"]) == {str(m) for m in metrics} and metrics
    for _, row in df.iterrows():
        m = URIRef(row["metric"])
        assert Decimal(str(row["value"])) == sample_graph.value(m, GOV.value).toPython()
        assert row["unit"] == str(sample_graph.value(m, GOV.unit))
        if pd.notna(row["subject"]):
            assert (m, GOV.measures, URIRef(row["subject"])) in sample_graph
            assert row["subject_class"] in ("Actor", "Mechanism", "Goal", "Challenge", "Event")
    assert set(df["unit_kind"].dropna()) <= {k for k, _ in unit_table().values()}


# ------------------------------------------------------------------------------------------ units


def test_unit_table_reads_kinds_from_the_grammar():
    table = unit_table()
    assert table["%"] == ("percent", str(UNIT.PERCENT))
    assert table["家"] == ("count", str(UNIT.NUM)) and table["名"][1] == str(UNIT.NUM)
    assert table["元"] == ("currency", None)  # no QUDT unit unless the grammar names one


def test_unit_table_uses_exact_matches_of_the_grammar(monkeypatch):
    grammar = """
    @prefix lex: <https://w3id.org/govkg/lexicon/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix gov: <https://w3id.org/govkg/ontology#> .
    lex:u1 skos:inScheme lex:units ; skos:prefLabel "元"@zh ; gov:unitKind "currency" ;
        skos:exactMatch <http://qudt.org/vocab/currency/CNY> .
    lex:u2 skos:inScheme lex:units ; skos:prefLabel "个"@zh ; gov:unitKind "count" ;
        skos:exactMatch <https://example.org/not-qudt> .
    """
    import kg.resources

    monkeypatch.setattr(kg.resources, "read_text", lambda name: grammar)
    unit_table.cache_clear()
    try:
        table = unit_table()
        assert table["元"] == ("currency", "http://qudt.org/vocab/currency/CNY")
        assert table["个"] == ("count", str(UNIT.NUM))  # a non-QUDT match is ignored
    finally:
        monkeypatch.undo()
        unit_table.cache_clear()


# -------------------------------------------------------------------------------------- data cube

_QB = "PREFIX qb: <http://purl.org/linked-data/cube#>\n"
_CUBE_PREFIXES = _QB + (
    "PREFIX gcube: <https://w3id.org/govkg/cube#>\n"
    "PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>\n"
    "PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>\n")

#: integrity constraints of the RDF Data Cube spec (section 11), as "is there a violation?" queries;
#: component properties are read through qb:dimension / qb:measure / qb:attribute (the cube is not normalised)
INTEGRITY = {
    "IC-1 unique data set": "ASK { ?o a qb:Observation . FILTER NOT EXISTS { ?o qb:dataSet [] } }",
    "IC-1 one data set only": "ASK { ?o a qb:Observation ; qb:dataSet ?a, ?b . FILTER(?a != ?b) }",
    "IC-2 unique structure": """ASK { ?ds a qb:DataSet .
        FILTER NOT EXISTS { ?ds qb:structure ?dsd . ?dsd a qb:DataStructureDefinition } }""",
    "IC-2 one structure only": "ASK { ?ds a qb:DataSet ; qb:structure ?a, ?b . FILTER(?a != ?b) }",
    "IC-3 structure has a measure": """ASK { ?dsd a qb:DataStructureDefinition .
        FILTER NOT EXISTS { ?dsd qb:component/qb:measure ?m . ?m a qb:MeasureProperty } }""",
    "IC-4 dimensions have a range": """ASK { ?d a qb:DimensionProperty .
        FILTER NOT EXISTS { ?d rdfs:range [] } }""",
    "IC-11 all dimensions required": """ASK { ?o qb:dataSet/qb:structure/qb:component/qb:dimension ?d .
        FILTER NOT EXISTS { ?o ?d [] } }""",
    "IC-12 no duplicate observations": """ASK {
        ?o1 qb:dataSet ?ds . ?o2 qb:dataSet ?ds . FILTER(?o1 != ?o2)
        FILTER NOT EXISTS { ?ds qb:structure/qb:component/qb:dimension ?d . ?o1 ?d ?v1 . ?o2 ?d ?v2 .
                            FILTER(?v1 != ?v2) } }""",
    "IC-13 required attributes": """ASK { ?o qb:dataSet/qb:structure/qb:component ?c .
        ?c qb:componentRequired true ; qb:attribute ?a . FILTER NOT EXISTS { ?o ?a [] } }""",
    "IC-14 all measures present": """ASK { ?o qb:dataSet/qb:structure/qb:component/qb:measure ?m .
        FILTER NOT EXISTS { ?o ?m [] } }""",
    "component properties typed": """ASK { ?dsd qb:component ?c .
        { ?c qb:dimension ?p . FILTER NOT EXISTS { ?p a qb:DimensionProperty } } UNION
        { ?c qb:attribute ?p . FILTER NOT EXISTS { ?p a qb:AttributeProperty } } }""",
}


def _violations(cube: rdflib.Graph) -> list[str]:
    return [name for name, ask in INTEGRITY.items() if run_query(cube, _QB + ask).boolean]


def test_integrity_checks_can_fail(small):
    cube = to_datacube(small)
    obs = next(cube.subjects(RDF.type, QB.Observation))
    cube.remove((obs, CUBE.subject, None))
    cube.remove((obs, SDMX_MEASURE.obsValue, None))
    assert {"IC-11 all dimensions required", "IC-14 all measures present"} <= set(_violations(cube))


@pytest.mark.parametrize("which", ["small", "sample", "empty"])
def test_datacube_meets_the_integrity_constraints(which, small, sample_graph):
    source = {"small": small, "sample": sample_graph, "empty": rdflib.Graph()}[which]
    cube = to_datacube(source)
    assert _violations(cube) == []
    assert (URIRef(export.DATASET), QB.structure, STRUCTURE) in cube


@pytest.mark.parametrize("which", ["small", "sample"])
def test_every_observation_is_a_stated_figure(which, small, sample_graph):
    source = {"small": small, "sample": sample_graph}[which]
    cube = to_datacube(source)
    observations = set(cube.subjects(RDF.type, QB.Observation))
    pairs = {(m, s) for m, s in source.subject_objects(GOV.measures) if (m, RDF.type, GOV.Metric) in source}
    assert len(observations) == len(pairs) > 0
    both = MemoryStore(source)
    both.add_graph(cube, graph_name="urn:cube")
    wrong = run_query(both, _CUBE_PREFIXES + """
        SELECT ?o WHERE {
            GRAPH <urn:cube> { ?o a qb:Observation ; gcube:metric ?m ; gcube:subject ?s ;
                                  sdmx-measure:obsValue ?v ; sdmx-attribute:unitMeasure ?u }
            FILTER NOT EXISTS { ?m gov:measures ?s ; gov:value ?v ; gov:unit ?u } }""")
    assert len(wrong) == 0, wrong.rows


def test_datacube_values_units_and_years(small):
    cube = to_datacube(small)
    by_metric = {cube.value(o, CUBE.metric): o for o in cube.subjects(RDF.type, QB.Observation)}
    assert URIRef("urn:doc/b-m1") not in by_metric  # measures nothing: no subject, no observation
    money = by_metric[URIRef("urn:doc/a-m2")]
    value = cube.value(money, SDMX_MEASURE.obsValue)
    assert value.datatype == rdflib.XSD.decimal and value.toPython() == Decimal("260000000.05")
    assert cube.value(money, QUDT.unit) is None and str(cube.value(money, CUBE.unitKind)) == "currency"
    years = cube.value(money, CUBE.sinceYear).toPython(), cube.value(money, CUBE.untilYear).toPython()
    assert years == (2021, 2025)
    assert cube.value(money, CUBE.isTarget).toPython() is True
    assert str(cube.value(money, CUBE.qualifier)) == "约"
    counts = [o for m, o in by_metric.items() if m == URIRef("urn:doc/a-m1")]
    count = counts[0]
    assert cube.value(count, QUDT.unit) == UNIT.NUM and cube.value(count, CUBE.year).toPython() == 2023
    assert len(set(cube.subjects(CUBE.metric, URIRef("urn:doc/a-m1")))) == 2  # one per measured actor
    odd = by_metric[URIRef("urn:doc/b-m2")]
    assert cube.value(odd, QUDT.unit) is None and cube.value(odd, CUBE.unitKind) is None
    assert (URIRef("urn:actor/org"), rdflib.RDFS.label, Literal("社会组织", lang="zh")) in cube
    sources = set(cube.objects(URIRef(export.DATASET), rdflib.DCTERMS.source))
    assert sources == {URIRef("urn:doc/a"), URIRef("urn:doc/b")}


def test_datacube_is_deterministic_without_blank_nodes(small):
    a, b = to_datacube(small), to_datacube(MemoryStore(small))
    assert not any(isinstance(t, rdflib.BNode) for triple in a for t in triple)
    assert sorted(a) == sorted(b)
    parsed = rdflib.Graph().parse(data=a.serialize(format="turtle"), format="turtle")
    assert sorted(parsed) == sorted(a)


def test_datacube_dataset_iri_and_label(small):
    cube = to_datacube(small, dataset="https://example.org/ds/1", label="my figures")
    ds = URIRef("https://example.org/ds/1")
    assert (ds, RDF.type, QB.DataSet) in cube and str(cube.value(ds, rdflib.RDFS.label)) == "my figures"
    assert set(cube.objects(None, QB.dataSet)) == {ds}
