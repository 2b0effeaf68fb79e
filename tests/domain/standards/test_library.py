from decimal import Decimal

from lingji.domain.models import BureauStandard, Project
from lingji.domain.standards.library import StandardMatch, StandardsLibrary, Unmeasurable
from tests.domain.standards.helpers import line

LIBRARY = StandardsLibrary.build(year=2027)


def _bureau(
    code="LX-1", keywords="物业管理、物业服务", basis="元/平方米·月", limit="4.50", econ="30209"
):
    return BureauStandard(
        code, "物业管理费", econ, keywords, basis, Decimal(limit), "某财预〔2025〕9号"
    )


def test_a_meeting_without_a_category_gets_the_most_lenient_limit_and_says_so():
    match = LIBRARY.match(line("会议费", "900", econ="30215", unit="人天", persons=120, days="2"))
    assert isinstance(match, StandardMatch)
    assert match.limit == 760 and not match.category_stated
    assert match.excess == Decimal("33600.00")
    assert match.category_note() == "未注明会议类别，按最宽的一类会议标准计"


def test_a_category_stated_in_the_basis_or_project_name_applies():
    stated = line("会议费", "600", unit="人天", persons=50, days="1", basis="三类会议，50人1天")
    match = LIBRARY.match(stated)
    assert (match.limit, match.category_stated, match.excess) == (550, True, Decimal("2500.00"))
    by_project = LIBRARY.match(line("会议费", "600", unit="人天", persons=50, days="1"),
                               Project(2027, "P1", "U1", name="全县二类会议"))  # fmt: skip
    assert by_project.limit == 650


def test_a_line_under_the_meeting_code_counts_without_the_keyword_when_measured_per_person_day():
    match = LIBRARY.match(
        line("全县工作推进会", "800", econ="30215", unit="人天", persons=10, days="1")
    )
    assert match.standard.code == "CN-MEETING" and match.excess == 400
    assert LIBRARY.match(line("会议室租金", "3000", econ="30215", unit="天", days="1")) is None


def test_training_beyond_thirty_days_is_allowed_seventy_percent():
    match = LIBRARY.match(line("培训费（三类培训）", "550", unit="人天", persons=10, days="40"))
    assert match.allowed == Decimal(550) * 10 * (30 + Decimal("0.7") * 10)
    assert match.excess == Decimal("16500.00") and match.day_rule_applied


def test_equipment_above_its_price_cap():
    match = LIBRARY.match(line("台式计算机", "6800", econ="31002", unit="台", quantity="12"))
    assert match.standard.code == "CN-EQUIP-DESKTOP" and match.excess == Decimal("21600.00")
    assert LIBRARY.match(line("A3彩色打印机", "9000", unit="台", quantity="1")) is None
    assert LIBRARY.match(line("台式计算机维修", "300", unit="次", quantity="2")) is None


def test_travel_meals_default_to_the_general_rate_unless_the_destination_is_named():
    general = LIBRARY.match(
        line("差旅费（伙食补助）", "120", econ="30211", unit="人天", persons=2, days="3")
    )
    assert general.limit == 100 and general.excess == 120
    assert general.category_note() == "未注明出差目的地，按一般地区标准计"
    tibet = LIBRARY.match(
        line("差旅费（伙食补助）（赴西藏）", "120", unit="人天", persons=2, days="3")
    )
    assert tibet.excess == 0
    assert (
        LIBRARY.match(line("学生伙食补助", "300", econ="30399", unit="人天", persons=5, days="1"))
        is None
    )


def test_a_named_standard_with_another_measure_cannot_be_compared():
    outcome = LIBRARY.match(line("会议费", "20000", econ="30215", unit="场", quantity="1"))
    assert isinstance(outcome, Unmeasurable) and outcome.standard.code == "CN-MEETING"
    assert outcome.line_measure == "场"


def test_a_bureau_standard_applies_with_its_own_source():
    library = StandardsLibrary.build([_bureau()], year=2027)
    match = library.match(
        line("物业管理费", "7.80", econ="30209", unit="平方米·月", quantity="9432")
    )
    assert match.excess == Decimal("31125.60")
    assert match.standard.source_text() == "本地支出标准“物业管理费”（某财预〔2025〕9号）"


def test_a_bureau_standard_tied_to_a_code_follows_the_name_when_the_line_is_misfiled():
    library = StandardsLibrary.build([_bureau()], econ_guess=lambda name: "30209")
    misfiled = line("物业管理费", "7.80", econ="30201", unit="平方米·月", quantity="100")
    assert library.match(misfiled).excess == Decimal("330.00")
    strict = StandardsLibrary.build([_bureau()])
    assert strict.match(misfiled) is None


def test_a_bureau_standard_overrides_an_official_one_by_code_or_by_fit():
    local_meeting = BureauStandard(
        "CN-MEETING", "县级会议费", "30215", "会议费", "元/人天", Decimal(500), "县财行〔2024〕3号"
    )
    library = StandardsLibrary.build([local_meeting])
    assert library.get("CN-MEETING").limit == 500
    match = library.match(line("会议费", "600", econ="30215", unit="人天", persons=10, days="1"))
    assert match.standard.doc_no == "县财行〔2024〕3号" and match.excess == 1000


def test_a_bureau_row_without_keywords_is_listed_but_never_applied():
    threshold = BureauStandard(
        "LX-11", "政府采购限额标准", None, None, "元/项", Decimal(100000), "x"
    )
    library = StandardsLibrary.build([threshold])
    assert library.get("LX-11") is not None and not library.get("LX-11").applicable
    assert library.match(line("检验检测仪器", "206000", unit="项", quantity="1")) is None


def test_disabled_standards_are_left_out():
    library = StandardsLibrary.build(disabled=["CN-TRAVEL-LOCAL"])
    assert library.get("CN-TRAVEL-LOCAL") is None
    assert (
        library.match(
            line("差旅费（市内交通费）", "120", econ="30211", unit="人天", persons=1, days="1")
        )
        is None
    )
