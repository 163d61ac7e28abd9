"""Search indexing activities: push the outbox to Meilisearch, rebuild indexes. Each reads the
database in its own short transaction and talks to Meilisearch outside it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from integrations.meilisearch import SearchIndex
from models.session import session_scope
from services.search import sync
from services.search.documents import searchable
from services.search.types import TYPES

# A reindex builds `<type>__fresh`, then swaps it with `<type>`.
FRESH_SUFFIX = "__fresh"


class SyncedChanges(BaseModel):
    change_ids: list[int] = []
    # The outbox was emptied without pushing (no Meilisearch configured).
    cleared: int = 0
    # A reindex is building: nothing was drained.
    held: bool = False


class FillPage(BaseModel):
    type: str
    after_id: int
    size: int


class FilledPage(BaseModel):
    count: int
    last_id: int | None


class SearchActivities:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        connect: Callable[[], SearchIndex] | None,
    ) -> None:
        """`connect` opens the Meilisearch index; None when MEILI_URL is not set."""
        self._sessionmaker = sessionmaker
        self._connect = connect

    @asynccontextmanager
    async def _index(self) -> AsyncIterator[SearchIndex]:
        if self._connect is None:
            raise RuntimeError("MEILI_URL is not set")
        index = self._connect()
        try:
            yield index
        finally:
            await index.close()

    @activity.defn
    async def push_search_changes(self, limit: int) -> SyncedChanges:
        """Push the oldest `limit` changes' documents; safe to repeat (documents are read from
        the rows as they are now, and upserts and deletes are idempotent)."""
        if self._connect is None:
            async with session_scope(self._sessionmaker) as db:
                return SyncedChanges(cleared=await sync.clear(db))
        async with session_scope(self._sessionmaker) as db:
            changes = await sync.collect(db, limit)
        if changes.upserts or changes.deletes:
            async with self._index() as index:
                await sync.push(index, changes)
        return SyncedChanges(change_ids=changes.change_ids, held=changes.held)

    @activity.defn
    async def forget_search_changes(self, change_ids: list[int]) -> int:
        async with session_scope(self._sessionmaker) as db:
            return await sync.forget(db, change_ids)

    @activity.defn
    async def begin_search_reindex(self) -> list[str]:
        """The types to rebuild (none without Meilisearch), with the sync held back."""
        if self._connect is None:
            return []
        async with session_scope(self._sessionmaker) as db:
            await sync.hold(db)
        return list(TYPES)

    @activity.defn
    async def prepare_search_index(self, name: str) -> None:
        """An empty, configured `<name>__fresh` (dropping what a crashed reindex left)."""
        async with self._index() as index:
            await index.drop(name + FRESH_SUFFIX)
            await index.configure(name + FRESH_SUFFIX, searchable(TYPES[name]))

    @activity.defn
    async def fill_search_index(self, page: FillPage) -> FilledPage:
        async with session_scope(self._sessionmaker) as db:
            found, last_id = await sync.page(db, page.type, page.after_id, page.size)
        async with self._index() as index:
            await index.upsert(page.type + FRESH_SUFFIX, found)
        return FilledPage(count=len(found), last_id=last_id)

    @activity.defn
    async def swap_search_index(self, name: str) -> None:
        """Not idempotent (a second swap would swap the old index back): the workflow runs it
        once, and a failed reindex is simply run again."""
        async with self._index() as index:
            await index.swap_in(name, name + FRESH_SUFFIX)

    @activity.defn
    async def end_search_reindex(self) -> None:
        async with session_scope(self._sessionmaker) as db:
            await sync.release(db)
