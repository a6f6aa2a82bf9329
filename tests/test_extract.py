"""Extraction records: spans in the original text, canonical names and jurisdiction, merging, aliases,
the document's own policy, metadata, and English labels in the graph."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import RDFS, SKOS

from kg.extract import level_of, paren_variants
from kg.records import DocumentMeta


@pytest.fixture(scope="module")
def extract():
    from kg.pipeline import extract_text

    def run(text: str, **meta):
        return extract_text(text, meta=DocumentMeta(**meta) if meta else None)

    return run


def labels(ex) -> dict[str, object]:
    return {e.label: e for e in ex.entities}


# -- spans ----------------------------------------------------------------------------------------------
TRADITIONAL = ("廣東省民政廳關於加強社區社會組織培育發展的意見\n粵民發〔2023〕12號\n各地級以上市民政局：\n"
               "　　一、健全培育扶持機制。各地要建立社區社會組織孵化基地，到2025年，全省每個城市社區平均擁有"
               "不少於１０個社區社會組織。\n　　目前，部分地區社區社會組織數量偏少，服務能力不強。\n")


def test_every_span_slices_back_to_its_quote_in_the_original(extract) -> None:
    ex = extract(TRADITIONAL)
    text = ex.document.text
    spans = [m.span for e in ex.entities for m in e.mentions]
    spans += [m.sentence for e in ex.entities for m in e.mentions if m.sentence]
    spans += [r.evidence for r in ex.relations] + [q.span for q in ex.quantities]
    assert len(spans) > 20
    for s in spans:
        assert text[s.start:s.end] == s.quote
    quotes = {m.span.quote for e in ex.entities for m in e.mentions}
    assert "社區社會組織" in quotes and "不少於１０個" in {q.span.quote for q in ex.quantities}


def test_traditional_text_gets_simplified_labels(extract) -> None:
    names = labels(extract(TRADITIONAL))
    assert "社区社会组织" in names and "广东省民政厅关于加强社区社会组织培育发展的意见" in names


# -- canonical names and jurisdiction -------------------------------------------------------------------
def test_level_of() -> None:
    assert [level_of(p) for p in ("四川省", "成都市", "武侯区", "德清县", "延边朝鲜族自治州")] == \
        ["省", "市", "区", "县", "市"]


def test_levels_come_from_the_grammar() -> None:
    from kg.nlp.lexicon import Lexicon

    # a lexicon whose grammar knows counties only: a province's name speaks for no level, a banner (旗) for 县
    lx = Lexicon(word_lists={"jurisdictionLevels": ("县",), "placeLevelsCounty": ("自治县", "县", "旗")})
    assert [level_of(p, lexicon=lx) for p in ("四川省", "某某自治县", "某某旗", "武侯区")] == [None, "县", "县", None]
    assert level_of("上海市", "province", lx) is None


def test_provincial_organs_take_the_jurisdiction(extract) -> None:
    names = labels(extract("省委、省政府高度重视。全省各地积极推进,省委组织部、省市场监管局配合。市场监管局负责。",
                           jurisdiction="江苏省"))
    assert {"江苏省委", "江苏省政府", "江苏省委组织部", "江苏省市场监管局", "江苏省"} <= set(names)
    assert "省委" in names["江苏省委"].aliases and "全省" in names["江苏省"].aliases
    assert not any(n.startswith("江苏市") or n == "江苏省市场监督管理局" for n in names)
    assert "市场监督管理局" in names  # 市场 is no level: the generic concept stays generic


def test_jurisdiction_from_the_title_down_to_the_district(extract) -> None:
    ex = extract("广州市越秀区2022年社区治理工作总结\n区委组织部、区民政局联合实施。全区共有社区222个。")
    names = labels(ex)
    assert {"越秀区委组织部", "越秀区民政局", "越秀区", "广州市"} <= set(names)
    assert ex.document.meta.jurisdiction == "越秀区"
    assert ("越秀区", "locatedIn") in {(r.subject[1], r.predicate) for r in ex.relations}


def test_municipality_is_its_own_city(extract) -> None:
    names = labels(extract("上海市城市管理工作要点\n市委、市政府部署。全市推进。"))
    assert {"上海市委", "上海市政府", "上海市"} <= set(names)


def test_jurisdiction_from_the_most_mentioned_province(extract) -> None:
    names = labels(extract("浙江坚持改革创新。浙江省各地推广经验。省民政厅牵头推进。"))
    assert "浙江省民政厅" in names


def test_no_jurisdiction_no_prefix_and_unresolved_deictics_dropped(extract) -> None:
    names = labels(extract("省民政厅牵头推进。全省各地积极落实。"))
    assert "省民政厅" in names and "全省" not in names


def test_leading_quantifier_is_not_part_of_a_name(extract) -> None:
    assert "县(区)党委书记" in labels(extract("各县(区)党委书记亲自抓。"))


# -- merging --------------------------------------------------------------------------------------------
def test_same_entity_twice_is_one_entity_with_all_spans(extract) -> None:
    ex = extract("加强村(居)民委员会建设,村(居)民委员会依法履职。")
    (e,) = [e for e in ex.entities if e.label == "村(居)民委员会"]
    assert len(e.mentions) == 2 and {"村民委员会", "居民委员会"} <= set(e.aliases)
    assert len({(m.span.start, m.span.end) for m in e.mentions}) == 2


def test_quoted_core_and_its_named_form_merge(extract) -> None:
    names = labels(extract("推广“时间银行”,完善“时间银行”平台。"))
    assert len([n for n in names if "时间银行" in n]) == 1


def test_a_bare_name_joins_one_tailed_name_only(extract) -> None:
    names = labels(extract("健全社区协商机制。社区协商要规范。完善社区协商制度。推进社区协商。"))
    协商 = [e for n, e in names.items() if "协商" in n]
    assert len(协商) == 2  # the mechanism with the bare mentions, and the institution on its own
    assert any(len(e.mentions) == 3 for e in 协商) and any(e.label == "社区协商制度" for e in 协商)


def test_a_leading_place_merges_with_the_plain_name(extract) -> None:
    names = labels(extract("浙江省人民政府印发通知。完善浙江省养老服务体系。养老服务体系更加健全。"))
    assert len([n for n in names if n.endswith("养老服务体系")]) == 1


def test_name_and_its_bracketed_alternative_are_one(extract) -> None:
    names = labels(extract("发挥村规民约(居民公约)的作用。"))
    assert len([n for n in names if "公约" in n or "民约" in n]) == 1


@pytest.mark.parametrize(("name", "variants"), [
    ("村(居)民委员会", ["村民委员会", "居民委员会"]),
    ("乡镇(街道)党(工)委", ["乡镇党委", "街道党工委"]),
    ("党员中心户(楼栋长)", ["党员中心户", "楼栋长"]),
    ("社区综合服务设施", []),
])
def test_paren_variants(name: str, variants: list[str]) -> None:
    assert paren_variants(name) == variants


# -- the document's own policy and metadata --------------------------------------------------------------
def test_anaphora_resolves_to_the_document_policy(extract) -> None:
    ex = extract("安徽省民政厅关于加强社区工作者队伍建设的意见\n各市民政局:\n为加强队伍建设,现提出如下意见。"
                 "本意见自印发之日起施行。")
    (policy,) = [e for e in ex.entities if e.cls == "Policy"]
    assert policy.label == "安徽省民政厅关于加强社区工作者队伍建设的意见"
    assert len(policy.mentions) == 3 and "本意见" not in policy.aliases
    assert ("安徽省民政厅", "issues", policy.label) in {(r.subject[1], r.predicate, r.object[1]) for r in ex.relations}
    assert ex.document.meta.issuer == "安徽省民政厅" and ex.document.meta.jurisdiction == "安徽省"


def test_anaphora_without_a_document_policy_is_dropped(extract) -> None:
    assert not [e for e in extract("现将本方案印发给你们。").entities if e.cls == "Policy"]


def test_two_issuers_separated_by_a_space(extract) -> None:
    ex = extract("中共山西省委办公厅 山西省人民政府办公厅印发《关于加强基层治理的若干措施》的通知\n正文。")
    issuers = {r.subject[1] for r in ex.relations if r.predicate == "issues"}
    assert issuers == {"中共山西省委办公厅", "山西省人民政府办公厅"}
    assert ex.document.meta.issuer == "中共山西省委办公厅、山西省人民政府办公厅"


def test_given_metadata_is_kept(extract) -> None:
    ex = extract("某市民政局关于做好救助工作的通知\n正文。", jurisdiction="湖南省", issuer="某市民政局")
    assert ex.document.meta.jurisdiction == "湖南省" and ex.document.meta.issuer == "某市民政局"


def test_author_line_is_metadata(extract) -> None:
    ex = extract("基层治理要久久为功。\n(张某某,作者为省民政厅党组书记、厅长)", jurisdiction="河南省")
    rels = {(r.subject[1], r.predicate, r.object[1]) for r in ex.relations}
    assert ("张某某", "leads", "河南省民政厅") in rels


def test_quantities_measure_merged_entities(extract) -> None:
    ex = extract("全市登记社会组织1530家。社会组织活跃。", jurisdiction="深圳市")
    (q,) = ex.quantities
    assert q.measures == (("Actor", "社会组织"),) or q.measures == (("Actor", "登记社会组织"),)
    assert q.statement and q.sentence is not None and q.sentence.quote.startswith("全市")


# -- English labels in the graph -------------------------------------------------------------------------
def test_english_labels_only_from_the_lexicon(extract) -> None:
    from kg.rdf.build import build_graph
    from kg.rdf.iri import entity_iri

    ex = extract("推行网格化管理,建立“邻里议事厅”协商机制。")
    g = build_graph([ex])
    known = entity_iri("Mechanism", "网格化管理")
    assert Literal("grid-based management", lang="en") in set(g.objects(known, RDFS.label))
    new = next(entity_iri(*e.key) for e in ex.entities if "邻里议事厅" in e.label)
    assert not [o for o in g.objects(new, RDFS.label) if o.language == "en"]
    (note,) = g.objects(new, SKOS.editorialNote)
    assert "No English label" in str(note)


# -- the garbage collector --------------------------------------------------------------------------------
@pytest.mark.parametrize("enabled", [True, False])
def test_extraction_restores_the_garbage_collector(extract, enabled: bool) -> None:
    import gc

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert extract(TRADITIONAL).entities
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_extraction_leaves_no_cyclic_garbage(extract) -> None:
    """The collector is paused during an extraction: what it makes must be freed by reference counting."""
    import gc

    extract(TRADITIONAL)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        extract(TRADITIONAL)
        assert gc.collect() < 10  # (0 today)
    finally:
        if was:
            gc.enable()


def test_merge_joins_names_by_key_and_leaves_keyless_ones_apart() -> None:
    from kg.extract import _merge
    from kg.nlp.lexicon import load_default_lexicon

    def m(s: int, label: str, core: str = "Mechanism", **kw) -> dict:
        return {"s": s, "e": s + 2, "label": label, "aliases": frozenset(), "core": core, "cls": core,
                "source": "morphology", "nested": False, **kw}

    raw = [m(0, "网格化管理机制"), m(10, "“”"), m(20, "网格化管理机制"), m(30, "“”"), m(40, "网格化管理"),
           m(50, "网格化管理机制", core="Goal"), m(60, "网格化管理机制", aliases=frozenset({"某某机制"}))]
    groups = _merge(raw, load_default_lexicon(), "x" * 80, frozenset())
    assert [[r["s"] for r in g] for g in groups] == [[0, 20, 40, 60], [10], [30], [50]]
