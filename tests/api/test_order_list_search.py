"""GET /api/orders/?search=: matching orders and customers resolved to id lists first
(services/orders/queries.py `resolved_search`), the subquery form past the cap, and the
count's estimate on either."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.settings import get_settings
from models import PublicUser, ResellerClient, SimOrder
from models.identity import SystemRole
from services.auth.principal import principal_for_account
from services.orders import queries
from services.querying import Window, count_or_estimate
from tests.factories import login_headers, make_account, make_order, make_reseller, make_staff
from tests.statements import session_statements

SURNAME = "Quillfeather"
DAY = datetime(2026, 3, 1, tzinfo=UTC)


async def _order(
    db: AsyncSession,
    hours: int,
    *,
    user_id: int | None = None,
    reseller_id: int | None = None,
    client_id: int | None = None,
) -> int:
    """An order placed `hours` after DAY, for an app user or a reseller's client."""
    order = await make_order(db, user_id=user_id, reseller_id=reseller_id)
    await db.execute(
        update(SimOrder)
        .where(SimOrder.id == order.id)
        .values(client_id=client_id, created_at=DAY + timedelta(hours=hours))
    )
    await db.commit()
    return order.id


async def _people(db: AsyncSession) -> dict[str, int]:
    """Orders of two matching app users, a matching reseller client, and a bystander."""
    reseller = await make_reseller(db)
    rows: dict[str, PublicUser | ResellerClient] = {
        "ana": PublicUser(
            full_name=f"Ana {SURNAME}", email="ana.q@example.com", phone="+351930000001",
            city="Porto",
        ),
        "rui": PublicUser(
            full_name=f"Rui {SURNAME}", email="rui.q@example.com", phone="+351930000002",
            city="Porto",
        ),
        "other": PublicUser(
            full_name="Ines Bystander", email="ines.b@example.com", phone="+351930000003",
            city="Porto",
        ),
        "client": ResellerClient(
            reseller_id=reseller.id, client_name=f"Eva {SURNAME}",
            client_email="eva.q@example.org", client_phone="+351930000004",
        ),
    }  # fmt: skip
    db.add_all(rows.values())
    await db.commit()
    ids = {name: row.id for name, row in rows.items()}
    orders = {
        "ana_old": await _order(db, 1, user_id=ids["ana"]),
        "client": await _order(db, 2, reseller_id=reseller.id, client_id=ids["client"]),
        "other": await _order(db, 3, user_id=ids["other"]),
        "rui": await _order(db, 4, user_id=ids["rui"]),
        "ana_new": await _order(db, 5, user_id=ids["ana"]),
    }
    return {**orders, "reseller": reseller.id}


