"""Getting a budget round in and looking at it: init, import, status, and demo data to import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lingji.adapters.crypto import create_key_file
from lingji.adapters.db.session import upgrade_schema
from lingji.cli.common import (
    console,
    database_engine,
    errors_as_messages,
    import_progress,
    print_problems,
)
from lingji.domain.contract import SHEETS, SHEETS_BY_KEY
from lingji.exceptions import SubmissionRejected
from lingji.services.importing import import_submission
from lingji.services.status import describe_rounds
from lingji.settings import get_settings


def init() -> None:
    """初始化：建立数据库结构，生成敏感字段的加密密钥文件（已存在则保留）。"""
    settings = get_settings()
    with errors_as_messages():
        key_file = settings.resolved_key_file
        if key_file.exists():
            console.print(f"密钥文件已存在，保留不动：{key_file}")
        else:
            create_key_file(key_file)
            console.print(f"已生成密钥文件：{key_file}（请妥善备份，切勿提交到代码库）")
        upgrade_schema(database_engine())
        console.print(f"数据库已就绪：{_masked_url(settings.resolved_database_url)}")


def import_command(
    path: Annotated[Path, typer.Argument(help="工作簿（.xlsx）或装有各表 CSV 的文件夹")],
    region: Annotated[
        str | None, typer.Option(help="地区名称；默认取设置 LINGJI_DEFAULT_REGION")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="整体替换已导入的同年度同地区轮次")
    ] = False,
    problems_out: Annotated[
        Path | None, typer.Option(help="被拒绝时把全部问题写入这个 CSV 文件")
    ] = None,
) -> None:
    """导入一个预算轮次。任何一行读不懂，整个文件都不入库，并列出全部问题。"""
    settings = get_settings()
    engine = database_engine()
    with errors_as_messages():
        upgrade_schema(engine)
        try:
            with import_progress() as report:
                result = import_submission(
                    engine=engine,
                    path=path,
                    region=region or settings.default_region,
                    key_file=settings.resolved_key_file,
                    replace=replace,
                    progress=report,
                )
        except SubmissionRejected as rejected:
            print_problems(
                rejected.problems, problems_out or settings.data_dir / "import-problems.csv"
            )
            raise typer.Exit(1) from None
    verb = "已替换" if result.replaced else "已导入"
    console.print(
        f"[green]{verb}[/green] {result.region} {result.year} 年度预算轮次："
        f"{result.counts['units']:,} 个单位，{result.counts['projects']:,} 个项目，"
        f"申报总额 {result.requested_total:,.2f} 元"
    )
    table = Table("工作表", "行数")
    for key, count in result.counts.items():
        table.add_row(SHEETS_BY_KEY[key].name, f"{count:,}")
    console.print(table)
    absent = [s.name for s in SHEETS if s.key not in result.counts]
    if absent:
        console.print(f"未提供的可选工作表（需要它们的检查将跳过并注明）：{'、'.join(absent)}")
    if result.notes:
        console.print(
            f"按原样保存、值得留意的情况 {len(result.notes)} 处（lingji status --notes 查看）"
        )


def status(
    notes: Annotated[bool, typer.Option("--notes", help="列出导入时注意到的情况")] = False,
) -> None:
    """查看已导入的预算轮次、各表行数和导入时注意到的情况。"""
    engine = database_engine()
    with errors_as_messages():
        upgrade_schema(engine)
        described = describe_rounds(engine=engine)
    if not described:
        console.print("数据库中还没有预算轮次。用 lingji import 导入一个。")
        return
    rounds_table = Table("预算轮次", "导入时间", "来源文件", "注意事项")
    for item in described:
        r = item.round
        rounds_table.add_row(
            f"{r.region} {r.year}",
            r.imported_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            r.source_name,
            f"{len(item.notes)} 处",
        )
    console.print(rounds_table)
    counts = Table("工作表", *(f"{i.round.region} {i.round.year}" for i in described))
    for sheet in SHEETS:
        counts.add_row(
            sheet.name,
            *(
                f"{i.counts[sheet.key]:,}" if sheet.key in i.round.sheets_present else "未提供"
                for i in described
            ),
        )
    console.print(counts)
    if notes:
        for item in described:
            for note in item.notes:
                console.print(f"{item.round.region} {item.round.year}：{note.message}")


def demo_data(
    out: Annotated[Path, typer.Option(help="输出文件夹")],
    seed: Annotated[int, typer.Option(help="随机种子：同一种子生成同样的数据")] = 2027,
    scale: Annotated[int, typer.Option(min=1, help="规模倍数：250 约为 10 万个项目")] = 1,
    fmt: Annotated[str, typer.Option("--format", help="xlsx 或 csv")] = "xlsx",
) -> None:
    """生成虚构的示范县预算数据（含标准答案），用于演示、测试和基准测试。"""
    from lingji.demo import write_demo_county

    with errors_as_messages(), console.status("正在生成示范县数据…"):
        summary = write_demo_county(out, seed=seed, scale=scale, fmt=fmt)
    console.print(f"已生成：{summary.path}")
    console.print(f"标准答案：{summary.answer_key_path}")
    console.print("，".join(f"{name} {count:,} 行" for name, count in summary.counts.items()))


def _masked_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
