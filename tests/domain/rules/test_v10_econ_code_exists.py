from lingji.domain.econ_codes import BUILT_IN, catalogue
from lingji.domain.findings import Severity
from lingji.domain.rules.validation import v10_econ_code_exists
from tests.domain.rules.helpers import context
from tests.domain.rules.validation_helpers import clean_project, line, run


def _run(*lines):
    return run(v10_econ_code_exists, clean_project(lines=list(lines)))


def test_existing_item_codes_pass():
    result = _run(line(econ_code="30215"), line(econ_code="31002"), line(econ_code="39999"))
    assert result.findings == [] and result.checked == 3


def test_a_code_that_does_not_exist_is_a_warning_on_its_line():
    (finding,) = _run(
        line("会议资料印刷", econ_code="30202"), line("咨询", econ_code="30288")
    ).findings
    assert finding.severity is Severity.WARNING and finding.line_no == 2
    assert (
        "经济科目编码30288不存在" in finding.message
        and "302商品和服务支出类下没有此款级科目" in finding.message
    )


def test_a_class_level_code_must_be_refined():
    (finding,) = _run(line(econ_code="302")).findings
    assert "只填到类级（302商品和服务支出）" in finding.message


def test_a_blank_code_among_coded_lines_is_reported():
    (finding,) = _run(line(econ_code="30201"), line("印刷", econ_code=None)).findings
    assert "未填经济科目编码" in finding.message


def test_a_project_without_any_code_is_missing_data():
    result = _run(line(econ_code=None), line(econ_code=None))
    assert result.findings == [] and [s.reason.value for s in result.skips] == ["数据缺失"]


def test_the_rule_set_can_add_codes():
    ctx = context(clean_project(lines=[line(econ_code="30311")]))
    params = {**ctx.ruleset.params("V10"), "extra_codes": {30311: "代缴社会保险费"}}
    assert v10_econ_code_exists.check(ctx, params).findings == []


def test_the_catalogue_marks_its_sources_and_keeps_the_domain_facts_codes():
    assert BUILT_IN["30215"].source == "domain-facts:P"
    assert BUILT_IN["30106"].source == "national"
    assert {"30212", "30217", "30231", "31013"} <= BUILT_IN.keys()
    assert "30288" not in BUILT_IN and "31088" not in BUILT_IN
    assert "30201" not in catalogue(excluded=["30201"])
