"""POST /api/orders/{id}/notify/: sending a customer one of their order's notices again."""

from __future__ import annotations

from datetime import UTC, datetime

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    AuditLog,
    OrderStatus,
    OutboundMessage,
    PublicUser,
    Sim,
    SimOrder,
    SimType,
)
from models.identity import SystemRole
from services.messaging.notifier import OutboxNotifier
from services.orders.notices import notify_customer
from tests.factories import iccid, login_headers, make_account, make_order, make_staff


async def _order(
    db: AsyncSession, status: OrderStatus, sim_type: SimType = SimType.physical
) -> tuple[SimOrder, PublicUser]:
    customer = await make_account(db, SystemRole.customer)
    assert customer.public_user_id is not None
    made = await make_order(db, user_id=customer.public_user_id, status=status)
    order = await db.get_one(SimOrder, made.id)
    order.sim_type = sim_type
    order.courier, order.delivery_tracking_number = "DHL", "JD0146"
    await db.commit()
    return order, await db.get_one(PublicUser, customer.public_user_id)


async def _admin(client: AsyncClient, db: AsyncSession) -> dict[str, str]:
    return await login_headers(client, await make_staff(db, SystemRole.admin))


async def _counts(db: AsyncSession) -> tuple[int, int]:
    messages = await db.scalar(select(func.count()).select_from(OutboundMessage))
    audits = await db.scalar(select(func.count()).where(AuditLog.action == "order.notice_resent"))
    return messages or 0, audits or 0


async def test_a_resend_is_a_new_message_each_time(client: AsyncClient, db: AsyncSession) -> None:
    order, person = await _order(db, OrderStatus.dispatched)
    first = await notify_customer(db, OutboxNotifier(), order, "order_dispatched")
    await db.commit()
    auth = await _admin(client, db)

    again = await client.post(
        f"/api/orders/{order.id}/notify/", headers=auth, json={"notice": "order_dispatched"}
    )
    assert again.status_code == 202, again.text
    entry = (await db.scalars(select(AuditLog).where(AuditLog.entity_id == str(order.id)))).one()
    assert (entry.action, entry.after) == (
        "order.notice_resent",
        {"notice": "order_dispatched", "channels": ["email", "sms"]},
    )
    sent = again.json()["messages"]
    number = order.order_number
    key = f"{number}:order_dispatched:resend{entry.id}"
    assert [(m["channel"], m["recipient"], m["template"], m["dedupe_key"]) for m in sent] == [
        ("email", person.email, "order_dispatched", f"{key}:email"),
        ("sms", person.phone, "order_dispatched", f"{key}:sms"),
    ]
    assert {m["id"] for m in sent}.isdisjoint({m.id for m in first})
    assert sent[0]["subject"] == f"Your SIM for order {number} is on its way"

    # The dispatch SMS alone, once more: a third SMS, no new email.
    sms = await client.post(
        f"/api/orders/{order.id}/notify/",
        headers=auth,
        json={"notice": "order_dispatched", "channel": "sms"},
    )
    assert sms.status_code == 202, sms.text
    assert [m["channel"] for m in sms.json()["messages"]] == ["sms"]
    channels = (
        await db.scalars(
            select(OutboundMessage.channel).where(
                OutboundMessage.template == "order_dispatched",
                OutboundMessage.recipient.in_([person.email, person.phone]),
            )
        )
    ).all()
    assert sorted(channels) == ["email", "email", "sms", "sms", "sms"]


