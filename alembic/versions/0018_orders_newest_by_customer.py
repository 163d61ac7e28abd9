"""Orders newest first with their customer: a search's page is found in the index alone

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-09 12:00:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_sim_orders_newest_by_customer",
        "sim_orders",
        ["created_at", "id"],
        postgresql_include=["user_id", "client_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_sim_orders_newest_by_customer", table_name="sim_orders")
