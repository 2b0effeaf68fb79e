"""Reviewing the demo county end to end: files per the contract, stored results, traceable figures."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from lingji.adapters.db import tables
from lingji.adapters.db.loading import load_round
from lingji.adapters.report.files import FINDING_COLUMNS, PROJECT_COLUMNS, write_review_files
from lingji.adapters.report.html import write_report
from lingji.adapters.rulesets import load_ruleset
from lingji.demo import write_demo_county
from lingji.domain.scoring import DIMENSIONS
from lingji.services.allocation import allocate_round
from lingji.services.importing import import_submission
from lingji.services.review import review_round


@pytest.fixture(scope="module")
def demo_county(tmp_path_factory):
    summary = write_demo_county(tmp_path_factory.mktemp("demo"), seed=2027)
    return summary, json.loads(summary.answer_key_path.read_text(encoding="utf-8"))


@pytest.fixture
def reviewed_round(engine, key_file, demo_county, tmp_path):
    summary, key = demo_county
    imported = import_submission(
        engine=engine, path=summary.path, region=key["county"], key_file=key_file
    )
    report = review_round(engine=engine, round_id=imported.round_id, ruleset=load_ruleset())
    out = tmp_path / "review"
    write_review_files(report, out)
    write_report(report, out)
    return report, out, key, imported.round_id


def _rows(path):
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_output_files_have_exactly_the_contract_columns(reviewed_round):
    _, out, key, _ = reviewed_round
    with (out / "projects.csv").open(encoding="utf-8-sig") as handle:
        assert tuple(next(csv.reader(handle))) == PROJECT_COLUMNS
    with (out / "findings.csv").open(encoding="utf-8-sig") as handle:
        assert tuple(next(csv.reader(handle))) == FINDING_COLUMNS
    projects = _rows(out / "projects.csv")
    assert len(projects) == key["counts"]["项目"]
    assert [int(p["rank"]) for p in projects] == list(range(1, len(projects) + 1))
    assert {p["grade"] for p in projects} <= set("ABCD")
    assert all(
        p["requested_amount"].count(".") == 1 and len(p["requested_amount"].split(".")[1]) == 2
        for p in projects
        if p["requested_amount"]
    )


def test_every_score_is_reproducible_from_the_published_weights_and_trace(reviewed_round):
    report, out, _, _ = reviewed_round
    weights = report.ruleset.scoring["weights"]
    for row in _rows(out / "projects.csv"):
        total = sum(Decimal(row[f"score_{d}"]) * Decimal(str(weights[d])) for d in DIMENSIONS)
        assert Decimal(row["score_total"]) == total.quantize(Decimal("0.01")), row["project_code"]
    for review in report.projects:
        for dimension in DIMENSIONS:
            traced = review.score.base[dimension] + sum(
                (i.points for i in review.score.items if i.dimension == dimension), Decimal(0)
            )
            assert review.score.dimension(dimension) == min(Decimal(100), max(Decimal(0), traced))


def test_clean_projects_keep_their_request_and_cuts_cover_each_over_standard_excess(reviewed_round):
    report, _, key, _ = reviewed_round
    by_code = {r.project.project_code: r for r in report.projects}
    for code in key["clean_project_codes"]:
        review = by_code[code]
        assert review.suggestion.suggested == review.project.requested_amount, code
    for plant in key["planted"]:
        if plant["code"] == "M01":
            review = by_code[plant["project_code"]]
            cut = review.project.requested_amount - review.suggestion.suggested
            assert cut >= Decimal(plant["expected_excess"]), plant["description"]


def test_results_are_stored_with_the_rule_set_version(engine, reviewed_round):
    report, _, _, round_id = reviewed_round
    with engine.connect() as conn:
        run = conn.execute(
            select(tables.review_runs).where(tables.review_runs.c.id == report.run_id)
        ).one()
        stored_findings = conn.execute(
            select(tables.review_findings).where(tables.review_findings.c.run_id == report.run_id)
        ).all()
        stored_projects = conn.execute(
            select(tables.review_projects).where(tables.review_projects.c.run_id == report.run_id)
        ).all()
    assert run.round_id == round_id and run.ruleset_version == report.ruleset.version
    assert len(stored_findings) == len(report.findings)
    assert len(stored_projects) == len(report.projects)
    assert all(json.loads(p.trace)["base"] for p in stored_projects)


def test_report_names_the_rule_the_figures_and_the_document(reviewed_round):
    report, out, key, _ = reviewed_round
    html = (out / "report.html").read_text(encoding="utf-8")
    assert f"{key['county']} 2027 年度项目支出审核报告" in html
    assert report.ruleset.version in html
    for finding in report.findings[:50]:
        assert finding.message.replace("<", "&lt;").replace(">", "&gt;") in html
    assert "http" not in html.split("<body>")[0].replace("http-equiv", "")  # no external assets


def test_report_has_a_section_per_topic_with_its_planted_findings_and_a_chart(reviewed_round):
    report, out, key, _ = reviewed_round
    html = (out / "report.html").read_text(encoding="utf-8")
    for topic in report.ruleset.thematic["topics"]:
        section = html.split(f'id="topic-{topic["key"]}"')[1].split('<div class="topic"')[0]
        assert topic["title"] in section
        planted = [
            p
            for p in key["planted"]
            if p["code"] in topic["codes"] and p["code"] in report.check_versions
        ]
        for plant in planted:
            assert plant["unit_code"] in section, (topic["key"], plant["description"])
        if topic["key"] == "sangong":
            assert "<svg" in section and "30217" in section


def test_allocation_respects_the_ceilings_and_the_ranking(engine, reviewed_round):
    report, _, _, round_id = reviewed_round
    allocations, _ = allocate_round(engine=engine, round_id=round_id)
    with engine.connect() as conn:
        stored = load_round(conn, round_id, sheets=("ceilings",))
    ceilings = {c.unit_code: c.ceiling for c in stored.ceilings}
    assert sum(a.allocated for a in allocations) <= ceilings["全部"]
    for unit, ceiling in ceilings.items():
        if unit == "全部":
            continue
        covered = report.context.unit_tree[unit]
        assert sum(a.allocated for a in allocations if a.unit_code in covered) <= ceiling
    order = sorted(allocations, key=lambda a: a.rank)
    first_unfunded = next(
        (a.rank for a in order if a.status == "未安排" and "阻断" not in a.reason), None
    )
    assert first_unfunded is not None  # the demo's ceilings are tighter than its requests
    assert all(a.allocated <= a.suggested for a in allocations)


def test_a_round_without_last_years_sangong_sheet_compares_with_its_history_lines(
    engine, key_file, tmp_path
):
    from tests.fixtures.workbooks import small_round, write_xlsx

    sheets = small_round()
    del sheets["三公经费"]
    sheets["历史明细"].append(
        [2026, "P26-001", 2, "公务接待费", "30217", "", "批次", "", "", "", 5000, "", "否", ""]
    )
    sheets["支出明细"].append(
        ["P-001", 3, "公务接待费", "30217", 9, "批次", "", "", 1000, 9000, "", "否", ""]
    )
    path = write_xlsx(tmp_path / "round.xlsx", sheets)
    imported = import_submission(engine=engine, path=path, region="示例县", key_file=key_file)
    report = review_round(engine=engine, round_id=imported.round_id, ruleset=load_ruleset())
    (finding,) = [f for f in report.findings if f.code == "T01"]
    assert finding.unit_code == "101" and finding.amount_excess == Decimal(4000)
    assert "上年预算（历史明细）" in finding.message


def test_a_large_round_leaves_per_project_tables_to_the_csv_files(
    reviewed_round, monkeypatch, tmp_path
):
    from lingji.adapters.report import html

    report, *_ = reviewed_round
    monkeypatch.setattr(html, "DETAIL_LIMIT", 10)
    page = html.render_report(report)
    assert "逐单位的项目表" in page and 'id="u-' not in page
    first = next(p.project for p in report.projects if not p.suggestion.cuts)
    assert f"{first.project_code} {first.name}" not in page.split("<h2>专题分析</h2>")[0]
    monkeypatch.setattr(html, "DETAIL_LIMIT", 5000)
    assert 'id="u-' in html.render_report(report)
