from decimal import Decimal

from lingji.domain.models import DetailLine, HistoryProject, Unit
from lingji.domain.rules.crosscheck import x01_duplicate_application
from tests.domain.rules.helpers import context, project

SHEETS = ("units", "projects", "detail_lines", "indicators", "history")
UNITS = [Unit("U1", "示例县公安局"), Unit("U2", "示例县民政局"), Unit("U3", "示例县教育局")]

CONTENT = (
    "一、项目概述\n按照年度工作安排，示例县公安局将防范电信诈骗作为全年工作重点。"
    "老年人识别新型诈骗手段的能力不足，受骗案件逐年增多。"
    "需通过多种渠道开展政策宣传，提高群众知晓率。\n"
    "二、主要内容\n1. 宣传折页印刷35,815份；\n2. 宣传展板制作153块；\n"
    "3. 新媒体宣传推广服务12个月；\n"
    "三、实施计划\n资金按进度分5月、11月两次拨付，年底前完成绩效自评。"
)
ITEMS = ("宣传折页印刷", "宣传展板制作", "新媒体宣传推广服务", "差旅费（赴乡镇督导）")


def _lines(code, amounts=("35815", "30600", "11500", "4650")):
    return [
        DetailLine(code, item, Decimal(amount), line_no=i)
        for i, (item, amount) in enumerate(zip(ITEMS, amounts, strict=True), start=1)
    ]


def _original(code="P1", unit_code="U1", **fields):
    fields.setdefault("name", "老年人防范电信诈骗宣传教育")
    fields.setdefault("content", CONTENT)
    fields.setdefault("continuing", "否")
    return project(code, requested="82565", unit_code=unit_code, lines=_lines(code), **fields)


def _copy(code="P2", unit_code="U2", unit_name="示例县民政局", **fields):
    """Another unit's copy: its own name put in, two sentences swapped, a word changed, other
    figures and amounts."""
    sentences = CONTENT.split("。")
    sentences[1], sentences[2] = sentences[2], sentences[1]
    content = (
        "。".join(sentences)
        .replace("示例县公安局", unit_name)
        .replace("开展", "组织开展")
        .replace("35,815", "33,180")
    )
    fields.setdefault("name", "老年人防范电信诈骗宣传教育活动")
    copy = project(
        code,
        requested="79860",
        unit_code=unit_code,
        content=content,
        continuing="否",
        lines=_lines(code, ("33180", "31800", "11500", "3380")),
        **fields,
    )
    return copy


def _meeting(code, unit_code, unit_name, duties, persons):
    """A routine meeting project from the bureau's template: same name pattern and outline,
    the unit's own business and figures."""
    return project(
        code,
        unit_code=unit_code,
        name=f"{unit_name}年度工作会议",
        continuing="是",
        content=(
            f"一、项目概述\n召开全系统年度工作会议，总结上年{duties[0]}工作，部署本年{duties[1]}任务。"
            f"会议邀请{duties[2]}参加，听取基层意见。\n"
            f"二、主要内容\n1. 会议费（三类会议）：{persons}人、1天；\n2. 会议材料印刷{persons}册；\n"
            f"三、实施计划\n{duties[3]}召开，会后一个月内完成经费结算。"
        ),
        lines=[
            DetailLine(code, "会议费（三类会议）", Decimal(persons * 550), line_no=1),
            DetailLine(code, "会议材料印刷", Decimal(persons * 30), line_no=2),
        ],
    )


def _run(*projects, history=(), sheets=SHEETS, **overrides):
    ctx = context(*projects, sheets=sheets, units=UNITS, history=list(history))
    params = dict(ctx.ruleset.params("X01"), **overrides)
    return x01_duplicate_application.check(ctx, params)


def _built(name="综合监管平台建设项目", year=2024, unit_code="U3", project_type="信息化建设"):
    return HistoryProject(
        year,
        f"XM{year}-901",
        name=name,
        unit_code=unit_code,
        project_type=project_type,
        budget=Decimal("4370000"),
    )


def _new_build(name="综合监管平台建设项目", **fields):
    fields.setdefault("continuing", "否")
    fields.setdefault("project_type", "信息化建设")
    return project("P9", requested="1091500", unit_code="U3", name=name, **fields)


def test_another_units_copy_with_reordered_sentences_and_a_changed_word_is_flagged_on_both_sides():
    result = _run(_original(), _copy())
    by_project = {f.project_code: f for f in result.findings}
    assert set(by_project) == {"P1", "P2"}
    finding = by_project["P1"]
    assert "示例县民政局（U2）的P2“老年人防范电信诈骗宣传教育活动”" in finding.message
    assert "语序不同" in finding.message
    assert "本项目“多种渠道开展政策”，对方为“多种渠道组织开展政策”" in finding.message
    assert "本项目申报82,565元，对方申报79,860元" in finding.message
    assert "示例县公安局（U1）的P1" in by_project["P2"].message


