"""GET /api/search/ on the PostgreSQL engine, against the real database: grouping, ranking,
highlights, typo tolerance, tenancy, permissions and hostile input."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import PublicUser, ResellerClient, SimOrder, SupportTicket
from models.identity import SystemRole
from services.search import PostgresEngine
from services.search.query import parse
from services.search.types import TYPES
from tests.factories import login_headers, make_account, make_order, make_reseller, make_staff

SEARCH = "/api/search/"


async def _person(db: AsyncSession, name: str, phone: str, city: str = "Lisbon") -> PublicUser:
    slug = name.lower().replace(" ", ".")
    person = PublicUser(full_name=name, email=f"{slug}@example.com", phone=phone, city=city)
    db.add(person)
    await db.flush()
    return person


async def _client(db: AsyncSession, reseller_id: int, name: str) -> ResellerClient:
    slug = name.lower().replace(" ", ".")
    client = ResellerClient(
        reseller_id=reseller_id,
        client_name=name,
        client_email=f"{slug}@example.org",
        client_phone="+351910000001",
    )
    db.add(client)
    await db.flush()
    return client


async def _search(client: AsyncClient, headers: dict[str, str], **params: Any) -> Any:
    response = await client.get(SEARCH, headers=headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(body: Any, kind: str) -> list[int]:
    group = next(g for g in body["groups"] if g["type"] == kind)
    return [hit["id"] for hit in group["hits"]]


async def _trigrams(db: AsyncSession) -> bool:
    return bool(await db.scalar(text("SELECT count(*) FROM pg_extension WHERE extname='pg_trgm'")))


async def test_groups_ranked_hits_with_highlights(client: AsyncClient, db: AsyncSession) -> None:
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    alexandra = await _person(db, "Alexandra Quimby", "+351911111111")
    await _person(db, "Bruno Quimbyson", "+351922222222", city="Porto")
    order = await make_order(db, user_id=alexandra.id)

    body = await _search(client, admin, q="quimby alex", limit=3)
    assert (body["query"], body["engine"]) == ("quimby alex", "postgresql")
    assert [g["type"] for g in body["groups"]] == list(TYPES)
    assert _ids(body, "users") == [alexandra.id]
    # Her order is found through its customer.
    assert _ids(body, "orders") == [order.id]
    hit = next(g for g in body["groups"] if g["type"] == "users")["hits"][0]
    assert hit["title"] == "Alexandra Quimby"
    assert hit["subtitle"] == "alexandra.quimby@example.com · +351911111111 · Lisbon"
    assert hit["highlights"] == {
        "full_name": "<mark>Alex</mark>andra <mark>Quimby</mark>",
        "email": "<mark>alex</mark>andra.<mark>quimby</mark>@example.com",
    }
    # Both match one word by prefix; the one whose name is the query ranks first.
    both = await _search(client, admin, q="quimby", types="users")
    assert [g["type"] for g in both["groups"]] == ["users"]
    ranked = both["groups"][0]
    assert ([h["title"] for h in ranked["hits"]], ranked["has_more"]) == (
        ["Alexandra Quimby", "Bruno Quimbyson"],
        False,
    )
    one = await _search(client, admin, q="quimby", types="users", limit=1)
    assert (len(one["groups"][0]["hits"]), one["groups"][0]["has_more"]) == (1, True)


async def test_a_whole_order_number_is_the_first_hit(client: AsyncClient, db: AsyncSession) -> None:
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    reseller = await make_reseller(db)
    orders = [await make_order(db, reseller_id=reseller.id) for _ in range(3)]
    target = orders[1]
    await db.execute(
        update(SimOrder).where(SimOrder.id == orders[0].id).values(delivery_tracking_number="TRK1")
    )
    # Another order shares every word of the number but one: a prefix match, ranked below.
    body = await _search(client, admin, q=target.order_number, types="orders")
    assert _ids(body, "orders")[0] == target.id
    by_tracking = await _search(client, admin, q="trk1", types="orders")
    assert _ids(by_tracking, "orders") == [orders[0].id]
    prefix = await _search(client, admin, q="ORD-TEST", types="orders", limit=10)
    assert sorted(_ids(prefix, "orders")) == sorted(o.id for o in orders)


async def test_typos_are_tolerated_with_pg_trgm(client: AsyncClient, db: AsyncSession) -> None:
    if not await _trigrams(db):
        pytest.skip("pg_trgm is not installed: search is full-text prefix matching only")
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    person = await _person(db, "Margaret Johnson", "+351933333333")
    order = await make_order(db, user_id=person.id)
    await _person(db, "Peter Parker", "+351944444444")

    body = await _search(client, admin, q="Margret Johnsn", types="users,orders")
    assert (_ids(body, "users"), _ids(body, "orders")) == ([person.id], [order.id])
    # Nothing near: no hit rather than everything.
    assert _ids(await _search(client, admin, q="Zygmunt Xavier", types="users"), "users") == []


async def test_without_trigrams_words_match_as_prefixes(db: AsyncSession) -> None:
    """The embedded PostgreSQL has no pg_trgm: the engine then ranks by full text alone."""
    from services.search import postgres

    staff = await make_staff(db, SystemRole.admin)
    from core.settings import get_settings
    from services.auth.principal import principal_for_account

    principal = await principal_for_account(db, get_settings(), staff.id)
    person = await _person(db, "Ottilie Vandersloot", "+351955555555")
    spec = TYPES["users"]
    found = await postgres.search_type(db, spec, parse("otti vander"), principal, 5, False)
    assert [match.id for match in found] == [person.id]
    typo = await postgres.search_type(db, spec, parse("Otilie Vandersloot"), principal, 5, False)
    assert typo == []
    assert PostgresEngine.name == "postgresql"


async def test_a_reseller_finds_only_its_own_rows(client: AsyncClient, db: AsyncSession) -> None:
    owner, other_owner = [await make_account(db, SystemRole.reseller_owner) for _ in range(2)]
    assert owner.reseller_id is not None and other_owner.reseller_id is not None
    mine = await _client(db, owner.reseller_id, "Heloise Kettleby")
    theirs = await _client(db, other_owner.reseller_id, "Heloise Kettlewell")
    my_order = await make_order(db, reseller_id=owner.reseller_id)
    their_order = await make_order(db, reseller_id=other_owner.reseller_id)
    for order, customer in ((my_order, mine), (their_order, theirs)):
        await db.execute(
            update(SimOrder).where(SimOrder.id == order.id).values(client_id=customer.id)
        )
    headers = await login_headers(client, owner)

    body = await _search(client, headers, q="heloise kettle")
    assert {g["type"] for g in body["groups"]} == {
        "orders", "resellers", "clients", "plans", "tickets"
    }  # fmt: skip
    assert (_ids(body, "clients"), _ids(body, "orders")) == ([mine.id], [my_order.id])
    theirs_by_number = await _search(client, headers, q=their_order.order_number, types="orders")
    assert _ids(theirs_by_number, "orders") == []
    staff = await login_headers(client, await make_staff(db, SystemRole.admin))
    everything = await _search(client, staff, q="heloise kettle", types="clients,orders")
    assert sorted(_ids(everything, "clients")) == sorted([mine.id, theirs.id])
    assert sorted(_ids(everything, "orders")) == sorted([my_order.id, their_order.id])
    # Statements are kept per shape and reused: never across tenants.
    other_headers = await login_headers(client, other_owner)
    other_body = await _search(client, other_headers, q="heloise kettle", types="clients,orders")
    assert (_ids(other_body, "clients"), _ids(other_body, "orders")) == (
        [theirs.id],
        [their_order.id],
    )
    again = await _search(client, headers, q="heloise kettle", types="clients,orders")
    assert (_ids(again, "clients"), _ids(again, "orders")) == ([mine.id], [my_order.id])


async def test_only_readable_types_are_searched(client: AsyncClient, db: AsyncSession) -> None:
    customer = await make_account(db, SystemRole.customer)
    headers = await login_headers(client, customer)
    body = await _search(client, headers, q="pat")
    assert [g["type"] for g in body["groups"]] == ["orders", "plans", "tickets"]
    # Asking for a type one may not read is not an error: it is simply not searched.
    assert (await _search(client, headers, q="pat", types="users"))["groups"] == []
    db.add(
        SupportTicket(
            ticket_number="TCK-SEARCH-1", subject="Roaming in Peru", description="no data",
            user_id=customer.public_user_id,
        )
    )  # fmt: skip
    db.add(SupportTicket(ticket_number="TCK-SEARCH-2", subject="Roaming too", description=""))
    await db.flush()
    tickets = await _search(client, headers, q="roaming", types="tickets")
    assert [h["title"] for h in tickets["groups"][0]["hits"]] == ["Roaming in Peru"]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"q": ""}, 422, "validation_error"),
        ({}, 422, "validation_error"),
        ({"q": "x" * 1000}, 422, "validation_error"),
        ({"q": "& | ! ( ) : * ' \\ %"}, 422, "validation_error"),
        ({"q": "anna", "types": "orders,spaceships"}, 422, "validation_error"),
        ({"q": "anna", "limit": 0}, 422, "validation_error"),
        ({"q": "anna", "limit": 51}, 422, "validation_error"),
        ({"q": "anna", "colour": "red"}, 400, "unknown_parameter"),
    ],
)
async def test_bad_input_is_a_clear_4xx(
    client: AsyncClient, db: AsyncSession, params: dict[str, Any], status: int, code: str
) -> None:
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    response = await client.get(SEARCH, headers=admin, params=params)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    if status == 422:
        assert error["details"][0]["field"].startswith("query.")


@pytest.mark.parametrize(
    "q",
    [
        "O'Brien & (x:*) | !y \\ 100%",
        "a:* | b & !c",
        "'; DROP TABLE sim_orders; --",
        ".* [a-z]+ (?:x) \\d",
        " ".join(f"w{i}" for i in range(40)),
        "é" * 200,
    ],
)
async def test_metacharacters_are_plain_text(client: AsyncClient, db: AsyncSession, q: str) -> None:
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    person = await _person(db, "Siobhan O'Brien", "+351966666666")
    body = await _search(client, admin, q=q, types="users,orders,tickets")
    assert _ids(body, "users") == []
    named = await _search(client, admin, q="o'brien", types="users")
    assert _ids(named, "users") == [person.id]


async def test_list_searches_match_like_the_search_box(
    client: AsyncClient, db: AsyncSession
) -> None:
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    person = await _person(db, "Leopoldine Fairweather", "+351977777777")
    order = await make_order(db, user_id=person.id)
    for path, q, expected in (
        ("/api/users/", "leopold fair", person.id),
        ("/api/users/", "977777", person.id),  # inside the phone number
        ("/api/orders/", "fairweather", order.id),
        ("/api/orders/", order.order_number.lower(), order.id),
    ):
        response = await client.get(path, headers=admin, params={"search": q})
        assert response.status_code == 200, response.text
        assert [row["id"] for row in response.json()["items"]] == [expected], (path, q)
