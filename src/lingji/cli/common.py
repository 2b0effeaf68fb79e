"""The plumbing every command shares: the console, the engine, errors as messages, import progress."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lingji.adapters.db.session import make_engine
from lingji.exceptions import LingjiError, SubmissionRejected
from lingji.intake.problems import Problem
from lingji.settings import get_settings

console = Console(highlight=False)
#: problems printed on screen before pointing at the full list
SHOWN_PROBLEMS = 50


@contextmanager
def errors_as_messages() -> Iterator[None]:
    """The one place that turns Lingji's exceptions into a message and an exit code."""
    try:
        yield
    except SubmissionRejected:
        raise
    except LingjiError as error:
        console.print(f"[red]错误：[/red]{error}")
        raise typer.Exit(2) from None


def database_engine():  # noqa: ANN201 - an Engine; typed where it is used
    return make_engine(get_settings().resolved_database_url)


@contextmanager
def import_progress() -> Iterator[Callable[[str, int, int], None]]:
    """A transient progress bar; yields the `progress` callback `import_submission` reports to."""
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


def print_problems(problems: list[Problem], out: Path) -> None:
    """Say why a submission was rejected: the first problems on screen, all of them in a CSV."""
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
