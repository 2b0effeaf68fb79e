import pytest

from lingji.domain.findings import Severity
from lingji.domain.policy import extract_doc_numbers
from lingji.domain.rules.validation import v03_policy_not_in_library
from lingji.domain.rules.validation.v03_policy_not_in_library import CitationReader
from tests.domain.rules.validation_helpers import WITH_POLICIES, clean_project, policy, run

LIBRARY = (policy(),)


def _run(*projects, documents=LIBRARY, sheets=WITH_POLICIES):
    return run(
        v03_policy_not_in_library, *projects, sheets=sheets, policy_documents=list(documents)
    )


def test_documents_in_the_library_pass_whatever_the_bracket_style():
    result = _run(clean_project(policy_refs="澜溪府发[2024]第8号"))
    assert result.findings == [] and result.checked == 1


def test_a_cited_number_missing_from_the_library_is_a_warning_naming_it():
    p = clean_project(policy_refs="澜溪府发〔2024〕8号；澜溪府办发〔2023〕99号")
    (finding,) = _run(p).findings
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("引用的澜溪府办发〔2023〕99号不在政策文件库中")
    assert finding.policy_refs == ("澜溪府办发〔2023〕99号",)


def test_a_number_cited_only_in_the_rationale_is_looked_up_too():
    p = clean_project(rationale="按照澜溪农发〔2022〕14号要求。")
    (finding,) = _run(p).findings
    assert finding.evidence["absent"] == ["澜溪农发〔2022〕14号"]


def test_a_lead_in_word_run_into_the_number_is_no_part_of_it():
    p = clean_project(
        policy_refs=None, rationale="按照澜溪府发〔2024〕8号、根据财行〔2016〕214号执行。"
    )
    (finding,) = _run(p).findings
    assert finding.evidence["cited"] == ["澜溪府发〔2024〕8号", "财行〔2016〕214号"]
    assert finding.evidence["absent"] == ["财行〔2016〕214号"]


def test_without_a_policy_sheet_the_check_records_missing_data():
    result = _run(clean_project(), documents=(), sheets=("units", "projects"))
    assert result.findings == []
    assert [s.reason.value for s in result.skips] == ["数据缺失"]


def test_a_project_citing_no_number_is_not_applicable():
    result = _run(clean_project(policy_refs=None, rationale="根据《某某办法》。"))
    assert [s.reason.value for s in result.skips] == ["不适用"]


@pytest.mark.parametrize(
    "text",
    [
        "财预〔2021〕101号财行〔2013〕531号",
        "〔2020〕1号文〔2021〕2号",
        "国务院令第729号、国务院令第 658 号",
        "依据沪司规〔2015〕6号）、（财行〔2007〕179号",
        "ABC财 〔2020〕 第 5 号",
        "普建委[2025]127号关于同意兰溪路-真南路下立交工程方案的批复。",
        "无文号",
        "",
    ],
)
def test_the_fast_reader_reads_what_extract_doc_numbers_reads(text):
    assert CitationReader({}).numbers(text) == extract_doc_numbers(text)
