"""Tokenizer and segmenter: tokens, sentences, clauses, headings and enumerated items."""

from __future__ import annotations

import pytest

from kg.ingest import normalise
from kg.nlp.segment import ENUMERATION, sentences
from kg.nlp.tokenizer import doc_text, doc_words


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp.pipeline import default_nlp

    return default_nlp()


def run(nlp, text: str):
    return nlp(normalise(text)[0])


def test_tokens_keep_names_and_numbers_whole(nlp) -> None:
    words = [t.text for t in nlp.make_doc("健全网格化管理机制,覆盖率达到97.5%,投入3.6亿元。")]
    assert "机制" in words or "网格化管理机制" in words
    assert "97.5" in words and "%" in words      # a decimal point stays inside its number
    assert "。" in words and "," in words
    assert "".join(words) == "健全网格化管理机制,覆盖率达到97.5%,投入3.6亿元。"


def test_tokenizer_keeps_text_and_offsets(nlp) -> None:
    text = "“互联网+政务服务”平台上线,热线12345-1接通。"
    doc = nlp.make_doc(text)
    words, offs = doc_words(doc)
    assert doc_text(doc) == doc.text == text
    assert words == [t.text for t in doc] and offs == [t.idx for t in doc]
    assert "+" in words and "“" in words and "”" in words


def test_sentences_end_at_stops_and_line_breaks(nlp) -> None:
    doc = run(nlp, "一、总体目标\n到2025年,基本建成服务体系。同时!加强保障?好\n末句")
    got = [doc.text[s.start_char:s.end_char] for s in sentences(doc)]
    assert got == ["一、总体目标\n", "到2025年,基本建成服务体系。", "同时!", "加强保障?", "好\n", "末句"]
    assert [s.text for s in doc.sents] == got


def test_clauses_split_at_commas_semicolons_and_colons(nlp) -> None:
    doc = run(nlp, "各市人民政府:现印发给你们,请认真贯彻;确保落实到位。")
    clauses = [c.text for c in doc.spans["clauses"]]
    assert clauses == ["各市人民政府:", "现印发给你们,", "请认真贯彻;", "确保落实到位。"]


def test_enumerated_list_items_are_not_clause_breaks(nlp) -> None:
    doc = run(nlp, "推进公共服务、便民服务、志愿服务融合发展。")
    assert len(doc.spans["clauses"]) == 1


def test_paragraph_heading_and_sub_heading(nlp) -> None:
    text = ("坚持系统观念推进改革。各地立足实际,统筹推进各项改革举措,形成一批制度成果。"
            "完善议事协商机制。各县(市、区)普遍建立村(居)民议事会,规范议事程序和内容。\n")
    doc = run(nlp, text)
    heads = {h.text: h.label_ for h in doc.spans["headings"]}
    assert heads == {"坚持系统观念推进改革。": "1", "完善议事协商机制。": "2"}


@pytest.mark.parametrize("marker", ["一、", "(二)", "3.", "第四,"])
def test_enumerated_item_heading(nlp, marker: str) -> None:
    doc = run(nlp, f"{marker}健全培育扶持机制。各地要建立孵化基地,到2025年实现全覆盖,形成长效工作格局。\n下一段。")
    heads = [(h.text, h.label_) for h in doc.spans["headings"]]
    assert heads == [(f"{marker}健全培育扶持机制。", "item")]
    assert ENUMERATION.match(marker)


def test_long_or_comma_sentences_are_not_headings(nlp) -> None:
    doc = run(nlp, "我们要坚持以人民为中心的发展思想,不断提升治理效能。后面还有更长的一句说明文字在这里展开。")
    assert list(doc.spans["headings"]) == []


def test_empty_text(nlp) -> None:
    doc = nlp("")
    assert list(doc.spans["clauses"]) == [] and sentences(doc) == []