async def _list(
    client: AsyncClient, auth: dict[str, str], **params: str | int
) -> dict[str, object]:
    response = await client.get("/api/orders/", headers=auth, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _ids(page: dict[str, object]) -> list[int]:
    items = page["items"]
    assert isinstance(items, list)
    return [item["id"] for item in items]


@pytest.mark.parametrize("cap", [queries.MAX_RESOLVED_MATCHES, 1])
async def test_search_finds_customers_orders_newest_first(
    client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch, cap: int
) -> None:
    # cap 1: two users match, one more than the cap, so the subquery form answers: the same.
    monkeypatch.setattr(queries, "MAX_RESOLVED_MATCHES", cap)
    orders = await _people(db)
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    expected = [orders["ana_new"], orders["rui"], orders["client"], orders["ana_old"]]
    page = await _list(client, auth, search=SURNAME.lower())
    assert (_ids(page), page["total"], page["total_exact"]) == (expected, 4, True)
    second = await _list(client, auth, search=f"ana {SURNAME}", page_size=1, page=2)
    assert (_ids(second), second["total"]) == ([orders["ana_old"]], 2)
    number = await db.scalar(select(SimOrder.order_number).where(SimOrder.id == orders["rui"]))
    assert number is not None
    by_number = await _list(client, auth, search=number.lower())
    assert _ids(by_number) == [orders["rui"]]
    # Other filters still apply to the matches.
    clients_only = await _list(client, auth, search=SURNAME, source="reseller_client")
    assert (_ids(clients_only), clients_only["total"]) == ([orders["client"]], 1)
    assert _ids(await _list(client, auth, search="Zyxwvut")) == []


async def test_search_keeps_to_the_callers_orders(client: AsyncClient, db: AsyncSession) -> None:
    await _people(db)
    owner = await make_account(db, SystemRole.reseller_owner)
    assert owner.reseller_id is not None
    own_client = ResellerClient(
        reseller_id=owner.reseller_id, client_name=f"Tom {SURNAME}",
        client_email="tom.q@example.org", client_phone="+351930000005",
    )  # fmt: skip
    db.add(own_client)
    await db.commit()
    theirs = await _order(db, 6, reseller_id=owner.reseller_id, client_id=own_client.id)
    page = await _list(client, await login_headers(client, owner), search=SURNAME)
    assert (_ids(page), page["total"]) == ([theirs], 1)


async def test_count_estimate_reads_inlined_id_lists(db: AsyncSession) -> None:
    """Past the exact limit the count is EXPLAIN's estimate of the very statement: its id
    lists (inlined) and expanding IN parameters must be rendered, not left as placeholders."""
    orders = await _people(db)
    search = (await queries.resolved_search(db, SURNAME)).condition
    query = select(SimOrder).where(
        search, SimOrder.id.in_([orders["ana_new"], orders["rui"], orders["client"]])
    )
    assert await count_or_estimate(db, query) == (3, True)
    total, exact = await count_or_estimate(db, query, limit=1)
    # The planner's figure, never below the rows already counted (limit + 1).
    assert exact is False and total >= 2


@pytest.mark.parametrize(
    ("search", "expected", "statements", "narrow_matches", "since"),
    [
        ("Zyxwvut", [], 1, 1000, None),  # the lookup alone: no order is read
        # Nothing but the search: its customers' order counts are the total (lookup, page).
        (SURNAME, ["ana_new", "rui", "client", "ana_old"], 2, 1000, None),
        # Another filter, three matching customers, narrow: lookup, count, page.
        (SURNAME, ["ana_new", "rui", "client", "ana_old"], 3, 1000, DAY),
        # More matches than NARROW_MATCHES: the planner's estimate first.
        (SURNAME, ["ana_new", "rui", "client", "ana_old"], 4, 2, DAY),
    ],
)
async def test_a_search_reads_orders_only_when_something_matched(
    db: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
    search: str,
    expected: list[str],
    statements: int,
    narrow_matches: int,
    since: datetime | None,
) -> None:
    """Matching nothing answers from the lookup: planned without the matches, a text condition
    is guessed at 2% of orders, and finding no page walked the whole sort index (0.4 s at a
    million orders)."""
    monkeypatch.setattr(queries, "NARROW_MATCHES", narrow_matches)
    orders = await _people(db)
    staff = await make_staff(db, SystemRole.admin)
    principal = await principal_for_account(db, get_settings(), staff.id)
    newest_first = [SimOrder.created_at.desc(), SimOrder.id.desc()]
    filters = queries.OrderFilter(search=search, created_from=since)
    async with session_statements(db) as sent:
        rows, total, exact = await queries.list_orders(
            db, principal, filters, newest_first, Window(limit=25)
        )
    assert [row.id for row in rows] == [orders[name] for name in expected]
    assert (total, exact, len(sent)) == (len(expected), True, statements)
    assert any(sql.startswith("EXPLAIN") for sql in sent) is (statements == 4)


async def test_an_order_found_by_number_and_by_its_customer_counts_once(
    client: AsyncClient, db: AsyncSession
) -> None:
    """The customers' order counts would count it twice: the orders are counted instead."""
    orders = await _people(db)
    number = await db.scalar(select(SimOrder.order_number).where(SimOrder.id == orders["other"]))
    owner = await db.scalar(select(SimOrder.user_id).where(SimOrder.id == orders["other"]))
    await db.execute(
        update(PublicUser).where(PublicUser.id == owner).values(full_name=f"Ines {number}")
    )
    await db.commit()
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    page = await _list(client, auth, search=str(number))
    assert (_ids(page), page["total"], page["total_exact"]) == ([orders["other"]], 1, True)
