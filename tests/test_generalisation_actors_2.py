"""Actors, second round: roles named by their task (…协理员, …调解员), teams behind a quoted name
(“某某”调解队, 「某某」志願服務隊), boards (…理事会, …理事), groups by occupation or stage of life (退休教师,
青年学生), units based in an area, an indefinite 某 between a place and a role, a word quoted inside an
utterance. Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _by_core(text: str, core: str) -> set[str]:
    return {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == core}


@pytest.mark.parametrize(("text", "actor"), [
    ("每个网格配备一名矛盾纠纷调解员。", "矛盾纠纷调解员"),
    ("每個網格配備一名矛盾糾紛調解員。", "矛盾纠纷调解员"),
    ("各村设立养老服务协理员,负责走访。", "养老服务协理员"),
    ("镇司法所指导组建“乡贤说事”调解队。", "乡贤说事调解队"),
    ("鎮司法所指導組建「鄉賢說事」調解隊。", "乡贤说事调解队"),
    ("社区成立“老兵”志愿服务队。", "老兵志愿服务队"),
    ("社区成立“暖心”工作室。", "暖心工作室"),
])
def test_roles_and_teams(text: str, actor: str) -> None:
    assert actor in _by_core(text, "Actor"), _by_core(text, "Actor")


@pytest.mark.parametrize("text", [
    "服务队由退休教师、党员与青年学生组成。",
    "服務隊由退休教師、黨員與青年學生組成。",
])
def test_groups_by_occupation_and_stage_of_life(text: str) -> None:
    assert {"退休教师", "党员", "青年学生"} <= _by_core(text, "Actor"), _by_core(text, "Actor")


def test_boards_and_their_members() -> None:
    found = _by_core("资助方案由社区基金会理事会审议,基金会理事参与评审。", "Actor")
    assert {"社区基金会理事会", "基金会理事"} <= found, found


def test_units_based_in_the_area() -> None:
    assert "驻区单位" in _by_core("居民代表与驻区单位共同参与协商。", "Actor")


@pytest.mark.parametrize("text", [
    "城关街道某社区党委书记王明表示,效果很好。",
    "城關街道某社區黨委書記王明表示,效果很好。",
])
def test_an_indefinite_mou_splits_the_place_from_the_role(text: str) -> None:
    found = _by_core(text, "Actor")
    assert "城关街道" in found, found
    assert not any("某" in a for a in found), found


@pytest.mark.parametrize("text", [
    "一位书记说:“平台让大家从“看客”变成“主人”,事情好办多了。”",
    "一位書記說:「平台讓大家從『看客』變成『主人』,事情好辦多了。」",
])
def test_words_quoted_inside_an_utterance_are_no_names(text: str) -> None:
    names = _by_core(text, "Mechanism") | _by_core(text, "Goal") | _by_core(text, "Actor")
    assert not {"看客", "主人"} & names, names


@pytest.mark.parametrize("text", [
    "三、以“乡贤说事”化解纠纷。镇里组建“乡贤说事”调解队12支,调解成功率97.1%。\n",
    "三、以「鄉賢說事」化解糾紛。鎮裡組建「鄉賢說事」調解隊12支,調解成功率97.1%。\n",
])
def test_a_quoted_name_standing_alone_is_the_team_it_names(text: str) -> None:
    ex = extract_text(text)
    teams = [e for e in ex.entities if "乡贤说事" in normalise_name(e.label)]
    assert len(teams) == 1 and core_class(teams[0].cls) == "Actor", [(e.label, e.cls) for e in teams]
    assert "乡贤说事" in {normalise_name(a) for a in teams[0].aliases}, teams[0].aliases


@pytest.mark.parametrize("text", [
    "吸纳老党员、退休干部和“政策明白人”300名。",
    "吸納老黨員、退休幹部和「政策明白人」300名。",
])
def test_a_quote_listed_after_kinds_of_people_is_one_more(text: str) -> None:
    assert "政策明白人" in _by_core(text, "Actor"), _by_core(text, "Actor")


def test_a_quote_after_an_actor_and_before_a_head_stays_a_mechanism() -> None:
    found = _by_core("依托县综治中心和“夜话”议事机制收集诉求。", "Mechanism")
    assert any("夜话" in m for m in found), found


@pytest.mark.parametrize("text", ["市民政局会同市审计局开展专项检查。", "市民政局會同市審計局開展專項檢查。"])
def test_a_bureau_named_after_a_level_word(text: str) -> None:
    assert {"市审计局", "市民政局"} <= {a[-4:] for a in _by_core(text, "Actor")}, _by_core(text, "Actor")


@pytest.mark.parametrize("text", ["各县、区人民政府要落实属地责任。", "各縣、區人民政府要落實屬地責任。"])
def test_levels_sharing_an_organ_are_one_actor(text: str) -> None:
    assert "县、区人民政府" in _by_core(text, "Actor"), _by_core(text, "Actor")


def test_a_group_and_its_body_are_one_actor() -> None:
    ex = extract_text("加强社区工作者队伍建设,每名社区工作者每年培训一次。")
    names = [normalise_name(e.label) for e in ex.entities if core_class(e.cls) == "Actor"]
    assert len(names) == 1 and names[0] in ("社区工作者", "社区工作者队伍"), names


def test_each_and_a_measure_word_stay_out_of_a_name() -> None:
    assert "社区工作者" in _by_core("每名社区工作者每年培训一次。", "Actor")
