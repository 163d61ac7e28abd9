"""Orders by status, newest first: the index carries the id as well, so a deep page's keys come
from the index alone

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 10:00:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_sim_orders_status_created_at_id"), "sim_orders", ["status", "created_at", "id"]
    )
    op.drop_index(op.f("ix_sim_orders_status_created_at"), table_name="sim_orders")


def downgrade() -> None:
    op.create_index(op.f("ix_sim_orders_status_created_at"), "sim_orders", ["status", "created_at"])
    op.drop_index(op.f("ix_sim_orders_status_created_at_id"), table_name="sim_orders")
