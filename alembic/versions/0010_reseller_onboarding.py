"""reseller onboarding, reseller credit-limit flag and custom email campaigns

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-21 20:15:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "email_campaigns",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "segment",
            sa.Enum(
                "person",
                "all_resellers",
                "active_resellers",
                "plan_users",
                "city_users",
                "reseller_clients",
                name="segment",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("segment_value", sa.String(length=254), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "sending",
                "completed",
                "cancelled",
                name="campaignstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_by_id", sa.BigInteger(), nullable=True),
        sa.Column("recipients_total", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
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
            name=op.f("fk_email_campaigns_created_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_campaigns")),
    )
    op.create_index(
        op.f("ix_email_campaigns_created_at"), "email_campaigns", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_email_campaigns_created_by_id"), "email_campaigns", ["created_by_id"], unique=False
    )
    op.create_index(op.f("ix_email_campaigns_status"), "email_campaigns", ["status"], unique=False)
    op.create_table(
        "email_campaign_recipients",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("campaign_id", sa.BigInteger(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "sent",
                "cancelled",
                name="recipientstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["email_campaigns.id"],
            name=op.f("fk_email_campaign_recipients_campaign_id_email_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["outbound_messages.id"],
            name=op.f("fk_email_campaign_recipients_message_id_outbound_messages"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_campaign_recipients")),
        sa.UniqueConstraint(
            "campaign_id", "email", name=op.f("uq_email_campaign_recipients_campaign_id_email")
        ),
    )
    op.create_index(
        op.f("ix_email_campaign_recipients_campaign_id_status"),
        "email_campaign_recipients",
        ["campaign_id", "status"],
        unique=False,
    )
    op.create_index(
        op.f("ix_email_campaign_recipients_message_id"),
        "email_campaign_recipients",
        ["message_id"],
        unique=False,
    )
    op.create_table(
        "reseller_documents",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("reseller_id", sa.BigInteger(), nullable=False),
        sa.Column("file_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "document_type",
            sa.Enum(
                "business_registration",
                "tax_certificate",
                "proof_of_address",
                "owner_identity",
                "other",
                name="documenttype",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("uploaded_by_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["stored_files.id"],
            name=op.f("fk_reseller_documents_file_id_stored_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reseller_id"],
            ["resellers.id"],
            name=op.f("fk_reseller_documents_reseller_id_resellers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["accounts.id"],
            name=op.f("fk_reseller_documents_uploaded_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reseller_documents")),
        sa.UniqueConstraint("file_id", name=op.f("uq_reseller_documents_file_id")),
    )
    op.create_index(
        op.f("ix_reseller_documents_created_at"), "reseller_documents", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_reseller_documents_reseller_id"),
        "reseller_documents",
        ["reseller_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_reseller_documents_uploaded_by_id"),
        "reseller_documents",
        ["uploaded_by_id"],
        unique=False,
    )
    op.add_column(
        "resellers",
        sa.Column(
            "onboarding_status",
            sa.Enum(
                "collecting",
                "awaiting_decision",
                "completed",
                "rejected",
                "expired",
                "superseded",
                name="onboardingstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
    )
    op.add_column(
        "resellers", sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "resellers", sa.Column("documents_submitted_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "resellers", sa.Column("credit_limit_reached_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_index(
        op.f("ix_resellers_credit_limit_reached_at"),
        "resellers",
        ["credit_limit_reached_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_resellers_onboarding_status"), "resellers", ["onboarding_status"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_resellers_onboarding_status"), table_name="resellers")
    op.drop_index(op.f("ix_resellers_credit_limit_reached_at"), table_name="resellers")
    op.drop_column("resellers", "credit_limit_reached_at")
    op.drop_column("resellers", "documents_submitted_at")
    op.drop_column("resellers", "email_verified_at")
    op.drop_column("resellers", "onboarding_status")
    op.drop_index(op.f("ix_reseller_documents_uploaded_by_id"), table_name="reseller_documents")
    op.drop_index(op.f("ix_reseller_documents_reseller_id"), table_name="reseller_documents")
    op.drop_index(op.f("ix_reseller_documents_created_at"), table_name="reseller_documents")
    op.drop_table("reseller_documents")
    op.drop_index(
        op.f("ix_email_campaign_recipients_message_id"), table_name="email_campaign_recipients"
    )
    op.drop_index(
        op.f("ix_email_campaign_recipients_campaign_id_status"),
        table_name="email_campaign_recipients",
    )
    op.drop_table("email_campaign_recipients")
    op.drop_index(op.f("ix_email_campaigns_status"), table_name="email_campaigns")
    op.drop_index(op.f("ix_email_campaigns_created_by_id"), table_name="email_campaigns")
    op.drop_index(op.f("ix_email_campaigns_created_at"), table_name="email_campaigns")
    op.drop_table("email_campaigns")
