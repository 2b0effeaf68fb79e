from decimal import Decimal

from lingji.intake import parse
from lingji.intake.parse import SubmissionCheck, parse_submission
from lingji.intake.sheets import RawSheet
from tests.fixtures.workbooks import PEOPLE, small_round


def _raw(sheets):
    return [RawSheet(name, rows) for name, rows in sheets.items()]


def test_a_valid_round_is_accepted_with_its_year():
    parsed = parse_submission(_raw(small_round()))
    assert parsed.problems == []
    assert parsed.year == 2027
    assert len(parsed.records["projects"]) == 3
    assert list(parsed.records["detail_lines"].dicts())[1]["amount"] == Decimal("13456.78")


def test_title_rows_and_blank_rows_are_skipped_and_rows_keep_their_numbers():
    sheets = small_round()
    header, *rows = sheets["项目"]
    sheets["项目"] = [["青川县2027年项目申报表"], [], header, rows[0], [], [None, " "], *rows[1:]]
    parsed = parse_submission(_raw(sheets))
    assert parsed.problems == []
    assert parsed.records["projects"].column("source_row") == [4, 7, 8]


def test_a_wan_yuan_header_converts_the_column_to_yuan():
    sheets = small_round()
    sheets["项目"][0][10] = "申报金额（万元）"
    for row in sheets["项目"][1:]:
        row[10] = row[10] / 10000
    parsed = parse_submission(_raw(sheets))
    amounts = parsed.records["projects"].column("requested_amount")
    assert amounts == [Decimal("123456.78"), Decimal("50000"), Decimal("8000")]


def test_english_keys_are_accepted_as_headers():
    sheets = small_round()
    sheets["单位"][0] = ["unit_code", "unit_name", "parent_code"]
    sheets["单位"] = [row[:3] for row in sheets["单位"]]
    assert parse_submission(_raw(sheets)).problems == []


def test_unknown_project_type_is_kept_and_noted_not_rejected():
    parsed = parse_submission(_raw(small_round()))
    assert parsed.records["projects"].column("project_type")[2] == "安全巡查"
    assert any("安全巡查" in n.reason and n.row == 4 for n in parsed.notes)


def test_every_problem_is_reported_with_sheet_row_and_column():
    sheets = small_round()
    sheets["单位"].append(["", "无编码单位"])  # row 4: key missing
    sheets["项目"][2][3] = "999"  # row 3: unknown unit
    sheets["项目"].append(list(sheets["项目"][1]))  # row 5: duplicate project code
    sheets["支出明细"][1][9] = "十一万"  # row 2: unreadable amount
    sheets["支出明细"].append(["P-404", 1, "幽灵明细", "30201", "", "", "", "", "", 10])  # row 6
    sheets["历史执行"][1][0] = "二〇二六"  # row 2: unreadable year
    parsed = parse_submission(_raw(sheets))
    found = {(p.sheet, p.row, p.column) for p in parsed.problems}
    assert found == {
        ("单位", 4, "A"),
        ("项目", 3, "D"),
        ("项目", 5, "B"),
        ("支出明细", 2, "J"),
        ("支出明细", 6, "A"),
        ("历史执行", 2, "A"),
    }
    messages = "\n".join(p.message for p in parsed.problems)
    assert "工作表「项目」 第3行 D列（单位编码）：单位编码「999」在「单位」中不存在" in messages
    assert "项目编码「P-001」与第2行重复" in messages
    assert "无法识别的数字「十一万」" in messages


def test_a_missing_required_column_and_sheet_are_reported():
    sheets = small_round()
    sheets["支出明细"] = [[c for i, c in enumerate(row) if i != 9] for row in sheets["支出明细"]]
    del sheets["绩效指标"]
    problems = parse_submission(_raw(sheets)).problems
    assert {(p.sheet, p.reason) for p in problems} == {
        ("支出明细", "缺少必需的列「金额」"),
        ("绩效指标", "缺少必需的工作表"),
    }


def test_a_round_with_two_budget_years_is_refused():
    sheets = small_round()
    sheets["项目"][3][0] = 2026
    problems = parse_submission(_raw(sheets)).problems
    assert [(p.row, p.column) for p in problems] == [(4, "A")]


def test_an_unreadable_sensitive_cell_does_not_echo_its_content():
    sheets = small_round()
    sheets["人员"][1][0] = 1.10101199003071e17  # an ID number Excel turned into a float
    problems = parse_submission(_raw(sheets)).problems
    assert len(problems) == 1
    assert "1101011990" not in problems[0].message
    assert PEOPLE[0][1] not in problems[0].message


def _messy_round():
    sheets = small_round()
    sheets["单位"].append(["", "无编码单位"])  # a key missing
    sheets["项目"][2][3] = "999"  # unknown unit
    sheets["项目"].append(list(sheets["项目"][1]))  # duplicate project code
    sheets["支出明细"][1][9] = "十一万"  # unreadable amount
    sheets["支出明细"].insert(3, [])  # a blank row between data rows
    sheets["支出明细"].append(["P-404", 1, "幽灵明细", "30201"])  # short row, unknown project
    sheets["支出明细"] += [["P-001", n, "培训费", "30216", "", "人天", "", "", "", 10, "", "可能"]
                           for n in range(3, 12)]  # fmt: skip
    sheets["人员"][2][0] = 1.10101199003071e17
    sheets["杂项"] = [["备注"], ["无关"]]
    return sheets


def test_chunks_and_batches_do_not_change_what_is_read_or_found(monkeypatch):
    whole = parse_submission(_raw(_messy_round()))
    assert len(whole.problems) == 6 and len(whole.notes) == 11
    monkeypatch.setattr(parse, "CHUNK_ROWS", 2)
    monkeypatch.setattr(parse, "BATCH_ROWS", 3)
    chunked = parse_submission(_raw(_messy_round()))
    assert chunked.problems == whole.problems
    assert chunked.notes == whole.notes
    assert chunked.year == whole.year
    assert {k: r.rows for k, r in chunked.records.items()} == {
        k: r.rows for k, r in whole.records.items()
    }


def test_sheets_checked_in_any_order_report_as_submitted(monkeypatch):
    monkeypatch.setattr(parse, "CHUNK_ROWS", 3)
    whole = parse_submission(_raw(_messy_round()))
    sheets = _raw(_messy_round())
    check = SubmissionCheck([s.name for s in sheets])
    stored = {}
    for slot in reversed(range(len(sheets))):
        if check.specs[slot] is not None:
            for chunk in check.check_sheet(slot, sheets[slot].rows):
                stored[chunk.key] = stored.get(chunk.key, 0) + len(chunk)
    checked = check.finish()
    assert checked.problems == whole.problems
    assert checked.notes == whole.notes
    assert check.counts == {k: len(r) for k, r in whole.records.items()}
    assert list(check.counts) == list(whole.records)  # as submitted
    assert stored == {k: n for k, n in check.counts.items() if n}


def test_a_problem_is_known_while_the_sheet_is_still_being_checked(monkeypatch):
    monkeypatch.setattr(parse, "CHUNK_ROWS", 2)
    monkeypatch.setattr(parse, "BATCH_ROWS", 2)
    sheets = _raw(_messy_round())
    check = SubmissionCheck([s.name for s in sheets])
    slot = next(i for i, s in enumerate(sheets) if s.name == "支出明细")
    chunks = check.check_sheet(slot, sheets[slot].rows)
    next(chunks)
    assert check.has_problems  # row 2's amount, though its problems are listed at the end
    assert check.finish().problems == []  # not yet handed over: the sheet is not done