async def test_esim_code_and_cancellation_carry_their_details(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    esim, _ = await _order(db, OrderStatus.activated, SimType.esim)
    db.add(
        Sim(
            iccid=iccid(900, prefix="8947080001"),
            network_provider="Vodafone",
            sim_type=SimType.esim,
            activation_code="LPA:1$smdp.example$RESEND",
            order_id=esim.id,
        )
    )
    await db.commit()
    code = await client.post(
        f"/api/orders/{esim.id}/notify/", headers=auth, json={"notice": "esim_ready"}
    )
    assert code.status_code == 202, code.text
    message = await db.get_one(OutboundMessage, code.json()["messages"][0]["id"])
    assert "LPA:1$smdp.example$RESEND" in message.body

    cancelled, _ = await _order(db, OrderStatus.pending)
    placed = await client.patch(
        f"/api/orders/{cancelled.id}/status/",
        headers=auth,
        json={"status": "cancelled", "reason": "out of stock"},
    )
    assert placed.status_code == 200, placed.text
    told = await client.post(
        f"/api/orders/{cancelled.id}/notify/", headers=auth, json={"notice": "order_cancelled"}
    )
    assert told.status_code == 202, told.text
    message = await db.get_one(OutboundMessage, told.json()["messages"][0]["id"])
    assert "was cancelled: out of stock." in message.body


async def test_a_notice_that_does_not_fit_is_a_409_and_sends_nothing(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    confirmed, _ = await _order(db, OrderStatus.confirmed)
    esim_without_code, _ = await _order(db, OrderStatus.confirmed, SimType.esim)
    erased, person = await _order(db, OrderStatus.delivered)
    person.erased_at = datetime.now(UTC)
    no_phone, nobody = await _order(db, OrderStatus.confirmed)
    nobody.phone = ""
    await db.commit()
    before = await _counts(db)
    # A refused request rolls back, which expires what the session holds: keep plain values.
    number = confirmed.order_number
    confirmed_id, no_phone_id = confirmed.id, no_phone.id
    cases = [
        (confirmed, {"notice": "order_dispatched"}, "notice_does_not_fit"),
        (confirmed, {"notice": "order_dispatched", "channel": "sms"}, "notice_does_not_fit"),
        (confirmed, {"notice": "order_delivered"}, "notice_does_not_fit"),
        (confirmed, {"notice": "esim_ready"}, "notice_does_not_fit"),
        (confirmed, {"notice": "order_cancelled"}, "notice_does_not_fit"),
        (confirmed, {"notice": "activation_reminder"}, "notice_does_not_fit"),
        (esim_without_code, {"notice": "esim_ready"}, "no_activation_code"),
        (erased, {"notice": "order_delivered"}, "no_customer"),
        (no_phone, {"notice": "order_confirmed", "channel": "sms"}, "no_phone"),
    ]
    for order_id, body, code in [(o.id, b, c) for o, b, c in cases]:
        response = await client.post(f"/api/orders/{order_id}/notify/", headers=auth, json=body)
        assert (response.status_code, response.json()["error"]["code"]) == (409, code), body
    refused = await client.post(
        f"/api/orders/{confirmed_id}/notify/", headers=auth, json={"notice": "order_dispatched"}
    )
    assert refused.json()["error"]["message"] == (
        "The order_dispatched notice is only for a physical SIM that was dispatched; order "
        f"{number} is a confirmed physical order."
    )
    assert await _counts(db) == before
    # Without a phone, both channels means the email alone.
    email_only = await client.post(
        f"/api/orders/{no_phone_id}/notify/", headers=auth, json={"notice": "order_confirmed"}
    )
    assert [m["channel"] for m in email_only.json()["messages"]] == ["email"]


async def test_bad_requests_and_permissions(client: AsyncClient, db: AsyncSession) -> None:
    order, _ = await _order(db, OrderStatus.delivered)
    order_id = order.id
    auth = await _admin(client, db)
    before = await _counts(db)
    bad = [
        ({"notice": "payment_receipt"}, "body.notice"),
        ({}, "body.notice"),
        ({"notice": "order_confirmed", "channel": "fax"}, "body.channel"),
        ({"notice": "order_delivered", "channel": "sms"}, "body.channel"),
        ({"notice": "order_confirmed", "extra": 1}, "body.extra"),
    ]
    for body, field in bad:
        response = await client.post(f"/api/orders/{order_id}/notify/", headers=auth, json=body)
        assert response.status_code == 422, body
        assert [d["field"] for d in response.json()["error"]["details"]] == [field], body
    missing = await client.post(
        "/api/orders/999999999/notify/", headers=auth, json={"notice": "order_confirmed"}
    )
    assert missing.status_code == 404
    support = await login_headers(client, await make_staff(db, SystemRole.support))
    forbidden = await client.post(
        f"/api/orders/{order_id}/notify/", headers=support, json={"notice": "order_confirmed"}
    )
    assert forbidden.status_code == 403
    anonymous = await client.post(
        f"/api/orders/{order_id}/notify/", json={"notice": "order_confirmed"}
    )
    assert anonymous.status_code == 401
    assert await _counts(db) == before
