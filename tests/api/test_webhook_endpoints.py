"""/api/settings/webhooks/: who manages which endpoints, what bad input gets, and which
endpoints hear an event."""

from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import AuditLog, WebhookDelivery, WebhookEndpoint
from models.identity import SystemRole
from services import outgoing_webhooks
from tests.factories import login_headers, make_account, make_staff

URL = "/api/settings/webhooks/"
HOOK = {"url": "https://hooks.example.com/simdesk", "event_types": ["order.status_changed"]}


async def test_a_reseller_manages_only_its_own_endpoints(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    other = await make_account(db, SystemRole.reseller_owner)
    mine = await login_headers(client, owner)
    theirs = await login_headers(client, other)

    # A reseller cannot create an endpoint for someone else: its own reseller is forced.
    created = await client.post(URL, headers=mine, json={**HOOK, "reseller_id": other.reseller_id})
    assert created.status_code == 201
    endpoint = created.json()
    assert endpoint["reseller_id"] == owner.reseller_id
    assert endpoint["event_types"] == ["order.status_changed"]
    assert endpoint["is_active"] is True

    assert (await client.get(f"{URL}{endpoint['id']}/", headers=theirs)).status_code == 404
    assert (await client.get(URL, headers=theirs)).json()["total"] == 0
    patched = await client.patch(
        f"{URL}{endpoint['id']}/", headers=theirs, json={"is_active": False}
    )
    assert patched.status_code == 404
    assert (await client.post(f"{URL}{endpoint['id']}/ping/", headers=theirs)).status_code == 404

    listed = await client.get(URL, headers=mine)
    assert [e["id"] for e in listed.json()["items"]] == [endpoint["id"]]
    assert "secret" not in listed.json()["items"][0]

    paused = await client.patch(
        f"{URL}{endpoint['id']}/", headers=mine,
        json={"is_active": False, "event_types": ["refund.completed", "payment.captured"]},
    )  # fmt: skip
    assert paused.status_code == 200
    assert paused.json()["is_active"] is False
    assert paused.json()["event_types"] == ["payment.captured", "refund.completed"]

    admin = await make_staff(db, SystemRole.admin)
    staff = await login_headers(client, admin)
    assert (await client.get(URL, headers=staff)).json()["total"] >= 1  # staff see every one
    deleted = await client.delete(f"{URL}{endpoint['id']}/", headers=mine)
    assert deleted.status_code == 204
    assert (await client.get(f"{URL}{endpoint['id']}/", headers=mine)).status_code == 404
    actions = await db.scalars(
        select(AuditLog.action)
        .where(
            AuditLog.entity_type == "webhook_endpoint", AuditLog.entity_id == str(endpoint["id"])
        )
        .order_by(AuditLog.id)
    )
    assert list(actions) == [
        "webhook.endpoint_created",
        "webhook.endpoint_updated",
        "webhook.endpoint_deleted",
    ]


async def test_bad_input_and_missing_permission(client: AsyncClient, db: AsyncSession) -> None:
    support = await make_staff(db, SystemRole.support)
    assert (await client.get(URL, headers=await login_headers(client, support))).status_code == 403
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)

    bad = await client.post(
        URL, headers=auth, json={"url": "ftp://x.example.com", "event_types": ["order.eaten"]}
    )
    assert bad.status_code == 422
    fields = sorted(d["field"] for d in bad.json()["error"]["details"])
    assert fields == ["body.event_types.0", "body.url"]
    empty = await client.post(URL, headers=auth, json={**HOOK, "event_types": []})
    assert empty.status_code == 422
    unknown = await client.get(f"{URL}?status=failed", headers=auth)
    assert unknown.status_code == 400
    assert (await client.get(f"{URL}999999/deliveries/", headers=auth)).status_code == 404


async def test_events_reach_system_wide_and_the_resellers_own_endpoints(db: AsyncSession) -> None:
    first = await make_account(db, SystemRole.reseller_owner)
    second = await make_account(db, SystemRole.reseller_owner)
    endpoints = [
        WebhookEndpoint(reseller_id=reseller, url="https://hooks.example.com/", event_types=types,
                        secret_encrypted="x", secret_prefix="whsec_", is_active=active)
        for reseller, types, active in (
            (None, ["order.status_changed"], True),
            (first.reseller_id, ["order.status_changed", "refund.completed"], True),
            (second.reseller_id, ["order.status_changed"], True),
            (first.reseller_id, ["order.status_changed"], False),
            (first.reseller_id, ["payment.captured"], True),
        )
    ]  # fmt: skip
    db.add_all(endpoints)
    await db.flush()
    system, own = endpoints[:2]

    assert (
        await outgoing_webhooks.enqueue(db, "order.status_changed", {"n": 1}, first.reseller_id)
        == 2
    )
    assert await outgoing_webhooks.enqueue(db, "order.status_changed", {"n": 2}, None) == 1
    rows = (await db.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id))).all()
    assert [(r.endpoint_id, r.payload["data"]) for r in rows] == [
        (system.id, {"n": 1}),
        (own.id, {"n": 1}),
        (system.id, {"n": 2}),
    ]
    assert len({r.delivery_id for r in rows}) == 3
    assert all(r.payload["id"] == str(r.delivery_id) for r in rows)
