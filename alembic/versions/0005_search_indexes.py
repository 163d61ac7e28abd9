"""search indexes: weighted tsvector and search text columns, GIN indexes, the search outbox

Trigram indexes need pg_trgm; where the server does not offer it (the embedded PostgreSQL) the
text index is a plain b-tree of the same name and search falls back to full-text prefix matching.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 20:15:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NON_ALPHANUMERIC = "[^[:alnum:]]+"

# table → (weighted tsvector columns, search text columns); mirrors the models.
SEARCHED: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "sim_plans": (
        {"name": "A", "code": "A", "network_provider": "B", "description": "C"},
        ("code", "name", "network_provider"),
    ),
    "public_users": (
        {"full_name": "A", "email": "B", "phone": "B", "city": "C"},
        ("full_name", "email", "phone", "city"),
    ),
    "resellers": (
        {
            "business_name": "A",
            "contact_person": "B",
            "email": "B",
            "phone": "B",
            "city": "C",
            "country": "C",
        },
        ("business_name", "contact_person", "email", "phone"),
    ),
    "reseller_clients": (
        {"client_name": "A", "client_email": "B", "client_phone": "B"},
        ("client_name", "client_email", "client_phone"),
    ),
    "sim_orders": (
        {"order_number": "A", "delivery_tracking_number": "A", "plan_name": "C"},
        ("order_number", "delivery_tracking_number"),
    ),
    "support_tickets": (
        {"ticket_number": "A", "subject": "A", "description": "C"},
        ("ticket_number", "subject"),
    ),
}


def _vector(weights: dict[str, str]) -> str:
    return " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, regexp_replace(coalesce({column}, ''),"
        f" '{NON_ALPHANUMERIC}', ' ', 'g')), '{weight}')"
        for column, weight in weights.items()
    )


def _text(columns: tuple[str, ...]) -> str:
    return "lower(" + " || ' ' || ".join(f"coalesce({column}, '')" for column in columns) + ")"


def _trigrams_available() -> bool:
    """Create pg_trgm if the server offers it. Checked first, and tried in a savepoint: a failed
    CREATE EXTENSION (no privilege) must not abort the whole migration's transaction."""
    bind = op.get_bind()
    offered = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).scalar()
    if offered is None:
        return False
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return False
    return True


def upgrade() -> None:
    trigrams = _trigrams_available()
    for table, (weights, columns) in SEARCHED.items():
        op.add_column(
            table,
            sa.Column(
                "search_vector",
                postgresql.TSVECTOR(),
                sa.Computed(_vector(weights), persisted=True),
                nullable=True,
            ),
        )
        op.add_column(
            table,
            sa.Column(
                "search_text", sa.Text(), sa.Computed(_text(columns), persisted=True), nullable=True
            ),
        )
        op.create_index(
            f"ix_{table}_search_vector", table, ["search_vector"], postgresql_using="gin"
        )
        if trigrams:
            op.create_index(
                f"ix_{table}_search_text",
                table,
                ["search_text"],
                postgresql_using="gin",
                postgresql_ops={"search_text": "gin_trgm_ops"},
            )
        else:
            op.create_index(f"ix_{table}_search_text", table, ["search_text"])

    op.create_table(
        "search_changes",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("doc_type", sa.String(length=20), nullable=False),
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_changes")),
    )
    op.create_index(
        op.f("ix_search_changes_created_at"), "search_changes", ["created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_search_changes_created_at"), table_name="search_changes")
    op.drop_table("search_changes")
    for table in reversed(SEARCHED):
        op.drop_index(f"ix_{table}_search_text", table_name=table)
        op.drop_index(f"ix_{table}_search_vector", table_name=table)
        op.drop_column(table, "search_text")
        op.drop_column(table, "search_vector")
    # pg_trgm stays: other databases on the server may use it, and it holds no data.
