from decimal import Decimal

from lingji.domain.rules.thematic import t07_design_fees
from tests.domain.rules.helpers import context, project
from tests.domain.rules.thematic_helpers import DESIGN, WITH_STANDARDS
from tests.domain.standards.helpers import line

D = Decimal


def _design(price, wan="600"):
    return line("施工图设计费", price, econ="30227", unit="万元（建安费）", quantity=wan)


def _run(*projects, standards=(DESIGN,)):
    ctx = context(*projects, standards=list(standards), sheets=WITH_STANDARDS)
    return t07_design_fees.check(ctx, ctx.ruleset.params("T07"))


def test_a_design_fee_above_the_norm_states_both_rates_and_the_excess():
    (finding,) = _run(project(lines=[_design("900")])).findings
    assert finding.amount_excess == D("330000.00")  # 600万元 × (900 − 350)
    assert finding.message == (
        "第1行 施工图设计费：按600万元（建安费）×900元/万元建安费（费率9.0%）测算，超过澜溪县"
        "“工程施工图设计费（占建安工程费）”标准350元/万元建安费（即费率3.5%，澜溪财预〔2025〕9号），"
        "超标330,000元"
    )
    assert finding.evidence["fee_rate"] == "0.09" and finding.evidence["limit_rate"] == "0.035"
    assert finding.policy_refs == ("澜溪财预〔2025〕9号",)


def test_a_design_fee_within_the_norm_passes():
    result = _run(project(lines=[_design("320")]))
    assert result.findings == [] and result.checked == 1


def test_a_design_fee_by_the_piece_is_data_missing():
    result = _run(project(lines=[line("施工图设计费", "200000", econ="30227", unit="项",
                                      quantity="1")]))  # fmt: skip
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and "按“项”计量" in skip.explanation


def test_without_the_bureaus_norm_the_round_is_skipped_not_judged():
    result = _run(project(lines=[_design("900")]), standards=())
    assert result.findings == []
    assert [(s.reason.value, s.explanation) for s in result.skips] == [
        ("数据缺失", "本轮“支出标准”表没有规划设计费标准（未配置标准），不作比对")
    ]
