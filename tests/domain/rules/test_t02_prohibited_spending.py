from decimal import Decimal

from lingji.domain.findings import Severity
from lingji.domain.models import DetailLine, PolicyDocument, Unit
from lingji.domain.rules.thematic import t02_prohibited_spending
from tests.domain.rules.helpers import context, project

D = Decimal
WITH_POLICIES = ("units", "projects", "detail_lines", "indicators", "policy_documents")
APPROVAL = PolicyDocument("澜溪府函〔2026〕12号", "澜溪县人民政府关于同意举办建县60周年庆祝活动的批复",
                          status="有效")  # fmt: skip
WORK_PLAN = PolicyDocument("澜溪文旅发〔2025〕3号", "澜溪县文化旅游工作方案", status="有效")


def _line(name, amount, line_no, econ="30227", basis=None):
    return DetailLine("P1", name, D(amount), line_no=line_no, econ_code=econ, basis=basis)


def _gala(**fields):
    lines = [_line("庆典晚会舞台搭建及灯光音响服务", "380000", 1),
             _line("文艺演出服务", "450000", 2), _line("晚会宣传品制作", "30000", 3, "30202")]  # fmt: skip
    return project("P1", name="建县60周年庆典文艺晚会", requested="860000", lines=lines, **fields)


def _run(*projects, documents=(APPROVAL, WORK_PLAN), vehicles=3):
    unit = Unit("U1", "县人民政府办公室", vehicles=vehicles)
    ctx = context(*projects, units=[unit], policy_documents=list(documents), sheets=WITH_POLICIES)
    return t02_prohibited_spending.check(ctx, ctx.ruleset.params("T02"))


def test_a_gala_without_approval_blocks_the_whole_project():
    (finding,) = _run(_gala(policy_refs="澜溪文旅发〔2025〕3号")).findings
    assert finding.severity is Severity.BLOCKER and finding.line_no is None
    assert finding.amount_excess == D("860000")
    assert finding.message == (
        "项目名称“建县60周年庆典文艺晚会”含“庆典”；明细第1行“庆典晚会舞台搭建及灯光音响服务”"
        "（380,000元，庆典）、第3行“晚会宣传品制作”（30,000元，晚会），属庆典、节会、论坛、晚会等"
        "活动，政策依据未引用审批文件，整个项目涉及860,000元（依据《党政机关厉行节约反对浪费条例》）"
    )
    assert finding.evidence["kind"] == "庆典节会论坛晚会"
    assert finding.policy_refs == ("《党政机关厉行节约反对浪费条例》",)


def test_a_gala_citing_an_approval_in_the_policy_library_is_not_reported():
    result = _run(_gala(policy_refs="根据澜溪府函〔2026〕12号"))
    assert result.findings == []
    (skip,) = result.skips
    assert skip.reason.value == "不适用"
    assert "澜溪府函〔2026〕12号《澜溪县人民政府关于同意举办建县60周年庆祝活动的批复》" in (
        skip.explanation
    )


def test_an_approval_that_was_abolished_approves_nothing():
    abolished = PolicyDocument(APPROVAL.doc_no, APPROVAL.title, status="废止")
    result = _run(_gala(policy_refs=APPROVAL.doc_no), documents=(abolished,))
    assert len(result.findings) == 1


def test_an_office_building_extension_is_reported_even_with_an_approval():
    lines = [_line("业务用房主体工程", "1440000", 1, "31001"),
             _line("室外配套及装修工程", "180000", 2, "31001")]  # fmt: skip
    p = project("P1", name="机关业务用房扩建工程", requested="1620000", lines=lines,
                policy_refs=APPROVAL.doc_no)  # fmt: skip
    (finding,) = _run(p).findings
    assert "项目名称“机关业务用房扩建工程”含“业务用房扩建”" in finding.message
    assert "属新建、扩建或购置办公用房等楼堂馆所" in finding.message


def test_repairs_and_upkeep_of_existing_offices_are_allowed():
    repair = project("A", name="办公楼维修改造工程", lines=[_line("办公楼外墙维修", "300000", 1)])
    upkeep = project("B", name="县第一中学办公用房物业管理",
                     lines=[_line("物业管理费（业务用房）", "200000", 1, "30209")])  # fmt: skip
    assert _run(repair, upkeep).findings == []


def test_a_luxury_line_in_an_ordinary_project_cuts_that_line_only():
    lines = [_line("办公桌", "22000", 1, "31002"), _line("高档红木书柜", "144000", 2, "31002")]
    (finding,) = _run(project("P1", name="办公家具更新", requested="166000", lines=lines)).findings
    assert finding.line_no == 2 and finding.amount_excess == D("144000")
    assert "明细第2行“高档红木书柜”（144,000元，高档）" in finding.message
    assert "上述明细涉及144,000元" in finding.message


def test_a_vehicle_purchase_that_replaces_no_scrapped_vehicle_is_reported():
    lines = [_line("越野车", "250000", 1, "31013")]
    (finding,) = _run(project("P1", name="执法保障", lines=lines), vehicles=3).findings
    assert "第1行“越野车”（250,000元，经济科目31013）" in finding.message
    assert "单位现有公务用车3辆" in finding.message and "政策依据未引用审批文件" in finding.message
    assert finding.evidence["vehicles"] == 3


def test_a_vehicle_bought_to_replace_a_scrapped_one_is_left_to_the_price_standard():
    lines = [_line("越野车", "250000", 1, "31013", basis="更新已达报废年限的1号车")]
    assert _run(project("P1", name="执法保障", lines=lines)).findings == []


def test_running_costs_of_vehicles_are_not_a_purchase():
    lines = [_line("公务用车燃油费（1号车）", "9000", 1, "30231")]
    assert _run(project("P1", name="公务用车运行维护及公务接待", lines=lines)).findings == []


def test_programme_and_saving_words_are_not_festivals():
    lines = [_line("文化节目录制服务", "50000", 1), _line("节能改造", "80000", 2)]
    assert _run(project("P1", name="群众文化辅导", lines=lines)).findings == []


def test_content_is_not_searched_by_default_where_it_names_the_prohibition():
    p = project("P1", name="机关运行保障", lines=["1000"], content="严禁新建楼堂馆所，严控晚会活动")
    assert _run(p).findings == []
