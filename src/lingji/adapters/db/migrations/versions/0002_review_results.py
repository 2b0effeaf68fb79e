"""review results

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 09:35:04.108349
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "review_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("ruleset_version", sa.String(length=50), nullable=False),
        sa.Column("ruleset_name", sa.Text(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("check_versions", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["budget_rounds.id"],
            name=op.f("fk_review_runs_round_id_budget_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_runs")),
    )
    with op.batch_alter_table("review_runs", schema=None) as batch_op:
        batch_op.create_index("ix_review_runs_round", ["round_id"], unique=False)

    op.create_table(
        "allocations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.Text(), nullable=False),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("allocated", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("ceiling_unit", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["review_runs.id"],
            name=op.f("fk_allocations_run_id_review_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allocations")),
    )
    with op.batch_alter_table("allocations", schema=None) as batch_op:
        batch_op.create_index("ix_allocations_run", ["run_id"], unique=False)

    op.create_table(
        "review_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("project_code", sa.Text(), nullable=True),
        sa.Column("line_no", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("amount_excess", sa.BigInteger(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("policy_refs", sa.Text(), nullable=True),
        sa.Column("rule_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["review_runs.id"],
            name=op.f("fk_review_findings_run_id_review_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_findings")),
    )
    with op.batch_alter_table("review_findings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_review_findings_run_project_code", ["run_id", "project_code"], unique=False
        )

    op.create_table(
        "review_projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.Text(), nullable=False),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("requested_amount", sa.BigInteger(), nullable=True),
        sa.Column("suggested_amount", sa.BigInteger(), nullable=True),
        sa.Column("score_total", sa.BigInteger(), nullable=True),
        sa.Column("score_necessity", sa.BigInteger(), nullable=True),
        sa.Column("score_importance", sa.BigInteger(), nullable=True),
        sa.Column("score_normativity", sa.BigInteger(), nullable=True),
        sa.Column("score_compliance", sa.BigInteger(), nullable=True),
        sa.Column("score_performance", sa.BigInteger(), nullable=True),
        sa.Column("score_supervision", sa.BigInteger(), nullable=True),
        sa.Column("grade", sa.String(length=1), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("blocked", sa.Integer(), nullable=False),
        sa.Column("trace", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["review_runs.id"],
            name=op.f("fk_review_projects_run_id_review_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_projects")),
    )
    with op.batch_alter_table("review_projects", schema=None) as batch_op:
        batch_op.create_index(
            "ix_review_projects_run_project_code", ["run_id", "project_code"], unique=False
        )

    op.create_table(
        "review_skips",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=10), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["review_runs.id"],
            name=op.f("fk_review_skips_run_id_review_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_skips")),
    )
    with op.batch_alter_table("review_skips", schema=None) as batch_op:
        batch_op.create_index("ix_review_skips_run", ["run_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("review_skips", schema=None) as batch_op:
        batch_op.drop_index("ix_review_skips_run")

    op.drop_table("review_skips")
    with op.batch_alter_table("review_projects", schema=None) as batch_op:
        batch_op.drop_index("ix_review_projects_run_project_code")

    op.drop_table("review_projects")
    with op.batch_alter_table("review_findings", schema=None) as batch_op:
        batch_op.drop_index("ix_review_findings_run_project_code")

    op.drop_table("review_findings")
    with op.batch_alter_table("allocations", schema=None) as batch_op:
        batch_op.drop_index("ix_allocations_run")

    op.drop_table("allocations")
    with op.batch_alter_table("review_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_review_runs_round")

    op.drop_table("review_runs")
