"""order fulfilment tracking

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 14:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


OLD_PAYMENT_STATUSES = (
    "pending",
    "authorized",
    "paid",
    "failed",
    "partially_refunded",
    "refunded",
)
NEW_PAYMENT_STATUSES = (*OLD_PAYMENT_STATUSES[:2], "voided", *OLD_PAYMENT_STATUSES[2:])


def _payment_status_check(values: Sequence[str]) -> None:
    op.drop_constraint(op.f("ck_sim_orders_paymentstatus"), "sim_orders", type_="check")
    listed = ", ".join(f"'{v}'" for v in values)
    op.create_check_constraint(
        op.f("ck_sim_orders_paymentstatus"), "sim_orders", sa.text(f"payment_status IN ({listed})")
    )


def upgrade() -> None:
    _payment_status_check(NEW_PAYMENT_STATUSES)
    op.add_column("outbound_messages", sa.Column("dedupe_key", sa.String(200), nullable=True))
    op.create_unique_constraint(
        "uq_outbound_messages_dedupe_key", "outbound_messages", ["dedupe_key"]
    )
    op.add_column(
        "sim_orders", sa.Column("fulfilment_started_at", sa.DateTime(timezone=True), nullable=True)
    )
    # Orders that existed before workflows ran them are history, not work to pick up.
    op.execute("UPDATE sim_orders SET fulfilment_started_at = created_at")
    op.create_index(
        "ix_sim_orders_awaiting_fulfilment",
        "sim_orders",
        ["created_at"],
        unique=False,
        postgresql_where=sa.text("fulfilment_started_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_sim_orders_awaiting_fulfilment",
        table_name="sim_orders",
        postgresql_where=sa.text("fulfilment_started_at IS NULL"),
    )
    op.drop_column("sim_orders", "fulfilment_started_at")
    op.drop_constraint("uq_outbound_messages_dedupe_key", "outbound_messages", type_="unique")
    op.drop_column("outbound_messages", "dedupe_key")
    op.execute("UPDATE sim_orders SET payment_status = 'failed' WHERE payment_status = 'voided'")
    _payment_status_check(OLD_PAYMENT_STATUSES)
