"""Places named in a chain (某市某镇某村, 某县某乡, 某区某街道某社区) whose names jieba does not know: right after a
place of a higher level, a short run of Han characters followed by a lower level names a place of that level; so
does each item of a list of that level (某某镇、某某镇和某某镇). Kinds of place (重点镇, 行政村, 城市社区) are no
name. The tokenizer cuts a level the segmenter glued to the next name (某某 + 镇某村) in such a chain. The levels and
the kinds are grammar data. Sentences written for these tests (simplified and traditional)."""

from __future__ import annotations

import dataclasses

import pytest

from kg.ingest import normalise
from kg.nlp.document import PlaceRecognizer
from kg.nlp.lexicon import load_default_lexicon
from kg.pipeline import _nlp, extract_text


def _places(text: str, nlp=None) -> set[str]:
    doc = (nlp or _nlp())(normalise(text)[0])
    return {s.text for s in doc.spans["candidates"] if s.label_ == "Place" and s.id_ != "deixis"}


def _words(text: str) -> list[str]:
    return _nlp().tokenizer.words(normalise(text)[0])


@pytest.mark.parametrize(("text", "places"), [
    # a name jieba tags as something else than a place, then its level as a token of its own
    ("义乌市佛堂镇推行村民说事制度。", {"佛堂镇"}),
    ("新化县水车镇正龙村成立村民理事会。", {"水车镇", "正龙村"}),
    ("江宁区秣陵街道元山社区组建网格员队伍。", {"元山社区"}),
    ("兰考县东坝头乡张庄村发展特色产业。", {"东坝头乡", "张庄村"}),  # 东 + 坝头 + 乡: a run of two words
    ("昆山市周庄镇祁浜村推行积分制管理。", {"祁浜村"}),
    # one token: a noun or a word jieba does not know, ending in the level
    ("南安市水头镇投入资金建设综合服务中心。", {"水头镇"}),
    ("枫桥镇枫源村坚持矛盾不上交。", {"枫源村"}),
    ("福鼎市磻溪镇赤溪村发展生态旅游。", {"赤溪村"}),
    # the HMM glued the name's last character to the level
    ("临安区太湖源镇开展调解工作。", {"太湖源镇"}),
    # traditional script
    ("台東縣池上鄉萬安村推動社區營造。", {"池上乡", "万安村"}),
    ("屏東縣三地門鄉德文村推動部落自治。", {"三地门乡", "德文村"}),
    ("宜蘭縣冬山鄉珍珠村推動社區營造。", {"珍珠村"}),
])
def test_a_place_in_a_chain_is_found(text: str, places: set[str]) -> None:
    got = _places(text)
    assert places <= got, got


@pytest.mark.parametrize(("text", "places"), [
    ("临安区太湖源镇、於潜镇和昌化镇联合成立调解委员会。", {"太湖源镇", "于潜镇", "昌化镇"}),
    ("麻城市龟山镇、盐田河镇和福田河镇建立联调机制。", {"龟山镇", "盐田河镇", "福田河镇"}),
    ("宁海县跃龙街道、桃源街道联合开展巡查。", {"跃龙街道", "桃源街道"}),
    ("寧鄉市花明樓鎮、灰湯鎮聯合舉辦農民運動會。", {"花明楼镇", "灰汤镇"}),
])
def test_each_item_of_a_list_of_the_same_level_is_found(text: str, places: set[str]) -> None:
    got = _places(text)
    assert places <= got, got


