"""Reviewing a round and funding it: review (import too, if given a workbook) and allocate."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from lingji.adapters.db.session import upgrade_schema
from lingji.cli.common import (
    console,
    database_engine,
    errors_as_messages,
    import_progress,
    print_problems,
)
from lingji.exceptions import RoundExists, SubmissionRejected
from lingji.services.importing import import_submission
from lingji.settings import get_settings


def review(
    submission: Annotated[
        Path | None,
        typer.Argument(help="要导入并审核的工作簿或 CSV 文件夹；省略时审核已导入的 --round"),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="输出文件夹；默认 var/review/地区-年度")] = None,
    round_year: Annotated[
        int | None, typer.Option("--round", help="审核已导入的某年度预算轮次")
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="地区；导入时默认 LINGJI_DEFAULT_REGION")
    ] = None,
    ruleset: Annotated[Path | None, typer.Option(help="规则集 YAML；默认使用内置规则集")] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="导入时整体替换已导入的同一轮次")
    ] = False,
) -> None:
    """审核一个预算轮次：逐项检查、打分、分级、排序、给出建议金额，输出 CSV 与报告。"""
    from lingji.adapters.report.files import write_review_files
    from lingji.adapters.report.html import write_report
    from lingji.adapters.rulesets import load_ruleset
    from lingji.services.review import find_round_id, review_round

    settings = get_settings()
    engine = database_engine()
    with errors_as_messages():
        upgrade_schema(engine)
        rules = load_ruleset(ruleset)
        if submission is not None:
            try:
                with import_progress() as report_progress:
                    imported = import_submission(
                        engine=engine,
                        path=submission,
                        region=region or settings.default_region,
                        key_file=settings.resolved_key_file,
                        replace=replace,
                        progress=report_progress,
                    )
            except SubmissionRejected as rejected:
                print_problems(rejected.problems, settings.data_dir / "import-problems.csv")
                raise typer.Exit(1) from None
            except RoundExists as exists:
                raise RoundExists(f"{exists}；或用 --round 审核已导入的数据") from None
            round_id = imported.round_id
        elif round_year is not None:
            round_id = find_round_id(engine=engine, year=round_year, region=region)
        else:
            console.print("[red]错误：[/red]请给出要审核的工作簿，或用 --round 指定已导入的年度")
            raise typer.Exit(2)
        with console.status("正在审核…"):
            result = review_round(engine=engine, round_id=round_id, ruleset=rules)
        folder = out or settings.data_dir / "review" / f"{result.region}-{result.year}"
        write_review_files(result, folder)
        report_path = write_report(result, folder)
    summary = result.summary()
    console.print(
        f"[green]已审核[/green] {result.region} {result.year} 年度 {summary['projects']:,} 个项目"
        f"（规则集 {rules.version}）：申报 {Decimal(summary['requested_total']):,.2f} 元，"
        f"建议 {Decimal(summary['suggested_total']):,.2f} 元"
    )
    grades = "，".join(f"{g} 级 {n} 个" for g, n in summary["grades"].items())
    console.print(
        f"分级：{grades}；存在阻断问题的项目 {summary['blocked']} 个；发现问题 {len(result.findings):,} 处"
    )
    console.print(f"报告：{report_path}")
    console.print(f"明细：{folder / 'projects.csv'}，{folder / 'findings.csv'}")


def allocate(
    round_year: Annotated[int, typer.Option("--round", help="已审核的预算年度")],
    region: Annotated[str | None, typer.Option(help="地区（同一年度有多个地区时必填）")] = None,
    out: Annotated[Path | None, typer.Option(help="输出文件夹；默认 var/review/地区-年度")] = None,
) -> None:
    """按控制数安排资金：按排序先 A 后 B、C、D，边际项目部分安排，列出每个单位安排与未安排的项目及原因。"""
    from lingji.adapters.report.files import write_allocation_files
    from lingji.services.allocation import allocate_round
    from lingji.services.review import find_round

    settings = get_settings()
    engine = database_engine()
    with errors_as_messages():
        upgrade_schema(engine)
        stored = find_round(engine=engine, year=round_year, region=region)
        allocations, unit_names = allocate_round(engine=engine, round_id=stored.id)
        folder = out or settings.data_dir / "review" / f"{stored.region}-{stored.year}"
        paths = write_allocation_files(allocations, unit_names, folder)
    funded = sum((a.allocated for a in allocations), Decimal(0))
    wanted = sum((a.suggested for a in allocations), Decimal(0))
    counts = {
        s: sum(a.status == s for a in allocations) for s in ("全额安排", "部分安排", "未安排")
    }
    console.print(
        f"[green]已安排[/green] {funded:,.2f} 元（建议金额合计 {wanted:,.2f} 元）："
        + "，".join(f"{k} {v} 个" for k, v in counts.items())
    )
    console.print("输出：" + "，".join(str(p) for p in paths))
