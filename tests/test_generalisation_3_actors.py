"""Actors, third round: heads of other administrative vocabularies (…总署, …事务处, …议会, …法团, …机构,
…团体, …工会), roles (…负责人, …代表, …顾问, …队长, …议员), groups named by their situation (独居长者,
困难家庭, 老党员, 外卖配送员), and the boundaries of names (verbs jieba does not know as verbs, a location word,
a qualified measure word, a body founded by the clause's verb, 各 kept as an alias). Sentences are written for
these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _actors(text: str) -> set[str]:
    return {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == "Actor"}


def _actor_names(text: str) -> set[str]:
    """Labels and aliases of the actors of ``text``."""
    return {normalise_name(n) for e in extract_text(text).entities if core_class(e.cls) == "Actor"
            for n in (e.label, *e.aliases)}


@pytest.mark.parametrize(("text", "expected"), [
    ("该计划由康乐事务总署与湾仔民政事务处共同推行。", {"康乐事务总署", "湾仔民政事务处"}),
    ("該計劃由康樂事務總署與灣仔民政事務處共同推行。", {"康乐事务总署", "湾仔民政事务处"}),
    ("沙田区议会通过拨款,邀请区议员出席。", {"沙田区议会", "区议员"}),
    ("沙田區議會通過撥款,邀請區議員出席。", {"沙田区议会", "区议员"}),
    ("屋苑业主法团与地区团体合办讲座。", {"屋苑业主法团", "地区团体"}),
    ("屋苑業主法團與地區團體合辦講座。", {"屋苑业主法团", "地区团体"}),
    ("个案已转介志愿机构跟进。", {"志愿机构"}),
    ("個案已轉介志願機構跟進。", {"志愿机构"}),
    ("县职工总工会每年安排慰问资金。", {"县职工总工会"}),
])
def test_heads_of_other_administrative_vocabularies(text: str, expected: set[str]) -> None:
    found = _actors(text)
    assert expected <= found, found
    assert not any(a.startswith(("转介", "个案")) for a in found), found


@pytest.mark.parametrize(("text", "expected"), [
    ("物业公司负责人和居民代表参加了协商会。", {"物业公司负责人", "居民代表"}),
    ("物業公司負責人和居民代表參加了協商會。", {"物业公司负责人", "居民代表"}),
    ("每个村聘请一名法律顾问,红棉巡逻队队长负责排班。", {"法律顾问", "红棉巡逻队队长"}),
    ("每個村聘請一名法律顧問,紅棉巡邏隊隊長負責排班。", {"法律顾问", "红棉巡逻队队长"}),
])
def test_roles(text: str, expected: set[str]) -> None:
    assert expected <= _actors(text), _actors(text)


@pytest.mark.parametrize("text", [
    "街道设立业主委员会居民代表席位。",
    "街道設立業主委員會居民代表席位。",
])
def test_a_role_named_after_people_starts_with_them(text: str) -> None:
    found = _actors(text)
    assert "居民代表" in found, found
    assert "业主委员会居民代表" not in found, found


@pytest.mark.parametrize(("text", "expected"), [
    ("社工上门探访独居长者和困难家庭。", {"独居长者", "困难家庭"}),
    ("社工上門探訪獨居長者和困難家庭。", {"独居长者", "困难家庭"}),
    ("调解队吸纳老干部、老教师参与调解。", {"老干部", "老教师"}),
    ("調解隊吸納老幹部、老教師參與調解。", {"老干部", "老教师"}),
    ("工会向困难骑手和外卖配送员发放慰问品。", {"困难骑手", "外卖配送员"}),
    ("工會向困難騎手和外賣配送員發放慰問品。", {"困难骑手", "外卖配送员"}),
])
def test_groups_named_by_their_situation(text: str, expected: set[str]) -> None:
    assert expected <= _actors(text), _actors(text)


@pytest.mark.parametrize(("text", "bad", "good"), [
    ("救助资金惠及低保家庭3000户。", "惠及低保家庭", "低保家庭"),
    ("救助資金惠及低保家庭3000戶。", "惠及低保家庭", "低保家庭"),
    ("今年新建社区养老服务机构20家。", "新建社区养老服务机构", "社区养老服务机构"),
    ("區內長者人數持續增加。", "区内长者", "长者"),
    ("区内长者人数持续增加。", "区内长者", "长者"),
    ("很多长者不会使用手机。", "很多长者", "长者"),
    ("全年上门帮扶4600余户困难家庭。", "余户困难家庭", "困难家庭"),
    ("全年上門幫扶4600餘戶困難家庭。", "余户困难家庭", "困难家庭"),
])
def test_name_boundaries(text: str, bad: str, good: str) -> None:
    found = _actors(text)
    assert good in found and bad not in found, found


@pytest.mark.parametrize(("text", "expected"), [
    ("两部门分别牵头成立配送行业党委和物流行业党委。", "配送行业党委"),
    ("兩部門分別牽頭成立配送行業黨委和物流行業黨委。", "配送行业党委"),
])
def test_a_verb_after_a_founding_verb_names_the_body(text: str, expected: str) -> None:
    assert expected in _actors(text), _actors(text)


@pytest.mark.parametrize("text", [
    "核对低保家庭经济状况。",
    "健全居家社区机构相协调的养老服务体系。",
    "省政府各部门、各直属机构:",
])
def test_no_actor_from_a_modifier_or_a_generic_body(text: str) -> None:
    found = _actors(text)
    assert not {"低保家庭经济状况", "低保家庭", "居家社区机构", "直属机构"} & found, found


@pytest.mark.parametrize("text", [
    "各区人民政府负责组织实施。",
    "各區人民政府負責組織實施。",
])
def test_ge_form_kept_as_an_alias(text: str) -> None:
    assert "各区人民政府" in _actor_names(text), _actor_names(text)


def test_ge_form_not_added_without_ge() -> None:
    assert "各区人民政府" not in _actor_names("区人民政府负责组织实施。")


@pytest.mark.parametrize(("text", "expected"), [
    ("市直部门和县直部门要抓好落实。", {"市直部门", "县直部门"}),
    ("市直部門和縣直部門要抓好落實。", {"市直部门", "县直部门"}),
    ("成立由副市长任组长的工作专班,建成乡镇综治中心12个。", {"工作专班", "乡镇综治中心"}),
])
def test_bodies_of_the_lexicon(text: str, expected: set[str]) -> None:
    assert expected <= _actor_names(text), _actor_names(text)


def test_level_scopes_merge_with_the_bare_name() -> None:
    ex = extract_text("全县建成两级综治中心30个。推进镇村综治中心提档升级。")
    centres = [e for e in ex.entities if "综治中心" in e.label]
    assert len(centres) == 1, [(e.label, e.aliases) for e in centres]


@pytest.mark.parametrize("text", [
    "推广乡贤评理堂、老娘舅调解室等纠纷化解机构。",
    "推廣鄉賢評理堂、老娘舅調解室等糾紛化解機構。",
])
def test_the_kind_after_a_list_is_no_body(text: str) -> None:
    assert "纠纷化解机构" not in _actors(text), _actors(text)


def test_the_same_kind_standing_alone_is_a_body() -> None:
    assert "纠纷化解机构" in _actors("县里设立纠纷化解机构。"), _actors("县里设立纠纷化解机构。")


@pytest.mark.parametrize("text", [
    "县文化和旅游局会同县教育局开展活动。",
    "縣文化和旅遊局會同縣教育局開展活動。",
])
def test_two_fields_joined_inside_a_bureau_name(text: str) -> None:
    assert "县文化和旅游局" in _actors(text), _actors(text)


def test_two_bureaus_joined_stay_two() -> None:
    assert "市民政局和规划局" not in _actors("市民政局和规划局联合发文。")


@pytest.mark.parametrize("text", [
    "全县12个村(社区)党组织书记参加培训。",
    "全縣12個村（社區）黨組織書記參加培訓。",
])
def test_a_measure_word_glued_to_a_name_is_left_out(text: str) -> None:
    found = _actor_names(text)
    assert "村(社区)党组织书记" in found, found
    assert not any(a.startswith("个") for a in found), found


@pytest.mark.parametrize("text", [
    "镇党委书记李向东在会上表示,要压实责任。",
    "鎮黨委書記李向東在會上表示,要壓實責任。",
])
def test_a_name_after_a_title_before_a_preposition(text: str) -> None:
    assert "李向东" in _actors(text), _actors(text)


def test_no_person_without_a_name() -> None:
    ex = extract_text("镇党委书记在会上表示,要压实责任。")
    assert not [e.label for e in ex.entities if e.cls == "Person"]


@pytest.mark.parametrize(("text", "expected"), [
    ("会议在江口镇召开。", {"江口镇"}),
    ("會議在江口鎮召開。", {"江口镇"}),
    ("芙蓉区、鼓楼区率先试点。", {"芙蓉区", "鼓楼区"}),
    ("鼓樓區、芙蓉區率先試點。", {"芙蓉区", "鼓楼区"}),
    ("本文以杭州市西湖区为案例。", {"杭州市", "西湖区"}),
])
def test_places_of_other_levels_and_listed_places(text: str, expected: set[str]) -> None:
    assert expected <= _actor_names(text), _actor_names(text)


def test_a_noun_listed_with_a_place_is_no_place() -> None:
    assert "老旧小区" not in _actor_names("推动老旧小区、芙蓉区改造。")


@pytest.mark.parametrize("text", [
    "村民围坐在村委会门前商量。",
    "村民圍坐在村委會門前商量。",
])
def test_a_verb_with_zai_ends_a_name(text: str) -> None:
    found = _actor_names(text)
    assert "村民" in found and "村委会" in found, found
    assert not any("围坐" in a for a in found), found


@pytest.mark.parametrize("text", [
    "沙田区防治艾滋病委员会与沙田区防火委员会合办讲座。",
    "沙田區防治艾滋病委員會與沙田區防火委員會合辦講座。",
])
def test_a_body_named_after_its_task_right_after_its_place(text: str) -> None:
    assert "沙田区防治艾滋病委员会" in _actors(text), _actors(text)


@pytest.mark.parametrize(("text", "region"), [
    ("沙田区地区治理工作简报", "沙田区地区"),
    ("沙田區地區治理工作簡報", "沙田区地区"),
])
def test_a_district_before_diqu_is_no_region(text: str, region: str) -> None:
    found = _actor_names(text)
    assert "沙田区" in found and region not in found, found


def test_a_region_named_after_a_place_stays() -> None:
    assert "皖北地区" in _actor_names("皖北地区养老服务加快发展。")


@pytest.mark.parametrize("text", [
    "城西分区关爱队队长王刚表示,将加强探访。",
    "城西分區關愛隊隊長王剛表示,將加強探訪。",
])
def test_a_verb_and_a_one_character_noun_name_a_team(text: str) -> None:
    found = _actors(text)
    assert "城西分区关爱队队长" in found and "王刚" in found, found
    assert "队队长" not in found, found


def test_a_level_after_a_verb_is_not_taken_into_the_team() -> None:
    found = _actors("全县邀请区议员出席。")
    assert "区议员" in found and "邀请区议员" not in found, found


@pytest.mark.parametrize(("text", "region"), [
    ("武陵山片区和大别山区加快发展。", "武陵山片区"),
    ("武陵山片區和大別山區加快發展。", "武陵山片区"),
])
def test_regions_named_pianqu(text: str, region: str) -> None:
    assert region in _actor_names(text), _actor_names(text)


@pytest.mark.parametrize("text", [
    "基金会资助社区微心愿项目120个。",
    "基金會資助社區微心願項目120個。",
])
def test_zizhu_is_the_verb_before_a_programme(text: str) -> None:
    mechanisms = {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == "Mechanism"}
    assert "社区微心愿项目" in mechanisms and not any(m.startswith("资助") for m in mechanisms), mechanisms


@pytest.mark.parametrize("text", [
    "街道实施“骑手网格员”行动,效果明显。",
    "街道實施「騎手網格員」行動,效果明顯。",
])
def test_a_role_held_by_people_of_a_group_names_them(text: str) -> None:
    found = _actors(text)
    assert "骑手网格员" in found and "网格员" not in found, found


@pytest.mark.parametrize("text", [
    "王书记代表区委讲话。",
    "王書記代表區委講話。",
    "这些做法代表了基层治理的方向。",
])
def test_daibiao_used_as_a_verb_names_no_role(text: str) -> None:
    found = _actors(text)
    assert not any(a.endswith("代表") for a in found), found


def test_daibiao_of_people_is_a_role() -> None:
    found = _actors("业主代表列席会议。")
    assert "业主代表" in found, found


@pytest.mark.parametrize("text", [
    "邀请街道办事处代表、三个地区委员会代表出席。",
    "邀請街道辦事處代表、三個地區委員會代表出席。",
])
def test_the_delegates_of_a_body_name_the_body(text: str) -> None:
    found = _actor_names(text)
    assert "地区委员会" in found and "地区委员会代表" not in found, found


@pytest.mark.parametrize("text", [
    "区议会选举产生新一届议员。",
    "區議會選舉產生新一屆議員。",
])
def test_a_verb_jieba_tags_as_a_noun_and_a_term_count_end_a_name(text: str) -> None:
    found = _actors(text)
    assert "区议会" in found and not any("产生" in a or "一届" in a for a in found), found


@pytest.mark.parametrize("text", [
    "民政事務總署沙田民政事務處",
    "民政事务总署沙田民政事务处",
])
def test_a_parent_organ_before_a_place_and_its_office_is_a_name_of_its_own(text: str) -> None:
    found = _actors(text)
    assert {"民政事务总署", "沙田民政事务处"} <= found, found


def test_an_organ_and_its_department_stay_one() -> None:
    assert "区委组织部" in _actors("区委组织部牵头。")


@pytest.mark.parametrize("text", [
    "加强调解员培训。部分村调解员年龄偏大。",
    "加強調解員培訓。部分村調解員年齡偏大。",
])
def test_a_role_at_the_village_level_is_the_role_named_elsewhere(text: str) -> None:
    ex = extract_text(text)
    mediators = [e for e in ex.entities if normalise_name(e.label).endswith("调解员")]
    assert len(mediators) == 1, [(e.label, e.aliases) for e in mediators]


def test_village_level_alone_merges_nothing() -> None:
    ex = extract_text("村干部和干部群众一起参与。")
    assert {"村干部", "干部群众"} <= {normalise_name(e.label) for e in ex.entities}


@pytest.mark.parametrize("text", [
    "本报讯(记者 李晓红 通讯员 赵永刚)3月5日,全县召开推进会。",
    "本報訊(記者 李曉紅 通訊員 趙永剛)3月5日,全縣召開推進會。",
])
def test_persons_of_a_byline(text: str) -> None:
    persons = {normalise_name(e.label) for e in extract_text(text).entities if e.cls == "Person"}
    assert {"李晓红", "赵永刚"} <= persons, persons


def test_a_reporter_without_a_name_is_no_person() -> None:
    ex = extract_text("记者从市民政局获悉,全市养老服务加快发展。")
    assert not [e.label for e in ex.entities if e.cls == "Person"]


def test_a_kind_of_zone_listed_with_a_place_is_no_place() -> None:
    assert "开发区" not in _actor_names("开发区、芙蓉区加快建设。")
