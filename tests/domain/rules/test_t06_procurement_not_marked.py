from decimal import Decimal

from lingji.adapters.rulesets import load_ruleset
from lingji.domain.models import DetailLine
from lingji.domain.rules.thematic import t06_procurement_not_marked
from tests.domain.rules.helpers import context, project
from tests.domain.rules.thematic_helpers import PROCUREMENT_LIMIT, WITH_STANDARDS

D = Decimal


def _line(name, amount, procurement="否", econ="31002", line_no=5):
    return DetailLine("P1", name, D(amount), line_no=line_no, econ_code=econ,
                      procurement=procurement)  # fmt: skip


def _run(*projects, standards=(PROCUREMENT_LIMIT,), **changes):
    ctx = context(*projects, standards=list(standards), sheets=WITH_STANDARDS)
    params = {**ctx.ruleset.params("T06"), **changes}
    return t06_procurement_not_marked.check(ctx, params)


def test_a_purchase_at_the_limit_not_marked_as_procurement_is_reported():
    (finding,) = _run(project(lines=[_line("服务器", "174000")])).findings
    assert finding.line_no == 5 and finding.amount_excess == 0
    assert finding.message == (
        "第5行 服务器：金额174,000元达到澜溪县政府采购限额标准（集中采购目录以外的货物、服务）"
        "100,000元（澜溪财采〔2025〕1号），“是否政府采购”填“否”，应当按规定实行政府采购并如实标注"
    )
    assert finding.policy_refs == ("《中华人民共和国政府采购法》", "澜溪财采〔2025〕1号")
    assert finding.evidence["limit"] == "100000"


def test_a_line_exactly_at_the_limit_must_be_procured():
    assert len(_run(project(lines=[_line("检验检测仪器", "100000")])).findings) == 1


def test_a_line_marked_as_procurement_or_below_the_limit_passes():
    lines = [_line("服务器", "174000", procurement="是"), _line("打印机", "99999.99", line_no=6)]
    result = _run(project(lines=lines))
    assert result.findings == [] and result.checked == 1


def test_pay_travel_and_subsidies_are_never_procured():
    lines = [
        _line("编外人员劳务费", "540000", econ="30226"),
        _line("差旅费（住宿费）", "120000", econ="30211"),
        _line("家庭经济困难学生资助", "300000", econ="30399"),
        _line("专家咨询费（高级职称）", "150000", econ="30227"),
    ]
    result = _run(project(lines=lines))
    assert result.findings == [] and result.checked == 0


def test_a_blank_mark_is_data_missing_unless_the_rule_set_reads_it_as_no():
    lines = [_line("服务器", "174000", procurement=None)]
    result = _run(project(lines=lines))
    assert result.findings == []
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and "第5行 服务器" in skip.explanation
    (finding,) = _run(project(lines=lines), blank_is_not_procured=True).findings
    assert "“是否政府采购”未填" in finding.message


def test_a_catalogue_item_must_be_procured_at_any_amount():
    lines = [_line("台式计算机", "4800")]
    (finding,) = _run(project(lines=lines), catalogue_keywords=["计算机"]).findings
    assert "属集中采购目录品目（计算机）" in finding.message


def test_without_a_limit_or_a_catalogue_the_round_is_skipped():
    result = _run(project(lines=[_line("服务器", "174000")]), standards=())
    assert [(s.reason.value, s.explanation) for s in result.skips] == [
        ("数据缺失", "本轮“支出标准”表没有政府采购限额标准（未配置标准），不作比对")
    ]


def test_the_default_rule_set_lists_no_catalogue_of_its_own():
    assert load_ruleset().params("T06")["catalogue_keywords"] == []
