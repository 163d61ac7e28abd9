"""Keyset paging of the orders and transactions lists (api/cursors.py): following `next_cursor`
visits every row once, in the order page numbers show them, whatever the ordering; a bad or
foreign cursor is a 422."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api import cursors
from core.errors import ValidationFailed
from models import OrderStatus, SimOrder, Transaction, TransactionStatus, TransactionType
from models.identity import SystemRole
from services import querying
from tests.factories import login_headers, make_order, make_reseller, make_staff
from tests.statements import recorded_statements

DAY = datetime(2025, 2, 1, tzinfo=UTC)
# (hours after DAY, price, status): repeated times and prices, so the id tiebreaker matters.
ORDERS = [
    (1, "20.00", OrderStatus.pending), (1, "35.00", OrderStatus.confirmed),
    (2, "20.00", OrderStatus.pending), (3, "10.00", OrderStatus.cancelled),
    (3, "20.00", OrderStatus.confirmed), (3, "35.00", OrderStatus.pending),
    (5, "10.00", OrderStatus.delivered),
]  # fmt: skip
WITHIN = {"created_from": DAY.isoformat(), "created_to": (DAY + timedelta(days=1)).isoformat()}


async def _orders(db: AsyncSession) -> None:
    reseller = await make_reseller(db)
    for hours, price, status in ORDERS:
        order = await make_order(db, reseller_id=reseller.id, price=Decimal(price), status=status)
        await db.execute(
            update(SimOrder)
            .where(SimOrder.id == order.id)
            .values(created_at=DAY + timedelta(hours=hours))
        )
    await db.commit()


async def _walk(client: AsyncClient, auth: dict[str, str], url: str, **params: str) -> list[int]:
    """Every id, following cursors three at a time."""
    seen: list[int] = []
    cursor: str | None = None
    for _ in range(10):
        query = {**params, "page_size": "3", **({"cursor": cursor} if cursor else {})}
        response = await client.get(url, headers=auth, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        seen += [item["id"] for item in body["items"]]
        # Counted exactly with the first page; after a cursor, the planner's estimate at once.
        assert body["total_exact"] is (cursor is None)
        cursor = body["next_cursor"]
        assert body["has_more"] is (cursor is not None)
        if cursor is None:
            return seen
    raise AssertionError("the cursors never ended")


async def _all(client: AsyncClient, auth: dict[str, str], url: str, **params: str) -> list[int]:
    response = await client.get(url, headers=auth, params={**params, "page_size": "100"})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "ordering", ["-created_at", "created_at", "total_amount", "-total_amount,created_at",
                 "status,-created_at"],
)  # fmt: skip
async def test_following_cursors_visits_every_order_once_in_page_order(
    client: AsyncClient, db: AsyncSession, ordering: str
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    await _orders(db)
    expected = await _all(client, auth, "/api/orders/", ordering=ordering, **WITHIN)
    assert len(expected) == len(ORDERS)
    walked = await _walk(client, auth, "/api/orders/", ordering=ordering, **WITHIN)
    assert walked == expected


@pytest.mark.parametrize("ordering", ["-created_at", "total_amount", "status,-created_at"])
async def test_deep_pages_by_number_found_by_their_ids_first_hold_the_same_rows(
    client: AsyncClient,
    db: AsyncSession,
    engine: AsyncEngine,
    monkeypatch: pytest.MonkeyPatch,
    ordering: str,
) -> None:
    """Past DEFERRED_OFFSET (lowered here to 3) a page's ids are found first, then their rows."""
    monkeypatch.setattr(querying, "DEFERRED_OFFSET", 3)
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    await _orders(db)
    expected = await _all(client, auth, "/api/orders/", ordering=ordering, **WITHIN)
    pages = []
    with recorded_statements(engine.sync_engine) as statements:
        for page in range(1, 5):
            params = {**WITHIN, "ordering": ordering, "page": str(page), "page_size": "2"}
            response = await client.get("/api/orders/", headers=auth, params=params)
            assert response.status_code == 200, response.text
            pages += [item["id"] for item in response.json()["items"]]
    assert pages == expected
    # Pages 3 and 4 (offsets 4 and 6) took the ids first; pages 1 and 2 did not.
    assert sum("IN (SELECT sim_orders.id" in sql for sql in statements) == 2


async def test_transactions_page_by_cursor_too(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    for amount in ("5.00", "7.50", "5.00", "12.00", "7.50"):
        db.add(
            Transaction(
                transaction_id=f"TXN-C-{uuid.uuid4().hex[:8]}".upper(),
                transaction_type=TransactionType.payment,
                status=TransactionStatus.completed,
                amount=Decimal(amount),
                payment_method="card",
            )
        )
    await db.commit()
    for ordering in ("-created_at", "amount"):
        expected = await _all(client, auth, "/api/transactions/", ordering=ordering)
        walked = await _walk(client, auth, "/api/transactions/", ordering=ordering)
        assert walked == expected and len(walked) >= 5


async def test_bad_and_foreign_cursors_are_refused(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    await _orders(db)
    first = await client.get(
        "/api/orders/", headers=auth, params={"page_size": "2", "ordering": "status", **WITHIN}
    )
    cursor = first.json()["next_cursor"]
    cases = [
        ({"cursor": "not-a-cursor"}, "bad_cursor"),
        ({"cursor": cursor, "ordering": "-created_at"}, "bad_cursor"),  # made for `status`
        ({"cursor": cursor, "ordering": "status", "page": "2"}, "page_and_cursor"),
    ]
    for params, code in cases:
        response = await client.get("/api/orders/", headers=auth, params=params)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == code
    # Lists without keyset paging still refuse the parameter.
    unknown = await client.get("/api/resellers/", headers=auth, params={"cursor": cursor})
    assert unknown.json()["error"]["code"] == "unknown_parameter"


def test_orderings_by_columns_that_may_be_empty_are_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        cursors.rows_after("W10", [SimOrder.delivered_at.desc(), SimOrder.id.desc()])
    assert refused.value.code == "cursor_unsupported_ordering"
