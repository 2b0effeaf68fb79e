"""Importing a round into a real database (SQLite file and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from lingji.adapters.db import rounds, tables
from lingji.adapters.db.tables import metadata
from lingji.exceptions import KeyFileMissing, RoundExists, SubmissionRejected
from lingji.services.importing import import_submission
from tests.fixtures.workbooks import PEOPLE, small_round, write_csv_folder, write_xlsx


def _import(engine: Engine, path: Path, key_file: Path, **options):
    return import_submission(
        engine=engine, path=path, region="示例县", key_file=key_file, **options
    )


def _snapshot(engine: Engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {
            t.name: sorted(tuple(map(repr, row)) for row in conn.execute(select(t)))
            for t in metadata.sorted_tables
        }


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "示例县-2027.xlsx", small_round(), title_rows=1)


@pytest.fixture
def imported_round(engine: Engine, workbook: Path, key_file: Path):
    return _import(engine, workbook, key_file)


def test_a_workbook_is_stored_with_every_sheet(engine, imported_round):
    assert imported_round.year == 2027
    with engine.connect() as conn:
        counts = rounds.count_rows(conn, imported_round.round_id)
    assert counts == {
        "units": 2, "projects": 3, "detail_lines": 4, "indicators": 3, "history": 1,
        "history_lines": 1, "sangong": 1, "personnel": 3, "assets": 1, "audit_findings": 1,
        "policy_documents": 1, "standards": 1, "ceilings": 2,
    }  # fmt: skip


def test_money_comes_back_exact_to_the_fen(engine, imported_round):
    with engine.connect() as conn:
        loaded = rounds.load_round(conn, imported_round.round_id)
    training = next(p for p in loaded.projects if p.project_code == "P-001")
    assert training.requested_amount == Decimal("123456.78")
    assert sum(line.amount for line in training.lines) == training.requested_amount
    assert training.lines[1].quantity == Decimal("13.4567")
    assert {p.monthly_pay for p in loaded.personnel} == {
        Decimal("8500.00"),
        Decimal("4200.50"),
        Decimal("3000.00"),
    }
    assert loaded.standards[0].limit == Decimal("6.50")
    assert loaded.sheets_present >= {"personnel", "ceilings"}


def test_a_csv_folder_imports_the_same_round_as_the_workbook(engine, tmp_path, key_file):
    folder = write_csv_folder(tmp_path / "csv", small_round())
    result = _import(engine, folder, key_file)
    assert result.counts["detail_lines"] == 4
    with engine.connect() as conn:
        loaded = rounds.load_round(conn, result.round_id)
    assert loaded.projects[0].requested_amount == Decimal("123456.78")


def test_a_gbk_csv_folder_from_chinese_excel_is_read(engine, tmp_path, key_file):
    folder = write_csv_folder(tmp_path / "gbk", small_round(), encoding="gb18030")
    result = _import(engine, folder, key_file)
    with engine.connect() as conn:
        assert rounds.load_round(conn, result.round_id).units[0].unit_name == "县教育局"


def test_a_corrupted_workbook_lists_every_problem_and_leaves_the_database_as_it_was(
    engine, imported_round, tmp_path, key_file
):
    before = _snapshot(engine)
    sheets = small_round()
    sheets["项目"][0][sheets["项目"][0].index("项目名称")] = "项目名"  # required column missing
    sheets["项目"][2][3] = "999"  # unknown unit
    sheets["项目"].append(list(sheets["项目"][1]))  # duplicate project code
    sheets["支出明细"][2][9] = "五万元整"  # wrong type
    sheets["支出明细"].append(["P-404", 9, "幽灵明细", "30201", "", "", "", "", "", 10])
    broken = write_xlsx(tmp_path / "broken.xlsx", sheets, title_rows=2)

    with pytest.raises(SubmissionRejected) as rejected:
        _import(engine, broken, key_file, replace=True)

    located = {(p.sheet, p.row, p.column, p.header) for p in rejected.value.problems}
    assert located == {
        ("项目", 3, None, "项目名称"),
        ("项目", 5, "D", "单位编码"),
        ("项目", 7, "B", "项目编码"),
        ("支出明细", 5, "J", "金额"),
        ("支出明细", 8, "A", "项目编码"),
    }
    assert _snapshot(engine) == before


def test_reimporting_a_round_is_refused_without_replace(engine, imported_round, workbook, key_file):
    with pytest.raises(RoundExists, match="--replace"):
        _import(engine, workbook, key_file)


def test_replace_swaps_the_round_in_one_go(engine, imported_round, tmp_path, key_file):
    sheets = small_round()
    sheets["项目"] = sheets["项目"][:2]
    sheets["支出明细"] = sheets["支出明细"][:3]
    sheets["绩效指标"] = sheets["绩效指标"][:3]
    result = _import(engine, write_xlsx(tmp_path / "v2.xlsx", sheets), key_file, replace=True)
    assert result.replaced
    with engine.connect() as conn:
        assert len(rounds.list_rounds(conn)) == 1
        assert rounds.count_rows(conn, result.round_id)["projects"] == 1
        orphans = conn.execute(
            select(tables.projects).where(tables.projects.c.round_id != result.round_id)
        ).all()
    assert orphans == []


def test_rounds_of_other_years_and_regions_sit_side_by_side(
    engine, imported_round, tmp_path, key_file
):
    sheets = small_round()
    for row in sheets["项目"][1:]:
        row[0] = 2028
    _import(engine, write_xlsx(tmp_path / "2028.xlsx", sheets), key_file)
    import_submission(
        engine=engine,
        path=write_xlsx(tmp_path / "b.xlsx", small_round()),
        region="样本县",
        key_file=key_file,
    )
    with engine.connect() as conn:
        stored = {(r.year, r.region) for r in rounds.list_rounds(conn)}
    assert stored == {(2027, "示例县"), (2028, "示例县"), (2027, "样本县")}


def test_personnel_are_stored_without_clear_text_and_matched_by_keyed_hash(
    engine, imported_round, key_ring
):
    with engine.connect() as conn:
        people = conn.execute(select(tables.personnel).order_by(tables.personnel.c.id)).all()
    assert people[0].id_number_hash == people[2].id_number_hash != people[1].id_number_hash
    assert key_ring.decrypt(people[1].id_number_enc, field="id_number") == PEOPLE[1][0]
    assert key_ring.decrypt(people[0].person_name_enc, field="person_name") == PEOPLE[0][1]


def test_the_raw_database_holds_no_id_number_or_name_in_clear(engine, imported_round):
    secrets = [value for person in PEOPLE for value in person]
    if engine.dialect.name == "sqlite":
        database = Path(engine.url.database)
        raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
        for secret in secrets:
            assert secret.encode() not in raw
            assert secret.encode("utf-16-le") not in raw
    else:
        with engine.connect() as conn:
            dump = "\n".join(
                str(row)
                for t in metadata.sorted_tables
                for row in conn.execute(text(f"SELECT t::text FROM {t.name} t"))
            )
        for secret in secrets:
            assert secret not in dump
    assert "王晓明" in PEOPLE[0]  # the search above looked for real strings


def test_personnel_without_a_key_file_are_refused_before_anything_is_written(
    engine, workbook, tmp_path
):
    with pytest.raises(KeyFileMissing, match="lingji init"):
        _import(engine, workbook, tmp_path / "no.key")
    with engine.connect() as conn:
        assert rounds.list_rounds(conn) == []


def test_import_notes_are_kept_with_the_round(engine, imported_round):
    with engine.connect() as conn:
        notes = rounds.load_notes(conn, imported_round.round_id)
    assert any("安全巡查" in n.reason for n in notes)
