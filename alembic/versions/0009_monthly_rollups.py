"""monthly rollups: each daily rollup's twin by calendar month, filled from the daily rows

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21 23:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SALES_FIGURES = (
    "orders", "gross_amount", "captured_amount", "refunded_amount", "cancelled_orders",
    "pending_orders",
)  # fmt: skip
# daily table → (monthly table, keys besides the period, figures)
TWINS = {
    "sales_daily": (
        "sales_monthly",
        ("source", "network_provider", "plan_id", "payment_method"),
        SALES_FIGURES,
    ),
    "reseller_sales_daily": ("reseller_sales_monthly", ("reseller_id",), SALES_FIGURES),
    "registrations_daily": ("registrations_monthly", ("kind", "reseller_id"), ("registrations",)),
}


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
        "sales_monthly",
        *_figures(),
        sa.Column("month", sa.Date(), nullable=False),
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
            "month", "source", "network_provider", "plan_id", "payment_method",
            name=op.f("pk_sales_monthly"),
        ),
    )  # fmt: skip
    op.create_table(
        "reseller_sales_monthly",
        *_figures(),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("reseller_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("month", "reseller_id", name=op.f("pk_reseller_sales_monthly")),
    )
    op.create_index(
        op.f("ix_reseller_sales_monthly_reseller_id_month"),
        "reseller_sales_monthly",
        ["reseller_id", "month"],
    )
    op.create_table(
        "registrations_monthly",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("user", "reseller", "client", name="registrationkind", native_enum=False,
                    create_constraint=True),
            nullable=False,
        ),
        sa.Column("reseller_id", sa.BigInteger(), nullable=False),
        sa.Column("registrations", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month", "kind", "reseller_id", name=op.f("pk_registrations_monthly")
        ),
    )  # fmt: skip
    for daily, (monthly, keys, figures) in TWINS.items():
        key_list = ", ".join(keys)
        sums = ", ".join(f"sum({figure})" for figure in figures)
        op.execute(
            f"INSERT INTO {monthly} (month, {key_list}, {', '.join(figures)})"  # noqa: S608
            f" SELECT date_trunc('month', day)::date, {key_list}, {sums} FROM {daily}"
            f" GROUP BY 1, {key_list}"
        )


def downgrade() -> None:
    op.drop_table("registrations_monthly")
    op.drop_index(
        op.f("ix_reseller_sales_monthly_reseller_id_month"), table_name="reseller_sales_monthly"
    )
    op.drop_table("reseller_sales_monthly")
    op.drop_table("sales_monthly")
