"""Skips shared by the checks that compare a project with last year's record (M03, M04, X07).

They tell a new project (nothing to compare: 不适用) from a continuing one whose record is
missing (数据缺失), so that a reviewer sees which projects could not be compared and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lingji.domain.findings import Skip

if TYPE_CHECKING:
    from lingji.domain.models import Project
    from lingji.domain.review_context import ReviewContext

HISTORY_SHEET = "history"


def history_sheet_missing(ctx: ReviewContext, code: str) -> Skip | None:
    """A round-level skip when the submission carries no 历史执行 sheet at all."""
    if ctx.has_sheet(HISTORY_SHEET):
        return None
    return ctx.skip(code, "报送数据没有“历史执行”表，无法与上年比较", missing=True)


def no_previous_record(ctx: ReviewContext, code: str, project: Project) -> Skip:
    """The skip for a project without last year's record: missing if it claims to continue."""
    last_year = ctx.year - 1
    if project.prev_project_code:
        return ctx.skip(
            code,
            f"填报了上年项目编码{project.prev_project_code}，但历史执行表中没有该项目{last_year}年的记录",
            missing=True,
            project=project,
        )
    if project.continuing == "是":
        return ctx.skip(
            code,
            f"延续项目未填上年项目编码，历史执行表中也没有本编码{last_year}年的记录",
            missing=True,
            project=project,
        )
    if project.continuing == "否":
        return ctx.skip(code, f"新增项目，没有{last_year}年的执行记录可比", project=project)
    return ctx.skip(
        code,
        f"未填是否延续，也没有上年项目编码和{last_year}年的记录，按新增项目处理",
        project=project,
    )
