"""bulk jobs: large imports, ICCID batches and bulk order status changes, with per-row results

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-22 10:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def upgrade() -> None:
    op.create_table(
        "bulk_jobs",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column(
            "kind", _enum("bulkjobkind", "import_rows", "sim_batch", "order_status"), nullable=False
        ),
        sa.Column(
            "status",
            _enum("bulkjobstatus", "queued", "running", "completed", "failed", "cancelled"),
            nullable=False,
        ),
        sa.Column(
            "options",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("requested_by_id", sa.BigInteger(), nullable=True),
        sa.Column("total_rows", sa.Integer(), nullable=False),
        sa.Column("processed_rows", sa.Integer(), nullable=False),
        sa.Column("succeeded", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("source_file_id", sa.BigInteger(), nullable=True),
        sa.Column("result_file_id", sa.BigInteger(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
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
            ["requested_by_id"],
            ["accounts.id"],
            name=op.f("fk_bulk_jobs_requested_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_file_id"],
            ["stored_files.id"],
            name=op.f("fk_bulk_jobs_source_file_id_stored_files"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["result_file_id"],
            ["stored_files.id"],
            name=op.f("fk_bulk_jobs_result_file_id_stored_files"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_jobs")),
    )
    for column in (
        "created_at",
        "kind",
        "status",
        "requested_by_id",
        "source_file_id",
        "result_file_id",
    ):
        op.create_index(op.f(f"ix_bulk_jobs_{column}"), "bulk_jobs", [column], unique=False)
    op.create_table(
        "bulk_job_rows",
        sa.Column("job_id", sa.BigInteger(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("record_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["bulk_jobs.id"],
            name=op.f("fk_bulk_job_rows_job_id_bulk_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("job_id", "row", name=op.f("pk_bulk_job_rows")),
    )


def downgrade() -> None:
    op.drop_table("bulk_job_rows")
    for column in (
        "result_file_id",
        "source_file_id",
        "requested_by_id",
        "status",
        "kind",
        "created_at",
    ):
        op.drop_index(op.f(f"ix_bulk_jobs_{column}"), table_name="bulk_jobs")
    op.drop_table("bulk_jobs")
