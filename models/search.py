"""Search columns shared by every searchable table, and the outbox of changes waiting to reach
Meilisearch.

PostgreSQL keeps the columns current itself (stored generated columns), so no code path can
forget to reindex a row. Text is normalised the same way the query is (services/search/query.py):
every run of non-alphanumeric characters becomes a space, so "ORD-2026-000042", an email or a
phone number become plain words that prefix matching can find.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Computed, Index, String, Table, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, MappedColumn, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin

# The regular expression the generated columns and the query parser share.
NON_ALPHANUMERIC = "[^[:alnum:]]+"


def _normalised(column: str) -> str:
    return f"regexp_replace(coalesce({column}, ''), '{NON_ALPHANUMERIC}', ' ', 'g')"


def search_vector(weights: dict[str, str]) -> MappedColumn[str]:
    """A weighted tsvector of `weights` (column → 'A'..'D'), with the 'simple' configuration:
    names, numbers and emails are not English words to stem."""
    parts = " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, {_normalised(column)}), '{weight}')"
        for column, weight in weights.items()
    )
    return mapped_column(TSVECTOR, Computed(parts, persisted=True), nullable=True, deferred=True)


def search_text(columns: tuple[str, ...]) -> MappedColumn[str]:
    """The short identifying fields, lower-cased and space-joined: what substring and (with
    pg_trgm) typo-tolerant matching compare against."""
    joined = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
    return mapped_column(
        Text, Computed(f"lower({joined})", persisted=True), nullable=True, deferred=True
    )


def search_indexes(table: str) -> tuple[Index, Index]:
    """GIN over the tsvector; a trigram GIN over the text. Where pg_trgm is missing the
    migration builds the text index as a plain b-tree under the same name (alembic compares an
    index's columns, not its method), and the engine skips typo tolerance."""
    return (
        Index(f"ix_{table}_search_vector", "search_vector", postgresql_using="gin"),
        Index(
            f"ix_{table}_search_text",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
    )


class SearchChange(IdMixin, CreatedAtMixin, Base):
    """One row changed (created, updated, deleted) since Meilisearch last heard of it. Written
    in the same transaction as the change by the session hook in services/search/outbox.py;
    drained by the SearchSync workflow."""

    __tablename__ = "search_changes"

    doc_type: Mapped[str] = mapped_column(String(20))
    doc_id: Mapped[int] = mapped_column(BigInteger)
    # create, update, delete; or `reindex`, the marker that holds the sync back while a
    # SearchReindex builds fresh indexes (services/search/sync.py says why).
    op: Mapped[str] = mapped_column(String(10))


# The distinct words of people's and plans' names, emails, cities and ticket subjects: what a
# typo is corrected against (services/search/postgres.py). A trigger on each table in
# VOCABULARY_TABLES adds a row's new words as it is written (migration 0012). No unique
# constraint, on purpose: an insert that had to wait for another transaction's uncommitted copy
# of the same word could deadlock; a rare duplicate costs nothing.
search_words = Table(
    "search_words",
    Base.metadata,
    Column("word", Text, nullable=False),
    # Equality (the trigger) and prefix LIKE (is a typed word known?), whatever the collation.
    Index("ix_search_words_word", "word", postgresql_ops={"word": "text_pattern_ops"}),
    # GiST, not GIN: it finds a word's nearest neighbours (`<->`) without comparing it to all.
    Index(
        "ix_search_words_similar",
        "word",
        postgresql_using="gist",
        postgresql_ops={"word": "gist_trgm_ops"},
    ),
)
VOCABULARY_TABLES = (
    "public_users",
    "resellers",
    "reseller_clients",
    "sim_plans",
    "support_tickets",
)
# The words worth correcting: letters only (numbers and codes are typed exactly), four or more.
VOCABULARY_WORD = "^[[:alpha:]]{4,40}$"
