"""Class rules added for the fifth blind set: quoted names with a plain noun after them, documents named across
the verbs inside them, uniform systems, rating schemes, coordinated verbs before a head, names sharing a quote,
slogans and aims, and cues of weakness. Every sentence is invented; simplified and traditional forms, and a case
where the rule must not fire."""

from __future__ import annotations

import pytest
from sentences import entities as _ents
from sentences import labels as _labels
from sentences import names as _names

from kg.pipeline import extract_text

# -- a verb with its subject before a quoted name ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("该市在老城片区试行“一楼一议”协商模式,效果良好。", "“一楼一议”协商模式"),
    ("該市在老城片區試行「一樓一議」協商模式,效果良好。", "“一楼一议”协商模式"),  # traditional
    ("该县在山区片区推广“邻里守望”互助机制。", "“邻里守望”互助机制"),
])
def test_a_verb_with_its_subject_before_a_quote_is_not_part_of_the_name(text: str, name: str) -> None:
    mechs = _labels(text, "Mechanism")
    assert name in mechs, mechs


def test_a_name_without_a_verb_before_its_quote_keeps_its_modifier() -> None:
    assert "社区议事“三步走”工作机制" in _labels("完善社区议事“三步走”工作机制。", "Mechanism")


@pytest.mark.parametrize("text", [
    "街道推行“一户一社工”跟进模式,为困难家庭配对社工。",
    "街道推行「一戶一社工」跟進模式,為困難家庭配對社工。",
])
def test_a_distributive_rule_is_no_group_of_people(text: str) -> None:
    actors = _labels(text, "Actor")
    assert not any(a.startswith("一户") for a in actors), actors


# -- a quoted word closed by a service noun ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("社区组织志愿者开展“暖心”服务。", "“暖心”服务"),
    ("社區組織志願者開展「暖心」服務。", "“暖心”服务"),  # traditional, a quote of two characters
    ("为独居老人提供“上门理发”服务,全年服务300人次。", "“上门理发”服务"),
])
def test_a_quote_closed_by_a_service_noun_is_one_practice(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


def test_a_quote_before_a_service_noun_that_goes_on_is_not_closed_by_it() -> None:
    assert not any(m.endswith("服务") for m in _labels("提升“暖心”服务水平。", "Mechanism"))


# -- documents made by a verb of issuing, with verbs inside their names -------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("建议市民政局制定“幸福食堂”服务设施统筹配建办法。", "“幸福食堂”服务设施统筹配建办法"),
    ("建議市民政局制定「幸福食堂」服務設施統籌配建辦法。", "“幸福食堂”服务设施统筹配建办法"),  # traditional
    ("县民政局牵头制定养老服务设施统筹配建管理办法。", "养老服务设施统筹配建管理办法"),
])
def test_what_a_verb_of_issuing_makes_is_one_document_across_the_verbs_inside(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


def test_a_document_on_a_quoted_practice_is_not_the_practice() -> None:
    text = "推广“幸福食堂”。建议制定“幸福食堂”服务设施统筹配建办法。"
    labels = _labels(text, "Mechanism")
    assert "“幸福食堂”服务设施统筹配建办法" in labels and ("幸福食堂" in labels or "“幸福食堂”" in labels), labels


def test_no_document_is_named_across_punctuation_before_the_verb_of_issuing() -> None:
    assert not any("统筹" in m for m in _labels("各地制定方案,统筹推进办法落实。", "Mechanism"))


# -- names sharing a quote ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "推广“积分超市”志愿服务。建立全县统一的“积分超市”积分兑换机制。",
    "推廣「積分超市」志願服務。建立全縣統一的「積分超市」積分兌換機制。",
])
def test_two_names_of_different_kinds_sharing_a_quote_are_two_entities(text: str) -> None:
    mechs = _names(text, "Mechanism")
    assert "“积分超市”志愿服务" in mechs and "“积分超市”积分兑换机制" in mechs, mechs
    assert len(_labels(text, "Mechanism")) == 2, _labels(text, "Mechanism")


