"""Importing a round into a real database (SQLite file and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from lingji.adapters.db import rounds, tables
from lingji.adapters.db.loading import load_round
from lingji.adapters.db.tables import metadata
from lingji.exceptions import KeyFileMissing, RoundExists, SubmissionNotFound, SubmissionRejected
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
        loaded = load_round(conn, imported_round.round_id)
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
        loaded = load_round(conn, result.round_id)
    assert loaded.projects[0].requested_amount == Decimal("123456.78")


def test_a_gbk_csv_folder_from_chinese_excel_is_read(engine, tmp_path, key_file):
    folder = write_csv_folder(tmp_path / "gbk", small_round(), encoding="gb18030")
    result = _import(engine, folder, key_file)
    with engine.connect() as conn:
        assert load_round(conn, result.round_id).units[0].unit_name == "县教育局"


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


@pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "worker"])
def test_the_raw_database_holds_no_id_number_or_name_in_clear(engine, workbook, key_file, parallel):
    _import(engine, workbook, key_file, parallel=parallel)
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


# --- the pipeline: checking in a worker process, storing as rows come ------------------------


@pytest.fixture(params=[False, True], ids=["in-process", "worker"])
def parallel(request: pytest.FixtureRequest) -> bool:
    """Whether the import checks in a worker process (as a large submission does)."""
    return request.param


def _count_writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records the sheet of every batch of rows written (the writing is in this process)."""
    written: list[str] = []
    insert = rounds.insert_columns

    def spy(conn, *, sheet_key, **options):
        written.append(sheet_key)
        insert(conn, sheet_key=sheet_key, **options)

    monkeypatch.setattr(rounds, "insert_columns", spy)
    return written


def _broken_round() -> dict:
    sheets = small_round()
    sheets["项目"][0][sheets["项目"][0].index("项目名称")] = "项目名"  # required column missing
    sheets["项目"][2][3] = "999"  # unknown unit
    sheets["项目"].append(list(sheets["项目"][1]))  # duplicate project code
    sheets["支出明细"][2][9] = "五万元整"  # wrong type
    sheets["支出明细"].append(["P-404", 9, "幽灵明细", "30201", "", "", "", "", "", 10])
    return sheets


def test_a_worker_stores_the_same_round_as_an_import_in_process(
    engine, workbook, key_file, key_ring
):
    results = {
        mode: import_submission(
            engine=engine, path=workbook, region=mode, key_file=key_file, parallel=mode == "worker"
        )
        for mode in ("in-process", "worker")
    }
    assert results["worker"].counts == results["in-process"].counts
    assert results["worker"].requested_total == results["in-process"].requested_total
    assert results["worker"].notes == results["in-process"].notes
    with engine.connect() as conn:
        loaded = {mode: load_round(conn, r.round_id) for mode, r in results.items()}
        people = {
            mode: conn.execute(
                select(tables.personnel)
                .where(tables.personnel.c.round_id == r.round_id)
                .order_by(tables.personnel.c.id)
            ).all()
            for mode, r in results.items()
        }
    for name in ("units", "projects", "history_lines", "assets", "policy_documents", "ceilings"):
        assert getattr(loaded["worker"], name) == getattr(loaded["in-process"], name), name
    for mine, theirs in zip(people["worker"], people["in-process"], strict=True):
        assert mine.id_number_hash == theirs.id_number_hash
        assert mine.id_number_enc != theirs.id_number_enc  # a fresh nonce for every value
        assert key_ring.decrypt(mine.person_name_enc, field="person_name") == key_ring.decrypt(
            theirs.person_name_enc, field="person_name"
        )


def test_problems_are_listed_in_the_same_order_however_the_submission_is_checked(
    engine, tmp_path, key_file
):
    from lingji.services.importing import check_submission

    broken = write_xlsx(tmp_path / "broken.xlsx", _broken_round(), title_rows=2)
    listed = []
    for parallel in (False, True):
        with pytest.raises(SubmissionRejected) as rejected:
            _import(engine, broken, key_file, parallel=parallel)
        listed.append(rejected.value.problems)
    assert listed[0] == listed[1] == check_submission(path=broken).problems
    assert len(listed[0]) == 5


