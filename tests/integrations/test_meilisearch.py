"""The Meilisearch adapter at the HTTP level: a local fake server records the exact requests
it sends. With MEILI_URL set, the same calls also run against that real Meilisearch."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from integrations.meilisearch import SYNONYMS, SearchIndex
from services.search.documents import searchable
from services.search.types import TYPES
from tests.fake_meili import Request, serve_fake_meili


@pytest.fixture
def fake_meili() -> Iterator[tuple[str, list[Request]]]:
    with serve_fake_meili() as served:
        yield served


async def test_settings_documents_and_search_requests(
    fake_meili: tuple[str, list[Request]],
) -> None:
    url, recorded = fake_meili
    index = SearchIndex.connect(url, "key", prefix="t_")
    try:
        await index.configure("orders", searchable(TYPES["orders"]))
        await index.upsert("orders", [{"id": 7, "order_number": "ORD-1", "reseller_id": 3}])
        await index.delete("orders", [8])
        hits = await index.search("orders", "ord 1", "reseller_id = 3", 5)
    finally:
        await index.close()

    assert hits == [(7, 0.75)]
    expected: list[Any] = [
        ("GET", "/indexes/t_orders", None),
        (
            "PATCH",
            "/indexes/t_orders/settings",
            {
                "synonyms": SYNONYMS,
                "filterableAttributes": ["reseller_id", "user_id", "status"],
                "searchableAttributes": [
                    "order_number", "delivery_tracking_number", "plan_name", "status",
                    "customer_name", "customer_phone",
                ],
                "sortableAttributes": ["created_at"],
                "typoTolerance": {"enabled": True, "disableOnAttributes": ["order_number"]},
            },
        ),
        ("GET", "/tasks/1", None),
        (
            "POST",
            "/indexes/t_orders/documents?primaryKey=id",
            [{"id": 7, "order_number": "ORD-1", "reseller_id": 3}],
        ),
        ("GET", "/tasks/1", None),
        ("POST", "/indexes/t_orders/documents/delete-batch", ["8"]),
        ("GET", "/tasks/1", None),
        (
            "POST",
            "/indexes/t_orders/search",
            {
                "q": "ord 1", "offset": 0, "limit": 5, "filter": "reseller_id = 3",
                "facets": None, "attributesToRetrieve": ["id"], "attributesToCrop": None,
                "cropLength": 200, "attributesToHighlight": None, "sort": None,
                "showMatchesPosition": False, "highlightPreTag": "<em>",
                "highlightPostTag": "</em>", "cropMarker": "...", "matchingStrategy": "last",
                "hitsPerPage": None, "page": None, "attributesToSearchOn": None,
                "showRankingScore": True, "rankingScoreThreshold": None,
            },
        ),
    ]  # fmt: skip
    assert recorded == expected


@pytest.mark.skipif(not os.environ.get("MEILI_URL"), reason="set MEILI_URL to test a real one")
async def test_against_a_real_meilisearch() -> None:
    prefix = f"test_{uuid.uuid4().hex[:8]}_"
    index = SearchIndex.connect(
        os.environ["MEILI_URL"], os.environ.get("MEILI_API_KEY", ""), prefix
    )
    try:
        await index.configure("users", searchable(TYPES["users"]))
        await index.upsert(
            "users",
            [
                {"id": 1, "full_name": "Margaret Johnson", "user_id": 1},
                {"id": 2, "full_name": "Peter Parker", "user_id": 2},
            ],
        )
        hits = await index.search("users", "margret jonson", None, 5)
        assert [hit for hit, _ in hits] == [1]
        mine = await index.search("users", "peter", "user_id = 1", 5)
        assert mine == []
    finally:
        await index.client.delete_index_if_exists(index.uid("users"))
        await index.close()
