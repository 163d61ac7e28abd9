"""message delivery tracking and outgoing webhooks

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 20:15:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DELIVERY_STATUSES = ("pending", "sent", "delivered", "bounced", "failed", "skipped")


def upgrade() -> None:
    # Messages written before delivery existed were never meant to go out: they stay skipped
    # (the sweep would otherwise send a day's worth of old mail at the first deploy).
    op.add_column(
        "outbound_messages",
        sa.Column(
            "delivery_status",
            sa.Enum(
                *DELIVERY_STATUSES,
                name="deliverystatus",
                native_enum=False,
                create_constraint=True,
                length=9,
            ),
            server_default="skipped",
            nullable=False,
        ),
    )
    op.alter_column("outbound_messages", "delivery_status", server_default="pending")
    op.add_column(
        "outbound_messages", sa.Column("provider_message_id", sa.String(length=255), nullable=True)
    )
    op.add_column(
        "outbound_messages",
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column(
        "outbound_messages",
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        op.f("ix_outbound_messages_delivery_status"), "outbound_messages", ["delivery_status"]
    )
    op.create_index(
        op.f("ix_outbound_messages_provider_message_id"),
        "outbound_messages",
        ["provider_message_id"],
    )

    op.create_table(
        "webhook_endpoints",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("reseller_id", sa.BigInteger(), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("event_types", postgresql.ARRAY(sa.String(length=60)), nullable=False),
        sa.Column("secret_encrypted", sa.Text(), nullable=False),
        sa.Column("secret_prefix", sa.String(length=16), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["reseller_id"],
            ["resellers.id"],
            name=op.f("fk_webhook_endpoints_reseller_id_resellers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["accounts.id"],
            name=op.f("fk_webhook_endpoints_created_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoints")),
    )
    for column in ("reseller_id", "created_by_id", "created_at"):
        op.create_index(
            op.f(f"ix_webhook_endpoints_{column}"), "webhook_endpoints", [column], unique=False
        )

    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("delivery_id", sa.UUID(), nullable=False),
        sa.Column("endpoint_id", sa.BigInteger(), nullable=False),
        sa.Column("event_type", sa.String(length=60), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "delivered",
                "failed",
                name="webhookdeliverystatus",
                native_enum=False,
                create_constraint=True,
                length=9,
            ),
            server_default="pending",
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoints.id"],
            name=op.f("fk_webhook_deliveries_endpoint_id_webhook_endpoints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
        sa.UniqueConstraint("delivery_id", name=op.f("uq_webhook_deliveries_delivery_id")),
    )
    for column in ("endpoint_id", "event_type", "status", "created_at"):
        op.create_index(
            op.f(f"ix_webhook_deliveries_{column}"), "webhook_deliveries", [column], unique=False
        )


def downgrade() -> None:
    op.drop_table("webhook_deliveries")
    op.drop_table("webhook_endpoints")
    op.drop_index(op.f("ix_outbound_messages_provider_message_id"), table_name="outbound_messages")
    op.drop_index(op.f("ix_outbound_messages_delivery_status"), table_name="outbound_messages")
    for column in ("delivered_at", "attempts", "provider_message_id", "delivery_status"):
        op.drop_column("outbound_messages", column)
