"""Topic analysis: one topic (三公经费, 信息化, 物业, …) across a reviewed round, unit by unit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lingji.adapters.db.session import upgrade_schema
from lingji.cli.common import console, database_engine, errors_as_messages
from lingji.settings import get_settings


def thematic(
    topic: Annotated[
        str,
        typer.Argument(
            help="专题：sangong 三公经费、it 信息化项目、property 物业管理 …（见规则集）"
        ),
    ],
    round_year: Annotated[int, typer.Option("--round", help="已审核的预算年度")],
    region: Annotated[str | None, typer.Option(help="地区（同一年度有多个地区时必填）")] = None,
    out: Annotated[Path | None, typer.Option(help="输出文件夹；默认 var/review/地区-年度")] = None,
    ruleset: Annotated[Path | None, typer.Option(help="规则集 YAML；默认使用内置规则集")] = None,
    rows: Annotated[int, typer.Option(help="屏幕上列出的单位和问题条数")] = 20,
) -> None:
    """专题分析：某一专题（三公经费、信息化、物业、编外与外包……）按单位列出支出、发现的问题和建议核减。"""
    from lingji.adapters.report.files import write_topic_files
    from lingji.adapters.rulesets import load_ruleset
    from lingji.services.review import find_round
    from lingji.services.thematic import analyse_topic

    settings = get_settings()
    engine = database_engine()
    with errors_as_messages():
        upgrade_schema(engine)
        stored = find_round(engine=engine, year=round_year, region=region)
        report = analyse_topic(
            engine=engine, round_id=stored.id, topic=topic, ruleset=load_ruleset(ruleset)
        )
        folder = out or settings.data_dir / "review" / f"{stored.region}-{stored.year}"
        paths = write_topic_files(report, folder)
    t = report.topic
    console.print(f"[bold]{stored.region} {stored.year} 年度专题分析：{t.title}[/bold]")
    if t.description:
        console.print(t.description)
    console.print(
        f"涉及 {len(report.units):,} 个单位，专题支出 {report.amount:,.2f} 元；"
        f"{report.flagged_units:,} 个单位发现问题 {len(report.findings):,} 处，"
        f"建议核减 {report.excess:,.2f} 元"
    )
    table = Table(
        "单位", "在编人数", "项目数", "专题支出（元）", "人均（元）", "问题数", "建议核减（元）"
    )
    for u in report.units[:rows]:
        table.add_row(
            f"{u.unit_name}（{u.unit_code}）",
            "" if u.staff is None else str(u.staff),
            str(u.projects),
            f"{u.amount:,.2f}",
            "" if u.per_capita is None else f"{u.per_capita:,.2f}",
            str(u.findings),
            f"{u.excess:,.2f}",
        )
    console.print(table)
    names = {u.unit_code: u.unit_name for u in report.units}
    for finding in report.findings[:rows]:
        where = f"{names.get(finding.unit_code, '')}（{finding.unit_code}）"
        if finding.project_code:
            where += f" {finding.project_code}"
        console.print(f"[yellow]{finding.code}[/yellow] {where}：{finding.message}")
    if len(report.findings) > rows:
        console.print(f"……另有 {len(report.findings) - rows:,} 处问题，见 CSV")
    console.print("输出：" + "，".join(str(p) for p in paths))
