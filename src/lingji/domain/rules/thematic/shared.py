"""What the thematic checks (T01–T09) say alike: line labels, standards as messages cite them,
keyword searches, and the skip for a standard the bureau has not configured."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.standards.library import StandardMatch, Unmeasurable
from lingji.domain.standards.measures import grouped, price
from lingji.domain.standards.model import Origin

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, Project
    from lingji.domain.review_context import ReviewContext
    from lingji.domain.standards.library import KindMatcher
    from lingji.domain.standards.model import Standard

#: (line, its comparison, its project) -> (message, evidence beyond the comparison's own)
Describe = Callable[["DetailLine", StandardMatch, "Project"], tuple[str, dict[str, Any]]]

NOTHING = re.compile(r"(?!)")


def line_label(line: DetailLine) -> str:
    """'第3行 物业管理费', or '明细 物业管理费' when the line has no number."""
    where = f"第{line.line_no}行" if line.line_no is not None else "明细"
    return f"{where} {line.item_name or '（未命名）'}"


def any_of(words: Iterable[Any]) -> re.Pattern[str]:
    """One compiled search for a keyword list (names of a million lines are searched)."""
    escaped = [re.escape(str(w)) for w in words if str(w)]
    return re.compile("|".join(escaped)) if escaped else NOTHING


def standard_phrase(standard: Standard, limit: Decimal | None = None, note: str = "") -> str:
    """'澜溪县“行政办公用房物业管理费”标准4.50元/平方米·月（澜溪财预〔2025〕9号）'; a note
    joins the document in the brackets: '…标准1,000元/万元建设投资（即10.0%，澜溪财预〔2025〕9号）'."""
    value = standard.limit if limit is None else limit
    figure = f"{price(value)}/{standard.unit_label}" if value is not None else ""
    bracket = "，".join(part for part in (note, standard.doc_no) if part)
    if standard.origin is Origin.BUREAU:
        where = f"（{bracket}）" if bracket else ""
        return f"{standard.region or '本地'}“{standard.name}”标准{figure}{where}"
    return f"{standard.described()}{figure}" + (f"（{note}）" if note else "")


def standard_evidence(standard: Standard, limit: Decimal | None = None) -> dict[str, Any]:
    value = standard.limit if limit is None else limit
    return {
        "standard_code": standard.code,
        "standard_name": standard.name,
        "origin": standard.origin.value,
        "basis": standard.basis,
        "limit": None if value is None else str(value),
        "doc_no": standard.doc_no,
        "region": standard.region,
    }


def match_evidence(match: StandardMatch) -> dict[str, Any]:
    """A line's comparison with its standard, as M01 records it."""
    measure = match.measure
    return {
        **standard_evidence(match.standard, match.limit),
        "measure": measure.label,
        "count": grouped(measure.count),
        "unit_cost": str(measure.unit_cost),
        "claimed": str(match.claimed),
        "allowed": str(match.allowed),
    }


def refs(standard: Standard) -> tuple[str, ...]:
    return (standard.doc_no,) if standard.doc_no else ()


def not_configured(what: str, instead: str = "不作比对") -> str:
    """The skip text when the bureau's 支出标准 has no standard of a kind."""
    return f"本轮“支出标准”表没有{what}标准（未配置标准），{instead}"


def unmeasurable_text(line: DetailLine, outcome: Unmeasurable) -> str:
    measured = f"按“{outcome.line_measure}”计量" if outcome.line_measure else "缺少计量数据"
    return (
        f"{line_label(line)}{measured}，与{standard_phrase(outcome.standard)}的口径不一致，无法比对"
    )


def over_kind_standard(
    ctx: ReviewContext,
    code: str,
    matcher: KindMatcher,
    tolerance: Decimal,
    describe: Describe,
) -> CheckResult:
    """Every line compared with the standards of one kind, as M01 compares it.

    A finding per line above its limit by more than `tolerance`, with M01's excess (so that
    the suggestion takes one cut per line); a data-missing skip per project whose lines are
    named for the kind but measured otherwise. `checked` counts the projects concerned.
    """
    result = CheckResult()
    for group in ctx.item_index().lines(matcher.names):
        project = group.project
        concerned = False
        gaps: list[str] = []
        for line in group.lines:
            outcome = matcher.match(line, project)
            if outcome is None:
                continue
            concerned = True
            if isinstance(outcome, Unmeasurable):
                gaps.append(unmeasurable_text(line, outcome))
                continue
            excess = outcome.excess
            if excess <= tolerance:
                continue
            message, extra = describe(line, outcome, project)
            result.findings.append(
                ctx.finding(
                    code,
                    project,
                    message,
                    line_no=line.line_no,
                    amount_excess=excess,
                    evidence={**match_evidence(outcome), **extra, "excess": str(excess)},
                    policy_refs=refs(outcome.standard),
                )
            )
        if concerned:
            result.checked += 1
        if gaps:
            result.skips.append(ctx.skip(code, "；".join(gaps), missing=True, project=project))
    return result
