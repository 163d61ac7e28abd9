"""analytics rollups: daily sales (business-wide and per reseller) and registrations

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 20:15:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _figures() -> list[sa.Column[object]]:
    return [
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("gross_amount", sa.Numeric(16, 2), nullable=False),
        sa.Column("captured_amount", sa.Numeric(16, 2), nullable=False),
        sa.Column("refunded_amount", sa.Numeric(16, 2), nullable=False),
        sa.Column("cancelled_orders", sa.Integer(), nullable=False),
        sa.Column("pending_orders", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "sales_daily",
        *_figures(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column(
            "source",
            sa.Enum("app_user", "reseller_client", name="ordersource", native_enum=False,
                    create_constraint=True),
            nullable=False,
        ),
        sa.Column("network_provider", sa.String(length=50), nullable=False),
        sa.Column("plan_id", sa.BigInteger(), nullable=False),
        sa.Column("payment_method", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint(
            "day", "source", "network_provider", "plan_id", "payment_method",
            name=op.f("pk_sales_daily"),
        ),
    )  # fmt: skip
    op.create_table(
        "reseller_sales_daily",
        *_figures(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reseller_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", "reseller_id", name=op.f("pk_reseller_sales_daily")),
    )
    op.create_index(
        op.f("ix_reseller_sales_daily_reseller_id_day"),
        "reseller_sales_daily",
        ["reseller_id", "day"],
    )
    op.create_table(
        "registrations_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("user", "reseller", "client", name="registrationkind", native_enum=False,
                    create_constraint=True),
            nullable=False,
        ),
        sa.Column("reseller_id", sa.BigInteger(), nullable=False),
        sa.Column("registrations", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "kind", "reseller_id", name=op.f("pk_registrations_daily")),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("registrations_daily")
    op.drop_index(
        op.f("ix_reseller_sales_daily_reseller_id_day"), table_name="reseller_sales_daily"
    )
    op.drop_table("reseller_sales_daily")
    op.drop_table("sales_daily")
