"""The `lingji` command. Each command parses its options, calls one service and prints."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from lingji.adapters.crypto import create_key_file
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.domain.contract import SHEETS, SHEETS_BY_KEY
from lingji.exceptions import LingjiError, RoundExists, SubmissionRejected
from lingji.intake.problems import Problem
from lingji.services.importing import import_submission
from lingji.services.status import describe_rounds
from lingji.settings import get_settings

app = typer.Typer(
    help="零基：财政局零基预算智能审核平台。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
#: problems printed on screen before pointing at the full list
SHOWN_PROBLEMS = 50


@contextmanager
def _errors_as_messages() -> Iterator[None]:
    """The one place that turns Lingji's exceptions into a message and an exit code."""
    try:
        yield
    except SubmissionRejected:
        raise
    except LingjiError as error:
        console.print(f"[red]错误：[/red]{error}")
        raise typer.Exit(2) from None


def _engine():  # noqa: ANN202 - an Engine; typed where it is used
    return make_engine(get_settings().resolved_database_url)


@app.command()
def init() -> None:
    """初始化：建立数据库结构，生成敏感字段的加密密钥文件（已存在则保留）。"""
    settings = get_settings()
    with _errors_as_messages():
        key_file = settings.resolved_key_file
        if key_file.exists():
            console.print(f"密钥文件已存在，保留不动：{key_file}")
        else:
            create_key_file(key_file)
            console.print(f"已生成密钥文件：{key_file}（请妥善备份，切勿提交到代码库）")
        upgrade_schema(_engine())
        console.print(f"数据库已就绪：{_masked_url(settings.resolved_database_url)}")


@app.command("import")
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
    engine = _engine()
    with _errors_as_messages():
        upgrade_schema(engine)
        try:
            with _progress() as report:
                result = import_submission(
                    engine=engine,
                    path=path,
                    region=region or settings.default_region,
                    key_file=settings.resolved_key_file,
                    replace=replace,
                    progress=report,
                )
        except SubmissionRejected as rejected:
            _print_problems(
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


@app.command()
def status(
    notes: Annotated[bool, typer.Option("--notes", help="列出导入时注意到的情况")] = False,
) -> None:
    """查看已导入的预算轮次、各表行数和导入时注意到的情况。"""
    engine = _engine()
    with _errors_as_messages():
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


@app.command()
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
    engine = _engine()
    with _errors_as_messages():
        upgrade_schema(engine)
        rules = load_ruleset(ruleset)
        if submission is not None:
            try:
                with _progress() as report_progress:
                    imported = import_submission(
                        engine=engine,
                        path=submission,
                        region=region or settings.default_region,
                        key_file=settings.resolved_key_file,
                        replace=replace,
                        progress=report_progress,
                    )
            except SubmissionRejected as rejected:
                _print_problems(rejected.problems, settings.data_dir / "import-problems.csv")
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


@app.command()
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
    engine = _engine()
    with _errors_as_messages():
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


@app.command()
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
    engine = _engine()
    with _errors_as_messages():
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


@app.command()
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

    engine = _engine()
    with _errors_as_messages():
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


@app.command()
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
    engine = _engine()
    with _errors_as_messages():
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


@app.command("eval-ask")
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
    with tempfile.TemporaryDirectory() as folder, _errors_as_messages():
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


@app.command("demo-data")
def demo_data(
    out: Annotated[Path, typer.Option(help="输出文件夹")],
    seed: Annotated[int, typer.Option(help="随机种子：同一种子生成同样的数据")] = 2027,
    scale: Annotated[int, typer.Option(min=1, help="规模倍数：250 约为 10 万个项目")] = 1,
    fmt: Annotated[str, typer.Option("--format", help="xlsx 或 csv")] = "xlsx",
) -> None:
    """生成虚构的示范县预算数据（含标准答案），用于演示、测试和基准测试。"""
    from lingji.demo import write_demo_county

    with _errors_as_messages(), console.status("正在生成示范县数据…"):
        summary = write_demo_county(out, seed=seed, scale=scale, fmt=fmt)
    console.print(f"已生成：{summary.path}")
    console.print(f"标准答案：{summary.answer_key_path}")
    console.print("，".join(f"{name} {count:,} 行" for name, count in summary.counts.items()))


@contextmanager
def _progress() -> Iterator[object]:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("准备", total=None)

        def report(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total or None)

        yield report


def _print_problems(problems: list[Problem], out: Path) -> None:
    console.print(f"[red]未导入：[/red]发现 {len(problems)} 处无法读取的问题，数据库没有任何改动。")
    for problem in problems[:SHOWN_PROBLEMS]:
        console.print(f"  • {problem.message}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["工作表", "行", "列", "列名", "问题"])
        for p in problems:
            writer.writerow([p.sheet, p.row or "", p.column or "", p.header or "", p.reason])
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        console.print(f"  …另有 {more} 处问题")
    console.print(f"全部问题清单：{out}")


def _masked_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def main() -> None:  # pragma: no cover - console entry point
    app(prog_name="lingji", args=sys.argv[1:])
