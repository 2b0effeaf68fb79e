"""Reading submissions from disk: sheets are listed at once and their rows read when walked."""

import pytest

from lingji.adapters.excel.reader import read_submission
from lingji.exceptions import SubmissionNotFound
from tests.fixtures.workbooks import small_round, write_csv_folder, write_xlsx


def test_a_csv_folder_lists_its_sheets_and_reads_rows_only_when_walked(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", small_round())
    sheets = read_submission(folder)
    assert [s.name for s in sheets] == sorted(small_round())
    (folder / "单位.csv").unlink()  # not read yet: listing opened no file
    units = next(s for s in sheets if s.name == "单位")
    with pytest.raises(FileNotFoundError):
        list(units.rows)
    projects = next(s for s in sheets if s.name == "项目")
    rows = list(projects.rows)
    assert rows[0][:2] == ["年度", "项目编码"] and rows[1][1] == "P-001"


def test_a_gbk_csv_is_read_as_gbk_and_a_file_in_neither_encoding_is_explained(tmp_path):
    folder = write_csv_folder(tmp_path / "gbk", small_round(), encoding="gb18030")
    units = next(s for s in read_submission(folder) if s.name == "单位")
    assert list(units.rows)[1][1] == "县教育局"
    (folder / "单位.csv").write_bytes("单位编码\n".encode() + b"\xff\xfe\x00\x81\x30\x81\x30\xff")
    units = next(s for s in read_submission(folder) if s.name == "单位")
    with pytest.raises(SubmissionNotFound, match="单位.csv"):
        list(units.rows)


def test_workbook_rows_keep_the_numbers_excel_shows(tmp_path):
    workbook = write_xlsx(tmp_path / "a.xlsx", small_round(), title_rows=2)
    projects = next(s for s in read_submission(workbook) if s.name == "项目")
    rows = list(projects.rows)
    assert rows[0][0].startswith("项目") and rows[2][:2] == ["年度", "项目编码"]
    assert rows[3][1] == "P-001"
