"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 08:40:00.344668
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "budget_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("sheets_present", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_rounds")),
        sa.UniqueConstraint("year", "region", name="uq_budget_rounds_year_region"),
    )
    op.create_table(
        "assets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("asset_code", sa.Text(), nullable=True),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("asset_name", sa.Text(), nullable=True),
        sa.Column("asset_class", sa.Text(), nullable=True),
        sa.Column("acquired", sa.Date(), nullable=True),
        sa.Column("original_value", sa.BigInteger(), nullable=True),
        sa.Column("asset_status", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_assets_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assets")),
    )
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.create_index("ix_assets_round_unit_code", ["round_id", "unit_code"], unique=False)

    op.create_table(
        "audit_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("project_code", sa.Text(), nullable=True),
        sa.Column("issue_type", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("rectified", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_audit_findings_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_findings")),
    )
    with op.batch_alter_table("audit_findings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_findings_round_unit_code", ["round_id", "unit_code"], unique=False
        )

    op.create_table(
        "ceilings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("ceiling", sa.BigInteger(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_ceilings_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ceilings")),
    )
    with op.batch_alter_table("ceilings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ceilings_round_unit_code", ["round_id", "unit_code"], unique=False
        )

    op.create_table(
        "detail_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.Text(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=True),
        sa.Column("item_name", sa.Text(), nullable=True),
        sa.Column("econ_code", sa.Text(), nullable=True),
        sa.Column("quantity", sa.BigInteger(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("persons", sa.Integer(), nullable=True),
        sa.Column("days", sa.BigInteger(), nullable=True),
        sa.Column("unit_price", sa.BigInteger(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.Column("procurement", sa.Text(), nullable=True),
        sa.Column("procurement_item", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_detail_lines_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_detail_lines")),
    )
    with op.batch_alter_table("detail_lines", schema=None) as batch_op:
        batch_op.create_index(
            "ix_detail_lines_round_project_code", ["round_id", "project_code"], unique=False
        )

    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("unit_code", sa.Text(), nullable=True),
        sa.Column("project_type", sa.Text(), nullable=True),
        sa.Column("budget", sa.BigInteger(), nullable=True),
        sa.Column("executed", sa.BigInteger(), nullable=True),
        sa.Column("eval_score", sa.BigInteger(), nullable=True),
        sa.Column("eval_rating", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_history_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history")),
    )
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.create_index(
            "ix_history_round_project_code", ["round_id", "project_code"], unique=False
        )

    op.create_table(
        "history_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.Text(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=True),
        sa.Column("item_name", sa.Text(), nullable=True),
        sa.Column("econ_code", sa.Text(), nullable=True),
        sa.Column("quantity", sa.BigInteger(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("persons", sa.Integer(), nullable=True),
        sa.Column("days", sa.BigInteger(), nullable=True),
        sa.Column("unit_price", sa.BigInteger(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.Column("procurement", sa.Text(), nullable=True),
        sa.Column("procurement_item", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_history_lines_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history_lines")),
    )
    with op.batch_alter_table("history_lines", schema=None) as batch_op:
        batch_op.create_index(
            "ix_history_lines_round_year_project_code",
            ["round_id", "year", "project_code"],
            unique=False,
        )

    op.create_table(
        "import_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("sheet", sa.String(length=50), nullable=False),
        sa.Column("row", sa.Integer(), nullable=True),
        sa.Column("column", sa.String(length=10), nullable=True),
        sa.Column("header", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_import_notes_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_notes")),
    )
    with op.batch_alter_table("import_notes", schema=None) as batch_op:
        batch_op.create_index("ix_import_notes_round", ["round_id"], unique=False)

    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.Text(), nullable=False),
        sa.Column("level1", sa.Text(), nullable=True),
        sa.Column("level2", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("target_value", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("direction", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_indicators_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
    )
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(
            "ix_indicators_round_project_code", ["round_id", "project_code"], unique=False
        )

    op.create_table(
        "personnel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("person_kind", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("monthly_pay", sa.BigInteger(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.Column("id_number_enc", sa.LargeBinary(), nullable=True),
        sa.Column("id_number_hash", sa.String(length=64), nullable=True),
        sa.Column("person_name_enc", sa.LargeBinary(), nullable=True),
        sa.Column("person_name_hash", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_personnel_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personnel")),
    )
    with op.batch_alter_table("personnel", schema=None) as batch_op:
        batch_op.create_index("ix_personnel_id_number_hash", ["id_number_hash"], unique=False)
        batch_op.create_index(
            "ix_personnel_round_unit_code", ["round_id", "unit_code"], unique=False
        )

    op.create_table(
        "policy_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("doc_no", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("issuer", sa.Text(), nullable=True),
        sa.Column("issued", sa.Date(), nullable=True),
        sa.Column("level", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("expires", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_policy_documents_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_documents")),
    )
    with op.batch_alter_table("policy_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_policy_documents_round_doc_no", ["round_id", "doc_no"], unique=False
        )

    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("project_type", sa.Text(), nullable=True),
        sa.Column("continuing", sa.Text(), nullable=True),
        sa.Column("prev_project_code", sa.Text(), nullable=True),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("end_year", sa.Integer(), nullable=True),
        sa.Column("requested_amount", sa.BigInteger(), nullable=True),
        sa.Column("fund_source", sa.Text(), nullable=True),
        sa.Column("func_code", sa.Text(), nullable=True),
        sa.Column("policy_refs", sa.Text(), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("overall_goal", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_projects_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.create_index(
            "ix_projects_round_project_code", ["round_id", "project_code"], unique=False
        )
        batch_op.create_index(
            "ix_projects_round_unit_code", ["round_id", "unit_code"], unique=False
        )

    op.create_table(
        "sangong",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("overseas", sa.BigInteger(), nullable=True),
        sa.Column("vehicle_purchase", sa.BigInteger(), nullable=True),
        sa.Column("vehicle_running", sa.BigInteger(), nullable=True),
        sa.Column("reception", sa.BigInteger(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_sangong_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sangong")),
    )
    with op.batch_alter_table("sangong", schema=None) as batch_op:
        batch_op.create_index("ix_sangong_round_unit_code", ["round_id", "unit_code"], unique=False)

    op.create_table(
        "standards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("std_code", sa.Text(), nullable=False),
        sa.Column("std_name", sa.Text(), nullable=True),
        sa.Column("econ_code", sa.Text(), nullable=True),
        sa.Column("keywords", sa.Text(), nullable=True),
        sa.Column("basis_unit", sa.Text(), nullable=True),
        sa.Column("limit", sa.BigInteger(), nullable=True),
        sa.Column("source_doc", sa.Text(), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_standards_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standards")),
    )
    with op.batch_alter_table("standards", schema=None) as batch_op:
        batch_op.create_index("ix_standards_round_std_code", ["round_id", "std_code"], unique=False)

    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("unit_name", sa.Text(), nullable=True),
        sa.Column("parent_code", sa.Text(), nullable=True),
        sa.Column("unit_kind", sa.Text(), nullable=True),
        sa.Column("staff_quota", sa.Integer(), nullable=True),
        sa.Column("staff_actual", sa.Integer(), nullable=True),
        sa.Column("contract_staff", sa.Integer(), nullable=True),
        sa.Column("office_area_m2", sa.BigInteger(), nullable=True),
        sa.Column("vehicles", sa.Integer(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_units_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
    )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.create_index("ix_units_round_unit_code", ["round_id", "unit_code"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_index("ix_units_round_unit_code")

    op.drop_table("units")
    with op.batch_alter_table("standards", schema=None) as batch_op:
        batch_op.drop_index("ix_standards_round_std_code")

    op.drop_table("standards")
    with op.batch_alter_table("sangong", schema=None) as batch_op:
        batch_op.drop_index("ix_sangong_round_unit_code")

    op.drop_table("sangong")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index("ix_projects_round_unit_code")
        batch_op.drop_index("ix_projects_round_project_code")

    op.drop_table("projects")
    with op.batch_alter_table("policy_documents", schema=None) as batch_op:
        batch_op.drop_index("ix_policy_documents_round_doc_no")

    op.drop_table("policy_documents")
    with op.batch_alter_table("personnel", schema=None) as batch_op:
        batch_op.drop_index("ix_personnel_round_unit_code")
        batch_op.drop_index("ix_personnel_id_number_hash")

    op.drop_table("personnel")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index("ix_indicators_round_project_code")

    op.drop_table("indicators")
    with op.batch_alter_table("import_notes", schema=None) as batch_op:
        batch_op.drop_index("ix_import_notes_round")

    op.drop_table("import_notes")
    with op.batch_alter_table("history_lines", schema=None) as batch_op:
        batch_op.drop_index("ix_history_lines_round_year_project_code")

    op.drop_table("history_lines")
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.drop_index("ix_history_round_project_code")

    op.drop_table("history")
    with op.batch_alter_table("detail_lines", schema=None) as batch_op:
        batch_op.drop_index("ix_detail_lines_round_project_code")

    op.drop_table("detail_lines")
    with op.batch_alter_table("ceilings", schema=None) as batch_op:
        batch_op.drop_index("ix_ceilings_round_unit_code")

    op.drop_table("ceilings")
    with op.batch_alter_table("audit_findings", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_findings_round_unit_code")

    op.drop_table("audit_findings")
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_index("ix_assets_round_unit_code")

    op.drop_table("assets")
    op.drop_table("budget_rounds")
