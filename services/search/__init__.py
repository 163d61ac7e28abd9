"""Search across orders, app users, resellers, reseller clients, plans and tickets.

One interface, two engines: PostgreSQL full-text search (services/search/postgres.py, the
default) and Meilisearch when MEILI_URL is set (services/search/meili.py). The rows shown always
come from PostgreSQL through the same tenancy scope as every list: the PostgreSQL engine ranks
and reads them in one query per type; Meilisearch ranks ids, which are then read through that
scope, so an index that lags behind can never show a row the caller may not see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import ValidationFailed
from services.auth.principal import Principal
from services.search import (
    outbox,  # noqa: F401 - for its session hook: wherever search runs, flushes record changes
    postgres,
)
from services.search.query import SearchText, highlight
from services.search.types import TYPES, Match, SearchType, shown_columns
from services.tenancy import scope

MAX_LIMIT = 50


@dataclass(frozen=True)
class SearchHit:
    type: str
    id: int
    title: str
    subtitle: str
    score: float
    highlights: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchGroup:
    type: str
    label: str
    hits: list[SearchHit]
    has_more: bool


class SearchEngine(Protocol):
    name: str

    async def prepare(self, db: AsyncSession, text: SearchText) -> SearchText:
        """Once per search, before its types are searched: the text to search for them."""
        ...

    async def matches(
        self,
        db: AsyncSession,
        spec: SearchType,
        text: SearchText,
        principal: Principal,
        limit: int,
    ) -> list[Match]:
        """The best `limit` rows of `spec`'s type the caller may see, best first."""
        ...

    async def close(self) -> None:
        """Release its connections (at the app's shutdown)."""
        ...


class PostgresEngine:
    name = "postgresql"

    def __init__(self) -> None:
        # Whether pg_trgm is installed, asked once: an extension does not come and go under a
        # running app (and the migration that adds it runs before the app starts).
        self._trigrams: bool | None = None

    async def prepare(self, db: AsyncSession, text: SearchText) -> SearchText:
        if self._trigrams is None:
            self._trigrams = await postgres.trigrams_installed(db)
        if not self._trigrams:
            return text
        return await postgres.corrected(db, text)

    async def matches(
        self,
        db: AsyncSession,
        spec: SearchType,
        text: SearchText,
        principal: Principal,
        limit: int,
    ) -> list[Match]:
        return await postgres.search_type(db, spec, text, principal, limit, bool(self._trigrams))

    async def close(self) -> None:
        pass  # it uses the request's database session


def readable_types(principal: Principal, requested: Sequence[str] | None) -> list[SearchType]:
    """The requested types (all by default) the caller may read; an unknown name is a 422."""
    names = list(dict.fromkeys(requested)) if requested else list(TYPES)
    unknown = [name for name in names if name not in TYPES]
    if unknown:
        raise ValidationFailed(
            f"Unknown search type(s): {', '.join(unknown)}.",
            details=[
                {"field": "query.types", "message": f"unknown type {name!r}; one of {list(TYPES)}"}
                for name in unknown
            ],
        )
    return [TYPES[name] for name in names if principal.can(TYPES[name].permission)]


async def search(
    db: AsyncSession,
    engine: SearchEngine,
    principal: Principal,
    text: SearchText,
    types: Sequence[SearchType],
    limit: int,
) -> list[SearchGroup]:
    text = await engine.prepare(db, text)
    groups = []
    for spec in types:
        found = await engine.matches(db, spec, text, principal, limit + 1)
        hits = [_hit(spec, text, match) for match in found[:limit]]
        groups.append(SearchGroup(spec.name, spec.label, hits, has_more=len(found) > limit))
    return groups


async def load(
    db: AsyncSession, spec: SearchType, principal: Principal, ranked: list[tuple[int, float]]
) -> list[Match]:
    """The rows of ranked ids the caller may see, in rank order: ids are skipped that are gone
    or (a lagging index) no longer the caller's."""
    if not ranked:
        return []
    model = spec.model
    columns = shown_columns(spec)
    query = select(model.id, *columns).where(model.id.in_([i for i, _ in ranked]), spec.visible)
    if spec.tenant_owned:
        query = scope(query, principal, model)
    rows = {row.id: row for row in await db.execute(query)}
    return [
        Match(row_id, score, {c.key: getattr(rows[row_id], c.key) for c in columns})
        for row_id, score in ranked
        if row_id in rows
    ]


def _hit(spec: SearchType, text: SearchText, match: Match) -> SearchHit:
    shown = {key: str(value) for key, value in match.values.items() if value}
    marked = {k: m for k, v in shown.items() if (m := highlight(v, text.marked)) is not None}
    return SearchHit(
        type=spec.name,
        id=match.id,
        title=shown.get(spec.title.key, ""),
        subtitle=" · ".join(shown[c.key] for c in spec.subtitle if c.key in shown),
        score=round(match.score, 4),
        highlights=marked,
    )
