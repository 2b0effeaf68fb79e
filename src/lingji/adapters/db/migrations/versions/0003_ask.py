"""智慧问数: sessions and the audit trail of questions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 12:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ask_sessions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("asker", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ask_sessions")),
    )
    op.create_table(
        "ask_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("asker", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("sql", sa.Text(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("elapsed_ms", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ask_audit")),
    )
    with op.batch_alter_table("ask_audit", schema=None) as batch_op:
        batch_op.create_index("ix_ask_audit_asked_at", ["asked_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ask_audit", schema=None) as batch_op:
        batch_op.drop_index("ix_ask_audit_asked_at")
    op.drop_table("ask_audit")
    op.drop_table("ask_sessions")
