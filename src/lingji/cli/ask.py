"""智慧问数 on the command line: ask a question, and measure the answers against the gold set."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lingji.adapters.db.session import upgrade_schema
from lingji.cli.common import console, database_engine, errors_as_messages
from lingji.settings import get_settings


def ask(
    question: Annotated[
        str, typer.Argument(help="用中文提问，如“教育局今年申报了多少”“会议费标准是多少”")
    ],
    session: Annotated[
        str | None, typer.Option("--session", help="接着上一次的对话追问（上次回答末尾给出的编号）")
    ] = None,
    units: Annotated[
        str | None, typer.Option(help="提问人可查看的单位编码，逗号分隔；不填为全部单位")
    ] = None,
    region: Annotated[str | None, typer.Option(help="地区（库中有多个地区时）")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出回答")] = False,
    asker: Annotated[str, typer.Option(help="记入审计日志的提问人")] = "cli",
) -> None:
    """智慧问数：用中文问预算数据和政策文件，回答给出数字、表格和来源；可连续追问。"""
    import json

    from lingji.adapters.llm import language_model
    from lingji.domain.ask.scope import Scope
    from lingji.services.ask import answer_question

    settings = get_settings()
    engine = database_engine()
    with errors_as_messages():
        upgrade_schema(engine)
        result = answer_question(
            engine=engine,
            question=question,
            scope=Scope.of_units(units),
            asker=asker,
            session_id=session,
            region=region,
            model=language_model(settings),
        )
    answer = result.answer
    if as_json:
        payload = {**answer.to_json(), "session": result.session_id}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console.print(answer.answer)
    if answer.rows:
        table = Table(*answer.rows[0].keys())
        for row in answer.rows[:30]:
            table.add_row(*(_cell(v) for v in row.values()))
        console.print(table)
        if len(answer.rows) > 30:
            console.print(f"……共 {len(answer.rows)} 行，用 --json 查看全部")
    if answer.sources:
        console.print("[dim]来源：" + "；".join(answer.sources) + "[/dim]")
    if answer.sql:
        console.print(f"[dim]查询：{answer.sql}[/dim]")
    console.print(f"[dim]追问请加 --session {result.session_id}[/dim]")


def eval_ask(
    gold: Annotated[Path, typer.Option(help="问答标准集")] = Path("tests/ask/gold.yaml"),
    failures: Annotated[bool, typer.Option("--failures", help="列出答错的问题")] = False,
) -> None:
    """在演示县上用问答标准集测评智慧问数：按问题类型给出准确率和回答耗时。"""
    import tempfile

    from lingji.adapters.llm import language_model
    from lingji.services.ask_evaluation import evaluate_gold, prepare_demo_database

    if not gold.exists():
        console.print(
            f"[red]错误：[/red]找不到问答标准集 {gold}（在代码仓库根目录运行，或用 --gold 指定）"
        )
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory() as folder, errors_as_messages():
        with console.status("正在生成并审核演示县数据…"):
            engine = prepare_demo_database(Path(folder))
        with console.status("正在逐题提问…"):
            report = evaluate_gold(
                engine=engine, gold_path=gold, model=language_model(get_settings())
            )
        engine.dispose()
    table = Table("问题类型", "答对", "题数", "准确率")
    for kind, (right, total) in report.by_kind.items():
        table.add_row(kind, str(right), str(total), f"{right / total:.1%}")
    table.add_row("合计", str(report.right), str(len(report.verdicts)), f"{report.accuracy:.1%}")
    console.print(table)
    console.print(
        f"回答耗时：中位数 {report.latency(0.5):.0f} 毫秒，P95 {report.latency(0.95):.0f} 毫秒"
    )
    if failures:
        for v in report.verdicts:
            if not v.passed:
                turn = f"（第{v.turn}问）" if v.turn > 1 else ""
                console.print(f"[yellow]{v.case_id}{turn}[/yellow] {v.question}：{v.reason}")


def _cell(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return "" if value is None else str(value)
