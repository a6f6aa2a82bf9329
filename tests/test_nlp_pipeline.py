"""The pipeline config: the default components, and a statistical NER plugged in through the bridge."""

from __future__ import annotations

from kg.nlp.pipeline import build_nlp, default_config_text

BRIDGED = """
[components.entity_ruler]
factory = "entity_ruler"

[components.govkg_ner_bridge]
factory = "govkg_ner_bridge"
label_map = {"ORG": "Organization", "LAW": "Policy"}
"""


def test_default_pipeline_components() -> None:
    from kg.nlp.pipeline import default_nlp

    assert default_nlp().pipe_names == [
        "govkg_segmenter", "govkg_document", "govkg_lexicon_ruler", "govkg_morphology", "govkg_quotes",
        "govkg_slogans", "govkg_persons", "govkg_places", "govkg_challenges", "govkg_resolver", "govkg_metrics",
        "govkg_relations"]


def test_a_ner_component_feeds_the_resolver_through_the_bridge(tmp_path) -> None:
    text = default_config_text().replace('"govkg_challenges", "govkg_resolver"',
                                         '"govkg_challenges", "entity_ruler", "govkg_ner_bridge", "govkg_resolver"')
    cfg = tmp_path / "bridged.cfg"
    cfg.write_text(text + BRIDGED, encoding="utf-8")
    nlp = build_nlp(cfg)
    assert nlp.pipe_names.index("govkg_ner_bridge") < nlp.pipe_names.index("govkg_resolver")
    # a stand-in for a trained NER: an entity ruler that knows one organisation and one law
    nlp.get_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "红星慈善会"},
                                               {"label": "LAW", "pattern": "志愿服务条例"}])
    doc = nlp("红星慈善会学习志愿服务条例。")
    ner = [(s.text, s.label_) for s in doc.spans["candidates"] if s.id_ == "ner"]
    assert ("志愿服务条例", "Policy") in ner
    assert {s.text: s.label_ for s in doc.spans["entities"]}.get("志愿服务条例") == "Policy"
