"""The standards library: official and local spending standards and ranges learnt from history."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from lingji.adapters.db.session import upgrade_schema
from lingji.cli.common import console, database_engine, errors_as_messages


def standards(
    code: Annotated[
        str | None, typer.Argument(help="标准编码或历史区间的品目；省略时列出全部")
    ] = None,
    round_year: Annotated[
        int | None, typer.Option("--round", help="同时列出该年度预算轮次的本地标准与历史区间")
    ] = None,
    region: Annotated[str | None, typer.Option(help="地区（同一年度有多个地区时必填）")] = None,
    accuracy: Annotated[
        bool, typer.Option("--accuracy", help="在该轮次的历史明细上按项目留出测算明细分类的准确率")
    ] = False,
) -> None:
    """支出标准库：官方标准（附来源文件与可信度）、本地标准、从历史明细学得的合理区间。"""
    from lingji.services.review import find_round_id
    from lingji.services.standards import list_standards, measure_classifier, show_standard

    engine = database_engine()
    with errors_as_messages():
        upgrade_schema(engine)
        round_id = (
            None
            if round_year is None
            else find_round_id(engine=engine, year=round_year, region=region)
        )
        if code:
            listing = show_standard(engine=engine, code=code, round_id=round_id)
        else:
            listing = list_standards(engine=engine, round_id=round_id)
        measured = (
            measure_classifier(engine=engine, round_id=round_id) if accuracy and round_id else None
        )
    if code and not listing:
        console.print(f"[red]错误：[/red]没有编码为「{code}」的标准或历史区间")
        raise typer.Exit(2)
    if code:
        for item in listing:
            console.rule(f"{item.kind} {item.code} {item.name}")
            for label, value in (
                ("计量口径", item.basis), ("状态", item.status), ("上限", item.limit),
                ("分档", "；".join(f"{c['label']} {c['limit']}" for c in item.categories)),
                ("适用关键词", "、".join(item.keywords)), ("经济科目", item.econ_code),
                ("来源", item.source), ("可信度", item.trust), ("生效日期", item.effective_from),
                ("样本数", item.sample_size), ("年度", "、".join(map(str, item.years))),
                ("区间", f"{item.low} – {item.high}（中位数 {item.median}，超过 {item.upper} 提示）" if item.low else None),
                ("出处链接", "\n".join(item.urls)), ("说明", item.note),
            ):  # fmt: skip
                if value not in (None, "", []):
                    console.print(f"{label}：{value}")
        return
    table = Table("类别", "编码", "名称", "口径", "上限/区间", "来源", "可信度", "状态")
    for item in listing:
        bound = item.limit or "；".join(f"{c['label']}{c['limit']}" for c in item.categories)
        if item.low:
            bound = f"{item.low}–{item.high}（n={item.sample_size}）"
        elif item.sample_size is not None and not bound:
            bound = f"n={item.sample_size}"
        table.add_row(
            item.kind,
            item.code,
            item.name,
            item.basis,
            bound or "",
            item.source or "",
            item.trust or "",
            item.status,
        )
    console.print(table)
    if measured:
        console.print(
            f"测算明细分类（经济科目）留出准确率 {measured.accuracy:.1%}："
            f"{measured.test_lines} 条明细来自 {measured.test_projects} 个留出项目；"
            f"其中名称从未见过的 {measured.unseen_lines} 条"
            + (
                f"准确率 {measured.unseen_accuracy:.1%}"
                if measured.unseen_accuracy is not None
                else ""
            )
        )