@pytest.mark.parametrize("text", [
    "全县建立党建“三联三帮”机制。推动党建“三联三帮”体系与网格治理深度融合。",
    "全縣建立黨建「三聯三幫」機制。推動黨建「三聯三幫」體系與網格治理深度融合。",
])
def test_one_quoted_name_with_two_generic_tails_is_one_entity(text: str) -> None:
    # 机制 and 体系 after the quote name no kind of their own: the same system, written two ways
    assert len(_labels(text, "Mechanism")) == 1, _labels(text, "Mechanism")


def test_a_quoted_platform_and_its_bare_quote_stay_one() -> None:
    text = "依托“邻里通”平台受理诉求。“邻里通”上线以来,好评不断。"
    assert len(_labels(text, "Mechanism")) == 1, _labels(text, "Mechanism")


# -- uniform systems and coordinated verbs before a head ---------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "short"), [
    ("依托政务平台建设全省统一的社区治理数字底座。", "全省统一的社区治理数字底座", "社区治理数字底座"),
    ("依託政務平台建設全省統一的社區治理數字底座。", "全省统一的社区治理数字底座", "社区治理数字底座"),  # traditional
    ("建立全市统一的网格员选聘和退出机制。", "全市统一的网格员选聘和退出机制", "网格员选聘和退出机制"),
])
def test_a_uniform_system_is_named_without_its_scope_and_with_it(text: str, name: str, short: str) -> None:
    names = _names(text, "Mechanism")
    assert short in _labels(text, "Mechanism") and name in names, names


def test_a_uniform_standard_without_a_head_names_nothing() -> None:
    assert not _labels("执行全市统一的标准。", "Mechanism")


@pytest.mark.parametrize(("text", "name"), [
    ("健全社区工作者招聘与退出机制。", "社区工作者招聘与退出机制"),
    ("健全社區工作者招聘與退出機制。", "社区工作者招聘与退出机制"),  # traditional
])
def test_two_verbs_sharing_a_bare_head_are_one_name(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


# -- platform sections and rating schemes ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("在政务App增设“社区事务”专区,方便居民反映问题。", "“社区事务”专区"),
    ("在政務App增設「社區事務」專區,方便居民反映問題。", "“社区事务”专区"),  # traditional
])
def test_a_section_of_a_platform_is_a_platform(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)
    assert "社区事务" not in _labels(text, "Mechanism")


