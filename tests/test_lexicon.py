"""The SKOS lexicon (ontology/lexicon.ttl): shape, typing, ambiguity, script and coverage."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import opencc
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef

from kg.resources import load_lexicon, load_ontology

LEX = rdflib.Namespace("https://w3id.org/govkg/lexicon/")
GOV = rdflib.Namespace("https://w3id.org/govkg/ontology#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
ADMIN_LEVEL = GOV.adminLevel
SCHEMES = (LEX.scheme, LEX.places)
CORE_CLASSES = (GOV.Actor, GOV.Mechanism, GOV.Goal, GOV.Challenge, GOV.Event)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

PROVINCES = {
    "北京市", "天津市", "上海市", "重庆市",
    "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省", "江西省",
    "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省",
    "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
}


@pytest.fixture(scope="module")
def lexicon() -> rdflib.Graph:
    return load_lexicon()


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def concepts(lexicon: rdflib.Graph) -> list[URIRef]:
    return sorted(s for s in lexicon.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef))


def _zh(g: rdflib.Graph, c: URIRef, prop: URIRef) -> list[str]:
    return [str(o) for o in g.objects(c, prop) if isinstance(o, Literal) and o.language == "zh"]


def _all_zh_labels(g: rdflib.Graph, c: URIRef) -> list[str]:
    return _zh(g, c, SKOS.prefLabel) + _zh(g, c, SKOS.altLabel)


def _cls(g: rdflib.Graph, c: URIRef) -> URIRef:
    return g.value(c, GOV.ontologyClass)


def _resolve(g: rdflib.Graph, label: str) -> set[URIRef]:
    """Concepts having ``label`` as a zh pref- or altLabel."""
    lit = Literal(label, lang="zh")
    return set(g.subjects(SKOS.prefLabel, lit)) | set(g.subjects(SKOS.altLabel, lit))


def _superclasses(onto: rdflib.Graph, cls: URIRef) -> set[URIRef]:
    return set(onto.transitive_objects(cls, RDFS.subClassOf))


def test_schemes_are_described(lexicon: rdflib.Graph) -> None:
    for scheme in SCHEMES:
        assert (scheme, RDF.type, SKOS.ConceptScheme) in lexicon
        assert len(_zh(lexicon, scheme, SKOS.prefLabel)) == 1
        assert [o for o in lexicon.objects(scheme, SKOS.prefLabel) if o.language == "en"]
        assert [o for o in lexicon.objects(scheme, DCTERMS.description) if o.language == "en"]


def test_every_concept_is_in_exactly_one_known_scheme(lexicon: rdflib.Graph, concepts: list[URIRef]) -> None:
    for c in concepts:
        schemes = set(lexicon.objects(c, SKOS.inScheme))
        assert len(schemes) == 1 and schemes <= set(SCHEMES), c


def test_concept_names_are_ascii_kebab_case(concepts: list[URIRef]) -> None:
    for c in concepts:
        assert str(c).startswith(str(LEX)), c
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(c)[len(str(LEX)):]), c


def test_labels_one_zh_and_one_en_pref_label(lexicon: rdflib.Graph, concepts: list[URIRef]) -> None:
    for c in concepts:
        prefs = list(lexicon.objects(c, SKOS.prefLabel))
        assert sorted(o.language for o in prefs) == ["en", "zh"], c
        en = next(str(o) for o in prefs if o.language == "en")
        assert en.strip() == en and en and not CJK.search(en), (c, en)
        assert all(o.language == "zh" for o in lexicon.objects(c, SKOS.altLabel)), c


def test_english_names_are_unique(lexicon: rdflib.Graph, concepts: list[URIRef]) -> None:
    seen: dict[str, URIRef] = {}
    for c in concepts:
        en = next(str(o) for o in lexicon.objects(c, SKOS.prefLabel) if o.language == "en").lower()
        assert en not in seen, (c, seen.get(en), en)
        seen[en] = c


def test_ontology_class_exists_and_is_an_entity_class(
    lexicon: rdflib.Graph, ontology: rdflib.Graph, concepts: list[URIRef]
) -> None:
    for c in concepts:
        classes = list(lexicon.objects(c, GOV.ontologyClass))
        assert len(classes) == 1, c
        cls = classes[0]
        assert (cls, RDF.type, OWL.Class) in ontology, (c, cls)
        assert _superclasses(ontology, cls) & set(CORE_CLASSES), (c, cls)


def test_zh_labels_are_simplified_nfkc_and_not_single_characters(
    lexicon: rdflib.Graph, concepts: list[URIRef]
) -> None:
    t2s = opencc.OpenCC("t2s")
    for c in concepts:
        labels = _all_zh_labels(lexicon, c)
        assert len(labels) == len(set(labels)), c
        for label in labels:
            assert t2s.convert(label) == label, (c, label)
            assert unicodedata.normalize("NFKC", label) == label, (c, label)
            assert label.strip() == label and len(label) >= 2, (c, label)


def test_no_zh_label_is_ambiguous_across_classes(lexicon: rdflib.Graph, concepts: list[URIRef]) -> None:
    by_label: dict[str, set[URIRef]] = defaultdict(set)
    for c in concepts:
        for label in _all_zh_labels(lexicon, c):
            by_label[label].add(c)
    for label, owners in by_label.items():
        # the ruler loads both schemes together, so check across the whole lexicon
        assert len({_cls(lexicon, c) for c in owners}) == 1, (label, sorted(owners))


def test_broader_stays_in_scheme_and_has_no_cycles(lexicon: rdflib.Graph, concepts: list[URIRef]) -> None:
    for c in concepts:
        for b in lexicon.objects(c, SKOS.broader):
            assert (b, RDF.type, SKOS.Concept) in lexicon, (c, b)
            assert lexicon.value(b, SKOS.inScheme) == lexicon.value(c, SKOS.inScheme), (c, b)
        ancestors: set[URIRef] = set()
        frontier = set(lexicon.objects(c, SKOS.broader))
        while frontier:
            assert c not in frontier, f"broader cycle through {c}"
            ancestors |= frontier
            frontier = {b for a in frontier for b in lexicon.objects(a, SKOS.broader)} - ancestors


def test_all_34_provincial_level_divisions(lexicon: rdflib.Graph) -> None:
    provinces = set(lexicon.subjects(ADMIN_LEVEL, Literal("province")))
    names = {_zh(lexicon, p, SKOS.prefLabel)[0] for p in provinces}
    assert names == PROVINCES
    for p in provinces:
        assert lexicon.value(p, SKOS.inScheme) == LEX.places
        assert _cls(lexicon, p) == GOV.Place
        # the short form (江苏, 内蒙古, 香港) is an altLabel
        assert _zh(lexicon, p, SKOS.altLabel), p


def test_cities_sit_under_their_province(lexicon: rdflib.Graph) -> None:
    cities = set(lexicon.subjects(ADMIN_LEVEL, Literal("city")))
    assert len(cities) >= 30
    for city in cities:
        assert _cls(lexicon, city) == GOV.Place
        assert lexicon.value(city, SKOS.inScheme) == LEX.places
        parent = lexicon.value(city, SKOS.broader)
        assert lexicon.value(parent, ADMIN_LEVEL) == Literal("province"), city
    (nanjing,) = _resolve(lexicon, "南京")
    assert _zh(lexicon, lexicon.value(nanjing, SKOS.broader), SKOS.prefLabel) == ["江苏省"]
    (shenzhen,) = _resolve(lexicon, "深圳市")
    assert _zh(lexicon, lexicon.value(shenzhen, SKOS.broader), SKOS.prefLabel) == ["广东省"]


def test_admin_level_only_on_places(lexicon: rdflib.Graph) -> None:
    for s, level in lexicon.subject_objects(ADMIN_LEVEL):
        assert lexicon.value(s, SKOS.inScheme) == LEX.places, s
        assert isinstance(level, Literal) and level.datatype is None and level.language is None
        assert str(level) in {"province", "city"}, s
    for s in lexicon.subjects(SKOS.inScheme, LEX.places):
        assert lexicon.value(s, ADMIN_LEVEL) is not None, s


def test_generic_scheme_is_large_and_spread_over_classes(
    lexicon: rdflib.Graph, ontology: rdflib.Graph
) -> None:
    generic = set(lexicon.subjects(SKOS.inScheme, LEX.scheme))
    assert len(generic) >= 600
    per_core: dict[URIRef, int] = defaultdict(int)
    used = set()
    for c in generic:
        cls = _cls(lexicon, c)
        used.add(cls)
        for core in _superclasses(ontology, cls) & set(CORE_CLASSES):
            per_core[core] += 1
    assert per_core[GOV.Actor] >= 200
    assert per_core[GOV.Mechanism] >= 200
    assert per_core[GOV.Goal] >= 60
    assert per_core[GOV.Challenge] >= 20
    assert per_core[GOV.Event] >= 20
    expected = {
        GOV[n] for n in (
            "Person", "PartyOrganization", "GovernmentBody", "SelfGovernanceOrganization",
            "SocialOrganization", "Enterprise", "Role", "Group", "Place", "Mechanism", "Policy",
            "Institution", "Program", "Platform", "Practice", "Model", "OrganizationalStructure", "System",
            "StrategicGoal", "ServiceTarget", "Outcome", "Capability", "Task", "Challenge", "Meeting",
            "Inspection"
        )
    }
    assert expected <= used, expected - used


@pytest.mark.parametrize(
    ("label", "cls"),
    [
        ("社会组织", "SocialOrganization"),
        ("社会团体", "SocialOrganization"),
        ("省委", "PartyOrganization"),
        ("中共中央", "PartyOrganization"),
        ("基层党组织", "PartyOrganization"),
        ("省政府", "GovernmentBody"),
        ("省人民政府", "GovernmentBody"),
        ("民政部", "GovernmentBody"),
        ("民政厅", "GovernmentBody"),
        ("民政局", "GovernmentBody"),
        ("街道办事处", "GovernmentBody"),
        ("居委会", "SelfGovernanceOrganization"),
        ("村委会", "SelfGovernanceOrganization"),
        ("村(居)委会", "SelfGovernanceOrganization"),
        ("业主委员会", "SelfGovernanceOrganization"),
        ("物业服务企业", "Enterprise"),
        ("网格员", "Role"),
        ("楼栋长", "Role"),
        ("群众", "Group"),
        ("志愿者", "Group"),
        ("新就业群体", "Group"),
        ("网格化管理", "Practice"),
        ("政府购买服务", "Practice"),
        ("村规民约", "Institution"),
        ("养老服务体系", "System"),
        ("12345热线", "Platform"),
        ("三社联动", "Mechanism"),
        ("枫桥经验", "Model"),
        ("慈善法", "Policy"),
        ("“十四五”规划", "Policy"),
        ("乡村振兴", "StrategicGoal"),
        ("中国式现代化", "StrategicGoal"),
        ("长治久安", "Outcome"),
        ("全覆盖", "ServiceTarget"),
        ("治理能力", "Capability"),
        ("形式主义", "Challenge"),
        ("两会", "Meeting"),
        ("党的二十大", "Meeting"),
        ("调研", "Inspection"),
        ("江苏", "Place"),
        ("全省", "Place"),
    ],
)
def test_generic_vocabulary_resolves_to_one_concept_of_the_expected_class(
    lexicon: rdflib.Graph, label: str, cls: str
) -> None:
    found = _resolve(lexicon, label)
    assert len(found) == 1, (label, found)
    assert _cls(lexicon, found.pop()) == GOV[cls]


def test_place_parents_come_from_the_lexicon_given() -> None:
    """The places a city sits in are read from the lexicon graph the Lexicon is built from (a custom
    lexicon's own places, not the bundled ones)."""
    from kg.nlp.lexicon import from_graphs

    ttl = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix lex: <https://w3id.org/govkg/lexicon#> .
    @prefix gov: <https://w3id.org/govkg/ontology#> .
    lex:p a skos:Concept ; skos:inScheme lex:places ; skos:prefLabel "甲省"@zh ; gov:ontologyClass gov:Place .
    lex:c a skos:Concept ; skos:inScheme lex:places ; skos:prefLabel "乙市"@zh ; gov:ontologyClass gov:Place ;
        skos:broader lex:p ."""
    lx = from_graphs(rdflib.Graph().parse(data=ttl, format="turtle"), rdflib.Graph())
    assert lx.place_parents == {"乙市": "甲省"}
