"""SQLAlchemy 2 tables. Every sheet of the contract has a table of the same key, scoped by round.

Columns follow the contract (domain/contract.py) so that the two cannot drift apart; the
Alembic migrations under migrations/ are the reviewed, versioned record of this schema.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeEngine

from lingji.adapters.db.types import ExactDecimal
from lingji.domain import contract
from lingji.domain.contract import ColumnSpec, ColumnType, SheetSpec

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

budget_rounds = Table(
    "budget_rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("year", Integer, nullable=False),
    Column("region", String(100), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("source_name", Text, nullable=False),
    Column("source_sha256", String(64), nullable=False),
    #: JSON list of the contract sheet keys the submission carried (absent sheets skip checks)
    Column("sheets_present", Text, nullable=False),
    UniqueConstraint("year", "region", name="uq_budget_rounds_year_region"),
)

#: what the importer noticed but stored as written (unknown values, ignored columns)
import_notes = Table(
    "import_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("budget_rounds.id", ondelete="CASCADE"), nullable=False),
    Column("sheet", String(50), nullable=False),
    Column("row", Integer),
    Column("column", String(10)),
    Column("header", Text),
    Column("reason", Text, nullable=False),
    Index("ix_import_notes_round", "round_id"),
)


def _sql_type(column: ColumnSpec) -> TypeEngine[object]:
    types: dict[ColumnType, TypeEngine[object]] = {
        ColumnType.TEXT: Text(),
        ColumnType.CODE: Text(),
        ColumnType.INT: Integer(),
        # quantities, days, areas and scores: exact to 1/10000
        ColumnType.NUMBER: ExactDecimal(4),
        ColumnType.MONEY: ExactDecimal(2),
        ColumnType.DATE: Date(),
    }
    if column.key == "unit_price":
        # unit prices such as 0.655 元/千瓦时 need more than fen
        return ExactDecimal(4)
    return types[column.type]


def _sheet_table(spec: SheetSpec, *extra: Column[object] | Index) -> Table:
    columns: list[Column[object] | Index] = [
        Column("id", Integer, primary_key=True),
        Column(
            "round_id",
            ForeignKey("budget_rounds.id", ondelete="CASCADE"),
            nullable=False,
        ),
    ]
    for col in spec.columns:
        if col.sensitive:
            continue
        columns.append(Column(col.key, _sql_type(col), nullable=not col.row_key))
    columns.append(Column("source_row", Integer))
    columns.extend(extra)
    return Table(spec.key, metadata, *columns)


def _round_index(table_key: str, *cols: str) -> Index:
    return Index(f"ix_{table_key}_round_{'_'.join(cols)}", "round_id", *cols)


units = _sheet_table(contract.UNITS, _round_index("units", "unit_code"))
projects = _sheet_table(
    contract.PROJECTS,
    _round_index("projects", "project_code"),
    _round_index("projects", "unit_code"),
)
detail_lines = _sheet_table(contract.LINES, _round_index("detail_lines", "project_code"))
indicators = _sheet_table(contract.INDICATORS, _round_index("indicators", "project_code"))
history = _sheet_table(contract.HISTORY, _round_index("history", "project_code"))
history_lines = _sheet_table(
    contract.HISTORY_LINES, _round_index("history_lines", "year", "project_code")
)
sangong = _sheet_table(contract.SANGONG, _round_index("sangong", "unit_code"))
personnel = _sheet_table(
    contract.PERSONNEL,
    # SM4-GCM ciphertexts (nonce | ciphertext | tag) and HMAC-SM3 keyed hashes (hex)
    Column("id_number_enc", LargeBinary),
    Column("id_number_hash", String(64)),
    Column("person_name_enc", LargeBinary),
    Column("person_name_hash", String(64)),
    _round_index("personnel", "unit_code"),
    Index("ix_personnel_id_number_hash", "id_number_hash"),
)
assets = _sheet_table(contract.ASSETS, _round_index("assets", "unit_code"))
audit_findings = _sheet_table(contract.AUDIT_FINDINGS, _round_index("audit_findings", "unit_code"))
policy_documents = _sheet_table(
    contract.POLICY_DOCUMENTS, _round_index("policy_documents", "doc_no")
)
standards = _sheet_table(contract.STANDARDS, _round_index("standards", "std_code"))
ceilings = _sheet_table(contract.CEILINGS, _round_index("ceilings", "unit_code"))

#: sheet key -> table, in contract order
SHEET_TABLES: dict[str, Table] = {spec.key: metadata.tables[spec.key] for spec in contract.SHEETS}

# --- review results -------------------------------------------------------------------------

#: one run of the review over a round, with the rule set it used
review_runs = Table(
    "review_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("budget_rounds.id", ondelete="CASCADE"), nullable=False),
    Column("ruleset_version", String(50), nullable=False),
    Column("ruleset_name", Text, nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    #: JSON: finding code -> version of the check that ran
    Column("check_versions", Text, nullable=False),
    #: JSON: totals, grade distribution, counts per code
    Column("summary", Text, nullable=False),
    Index("ix_review_runs_round", "round_id"),
)

review_projects = Table(
    "review_projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", ForeignKey("review_runs.id", ondelete="CASCADE"), nullable=False),
    Column("project_code", Text, nullable=False),
    Column("unit_code", Text, nullable=False),
    Column("name", Text),
    Column("requested_amount", ExactDecimal(2)),
    Column("suggested_amount", ExactDecimal(2)),
    Column("score_total", ExactDecimal(2)),
    Column("score_necessity", ExactDecimal(2)),
    Column("score_importance", ExactDecimal(2)),
    Column("score_normativity", ExactDecimal(2)),
    Column("score_compliance", ExactDecimal(2)),
    Column("score_performance", ExactDecimal(2)),
    Column("score_supervision", ExactDecimal(2)),
    Column("grade", String(1), nullable=False),
    Column("rank", Integer, nullable=False),
    Column("blocked", Integer, nullable=False),
    #: JSON: every score item (dimension, points, reason, rule, finding code) and every cut
    Column("trace", Text, nullable=False),
    Index("ix_review_projects_run_project_code", "run_id", "project_code"),
)

review_findings = Table(
    "review_findings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", ForeignKey("review_runs.id", ondelete="CASCADE"), nullable=False),
    Column("unit_code", Text, nullable=False),
    Column("project_code", Text),
    Column("line_no", Integer),
    Column("code", String(10), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("message", Text, nullable=False),
    Column("amount_excess", ExactDecimal(2), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("policy_refs", Text),
    Column("rule_version", Integer, nullable=False),
    Index("ix_review_findings_run_project_code", "run_id", "project_code"),
)

#: checks that did not apply or lacked data, counted per reason (the full list is in skips.csv)
review_skips = Table(
    "review_skips",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", ForeignKey("review_runs.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(10), nullable=False),
    Column("reason", String(10), nullable=False),
    Column("explanation", Text, nullable=False),
    Column("count", Integer, nullable=False),
    Index("ix_review_skips_run", "run_id"),
)

allocations = Table(
    "allocations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", ForeignKey("review_runs.id", ondelete="CASCADE"), nullable=False),
    Column("project_code", Text, nullable=False),
    Column("unit_code", Text, nullable=False),
    Column("allocated", ExactDecimal(2), nullable=False),
    Column("status", String(10), nullable=False),
    Column("reason", Text, nullable=False),
    Column("ceiling_unit", Text),
    Index("ix_allocations_run", "run_id"),
)

#: a 智慧问数 conversation: the last structured query, so that follow-ups can reuse it
ask_sessions = Table(
    "ask_sessions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("asker", Text, nullable=False),
    #: the asker's scope as stored in the audit trail (全部单位, or unit codes)
    Column("scope", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    #: JSON of the last query (domain/ask/query.py), or null
    Column("state", Text),
)

#: every question and answer: who asked, with what scope, the SQL run and what was answered
ask_audit = Table(
    "ask_audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("asked_at", DateTime(timezone=True), nullable=False),
    Column("asker", Text, nullable=False),
    Column("scope", Text, nullable=False),
    Column("session_id", String(32)),
    Column("question", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("sql", Text),
    Column("answer", Text, nullable=False),
    Column("value", Text),
    Column("sources", Text, nullable=False),
    Column("elapsed_ms", Integer, nullable=False),
    Index("ix_ask_audit_asked_at", "asked_at"),
)