@pytest.mark.parametrize(("text", "wrong"), [
    ("全镇各村均建立村规民约，行政村和自然村实现全覆盖。", ""),
    ("德清县重点镇要发挥示范作用。", "重点镇"),
    ("枫桥镇中心村率先完成改造。", "中心村"),
    ("江宁区城市社区和农村社区同步推进。", "城市社区"),
    ("安吉县各乡镇要加强组织领导。", "各乡镇"),
    ("兰考县乡村振兴取得新成效。", "县乡"),
    ("象山县行政村实现全覆盖。", "行政村"),
    ("德清县特色小镇建设加快推进。", "特色小镇"),
    ("海淀区每个社区都配备专职网格员。", "每个社区"),
    ("临安区美丽乡村建设成效显著。", "美丽乡村"),
    ("江宁区镇村两级干部进村入户。", "镇村"),
    ("秣陵街道网格员进社区开展宣传。", "网格员进社区"),
    ("义乌市送法进村活动覆盖全市。", "送法进村"),
    ("石浦镇干部下村走访农户。", "干部下村"),
    ("义乌市三乡两镇率先试点。", "三乡两镇"),
    ("枫桥镇大力推进强村富民。", "强村"),
    ("鼓楼区各街道社区全部建立网格。", "街道社区"),
    ("枫桥镇有关村要抓好落实。", "有关村"),
    ("义乌市积极创建民主法治村。", "民主法治村"),
    ("宜蘭縣偏遠鄉鎮醫療資源不足。", "偏远乡镇"),
    ("社区居委会要推进老旧小区改造，村（社区）要全面落实。", ""),
])
def test_a_kind_of_place_or_a_phrase_is_no_place(text: str, wrong: str) -> None:
    got = _places(text)
    levels = ("镇", "乡", "村", "街道", "社区")
    # the sentence's one place is its first word (a place of the lexicon or jieba's); nothing else ends in a level
    assert not {p for p in got if p.endswith(levels) and not text.startswith(p)}, got
    if wrong:
        assert wrong not in got, got


@pytest.mark.parametrize(("text", "words", "wrong"), [
    ("安吉县天荒坪镇余村开展垃圾分类。", ["天荒坪", "镇", "余村"], "镇余村"),
    ("遵义市播州区枫香镇花茂村推进乡村振兴。", ["枫香", "镇", "花茂村"], "镇花茂村"),
    ("通州区宋庄镇小堡村发展文化产业。", ["宋庄", "镇", "小堡", "村"], "镇小堡"),
    ("晋江市金井镇围头村党支部组织党员巡逻。", ["金井镇", "围头村", "党支部"], "村党支部"),
])
def test_a_level_glued_to_the_next_name_is_cut_in_a_chain(text: str, words: list[str], wrong: str) -> None:
    got = _words(text)
    assert wrong not in got, got
    i = got.index(words[0])
    assert got[i:i + len(words)] == words, got


@pytest.mark.parametrize(("text", "word"), [
    ("金井镇和各村党支部联合开展活动。", "村党支部"),  # a conjunction and a pronoun: no name before the level
    ("石浦镇党委和村党支部联合开展活动。", "村党支部"),
    ("要求各村党支部书记带头。", "村党支部"),  # no place before
    ("金井镇组织村党支部开展活动。", "村党支部"),  # a verb of two characters: no name broken up
])
def test_the_level_stays_where_no_chain_demands_a_cut(text: str, word: str) -> None:
    got = _words(text)
    assert any(word in w for w in got) and not any(w == word[1:] for w in got), got


def test_the_villages_of_a_chain_are_found_after_the_cut() -> None:
    assert {"天荒坪镇", "花茂村", "枫香镇"} <= _places("安吉县天荒坪镇余村开展垃圾分类。") \
        | _places("遵义市播州区枫香镇花茂村推进乡村振兴。")
    assert "围头村" in _places("晋江市金井镇围头村党支部组织党员巡逻。")


@pytest.mark.parametrize(("text", "pairs"), [
    ("遵义市播州区枫香镇花茂村推进乡村振兴。", {("花茂村", "枫香镇"), ("枫香镇", "播州区")}),
    ("新化县水车镇正龙村成立村民理事会。", {("正龙村", "水车镇"), ("水车镇", "新化县")}),
    ("台東縣池上鄉萬安村推動社區營造。", {("万安村", "池上乡"), ("池上乡", "台东县")}),
])
def test_the_places_of_a_chain_are_located_in_each_other(text: str, pairs: set[tuple[str, str]]) -> None:
    got = {(r.subject[1], r.object[1]) for r in extract_text(text).relations if r.predicate == "locatedIn"}
    assert pairs <= got, got


