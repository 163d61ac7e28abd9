"""search words: the vocabulary typos are corrected against, kept by a trigger per table

Filled from the rows already there; afterwards each insert or change of a row of the tables
below adds its new words. Where pg_trgm is missing the similarity index is a plain b-tree of the
same name (as in 0005) and the engine corrects no typos.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-21 23:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("public_users", "resellers", "reseller_clients", "sim_plans", "support_tickets")
WORD = "^[[:alpha:]]{4,40}$"

COLLECT = f"""
CREATE FUNCTION search_words_collect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_words (word)
    SELECT DISTINCT lexeme FROM unnest(tsvector_to_array(NEW.search_vector)) AS lexeme
    WHERE lexeme ~ '{WORD}'
        AND NOT EXISTS (SELECT 1 FROM search_words known WHERE known.word = lexeme);
    RETURN NULL;
END
$$
"""  # noqa: S608 - code constants only


def upgrade() -> None:
    op.create_table("search_words", sa.Column("word", sa.Text(), nullable=False))
    op.create_index(
        "ix_search_words_word",
        "search_words",
        ["word"],
        postgresql_ops={"word": "text_pattern_ops"},
    )
    trigrams = (
        op.get_bind()
        .execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
        .scalar()
    )
    if trigrams:
        op.create_index(
            "ix_search_words_similar",
            "search_words",
            ["word"],
            postgresql_using="gist",
            postgresql_ops={"word": "gist_trgm_ops"},
        )
    else:
        op.create_index("ix_search_words_similar", "search_words", ["word"])
    sources = " UNION ".join(
        f"SELECT word FROM ts_stat('SELECT search_vector FROM {table}')"  # noqa: S608
        for table in TABLES
    )
    op.execute(
        f"INSERT INTO search_words (word) SELECT word FROM ({sources}) w"  # noqa: S608
        f" WHERE word ~ '{WORD}'"
    )
    op.execute(COLLECT)
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_search_words AFTER INSERT ON {table}"
            " FOR EACH ROW EXECUTE FUNCTION search_words_collect()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_search_words_changed AFTER UPDATE ON {table} FOR EACH ROW"
            " WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector)"
            " EXECUTE FUNCTION search_words_collect()"
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_search_words_changed ON {table}")
        op.execute(f"DROP TRIGGER {table}_search_words ON {table}")
    op.execute("DROP FUNCTION search_words_collect()")
    op.drop_index("ix_search_words_similar", table_name="search_words")
    op.drop_index("ix_search_words_word", table_name="search_words")
    op.drop_table("search_words")
