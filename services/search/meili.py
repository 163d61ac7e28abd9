"""The Meilisearch engine: Meilisearch ranks (typos, synonyms, prefixes), each search filtered
to the caller's tenancy; services/search then reads the rows from PostgreSQL through the same
scope, so a stale document can never leak a row."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from core.settings import Settings
from integrations.meilisearch import SearchIndex
from models.identity import AccountKind
from services.auth.principal import Principal
from services.search import load
from services.search.query import SearchText
from services.search.types import Match, SearchType
from services.tenancy import OWNERS


def tenancy_filter(spec: SearchType, principal: Principal) -> tuple[bool, str | None]:
    """Whether the caller sees any row of the type, and the Meilisearch filter narrowing it
    to theirs (None: all). Mirrors services/tenancy.scope."""
    if principal.kind is AccountKind.staff or not spec.tenant_owned:
        return True, None
    reseller_column, user_column = OWNERS.get(spec.model, (None, None))
    if principal.kind is AccountKind.reseller and reseller_column is not None:
        return True, f"reseller_id = {int(principal.reseller_id or 0)}"
    if principal.kind is AccountKind.public and user_column is not None:
        return True, f"user_id = {int(principal.public_user_id or 0)}"
    return False, None


class MeiliEngine:
    name = "meilisearch"

    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    @classmethod
    def from_settings(cls, settings: Settings) -> MeiliEngine:
        return cls(SearchIndex.from_settings(settings))

    async def prepare(self, db: AsyncSession, text: SearchText) -> SearchText:
        return text  # Meilisearch corrects typos itself

    async def matches(
        self,
        db: AsyncSession,
        spec: SearchType,
        text: SearchText,
        principal: Principal,
        limit: int,
    ) -> list[Match]:
        visible, filters = tenancy_filter(spec, principal)
        if not visible:
            return []
        ranked = await self.index.search(spec.name, " ".join(text.words), filters, limit)
        return await load(db, spec, principal, ranked)

    async def close(self) -> None:
        await self.index.close()