@pytest.mark.parametrize(("text", "name"), [
    ("某区开展楼栋长星级评定,评出优秀楼栋长50名。", "楼栋长星级评定"),
    ("某區開展樓棟長星級評定,評出優秀樓棟長50名。", "楼栋长星级评定"),  # traditional
])
def test_a_rating_of_named_people_is_a_scheme(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


def test_a_kind_of_rating_alone_names_no_scheme() -> None:
    assert not any("评定" in m for m in _labels("每年对物业企业开展星级评定。", "Mechanism"))


# -- aims: values held to, systems described by qualities, qualities of a place ----------------------------------

@pytest.mark.parametrize(("text", "goal"), [
    ("市政府将坚持“以民为本、共治共享”,推进各项工作。", "以民为本、共治共享"),
    ("市政府將堅持「以民為本、共治共享」,推進各項工作。", "以民为本、共治共享"),  # traditional
    ("我们始终秉持“公开透明、协商共治”。", "公开透明、协商共治"),
])
def test_a_quoted_list_of_values_after_a_verb_of_principle_is_an_aim(text: str, goal: str) -> None:
    assert goal in _labels(text, "Goal"), _ents(text)
    assert goal not in _labels(text, "Mechanism")


def test_a_quoted_working_rule_with_actors_after_a_verb_of_principle_stays_a_measure() -> None:
    text = "坚持“街道吹哨、部门报到”,推动力量下沉。"
    assert "街道吹哨、部门报到" in _labels(text, "Mechanism"), _ents(text)
    assert not _labels(text, "Goal")


@pytest.mark.parametrize(("text", "goal"), [
    ("构建“便捷、高效、温馨”的社区养老服务体系。", "“便捷、高效、温馨”的社区养老服务体系"),
    ("構建「便捷、高效、溫馨」的社區養老服務體系。", "“便捷、高效、温馨”的社区养老服务体系"),  # traditional
])
def test_a_system_described_by_quoted_qualities_after_a_goal_verb_is_an_aim(text: str, goal: str) -> None:
    assert goal in _labels(text, "Goal"), _ents(text)


def test_a_mechanism_described_by_a_quoted_list_of_steps_stays_a_measure() -> None:
    text = "建立“发现、上报、处置”的闭环工作机制。"
    assert "“发现、上报、处置”的闭环工作机制" in _labels(text, "Mechanism"), _ents(text)
    assert not _labels(text, "Goal")


@pytest.mark.parametrize(("text", "goal"), [
    ("全市上下致力建设更加和谐宜居的杭州。", "和谐宜居的杭州"),
    ("全市上下致力建設更加和諧宜居的杭州。", "和谐宜居的杭州"),  # traditional
    ("奋力建设美好宜居的绍兴。", "美好宜居的绍兴"),
])
def test_qualities_joined_by_de_to_a_place_are_one_aim(text: str, goal: str) -> None:
    assert goal in _labels(text, "Goal"), _ents(text)


def test_a_quality_before_de_and_a_plain_noun_is_no_aim() -> None:
    assert not _labels("营造和谐的邻里氛围。", "Goal")


@pytest.mark.parametrize("text", [
    "该社区先后获评某州“民族团结示范社区”和某省“幸福社区”建设试点。",
    "該社區先後獲評某州「民族團結示範社區」。",
])
def test_a_quoted_honour_after_a_verb_of_honour_is_no_measure_or_aim(text: str) -> None:
    ents = _ents(text)
    assert not any("示范社区" in label or label == "幸福社区" for c, label in ents if c in ("Mechanism", "Goal")), ents


def test_a_quoted_programme_without_a_verb_of_honour_is_named() -> None:
    assert any("邻里守望" in m for m in _labels("推行“邻里守望”做法。", "Mechanism"))


def test_an_aim_inside_a_campaign_pilot_is_not_an_aim_of_its_own() -> None:
    text = "某省“幸福社区”建设试点名单公布。"
    assert "幸福社区" not in _labels(text, "Goal"), _ents(text)


# -- indicators, programmes of a year, pilots, predicates --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "建议将“服务人次”“诉求办结率”等纳入量化指标。",
    "建議將「服務人次」「訴求辦結率」等納入量化指標。",
])
def test_quoted_names_of_indicators_are_no_measures(text: str) -> None:
    assert not _labels(text, "Mechanism"), _ents(text)


