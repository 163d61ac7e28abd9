"""Meilisearch behind a small interface (meilisearch-python-sdk's async client): index
settings applied by code, documents upserted and deleted, indexes rebuilt and swapped in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from meilisearch_python_sdk import AsyncClient
from meilisearch_python_sdk.models.settings import MeilisearchSettings, TypoTolerance

from core.settings import Settings

# The same word written several ways; Meilisearch expands a query with its synonyms.
SYNONYMS = {
    "esim": ["e-sim", "e sim"],
    "e-sim": ["esim"],
    "sim": ["simcard", "sim card"],
    "simcard": ["sim"],
}
# Tenancy filters (services/search/meili.py) and the fields lists sort by.
FILTERABLE = ["reseller_id", "user_id", "status"]
SORTABLE = ["created_at"]
TASK_TIMEOUT_MS = 30_000


def index_settings(searchable: Sequence[str]) -> MeilisearchSettings:
    return MeilisearchSettings(
        searchable_attributes=list(searchable),
        filterable_attributes=list(FILTERABLE),
        sortable_attributes=list(SORTABLE),
        typo_tolerance=TypoTolerance(enabled=True, disable_on_attributes=["order_number"]),
        synonyms=SYNONYMS,
    )


class SearchIndex:
    """One Meilisearch server; index uids are `<prefix><type>` so deployments can share it."""

    def __init__(self, client: AsyncClient, prefix: str = "") -> None:
        self.client = client
        self.prefix = prefix

    @classmethod
    def connect(cls, url: str, api_key: str, prefix: str = "") -> SearchIndex:
        return cls(AsyncClient(url, api_key or None, timeout=10), prefix)

    @classmethod
    def from_settings(cls, settings: Settings) -> SearchIndex:
        """MEILI_URL's server (which must be set); the task queue prefix keeps deployments
        sharing one server apart."""
        return cls.connect(
            settings.meili_url,
            settings.meili_api_key.get_secret_value(),
            settings.temporal_task_queue_prefix,
        )

    def uid(self, name: str) -> str:
        return f"{self.prefix}{name}"

    async def configure(self, name: str, searchable: Sequence[str]) -> None:
        index = await self.client.get_or_create_index(self.uid(name), primary_key="id")
        task = await index.update_settings(index_settings(searchable))
        await self.client.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)

    async def upsert(self, name: str, documents: Sequence[dict[str, Any]]) -> None:
        if documents:
            task = await self.client.index(self.uid(name)).add_documents(
                list(documents), primary_key="id"
            )
            await self.client.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)

    async def delete(self, name: str, ids: Sequence[int]) -> None:
        if ids:
            task = await self.client.index(self.uid(name)).delete_documents([str(i) for i in ids])
            await self.client.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)

    async def swap_in(self, name: str, fresh: str) -> None:
        """Atomically replace `name` with the fully built `fresh` index, then drop the old one:
        searches never see a half-built index."""
        await self.client.get_or_create_index(self.uid(name), primary_key="id")
        task = await self.client.swap_indexes([(self.uid(name), self.uid(fresh))])
        await self.client.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        await self.drop(fresh)

    async def drop(self, name: str) -> None:
        await self.client.delete_index_if_exists(self.uid(name))

    async def search(
        self, name: str, query: str, filters: str | None, limit: int
    ) -> list[tuple[int, float]]:
        result = await self.client.index(self.uid(name)).search(
            query,
            filter=filters,
            limit=limit,
            attributes_to_retrieve=["id"],
            show_ranking_score=True,
        )
        return [(int(hit["id"]), float(hit.get("_rankingScore", 0.0))) for hit in result.hits]

    async def close(self) -> None:
        await self.client.aclose()