def test_changed_amounts_and_figures_do_not_hide_a_copy():
    (match,) = _run(_original(), _copy()).findings[0].evidence["same_year"]
    assert match["requested_amount"] == "79860"
    assert 0.8 <= match["similarity"] < 1


def test_the_evidence_holds_both_projects_their_similarity_and_the_thresholds():
    finding = next(f for f in _run(_original(), _copy()).findings if f.project_code == "P2")
    evidence = finding.evidence
    assert evidence["requested_amount"] == "79860"
    assert evidence["same_year"][0]["project_code"] == "P1"
    assert evidence["same_year"][0]["unit_name"] == "示例县公安局"
    assert evidence["same_year"][0]["reordered"] is True
    assert evidence["thresholds"]["min_similarity"] == 0.8
    assert finding.amount_excess == 0


def test_projects_sharing_a_template_name_and_outline_but_not_their_content_are_not_flagged():
    result = _run(
        _meeting("P1", "U1", "县公安局", ("治安防控", "平安建设", "各派出所所长", "3月"), 120),
        _meeting("P2", "U2", "县民政局", ("社会救助", "养老服务", "各乡镇民政办主任", "2月"), 80),
        _meeting("P3", "U3", "县教育局", ("教育教学", "双减落实", "各中小学校长", "8月"), 150),
    )
    assert result.findings == [] and result.checked == 3


def test_the_closest_duplicates_are_named_in_one_finding_per_project():
    copies = [_copy(f"P{i}", unit_code="U2") for i in range(2, 6)]
    result = _run(_original(), *copies, max_listed=2)
    assert len(result.findings) == 5
    finding = next(f for f in result.findings if f.project_code == "P1")
    assert "等4个项目" in finding.message
    assert finding.evidence["same_year_match_count"] == 4
    assert len(finding.evidence["same_year"]) == 2


def test_two_projects_of_one_unit_are_compared_unless_the_rule_set_leaves_them_out():
    pair = (_original(), _copy(unit_code="U1", unit_name="示例县公安局"))
    assert "与本单位的P2" in _run(*pair).findings[0].message
    assert _run(*pair, compare_same_unit=False).findings == []


def test_a_new_project_named_like_a_system_its_unit_built_in_an_earlier_year_is_flagged():
    (finding,) = _run(_new_build(), history=[_built()]).findings
    assert "本单位往年已安排过2024年的XM2024-901“综合监管平台建设项目”" in finding.message
    assert "预算4,370,000元，名称相同" in finding.message
    assert "本年再次申报1,091,500元" in finding.message
    assert finding.evidence["earlier_years"][0]["name_similarity"] == 1.0


def test_a_repeat_named_without_its_unit_or_the_word_project_is_the_same_name():
    (finding,) = _run(_new_build("县教育局综合监管平台建设"), history=[_built()]).findings
    assert "名称除单位名称、年份和“项目”等字样外相同" in finding.message


def test_a_repeat_with_one_character_changed_in_its_name_is_still_found():
    earlier = _built("县教育局农村中小学校饮用水水质检测设备购置", project_type=None)
    new = _new_build("农村中小学校饮用水水质监测设备购置", project_type="设备购置")
    (finding,) = _run(new, history=[earlier]).findings
    assert "名称相近，相似度" in finding.message


def test_a_continuing_project_matching_its_own_last_year_record_is_not_flagged():
    continuing = _new_build(continuing="是", prev_project_code="XM2026-901")
    history = [_built(year=2026), _built(year=2025)]
    assert _run(continuing, history=history).findings == []


def test_continuing_projects_are_compared_with_earlier_years_when_the_rule_set_says_so():
    continuing = _new_build(continuing="是", prev_project_code="XM2026-901")
    history = [_built(year=2026), _built(year=2024)]
    (finding,) = _run(continuing, history=history, compare_continuing_with_history=True).findings
    # its own last-year record (上年项目编码) is never a repeat; the 2024 one is
    assert [r["project_code"] for r in finding.evidence["earlier_years"]] == ["XM2024-901"]


def test_another_phase_another_project_type_or_another_units_project_is_no_repeat():
    assert _run(_new_build("综合监管平台二期建设"), history=[_built()]).findings == []
    maintenance = _new_build("综合监管平台", project_type="信息化运维")
    assert _run(maintenance, history=[_built("综合监管平台")]).findings == []
    assert _run(_new_build(), history=[_built(unit_code="U2")]).findings == []


def test_a_project_with_too_little_text_is_data_missing():
    result = _run(project("P1", unit_code="U1", name="会议费", content=None))
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and "少于规则集的30字" in skip.explanation
    assert result.checked == 0


def test_without_a_history_sheet_this_years_projects_are_still_compared():
    result = _run(_original(), _copy(), sheets=SHEETS[:-1], history=[_built()])
    assert len(result.findings) == 2
    assert [s.reason.value for s in result.skips] == ["数据缺失"]
    assert "历史执行" in result.skips[0].explanation
