"""Checking and confining SQL a language model proposes, before anything runs.

A statement runs only if it is one SELECT over the semantic layer's views (semantic_layer.py),
naming only their columns and calling only plain functions. Each view is then replaced by
its definition over the stored table: this round only (or the newest review run), money in
yuan, and, for a scoped asker, only their units' rows. Whatever the model writes, it cannot
read another round, another unit, personal data or a table outside the layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from lingji.domain.ask.scope import Scope
from lingji.domain.ask.semantic_layer import ALLOWED_FUNCTIONS, VIEWS_BY_NAME, View

#: rows a model's query may return
ROW_LIMIT = 1000


class UnsafeSql(ValueError):
    """Raised if a proposed statement is not one SELECT over the semantic layer."""


@dataclass(frozen=True, slots=True)
class Confinement:
    """What every view is confined to."""

    round_id: int
    #: the newest review run of the round (review views); None when the round is not reviewed
    run_id: int | None
    scope: Scope


#: writes a view's definition: SELECT its columns FROM its table WHERE confined (see
#: adapters/db/ask_views.py, which knows how each value is stored)
DefineView = Callable[[View, Confinement], str]


def confine(
    sql: str, confinement: Confinement, *, define: DefineView, dialect: str = "sqlite"
) -> str:
    """Returns the statement rewritten over the confined views; raises UnsafeSql."""
    try:
        statements = [s for s in sqlglot.parse(sql, read=dialect) if s is not None]
    except ParseError as error:
        raise UnsafeSql(f"无法解析的SQL：{error}") from None
    if len(statements) != 1:
        raise UnsafeSql("只允许一条语句")
    (tree,) = statements
    if not isinstance(tree, exp.Select | exp.Union):
        raise UnsafeSql("只允许 SELECT 查询")
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    _refuse_anything_but_reading(tree)
    views = _views(tree, ctes)
    _check_columns(tree, views, ctes)
    _check_functions(tree)
    confined = tree.transform(lambda node: _define(node, confinement, ctes, define, dialect))
    if isinstance(confined, exp.Select) and not confined.args.get("limit"):
        confined = confined.limit(ROW_LIMIT)
    return confined.sql(dialect=dialect)


_WRITES = (
    exp.Insert, exp.Update, exp.Delete, exp.Drop, exp.Create, exp.Alter, exp.Command,
    exp.Merge, exp.TruncateTable, exp.Into,
)  # fmt: skip


def _refuse_anything_but_reading(tree: exp.Expression) -> None:
    for node in tree.walk():
        if isinstance(node, _WRITES):
            raise UnsafeSql("只允许读取数据")


def _views(tree: exp.Expression, ctes: set[str]) -> dict[str, View]:
    """Alias (or name) -> view, for every table the statement reads."""
    found: dict[str, View] = {}
    for table in tree.find_all(exp.Table):
        name = table.name.lower()
        if name in ctes and not table.db:
            continue
        view = VIEWS_BY_NAME.get(name)
        if view is None or table.db or table.catalog:
            raise UnsafeSql(f"不允许查询“{table.sql()}”")
        found[table.alias_or_name.lower()] = view
        found[name] = view
    return found


def _check_columns(tree: exp.Expression, views: dict[str, View], ctes: set[str]) -> None:
    known = set().union(*(v.column_names for v in views.values())) if views else set()
    aliases = {a.alias.lower() for a in tree.find_all(exp.Alias) if a.alias}
    for column in tree.find_all(exp.Column):
        name = column.name.lower()
        if isinstance(column.this, exp.Star):
            raise UnsafeSql("请列出需要的字段，不要用 *")
        qualifier = column.table.lower()
        if qualifier and qualifier in views:
            if name not in views[qualifier].column_names:
                raise UnsafeSql(f"视图 {views[qualifier].name} 没有字段 {name}")
        elif qualifier and qualifier not in ctes:
            raise UnsafeSql(f"未知的表或别名：{qualifier}")
        elif not qualifier and name not in known and name not in aliases and not ctes:
            raise UnsafeSql(f"未知的字段：{name}")
    for star in tree.find_all(exp.Star):
        if not isinstance(star.parent, exp.Count):
            raise UnsafeSql("请列出需要的字段，不要用 *")


def _check_functions(tree: exp.Expression) -> None:
    for func in tree.find_all(exp.Func):
        if isinstance(func, exp.Binary):  # AND and OR are functions to sqlglot
            continue
        if isinstance(func, exp.AggFunc | exp.Case | exp.Cast | exp.If | exp.Coalesce | exp.Round):
            continue
        if isinstance(func, exp.Anonymous):
            name = str(func.this).lower()
        else:
            name = func.sql_name().lower()
        if name not in ALLOWED_FUNCTIONS:
            raise UnsafeSql(f"不允许调用函数 {name}")


def _define(
    node: exp.Expression,
    confinement: Confinement,
    ctes: set[str],
    define: DefineView,
    dialect: str,
) -> exp.Expression:
    """A view's table reference -> (its definition) AS the same alias."""
    if not isinstance(node, exp.Table) or node.name.lower() in ctes:
        return node
    view = VIEWS_BY_NAME[node.name.lower()]
    definition = sqlglot.parse_one(define(view, confinement), read=dialect)
    assert isinstance(definition, exp.Select)
    return definition.subquery(alias=node.alias_or_name)