@pytest.mark.parametrize(("text", "name"), [
    ("对2025年度养老服务专项资金开展绩效评价。", "2025年度养老服务专项资金"),
    ("對2025年度養老服務專項資金開展績效評價。", "2025年度养老服务专项资金"),  # traditional
    ("2024年度社区治理补助资金已全部拨付。", "2024年度社区治理补助资金"),
])
def test_a_fund_named_with_its_year_is_a_programme(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


def test_a_year_before_a_bare_fund_noun_names_nothing() -> None:
    assert not _labels("评价结果与2026年度资金分配挂钩。", "Mechanism")


@pytest.mark.parametrize(("text", "name"), [
    ("在两个市开展“候鸟”老人融入社区试点。", "“候鸟”老人融入社区试点"),
    ("在兩個市開展「候鳥」老人融入社區試點。", "“候鸟”老人融入社区试点"),  # traditional
    ("在全市开展外来务工人员融入社区试点。", "外来务工人员融入社区试点"),
])
def test_a_pilot_is_named_with_all_its_launching_verb_governs(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


def test_a_pilot_named_alone_after_its_launching_verb_names_nothing() -> None:
    assert not any("试点" in m for m in _labels("各地开展试点,总结经验。", "Mechanism"))


@pytest.mark.parametrize(("text", "name"), [
    ("全年新建和改造社区综合服务站14个。", "社区综合服务站"),
    ("全年新建和改造社區綜合服務站14個。", "社区综合服务站"),  # traditional
])
def test_the_second_of_two_coordinated_verbs_is_no_part_of_the_name(text: str, name: str) -> None:
    labels = _labels(text, "Mechanism")
    assert name in labels and not any(m.startswith("改造") for m in labels), labels


@pytest.mark.parametrize("text", ["(四)加强培训赋能。", "(四)加強培訓賦能。"])
def test_a_verb_after_an_enumeration_marker_is_the_predicate(text: str) -> None:
    assert not any("加强" in m for m in _labels(text, "Mechanism")), _ents(text)


def test_an_enumerated_line_still_names_its_mechanism() -> None:
    assert "激励机制" in _labels("(二)完善激励机制。", "Mechanism")


# -- weaknesses --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "weakness"), [
    ("一是考核指标设置不够细化,二是群众反映问题的渠道不够畅通。", "考核指标设置不够细化"),
    ("一是考核指标设置不够细化,二是群众反映问题的渠道不够畅通。", "群众反映问题的渠道不够畅通"),
    ("一是考核指標設置不夠細化,二是群眾反映問題的渠道不夠暢通。", "群众反映问题的渠道不够畅通"),  # traditional
    ("三是某县3个养老服务中心项目未按期完工,资金管理不够规范。", "某县3个养老服务中心项目未按期完工"),
    ("三是某县3个养老服务中心项目未按期完工,资金管理不够规范。", "资金管理不够规范"),
    ("当前部分社区职责边界不清。", "部分社区职责边界不清"),
    ("社区常住人口多、工作人手少。", "工作人手少"),
    ("社區常住人口多、工作人手少。", "工作人手少"),  # traditional
    ("当前仍有一些短板:偏远乡镇养老设施历史欠账较多,服务能力不强。", "偏远乡镇养老设施历史欠账较多"),
])
def test_new_cues_of_weakness_close_a_clause(text: str, weakness: str) -> None:
    assert weakness in _labels(text, "Challenge"), _labels(text, "Challenge")


def test_a_clause_announcing_weaknesses_with_a_colon_is_none() -> None:
    text = "当前仍有一些短板:偏远乡镇养老设施历史欠账较多。"
    assert not any("短板" in c for c in _labels(text, "Challenge")), _labels(text, "Challenge")


@pytest.mark.parametrize(("text", "weakness"), [
    ("一是部分考核指标只有定性表述。", "部分考核指标只有定性表述"),
    ("一些社区仍停留在台账管理层面。", "一些社区仍停留在台账管理层面"),
    ("一是部分考核指標只有定性表述。", "部分考核指标只有定性表述"),  # traditional
])
def test_a_part_restricted_to_something_is_a_weakness(text: str, weakness: str) -> None:
    assert weakness in _labels(text, "Challenge"), _labels(text, "Challenge")


@pytest.mark.parametrize(("text", "weakness"), [
    ("一些部门把报表填报等任务层层下压给网格员。", "一些部门把报表填报等任务层层下压给网格员"),
    ("一些部門把報表填報等任務層層下壓給網格員。", "一些部门把报表填报等任务层层下压给网格员"),  # traditional
    ("个别街道将考核任务层层加码。", "个别街道将考核任务层层加码"),
])
def test_tasks_pushed_down_the_levels_are_a_weakness(text: str, weakness: str) -> None:
    assert weakness in _labels(text, "Challenge"), _labels(text, "Challenge")


