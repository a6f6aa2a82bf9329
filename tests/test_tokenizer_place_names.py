"""Place names and offices the segmenter cut at the wrong place: jieba reads a township's last character and its
level as a word of its own (某 + 山乡, 某 + 山镇), its HMM glues a level to the character after the name
(某某 + 镇作 + 了), and it reads a division's end and a section's first character as a director (某某 + 处长 +
某科). The tokenizer cuts such words again in context; the levels, the ends of bodies' and sections' names and the
role heads are grammar data. Sentences written for these tests (simplified and traditional)."""

from __future__ import annotations

import dataclasses

import pytest

from kg.evaluate import normalise_name
from kg.ingest import normalise
from kg.nlp.lexicon import core_class, load_default_lexicon
from kg.pipeline import _nlp, extract_text


def _words(text: str, tokenizer=None) -> list[str]:
    return (tokenizer or _nlp().tokenizer).words(normalise(text)[0])


def _actors(text: str) -> dict[str, str]:
    return {normalise_name(e.label): e.cls for e in extract_text(text).entities if core_class(e.cls) == "Actor"}


@pytest.mark.parametrize(("text", "word", "wrong"), [
    ("花莲县秋山乡公所办理共餐服务。", "秋山乡", "山乡"),  # jieba: 秋 + 山乡 (a mountain village)
    ("某县春山乡公所受理申请。", "春山乡", "山乡"),
    ("某县夏山镇公所张贴公告。", "夏山镇", "山镇"),
    ("花蓮縣秋山鄉公所辦理共餐服務。", "秋山乡", "山乡"),
    ("轄區秋山鄉、春山鄉均已設站。", "秋山乡", "山乡"),  # after a break
])
def test_a_name_cut_inside_gets_its_last_character_back(text: str, word: str, wrong: str) -> None:
    words = _words(text)
    assert word in words, words
    assert wrong not in words, words


@pytest.mark.parametrize(("text", "word", "wrong"), [
    ("某区石坝镇作了经验介绍。", "石坝镇", "镇作"),  # the HMM: 石坝 + 镇作 + 了
    ("某县东坪乡作了表态发言。", "东坪乡", "乡作"),
    ("某县竹林村作了发言。", "竹林村", "村作"),
    ("某區石壩鎮作了發言。", "石坝镇", "镇作"),
])
def test_a_level_glued_to_the_word_after_the_name_goes_back(text: str, word: str, wrong: str) -> None:
    words = _words(text)
    assert word in words, words
    assert wrong not in words, words


@pytest.mark.parametrize(("text", "cut", "wrong"), [
    ("县政府社会处长乐科负责统筹。", ["处", "长乐", "科"], "处长"),
    ("縣政府社會處長青科負責統籌。", ["处", "长青", "科"], "处长"),
    ("市社会局长青科负责统筹。", ["局", "长青", "科"], "局长"),
    ("某市规划局长宁股负责受理。", ["局", "长宁", "股"], "局长"),
])
def test_a_director_read_across_a_division_and_its_section_is_cut(text: str, cut: list[str], wrong: str) -> None:
    words = _words(text)
    i = words.index(cut[0])
    assert words[i:i + 3] == cut, words
    assert wrong not in words, words


@pytest.mark.parametrize(("text", "word"), [
    ("干部要深入山乡，倾听群众呼声。", "山乡"),  # no lone character that opens a name before it
    ("工作队走进山乡。", "山乡"),
    ("他在山乡工作多年。", "山乡"),  # a preposition before it
    ("这是一个小山村。", "小山村"),
    ("处长讲话强调要抓好落实。", "处长"),  # no section after the title
    ("副处长参加会议。", "处长"),
    ("市人事处长出席会议。", "处长"),
    ("处长科长均应到会。", "处长"),
    ("全面推进乡村振兴。", "乡村振兴"),
    ("组织村民开展评议。", "村民"),
    ("镇长主持会议。", "镇长"),
    ("加强乡镇作风建设。", "乡镇"),  # a word of jieba's own, not a pair its HMM joined
    ("坚持党建引领，校社区共建共享。", "社区"),  # 区 ends a county's name: only levels below it take a character
    ("開展「校社區」共建活動。", "社区"),
    ("农户在田坎上议村事。", "村事"),  # the HMM's level + a noun: no name and its level
    ("资金用于镇村综治中心建设。", "镇村"),
    ("有的镇街统筹不够。", "镇街"),
    ("推动区镇两级联动。", "区镇"),
    ("就村道硬化征求意见。", "村道"),
])
def test_real_words_are_kept(text: str, word: str) -> None:
    assert word in _words(text), _words(text)


def test_a_verb_before_a_glued_level_does_not_become_a_name() -> None:
    words = _words("推动村作风建设。")
    assert "推动村" not in words, words


def test_the_lists_are_grammar_data() -> None:
    from kg.nlp.tokenizer import JiebaTokenizer

    lx = load_default_lexicon()
    assert {"镇", "乡", "村"} <= set(lx.word_lists["placeLevelsTown"])
    assert {"科", "股"} <= set(lx.word_lists["sectionEnds"])
    bare = dataclasses.replace(lx, word_lists={**lx.word_lists, "placeLevelsTown": (), "sectionEnds": ()})
    tokenizer = JiebaTokenizer(_nlp().vocab, bare)
    assert "山乡" in _words("某县春山乡公所受理申请。", tokenizer)
    assert "镇作" in _words("某区石坝镇作了经验介绍。", tokenizer)
    assert "处长" in _words("县政府社会处长乐科负责统筹。", tokenizer)


@pytest.mark.parametrize(("text", "place"), [
    ("花莲县秋山乡将扩大共餐服务。", "秋山乡"),
    ("某县春山鄉將擴大共餐服務。", "春山乡"),
    ("某区石坝镇作了经验介绍。", "石坝镇"),
    ("某县东坪乡作了表态发言。", "东坪乡"),
])
def test_the_place_is_found(text: str, place: str) -> None:
    actors = _actors(text)
    assert actors.get(place) == "Place", actors


@pytest.mark.parametrize(("text", "body", "wrong"), [
    ("省民政厅社会处长乐科负责统筹。", "省民政厅社会处", "乐科"),
    ("臺東縣政府社會處長青科負責統籌。", "台东县政府社会处", "青科"),
])
def test_the_division_is_found_and_the_section_is_no_person(text: str, body: str, wrong: str) -> None:
    actors = _actors(text)
    assert body in actors, actors
    assert wrong not in actors, actors
