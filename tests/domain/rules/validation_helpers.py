"""Inline objects for the entry-validation (V) check tests: a complete, clean project to break."""

from __future__ import annotations

from decimal import Decimal

from lingji.domain.models import DetailLine, Indicator, PolicyDocument, Project
from tests.domain.rules.helpers import context, project

#: the sheets of a submission that carries a policy library
WITH_POLICIES = ("units", "projects", "detail_lines", "indicators", "policy_documents")

#: one indicator of every required kind, each with a figure
FULL_INDICATORS = (
    ("产出指标", "数量指标", "培训人次", "200"),
    ("产出指标", "质量指标", "考核合格率", "≥95%"),
    ("产出指标", "时效指标", "完成时间", "2027年12月31日"),
    ("成本指标", "经济成本指标", "项目总成本", "12.5"),
    ("效益指标", "社会效益指标", "政策知晓率", "90%"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90"),
)


def indicator(level1, level2, name="指标", target="100", code="P1") -> Indicator:
    return Indicator(code, level1=level1, level2=level2, name=name, target_value=target)


def line(name="办公用品", amount="1000", **fields) -> DetailLine:
    defaults = {"econ_code": "30201", "line_no": fields.pop("line_no", None)}
    return DetailLine(
        "P1",
        name,
        None if amount is None else Decimal(amount),
        **{**defaults, **{k: _decimal(k, v) for k, v in fields.items()}},
    )


def _decimal(key, value):
    return (
        Decimal(value) if key in ("quantity", "days", "unit_price") and value is not None else value
    )


def clean_project(code="P1", *, indicators=FULL_INDICATORS, lines=None, **fields) -> Project:
    """A project no V check reports: every field filled, a valid 文号, full indicators."""
    values = {
        "name": "群众文化活动",
        "category": "特定目标类",
        "start_year": 2027,
        "end_year": 2027,
        "policy_refs": "澜溪府发〔2024〕8号",
        "rationale": "根据《澜溪县全面实施零基预算改革实施方案》（澜溪府发〔2024〕8号）有关规定。",
        "content": "组织开展群众文化活动。",
        "overall_goal": "全年开展活动20场，群众满意度不低于90%。",
    }
    values.update(fields)
    requested = values.pop("requested", "1000")
    p = project(code, requested=requested, lines=lines if lines is not None else [line()], **values)
    p.indicators = [
        item if isinstance(item, Indicator) else indicator(*item, code=code) for item in indicators
    ]
    return p


def policy(doc_no="澜溪府发〔2024〕8号", status="有效", expires=None, title="零基预算改革实施方案"):
    return PolicyDocument(doc_no, title=title, status=status, expires=expires)


def run(module, *projects, **context_args):
    ctx = context(*projects, **context_args)
    return module.check(ctx, ctx.ruleset.params(module.CODE))