def test_a_problem_found_after_rows_were_written_rolls_all_of_them_back(
    engine, imported_round, tmp_path, key_file, parallel, monkeypatch
):
    before = _snapshot(engine)
    written = _count_writes(monkeypatch)
    sheets = small_round()
    # found only when every sheet is checked: an unknown unit in the last sheet checked
    sheets["控制数"].append(["999", 5000])
    late = write_csv_folder(tmp_path / "late", sheets)

    with pytest.raises(SubmissionRejected) as rejected:
        _import(engine, late, key_file, replace=True, parallel=parallel)

    assert [(p.sheet, p.row, p.column) for p in rejected.value.problems] == [("控制数", 4, "A")]
    assert {"projects", "detail_lines", "personnel", "ceilings"} <= set(written)
    assert _snapshot(engine) == before


def test_a_cell_problem_in_the_last_sheet_checked_rolls_back_the_sheets_before_it(
    engine, imported_round, tmp_path, key_file, parallel, monkeypatch
):
    before = _snapshot(engine)
    written = _count_writes(monkeypatch)
    sheets = small_round()
    sheets["控制数"][1][1] = "很多"
    with pytest.raises(SubmissionRejected) as rejected:
        _import(engine, write_csv_folder(tmp_path / "c", sheets), key_file, replace=True,
                parallel=parallel)  # fmt: skip
    assert [(p.sheet, p.row, p.column) for p in rejected.value.problems] == [("控制数", 2, "B")]
    assert {"projects", "detail_lines", "assets"} <= set(written)
    assert "ceilings" not in written
    assert _snapshot(engine) == before


def test_replace_in_a_worker_swaps_the_round_in_one_go(engine, imported_round, tmp_path, key_file):
    sheets = small_round()
    sheets["项目"] = sheets["项目"][:2]
    sheets["支出明细"] = sheets["支出明细"][:3]
    sheets["绩效指标"] = sheets["绩效指标"][:3]
    result = _import(
        engine, write_xlsx(tmp_path / "v2.xlsx", sheets), key_file, replace=True, parallel=True
    )
    assert result.replaced
    with engine.connect() as conn:
        assert [r.id for r in rounds.list_rounds(conn)] == [result.round_id]
        assert rounds.count_rows(conn, result.round_id)["projects"] == 1
        assert [p.project_code for p in conn.execute(select(tables.projects))] == ["P-001"]


def test_an_existing_round_is_refused_by_a_worker_without_writing(
    engine, imported_round, workbook, key_file, monkeypatch
):
    before = _snapshot(engine)
    written = _count_writes(monkeypatch)
    with pytest.raises(RoundExists, match="--replace"):
        _import(engine, workbook, key_file, parallel=True)
    assert written == []
    assert _snapshot(engine) == before


def test_a_worker_refuses_personnel_without_a_key_file_and_writes_nothing_that_stays(
    engine, workbook, tmp_path
):
    with pytest.raises(KeyFileMissing, match="lingji init"):
        _import(engine, workbook, tmp_path / "no.key", parallel=True)
    with engine.connect() as conn:
        assert rounds.list_rounds(conn) == []
        assert conn.execute(select(tables.projects)).all() == []


def test_a_file_the_worker_cannot_read_is_explained_as_in_process(engine, tmp_path, key_file):
    folder = write_csv_folder(tmp_path / "csv", small_round())
    (folder / "项目.csv").write_bytes(b"\xff\xfe\x00\x81\x30\x81\x30\xff" * 10)
    for parallel in (False, True):
        with pytest.raises(SubmissionNotFound, match="项目.csv"):
            _import(engine, folder, key_file, parallel=parallel)


def test_a_worker_that_dies_before_the_end_leaves_the_database_as_it_was(
    engine, imported_round, workbook, key_file, monkeypatch
):
    from lingji.services import import_workers

    before = _snapshot(engine)
    written = _count_writes(monkeypatch)
    # the real worker, stopped dead just before it would report its outcome
    dying = (
        "import os, sys; sys.path.insert(0, sys.argv[1])\n"
        "from lingji.services import import_checking, import_workers\n"
        "prepare = import_checking.prepare\n"
        "def dying(*args):\n"
        "    for message in prepare(*args):\n"
        "        if message[0] == 'end':\n"
        "            os._exit(7)\n"
        "        yield message\n"
        "import_workers.prepare = dying\n"
        "import_workers.run_worker(sys.argv[2], sys.argv[3])\n"
    )
    monkeypatch.setattr(import_workers, "WORKER", dying)
    with pytest.raises(RuntimeError, match="退出码 7"):
        _import(engine, workbook, key_file, replace=True, parallel=True)
    assert written
    assert _snapshot(engine) == before
