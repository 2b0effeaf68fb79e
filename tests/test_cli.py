"""The lingji command as a user types it."""

from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

from lingji.cli import app
from lingji.settings import get_settings
from tests.fixtures.workbooks import small_round, write_xlsx


@pytest.fixture
def lingji(tmp_path, monkeypatch):
    """Runs `lingji ...` with its data folder in tmp_path; returns (exit code, output)."""
    monkeypatch.setenv("LINGJI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("LINGJI_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, list(args))
        return result.exit_code, result.output

    yield run
    get_settings.cache_clear()


def test_init_makes_a_key_file_once_and_keeps_it(lingji, tmp_path):
    code, out = lingji("init")
    assert code == 0, out
    key = (tmp_path / "var" / "lingji.key").read_bytes()
    code, out = lingji("init")
    assert code == 0 and "已存在" in out
    assert (tmp_path / "var" / "lingji.key").read_bytes() == key


def test_importing_a_broken_workbook_lists_every_problem_and_exits_non_zero(lingji, tmp_path):
    lingji("init")
    sheets = small_round()
    sheets["项目"][2][3] = "999"
    sheets["支出明细"][1][9] = "一万"
    code, out = lingji("import", str(write_xlsx(tmp_path / "bad.xlsx", sheets)))
    assert code == 1
    assert "数据库没有任何改动" in out
    assert "工作表「项目」 第3行 D列（单位编码）" in out
    assert "工作表「支出明细」 第2行 J列（金额）" in out
    with (tmp_path / "var" / "import-problems.csv").open(encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle))) == 3  # header and two problems
    code, out = lingji("status")
    assert "还没有预算轮次" in out


def test_a_round_imports_once_and_is_replaced_on_request(lingji, tmp_path):
    lingji("init")
    workbook = str(write_xlsx(tmp_path / "ok.xlsx", small_round()))
    code, out = lingji("import", workbook, "--region", "示例县")
    assert code == 0, out
    assert "已导入" in out and "示例县 2027" in out
    code, out = lingji("import", workbook, "--region", "示例县")
    assert code == 2 and "--replace" in out
    code, out = lingji("import", workbook, "--region", "示例县", "--replace")
    assert code == 0 and "已替换" in out
    code, out = lingji("status", "--notes")
    assert code == 0
    assert "示例县 2027" in out and "安全巡查" in out


def test_a_path_that_is_not_a_submission_is_explained(lingji, tmp_path):
    code, out = lingji("import", str(tmp_path / "nothing.pdf"))
    assert code == 2
    assert "找不到可导入的提交文件" in out


def test_review_imports_a_workbook_and_writes_the_contract_files(lingji, tmp_path):
    lingji("init")
    workbook = str(write_xlsx(tmp_path / "ok.xlsx", small_round()))
    code, out = lingji("review", workbook, "--region", "示例县", "--out", str(tmp_path / "out"))
    assert code == 0, out
    assert "已审核 示例县 2027 年度 3 个项目" in out
    for name in ("projects.csv", "findings.csv", "skips.csv", "report.html"):
        assert (tmp_path / "out" / name).exists(), name
    code, out = lingji("review", "--round", "2027", "--out", str(tmp_path / "again"))
    assert code == 0, out
    code, out = lingji("allocate", "--round", "2027", "--out", str(tmp_path / "out"))
    assert code == 0, out
    assert (tmp_path / "out" / "allocation.csv").exists()
    code, out = lingji("thematic", "政府采购", "--round", "2027")
    assert code == 0, out
    assert "专题分析：政府采购" in out and "县教育技术装备中心（101001）" in out
    assert (tmp_path / "var" / "review" / "示例县-2027" / "thematic-procurement-units.csv").exists()
    code, out = lingji("thematic", "差旅", "--round", "2027")
    assert code == 2 and "sangong（三公经费）" in out


def test_review_of_a_round_that_is_not_there_is_explained(lingji):
    code, out = lingji("review", "--round", "2031")
    assert code == 2 and "2031" in out


def test_standards_lists_official_standards_with_their_source(lingji):
    code, out = lingji("standards")
    assert code == 0, out
    assert "CN-MEETING" in out and "官方标准" in out
    code, out = lingji("standards", "CN-MEETING")
    assert code == 0 and "财行〔2016〕214号" in out and "760" in out


def test_ask_answers_follows_up_and_prints_json(lingji, tmp_path):
    import json

    lingji("init")
    workbook = str(write_xlsx(tmp_path / "ok.xlsx", small_round()))
    assert lingji("import", workbook, "--region", "示例县")[0] == 0
    code, out = lingji("ask", "县教育局今年申报了多少", "--json")
    assert code == 0, out
    first = json.loads(out)
    assert first["value"] == 131456.78 and first["sql"].upper().startswith("SELECT")
    assert set(first) >= {"answer", "value", "rows", "sql", "sources", "session"}
    code, out = lingji("ask", "会议费标准是多少")
    assert code == 0 and "财行〔2016〕214号" in out


def test_eval_ask_explains_a_missing_gold_file(lingji, tmp_path):
    code, out = lingji("eval-ask", "--gold", str(tmp_path / "none.yaml"))
    assert code == 2 and "找不到问答标准集" in out
