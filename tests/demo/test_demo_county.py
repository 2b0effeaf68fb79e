"""The demo county: deterministic, every finding code planted, clean projects clean, readable."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from lingji.demo import write_demo_county
from lingji.demo.county import build_block, clean_project_codes
from lingji.demo.registers import id_number_valid
from lingji.domain.contract import SHEETS_BY_NAME
from lingji.exceptions import DemoOptionInvalid
from lingji.services.importing import check_submission
from tests.demo.reference_review import Hit, history_samples, review, similarity_pairs

SEED = 2027
CODES = (
    [f"V{i:02d}" for i in range(1, 13)]
    + [f"M{i:02d}" for i in range(1, 6)]
    + [f"T{i:02d}" for i in range(1, 10)]
    + [f"X{i:02d}" for i in range(1, 8)]
)


@pytest.fixture(scope="module")
def block():
    return build_block(SEED, 0)


@pytest.fixture(scope="module")
def pairs(block):
    return similarity_pairs(block)


@pytest.fixture(scope="module")
def hits(block, pairs) -> list[Hit]:
    return review(block, pairs)


@pytest.fixture(scope="module")
def csv_county(tmp_path_factory):
    summary = write_demo_county(tmp_path_factory.mktemp("csv"), seed=SEED, fmt="csv")
    key = json.loads(summary.answer_key_path.read_text(encoding="utf-8"))
    return summary, key, check_submission(path=summary.path)


@pytest.fixture(scope="module")
def xlsx_county(tmp_path_factory):
    summary = write_demo_county(tmp_path_factory.mktemp("xlsx"), seed=SEED, fmt="xlsx")
    return summary, check_submission(path=summary.path)


def _records(parsed, sheet: str) -> list[dict]:
    return list(parsed.records[SHEETS_BY_NAME[sheet].key].dicts())


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_seed_writes_identical_files_and_another_seed_does_not(tmp_path, csv_county):
    summary, _, _ = csv_county
    again = write_demo_county(tmp_path / "again", seed=SEED, fmt="csv")
    other = write_demo_county(tmp_path / "other", seed=SEED + 1, fmt="csv")
    assert _files(again.path) == _files(summary.path)
    assert again.answer_key_path.read_bytes() == summary.answer_key_path.read_bytes()
    assert _files(other.path) != _files(summary.path)


def test_every_finding_code_is_planted_at_least_twice_in_different_places(csv_county):
    _, key, _ = csv_county
    places: dict[str, set] = {code: set() for code in CODES}
    for planted in key["planted"]:
        places[planted["code"]].add((planted["unit_code"], planted["project_code"]))
    assert {code: len(p) for code, p in places.items() if len(p) < 2} == {}


def test_the_reference_review_finds_every_plant_and_its_excess(block, hits):
    for planted in block.plants:
        found = [
            h
            for h in hits
            if (h.code, h.unit, h.project)
            == (planted.code, planted.unit_code, planted.project_code)
            and (planted.line_no is None or h.line == planted.line_no)
        ]
        assert found, planted
        if planted.expected_excess:
            assert planted.expected_excess in {h.excess for h in found}, planted


def test_clean_projects_and_units_raise_no_finding(block, hits):
    clean = set(clean_project_codes(block))
    problem_units = {u.code for u in block.units if u.problem}
    assert len(clean) > len(block.projects) * 0.7
    assert [h for h in hits if h.project in clean] == []
    assert [h for h in hits if h.project is None and h.unit not in problem_units] == []


def test_clean_lines_add_up_exactly(block):
    for project in (p for p in block.projects if p.code in set(clean_project_codes(block))):
        assert project.lines_total == project.requested
        for line in project.lines:
            measures = [m for m in (line.quantity, line.persons, line.days) if m is not None]
            product = line.unit_price
            for m in measures:
                product *= m
            assert line.amount == product and line.amount.as_tuple().exponent == -2


def test_duplicates_are_far_closer_than_any_two_clean_projects(block, pairs):
    clean = set(clean_project_codes(block))
    twins = [
        s for s, a, b in pairs if a.code in block.plant_projects and b.code in block.plant_projects
    ]
    closest_clean = next(s for s, a, b in pairs if a.code in clean and b.code in clean)
    assert min(twins[:2]) >= 0.85 > 0.75 >= closest_clean


def test_the_answer_key_describes_the_written_data(csv_county, block):
    summary, key, parsed = csv_county
    assert key["planted"] == [p.as_json() for p in block.plants]
    assert key["counts"] == summary.counts
    assert {SHEETS_BY_NAME[s].key: n for s, n in summary.counts.items()} == {
        k: len(v) for k, v in parsed.records.items()
    }
    projects = {r["project_code"]: r for r in _records(parsed, "项目")}
    units = {r["unit_code"] for r in _records(parsed, "单位")}
    history = {r["project_code"] for r in _records(parsed, "历史执行")}
    lines = {(r["project_code"], r["line_no"]) for r in _records(parsed, "支出明细")}
    assert set(key["clean_project_codes"]) <= set(projects)
    for planted in key["planted"]:
        assert planted["unit_code"] in units
        if planted["project_code"]:
            assert projects[planted["project_code"]]["unit_code"] == planted["unit_code"]
        if planted["line_no"]:
            assert (planted["project_code"], planted["line_no"]) in lines
    for record in projects.values():
        assert record["prev_project_code"] is None or record["prev_project_code"] in history
        assert record["requested_amount"] == next(
            p.requested for p in block.projects if p.code == record["project_code"]
        )


def test_import_reads_every_messy_cell_as_the_answer_key_says(csv_county):
    _, key, parsed = csv_county
    kinds = Counter(m["kind"] for m in key["messiness"])
    assert {"title_row", "blank_row", "thousands", "fullwidth_digits", "code_as_number"} <= set(
        kinds
    )
    assert {"trailing_space", "fullwidth_code", "date_serial", "date_slash", "date_chinese"} <= set(
        kinds
    )
    for mess in key["messiness"]:
        rows = {r["source_row"]: r for r in _records(parsed, mess["sheet"])}
        if mess["kind"] in ("title_row", "blank_row"):
            assert mess["row"] not in rows
            continue
        if mess["kind"] == "wan_yuan_header":
            continue
        column = next(
            c.key for c in SHEETS_BY_NAME[mess["sheet"]].columns if c.header == mess["column"]
        )
        value = rows[mess["row"]][column]
        text = f"{value:.2f}" if isinstance(value, Decimal) else str(value)
        assert text == mess["expected"], mess


def test_csv_and_xlsx_hold_the_same_records(csv_county, xlsx_county):
    _, _, from_csv = csv_county
    _, from_xlsx = xlsx_county
    assert from_csv.accepted and from_xlsx.accepted
    assert from_csv.records.keys() == from_xlsx.records.keys()
    for sheet, records in from_csv.records.items():
        assert records.rows == from_xlsx.records[sheet].rows, sheet


def test_identity_numbers_are_valid_and_one_is_shared_by_two_units(csv_county):
    _, _, parsed = csv_county
    people = _records(parsed, "人员")
    assert all(id_number_valid(p["id_number"]) for p in people)
    shared = [n for n, c in Counter(p["id_number"] for p in people).items() if c > 1]
    assert len(shared) == 1
    assert len({p["unit_code"] for p in people if p["id_number"] == shared[0]}) == 2


def test_history_offers_dozens_of_samples_for_the_standard_item_classes(block):
    samples = history_samples(block)
    for item in ("会议费", "培训费", "台式计算机", "便携式计算机", "A4黑白打印机", "物业管理费"):
        assert samples[item] >= 20, item
    for item in ("差旅费", "专业技术服务", "公务用车燃油费"):
        assert samples[item] >= 100, item


def test_ceilings_cut_the_requests(csv_county):
    _, key, parsed = csv_county
    ceilings = {r["unit_code"]: r["ceiling"] for r in _records(parsed, "控制数")}
    whole = ceilings.pop("全部")
    requested = Decimal(key["total_requested"])
    assert whole < requested * Decimal("0.95")
    assert sum(ceilings.values()) < requested


def test_a_larger_scale_repeats_the_plants_with_unique_codes(tmp_path):
    summary = write_demo_county(tmp_path, seed=SEED, scale=2, fmt="csv")
    key = json.loads(summary.answer_key_path.read_text(encoding="utf-8"))
    parsed = check_submission(path=summary.path)
    assert parsed.accepted
    assert summary.counts["单位"] == 80
    codes = Counter(p["code"] for p in key["planted"])
    assert min(codes[c] for c in CODES) >= 4


def test_xlsx_refuses_a_scale_it_cannot_hold(tmp_path):
    with pytest.raises(DemoOptionInvalid):
        write_demo_county(tmp_path, scale=1000, fmt="xlsx")
