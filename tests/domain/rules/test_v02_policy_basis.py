from lingji.domain.findings import Severity
from lingji.domain.rules.validation import v02_policy_basis
from tests.domain.rules.validation_helpers import clean_project, run


def test_a_filled_policy_basis_passes():
    assert run(v02_policy_basis, clean_project()).findings == []


def test_a_doc_number_in_the_rationale_is_a_basis():
    p = clean_project(policy_refs=None, rationale="依据财行〔2016〕214号安排。")
    assert run(v02_policy_basis, p).findings == []


def test_a_policy_title_in_the_rationale_is_a_basis_as_in_real_disclosures():
    p = clean_project(
        policy_refs=None, rationale="1.《上海市拆除违法建筑若干规定》\n2.《上海市城乡规划条例》"
    )
    assert run(v02_policy_basis, p).findings == []


def test_a_title_that_is_not_a_policy_document_is_no_basis():
    p = clean_project(policy_refs=None, rationale="详见《项目可行性研究报告》。")
    (finding,) = run(v02_policy_basis, p).findings
    assert finding.severity is Severity.BLOCKER


def test_no_reference_anywhere_is_a_blocker():
    p = clean_project(policy_refs="无", rationale="该项工作为本单位法定职责，需安排专项经费保障。")
    (finding,) = run(v02_policy_basis, p).findings
    assert finding.message == "政策依据为空，立项依据也未引用任何政策文件（文号或文件名称）"


def test_both_fields_empty_say_so():
    (finding,) = run(v02_policy_basis, clean_project(policy_refs=None, rationale=None)).findings
    assert "政策依据和立项依据均为空" in finding.message
