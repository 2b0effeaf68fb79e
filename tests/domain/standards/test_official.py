"""The official standards are data with sources, and only what domain-facts.md supports."""

from decimal import Decimal

from lingji.domain.standards.model import Trust
from lingji.domain.standards.official import OFFICIAL_STANDARDS

BY_CODE = {s.code: s for s in OFFICIAL_STANDARDS}


def test_codes_are_unique_and_every_standard_is_applicable_and_sourced():
    assert len(BY_CODE) == len(OFFICIAL_STANDARDS)
    for standard in OFFICIAL_STANDARDS:
        assert standard.applicable, standard.code
        assert standard.title and standard.sources and standard.trust is not Trust.BUREAU


def test_meeting_categories_are_the_2016_comprehensive_quotas():
    meeting = BY_CODE["CN-MEETING"]
    assert {c.label: c.limit for c in meeting.categories} == {
        "一类会议": Decimal(760),
        "二类会议": Decimal(650),
        "三、四类会议": Decimal(550),
    }
    assert meeting.doc_no == "财行〔2016〕214号" and meeting.trust is Trust.OFFICIAL
    assert meeting.most_lenient().limit == 760


def test_training_has_the_thirty_day_rule_and_lecture_fees_per_hour():
    training = BY_CODE["CN-TRAINING"]
    assert [c.limit for c in training.categories] == [760, 650, 550]
    assert training.day_rule.allowed_days(Decimal(40)) == Decimal(37)
    assert [c.limit for c in BY_CODE["CN-LECTURE"].categories] == [500, 1000, 1500]


def test_travel_and_office_equipment_limits():
    assert BY_CODE["CN-TRAVEL-LOCAL"].limit == 80 and BY_CODE["CN-TRAVEL-LOCAL"].trust is Trust.WEAK
    meals = BY_CODE["CN-TRAVEL-MEALS"]
    assert meals.category(meals.default_category).limit == 100
    caps = {code: BY_CODE[code].limit for code in BY_CODE if code.startswith("CN-EQUIP")}
    assert caps == {
        "CN-EQUIP-DESKTOP": 5000,
        "CN-EQUIP-LAPTOP": 7000,
        "CN-EQUIP-PRINTER-A4": 1200,
        "CN-EQUIP-COPIER": 35000,
        "CN-EQUIP-FAX-MFP": 3000,
    }


def test_nothing_domain_facts_marks_not_found_is_invented():
    names = " ".join(s.name + " ".join(s.keywords) for s in OFFICIAL_STANDARDS)
    for absent in ("接待", "物业", "运维", "出国", "住宿", "采购"):
        assert absent not in names
