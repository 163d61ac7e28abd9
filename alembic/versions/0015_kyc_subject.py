"""KYC subject: a stored file names the app user it is about, login or not

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 10:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("stored_files", sa.Column("public_user_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(
        op.f("fk_stored_files_public_user_id_public_users"),
        "stored_files",
        "public_users",
        ["public_user_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_index(
        op.f("ix_stored_files_public_user_id"), "stored_files", ["public_user_id"], unique=False
    )
    # Until now a KYC document was kept with the person's login: its subject is that login's.
    op.execute(
        "UPDATE stored_files SET public_user_id = accounts.public_user_id FROM accounts"
        " WHERE stored_files.owner_id = accounts.id"
        " AND stored_files.purpose = 'kyc_document'"
    )


def downgrade() -> None:
    # Before 0015 a KYC document was found through its owner's login only: one without a login
    # would be kept where nobody (erasure included) finds it. A person decides, not a rollback.
    homeless = op.get_bind().scalar(
        sa.text(
            "SELECT count(*) FROM stored_files WHERE purpose = 'kyc_document' AND owner_id IS NULL"
        )
    )
    if homeless:
        raise RuntimeError(
            f"{homeless} KYC document(s) have no owner login, which is how they were found "
            "before 0015; delete them or set their owner_id before downgrading."
        )
    op.drop_index(op.f("ix_stored_files_public_user_id"), table_name="stored_files")
    op.drop_constraint(
        op.f("fk_stored_files_public_user_id_public_users"), "stored_files", type_="foreignkey"
    )
    op.drop_column("stored_files", "public_user_id")