def test_the_levels_and_the_kinds_are_grammar_data() -> None:
    lx = load_default_lexicon()
    assert {"镇", "乡", "街道", "苏木"} <= set(lx.word_lists["chainTownLevels"])
    assert {"村", "社区", "嘎查"} <= set(lx.word_lists["chainVillageLevels"])
    assert {"重点", "行政", "中心"} <= set(lx.word_lists["placeKindModifiers"])
    nlp = _nlp()
    text = "新化县水车镇正龙村成立村民理事会。"
    assert {"水车镇", "正龙村"} <= _places(text, nlp)
    bare = dataclasses.replace(lx, word_lists={**lx.word_lists, "chainTownLevels": (), "chainVillageLevels": ()})
    recognizer = PlaceRecognizer(bare)
    doc = nlp.make_doc(normalise(text)[0])
    recognizer(doc)
    got = {s.text for s in doc.spans["candidates"]}
    assert "水车镇" not in got and "正龙村" not in got, got
    # without the kinds, a kind of town right after a county reads as a town
    doc = nlp.make_doc("德清县重点镇要发挥示范作用。")
    PlaceRecognizer(lx)(doc)
    assert "重点镇" not in {s.text for s in doc.spans["candidates"]}
    loose = dataclasses.replace(lx, word_lists={**lx.word_lists, "placeKindModifiers": ()})
    doc = nlp.make_doc("德清县重点镇要发挥示范作用。")
    PlaceRecognizer(loose)(doc)
    assert "重点镇" in {s.text for s in doc.spans["candidates"]}


@pytest.mark.parametrize(("text", "places"), [
    ("新华区解放街道开展邻里节活动。", {"解放街道"}),  # 解放: a verb to jieba
    ("永城市前进乡复兴村发展特色种植。", {"前进乡", "复兴村"}),
    ("江宁区富强社区开展文明创建。", {"富强社区"}),
    ("新華區勝利街道開展鄰里節活動。", {"胜利街道"}),
])
def test_a_common_place_name_of_another_part_of_speech_names_a_place_in_a_chain(text: str, places: set[str]) -> None:
    got = _places(text)
    assert places <= got, got


@pytest.mark.parametrize("text", [
    "海淀区推进街道社区治理。",  # a verb that is no place name
    "兰考县团结村民共同致富。",  # the name word before a word that is no level
    "江宁区建设社区综合服务设施。",
])
def test_a_verb_before_a_level_is_no_name(text: str) -> None:
    got = _places(text)
    assert not {p for p in got if p.endswith(("街道", "社区", "村", "镇", "乡"))}, got


def test_the_place_name_words_are_grammar_data() -> None:
    lx = load_default_lexicon()
    assert {"胜利", "团结", "解放"} <= set(lx.word_lists["placeNameWords"])
    doc = _nlp().make_doc("新华区解放街道开展邻里节活动。")
    PlaceRecognizer(lx)(doc)
    assert "解放街道" in {s.text for s in doc.spans["candidates"]}
    bare = dataclasses.replace(lx, word_lists={**lx.word_lists, "placeNameWords": ()})
    doc = _nlp().make_doc("新华区解放街道开展邻里节活动。")
    PlaceRecognizer(bare)(doc)
    assert "解放街道" not in {s.text for s in doc.spans["candidates"]}


@pytest.mark.parametrize(("text", "place"), [
    ("臺北市大安區龍安里辦公處舉辦說明會。", "龙安里"),  # a ward: a proper name + 里
    ("臺中市西屯區何厝里推動社區營造。", "何厝里"),  # one word jieba does not know
])
def test_a_ward_of_taiwan_is_found_in_a_chain(text: str, place: str) -> None:
    got = _places(text)
    assert place in got, got


@pytest.mark.parametrize(("text", "wrong"), [
    ("江宁区公园里增设健身器材。", "公园里"),  # 里: inside
    ("鼓楼区街巷里开展环境整治。", "街巷里"),
    ("臺南市東區東門里辦理防災演練。", "东区东门里"),  # a place is no part of the next one's name
])
def test_inside_is_no_ward(text: str, wrong: str) -> None:
    got = _places(text)
    assert wrong not in got, got
