"""report schedules: daily or weekly reports emailed to a list of people

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 20:15:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def upgrade() -> None:
    op.create_table(
        "report_schedules",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            _enum(
                "reportkind", "sales", "revenue", "user_growth", "reseller_performance", "custom"
            ),
            nullable=False,
        ),
        sa.Column("format", _enum("reportformat", "csv", "xlsx", "pdf"), nullable=False),
        sa.Column(
            "params",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("cadence", _enum("reportcadence", "daily", "weekly"), nullable=False),
        sa.Column(
            "recipients",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["accounts.id"],
            name=op.f("fk_report_schedules_created_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_schedules")),
    )
    op.create_index(
        op.f("ix_report_schedules_active"), "report_schedules", ["active"], unique=False
    )
    op.create_index(
        op.f("ix_report_schedules_created_at"), "report_schedules", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_report_schedules_created_by_id"),
        "report_schedules",
        ["created_by_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_report_schedules_created_by_id"), table_name="report_schedules")
    op.drop_index(op.f("ix_report_schedules_created_at"), table_name="report_schedules")
    op.drop_index(op.f("ix_report_schedules_active"), table_name="report_schedules")
    op.drop_table("report_schedules")
