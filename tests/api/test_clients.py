"""/api/clients/: the cross-reseller list, reseller edits, and staff overrides that orders obey."""

from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from models import ResellerClient
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_plan, make_reseller, make_staff


async def _client_of(db: AsyncSession, reseller_id: int, name: str) -> ResellerClient:
    client = ResellerClient(
        reseller_id=reseller_id,
        client_name=name,
        client_email=f"{name.split()[0].lower()}@example.org",
        client_phone="+14155550123",
    )
    db.add(client)
    await db.commit()
    db.expunge(client)
    return client


async def test_staff_list_every_resellers_clients_and_resellers_only_their_own(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    assert owner.reseller_id is not None
    other = await make_reseller(db)
    mine = await _client_of(db, owner.reseller_id, "Kim Mine")
    theirs = await _client_of(db, other.id, "Lee Theirs")
    staff = await login_headers(client, await make_staff(db, SystemRole.admin))
    reseller = await login_headers(client, owner)

    listed = (await client.get("/api/clients/", headers=staff)).json()
    assert [c["id"] for c in listed["items"]] == [mine.id, theirs.id]  # by name
    found = (await client.get("/api/clients/", headers=staff, params={"search": "lee"})).json()
    assert [c["id"] for c in found["items"]] == [theirs.id]
    narrowed = await client.get("/api/clients/", headers=staff, params={"reseller_id": other.id})
    assert [c["id"] for c in narrowed.json()["items"]] == [theirs.id]

    own = (await client.get("/api/clients/", headers=reseller)).json()
    assert [c["id"] for c in own["items"]] == [mine.id]
    hidden = await client.get(f"/api/clients/{theirs.id}/", headers=reseller)
    assert hidden.status_code == 404
    bad = await client.get("/api/clients/", headers=staff, params={"colour": "red"})
    assert bad.status_code == 400


async def test_edits_and_a_block_that_stops_orders(client: AsyncClient, db: AsyncSession) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    assert owner.reseller_id is not None
    plan = await make_plan(db)
    mine = await _client_of(db, owner.reseller_id, "Kim Mine")
    reseller = await login_headers(client, owner)
    staff = await login_headers(client, await make_staff(db, SystemRole.admin))
    url = f"/api/clients/{mine.id}/"

    edited = await client.patch(
        url, headers=reseller, json={"monthly_limit": 5, "plan_id": plan.id}
    )
    assert edited.status_code == 200, edited.text
    assert (edited.json()["monthly_limit"], edited.json()["plan_id"]) == (5, plan.id)
    for body in ({"plan_id": 999999}, {"client_phone": "555"}, {"status": "suspended"}):
        refused = await client.patch(url, headers=reseller, json=body)
        assert refused.status_code == 422, body

    not_theirs = await client.patch(
        f"{url}status/", headers=reseller, json={"status": "suspended", "reason": "unpaid"}
    )
    assert not_theirs.status_code == 403
    blocked = await client.patch(
        f"{url}status/", headers=staff, json={"status": "suspended", "reason": "fraud check"}
    )
    assert blocked.json()["status"] == "suspended"
    order = await client.post(
        "/api/orders/",
        headers=reseller,
        json={"plan_id": plan.id, "client_id": mine.id, "delivery_address": "Oslo"},
    )
    assert (order.status_code, order.json()["error"]["code"]) == (409, "client_not_active")