@pytest.mark.parametrize(("text", "weakness"), [
    ("部分旧区楼宇老化、缺乏管理机构。", "缺乏管理机构"),
    ("部分舊區樓宇老化、缺乏管理機構。", "缺乏管理机构"),  # traditional
])
def test_a_later_item_opening_with_a_verb_of_lack_is_a_weakness(text: str, weakness: str) -> None:
    assert weakness in _labels(text, "Challenge"), _ents(text)
    assert weakness not in _labels(text, "Actor")


@pytest.mark.parametrize("text", [
    "严禁层层加码,防止把任务层层转嫁给社区。",  # a rule preventing it
    "只有坚持党的领导,部分工作才能落实。",  # the conditional 只有……才
    "社区居民不断增加,每个社区不少于2名社工。",  # 不断, 不少于
    "对未按期完工的项目予以约谈。",  # a schedule missed as a condition, not a clause's end
    "确保资金不够时及时补足。",
    "缺乏经验的新人需加强培训。",  # a verb of lack opening a clause that is no list item
])
def test_near_cues_that_state_no_weakness(text: str) -> None:
    assert not _labels(text, "Challenge"), _labels(text, "Challenge")


def test_a_figure_inside_a_weakness_measures_the_place_named_in_it() -> None:
    ex = extract_text("三是城北区2个服务站项目未按期完工。")
    q = [q for q in ex.quantities if q.value == 2]
    assert q and any("城北区" in label for _, label in q[0].measures), [x.measures for x in q]


# -- motions, nouns the tagger takes for adverbs, titles sharing a quote -----------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("政协某市委员会提案\n案由:关于加强“网格员”队伍建设、提升基层治理效能的提案\n提案人:某党派市委会\n",
     "关于加强“网格员”队伍建设、提升基层治理效能的提案"),
    ("政協某市委員會提案\n案由:關於加強「網格員」隊伍建設、提升基層治理效能的提案\n提案人:某黨派市委會\n",
     "关于加强“网格员”队伍建设、提升基层治理效能的提案"),  # traditional
    ("关于完善农村养老服务体系的议案\n", "关于完善农村养老服务体系的议案"),
])
def test_a_line_titling_a_motion_is_the_document(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


def test_a_motion_mentioned_inside_a_sentence_is_no_title() -> None:
    assert not any("提案" in m for m in _labels("委员们提交了关于加强社区建设的提案,共计12件。", "Mechanism"))


def test_a_quoted_system_is_not_merged_into_a_motion_naming_its_role() -> None:
    text = "案由:关于加强“网格员”队伍建设的提案\n近年来,我市依托“网格员”制度推进治理。"
    labels = _labels(text, "Mechanism")
    assert "“网格员”制度" in labels and "关于加强“网格员”队伍建设的提案" in labels, labels


@pytest.mark.parametrize(("text", "name"), [
    ("建议各区建立项目进度月报制度。", "项目进度月报制度"),
    ("建議各區建立項目進度月報制度。", "项目进度月报制度"),  # traditional
    ("建立工程进度周报制度。", "工程进度周报制度"),
])
def test_a_noun_tagged_as_an_adverb_inside_a_founded_system_is_part_of_its_name(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


def test_a_real_adverb_before_a_founded_system_stays_out() -> None:
    assert "月报制度" in _labels("建立并完善月报制度。", "Mechanism")


@pytest.mark.parametrize(("text", "short"), [
    ("该社区获评吉林省“幸福社区”建设试点。", "“幸福社区”建设试点"),
    ("該社區獲評吉林省「幸福社區」建設試點。", "“幸福社区”建设试点"),  # traditional
])
def test_a_quoted_name_opened_by_a_place_is_also_named_without_it(text: str, short: str) -> None:
    assert short in _names(text, "Mechanism"), _names(text, "Mechanism")


def test_a_quoted_name_opened_by_no_place_keeps_its_words() -> None:
    names = _names("推行网格“红色管家”服务模式。", "Mechanism")
    assert "“红色管家”服务模式" not in names or "网格“红色管家”服务模式" not in names, names


def test_a_neutral_observation_of_difference_is_no_weakness() -> None:
    assert not _labels("各地做法不尽相同。", "Challenge")
