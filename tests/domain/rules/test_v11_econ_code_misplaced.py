import pytest

from lingji.domain.findings import Severity
from lingji.domain.rules.validation import v11_econ_code_misplaced
from tests.domain.rules.validation_helpers import clean_project, line, run


def _run(*lines):
    return run(v11_econ_code_misplaced, clean_project(lines=list(lines)))


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("便携式计算机", "31002"),
        ("服务器", "30902"),
        ("会议费（三类会议）", "30215"),
        ("会议资料印刷", "30202"),
        ("培训费（三类培训）", "30216"),
        ("职业技能培训补贴", "30399"),
        ("打印耗材（硒鼓）", "30201"),
        ("打印机维修", "30213"),
        ("公务用车燃油费", "30231"),
        ("公务用车购置", "31013"),
        ("差旅费（伙食补助）", "30211"),
    ],
)
def test_lines_under_their_proper_code_pass(name, code):
    assert _run(line(name, econ_code=code)).findings == []


def test_equipment_under_office_expenses_is_a_warning():
    (finding,) = _run(line("便携式计算机", econ_code="30201")).findings
    assert finding.severity is Severity.WARNING and finding.line_no == 1
    assert finding.message.startswith(
        "第1行「便携式计算机」属设备购置，列在30201办公费，应列310资本性支出"
    )


def test_a_meeting_under_office_expenses_names_the_meeting_code():
    (finding,) = _run(line("办公用品"), line("会议费（专题调度会）", econ_code="30201")).findings
    assert finding.line_no == 2 and finding.message.endswith("应列30215会议费")


def test_a_code_that_does_not_exist_is_left_to_v10():
    assert _run(line("会议费", econ_code="30288")).findings == []


def test_a_project_without_codes_is_missing_data():
    result = _run(line("会议费", econ_code=None))
    assert [s.reason.value for s in result.skips] == ["数据缺失"]
