"""Support tickets: raising them as oneself, lists and tenancy, the reply thread and internal
notes, assignment, the status lifecycle, audit and notifications."""

from __future__ import annotations

import re
import uuid
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Account,
    AuditLog,
    Notification,
    SupportTicket,
    TicketPriority,
    TicketReply,
    TicketStatus,
)
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_order, make_reseller, make_staff

TICKETS = "/api/support/tickets/"


async def make_ticket(db: AsyncSession, **overrides: Any) -> SupportTicket:
    fields: dict[str, Any] = {
        "ticket_number": f"TKT-TEST-{uuid.uuid4().hex[:10]}",
        "subject": "eSIM does not activate",
        "description": "The QR code says invalid.",
        "priority": TicketPriority.medium,
        "status": TicketStatus.open,
    }
    fields.update(overrides)
    ticket = SupportTicket(**fields)
    db.add(ticket)
    await db.commit()
    db.expunge(ticket)
    return ticket


async def _staff(client: AsyncClient, db: AsyncSession) -> tuple[Account, dict[str, str]]:
    account = await make_staff(db, SystemRole.support)
    return account, await login_headers(client, account)


async def _audit(db: AsyncSession, ticket_id: int) -> list[tuple[str, Any, Any, str]]:
    rows = await db.scalars(
        select(AuditLog)
        .where(AuditLog.entity_type == "support_ticket", AuditLog.entity_id == str(ticket_id))
        .order_by(AuditLog.id)
    )
    return [(a.action, a.before, a.after, a.reason) for a in rows]


async def _notifications(db: AsyncSession, account_id: int) -> list[tuple[str, str, Any]]:
    rows = await db.scalars(
        select(Notification)
        .where(Notification.recipient_id == account_id)
        .order_by(Notification.id)
    )
    return [(n.category, n.title, n.data) for n in rows]


async def test_an_app_user_raises_a_ticket_as_themselves(
    client: AsyncClient, db: AsyncSession
) -> None:
    customer = await make_account(db, SystemRole.customer)
    stranger = await make_account(db, SystemRole.customer)
    own_order = await make_order(db, user_id=customer.public_user_id)
    other_order = await make_order(db, user_id=stranger.public_user_id)
    auth = await login_headers(client, customer)
    body = {"subject": "No signal in Lisbon", "description": "Since yesterday.", "priority": "high"}

    created = await client.post(TICKETS, headers=auth, json={**body, "order_id": own_order.id})
    assert created.status_code == 201, created.text
    ticket = created.json()
    assert re.fullmatch(r"TKT-\d{4}-\d{6}", ticket["ticket_number"])
    assert (ticket["status"], ticket["priority"], ticket["created_by_id"]) == (
        "open",
        "high",
        customer.id,
    )
    assert (ticket["user"]["id"], ticket["reseller"], ticket["order"]) == (
        customer.public_user_id,
        None,
        {"id": own_order.id, "order_number": own_order.order_number},
    )
    assert (ticket["replies"], ticket["allowed_statuses"], ticket["assignee"]) == ([], [], None)
    assert [a[0] for a in await _audit(db, ticket["id"])] == ["ticket.created"]

    refusals = [
        ({**body, "user_id": stranger.public_user_id}, "body.user_id"),
        ({**body, "reseller_id": 1}, "body.reseller_id"),
        ({**body, "order_id": other_order.id}, "body.order_id"),
        ({**body, "subject": "No"}, "body.subject"),
        ({**body, "priority": "critical"}, "body.priority"),
        ({**body, "status": "closed"}, "body.status"),
    ]
    for payload, field in refusals:
        response = await client.post(TICKETS, headers=auth, json=payload)
        assert response.status_code == 422, payload
        assert [d["field"] for d in response.json()["error"]["details"]] == [field], payload
    own_id = await client.post(
        TICKETS, headers=auth, json={**body, "user_id": customer.public_user_id}
    )
    assert own_id.status_code == 201
    stored = (
        await db.scalars(
            select(SupportTicket.subject).where(SupportTicket.user_id == customer.public_user_id)
        )
    ).all()
    assert stored == ["No signal in Lisbon", "No signal in Lisbon"]


async def test_a_reseller_raises_tickets_for_its_business(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    auth = await login_headers(client, owner)
    created = await client.post(
        TICKETS, headers=auth, json={"subject": "Invoice query", "description": "March invoice."}
    )
    assert created.status_code == 201, created.text
    assert (
        created.json()["reseller"]["id"],
        created.json()["user"],
        created.json()["priority"],
    ) == (
        owner.reseller_id,
        None,
        "medium",
    )
    refused = await client.post(
        TICKETS,
        headers=auth,
        json={"subject": "Invoice query", "description": "x", "reseller_id": 999_999_999},
    )
    assert [d["field"] for d in refused.json()["error"]["details"]] == ["body.reseller_id"]


async def test_staff_name_the_requester_or_let_the_order_name_it(
    client: AsyncClient, db: AsyncSession
) -> None:
    _, auth = await _staff(client, db)
    customer = await make_account(db, SystemRole.customer)
    reseller = await make_reseller(db)
    app_order = await make_order(db, user_id=customer.public_user_id)
    reseller_order = await make_order(db, reseller_id=reseller.id)
    base = {"subject": "Delivery late", "description": "Courier lost it."}

    by_order = (
        await client.post(TICKETS, headers=auth, json={**base, "order_id": app_order.id})
    ).json()
    assert (by_order["user"]["id"], by_order["reseller"]) == (customer.public_user_id, None)
    by_reseller_order = (
        await client.post(TICKETS, headers=auth, json={**base, "order_id": reseller_order.id})
    ).json()
    assert (by_reseller_order["user"], by_reseller_order["reseller"]["id"]) == (None, reseller.id)
    internal = await client.post(TICKETS, headers=auth, json=base)
    assert (internal.status_code, internal.json()["user"], internal.json()["reseller"]) == (
        201,
        None,
        None,
    )

    refusals = [
        (
            {**base, "user_id": customer.public_user_id, "reseller_id": reseller.id},
            "body.reseller_id",
        ),
        ({**base, "user_id": 999_999_999}, "body.user_id"),
        ({**base, "reseller_id": 999_999_999}, "body.reseller_id"),
        ({**base, "order_id": 999_999_999}, "body.order_id"),
        ({**base, "reseller_id": reseller.id, "order_id": app_order.id}, "body.order_id"),
    ]
    for payload, field in refusals:
        response = await client.post(TICKETS, headers=auth, json=payload)
        assert response.status_code == 422, payload
        assert [d["field"] for d in response.json()["error"]["details"]] == [field], payload
    # The refusals wrote nothing: three tickets, the last the internal one.
    written = (
        await db.scalars(
            select(SupportTicket.id)
            .where(SupportTicket.subject == "Delivery late")
            .order_by(SupportTicket.id)
        )
    ).all()
    assert written == [by_order["id"], by_reseller_order["id"], internal.json()["id"]]


async def test_list_filters_search_order_and_tenancy(client: AsyncClient, db: AsyncSession) -> None:
    assignee, auth = await _staff(client, db)
    customer = await make_account(db, SystemRole.customer)
    owner = await make_account(db, SystemRole.reseller_owner)
    marker = "Qx8"
    low = await make_ticket(
        db,
        subject=f"{marker} 100% data gone",
        user_id=customer.public_user_id,
        priority=TicketPriority.low,
    )
    urgent = await make_ticket(
        db, subject=f"{marker} roaming", reseller_id=owner.reseller_id,
        priority=TicketPriority.urgent, assigned_to_id=assignee.id,
        status=TicketStatus.in_progress,
    )  # fmt: skip
    high = await make_ticket(db, subject=f"{marker} refund", priority=TicketPriority.high)

    async def ids(headers: dict[str, str], **params: Any) -> list[int]:
        response = await client.get(TICKETS, headers=headers, params={"search": marker, **params})
        assert response.status_code == 200, response.text
        return [t["id"] for t in response.json()["items"]]

    assert await ids(auth, ordering="-priority") == [urgent.id, high.id, low.id]
    assert await ids(auth, ordering="priority") == [low.id, high.id, urgent.id]
    assert await ids(auth, status="in_progress") == [urgent.id]
    assert await ids(auth, priority="high") == [high.id]
    assert await ids(auth, assigned_to_id=assignee.id) == [urgent.id]
    assert await ids(auth, user_id=customer.public_user_id) == [low.id]
    assert await ids(auth, reseller_id=owner.reseller_id) == [urgent.id]
    literal = (await client.get(TICKETS, headers=auth, params={"search": "100% data"})).json()
    assert [t["id"] for t in literal["items"]] == [low.id]
    by_number = (
        await client.get(TICKETS, headers=auth, params={"search": high.ticket_number})
    ).json()
    assert [t["id"] for t in by_number["items"]] == [high.id]
    listed = (
        await client.get(TICKETS, headers=auth, params={"search": marker, "ordering": "-priority"})
    ).json()
    assert listed["items"][0]["assignee"] == {"id": assignee.id, "full_name": "Ada Lovelace"}
    assert listed["items"][0]["reseller"]["id"] == owner.reseller_id
    assert listed["items"][2]["user"] == {"id": customer.public_user_id, "full_name": "Pat Buyer"}

    # App users and resellers see only their own tickets, and others' as missing.
    assert await ids(await login_headers(client, customer)) == [low.id]
    owner_auth = await login_headers(client, owner)
    assert await ids(owner_auth) == [urgent.id]
    assert (await client.get(f"{TICKETS}{high.id}/", headers=owner_auth)).status_code == 404
    assert (
        await client.post(f"{TICKETS}{low.id}/reply/", headers=owner_auth, json={"body": "hi"})
    ).status_code == 404


async def test_list_refuses_bad_queries(client: AsyncClient, db: AsyncSession) -> None:
    _, auth = await _staff(client, db)
    cases: list[tuple[dict[str, str | int], int, str]] = [
        ({"ordering": "subject"}, 400, "unknown_ordering"),
        ({"assignee": "1"}, 400, "unknown_parameter"),
        ({"status": "pending"}, 422, "validation_error"),
        ({"priority": "critical"}, 422, "validation_error"),
        ({"assigned_to_id": "me"}, 422, "validation_error"),
        ({"created_from": "2026-13-01"}, 422, "validation_error"),
        ({"created_from": "2026-02-01", "created_to": "2026-01-01"}, 422, "validation_error"),
        ({"page_size": 101}, 422, "validation_error"),
    ]
    for params, status, code in cases:
        response = await client.get(TICKETS, headers=auth, params=params)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), params
    unknown = await client.get(TICKETS, headers=auth, params={"assignee": "1"})
    assert unknown.json()["error"]["details"]["allowed"] == [
        "assigned_to_id", "created_from", "created_to", "ordering", "page", "page_size",
        "priority", "reseller_id", "search", "status", "user_id",
    ]  # fmt: skip
    reversed_range = await client.get(
        TICKETS, headers=auth, params={"created_from": "2026-02-01", "created_to": "2026-01-01"}
    )
    assert [d["field"] for d in reversed_range.json()["error"]["details"]] == ["query.created_to"]
    assert (await client.get(f"{TICKETS}999999999/", headers=auth)).status_code == 404


async def test_thread_hides_internal_notes_from_the_requester(
    client: AsyncClient, db: AsyncSession
) -> None:
    agent, auth = await _staff(client, db)
    customer = await make_account(db, SystemRole.customer)
    # As registration names the login after the person.
    await db.execute(
        update(Account).where(Account.id == customer.id).values(first_name="Pat", last_name="Buyer")
    )
    await db.commit()
    ticket = await make_ticket(db, user_id=customer.public_user_id, assigned_to_id=agent.id)
    customer_auth = await login_headers(client, customer)

    asked = await client.post(
        f"{TICKETS}{ticket.id}/reply/", headers=customer_auth, json={"body": "Any news?"}
    )
    assert asked.status_code == 201, asked.text
    assert (asked.json()["author"], asked.json()["is_internal"]) == (
        {"id": customer.id, "full_name": "Pat Buyer", "kind": "public"},
        False,
    )
    note = await client.post(
        f"{TICKETS}{ticket.id}/reply/",
        headers=auth,
        json={"body": "Carrier outage, ETA 2h", "is_internal": True},
    )
    assert note.status_code == 201, note.text
    answer = await client.post(
        f"{TICKETS}{ticket.id}/reply/", headers=auth, json={"body": "We are on it."}
    )
    assert answer.json()["author"] == {"id": agent.id, "full_name": "Ada Lovelace", "kind": "staff"}

    staff_view = (await client.get(f"{TICKETS}{ticket.id}/", headers=auth)).json()
    assert [(r["body"], r["is_internal"]) for r in staff_view["replies"]] == [
        ("Any news?", False),
        ("Carrier outage, ETA 2h", True),
        ("We are on it.", False),
    ]
    requester_view = (await client.get(f"{TICKETS}{ticket.id}/", headers=customer_auth)).json()
    assert [r["body"] for r in requester_view["replies"]] == ["Any news?", "We are on it."]

    forbidden = await client.post(
        f"{TICKETS}{ticket.id}/reply/",
        headers=customer_auth,
        json={"body": "psst", "is_internal": True},
    )
    assert (forbidden.status_code, forbidden.json()["error"]["code"]) == (
        403,
        "internal_notes_forbidden",
    )
    empty = await client.post(f"{TICKETS}{ticket.id}/reply/", headers=auth, json={"body": ""})
    assert [d["field"] for d in empty.json()["error"]["details"]] == ["body.body"]
    # The requester's question reached the assignee; only the public answer reached the requester.
    reply_note = ("support.ticket_reply", f"New reply on {ticket.ticket_number}",
                  {"ticket_id": ticket.id, "ticket_number": ticket.ticket_number})  # fmt: skip
    assert await _notifications(db, agent.id) == [reply_note]
    assert await _notifications(db, customer.id) == [reply_note]
    stored = (
        await db.scalars(select(TicketReply.body).where(TicketReply.ticket_id == ticket.id))
    ).all()
    assert sorted(stored) == ["Any news?", "Carrier outage, ETA 2h", "We are on it."]


async def test_assignment(client: AsyncClient, db: AsyncSession) -> None:
    lead, auth = await _staff(client, db)
    agent = await make_staff(db, SystemRole.support)
    retired = await make_staff(db, SystemRole.support)
    await db.execute(update(Account).where(Account.id == retired.id).values(is_active=False))
    await db.commit()
    customer = await make_account(db, SystemRole.customer)
    ticket = await make_ticket(db, user_id=customer.public_user_id)
    url = f"{TICKETS}{ticket.id}/assign/"

    assigned = await client.patch(url, headers=auth, json={"assigned_to_id": agent.id})
    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["assignee"] == {"id": agent.id, "full_name": "Ada Lovelace"}
    same = await client.patch(url, headers=auth, json={"assigned_to_id": agent.id})
    assert (same.status_code, same.json()["error"]["code"]) == (409, "assignment_unchanged")
    for bad in (customer.id, retired.id, 999_999_999):
        refused = await client.patch(url, headers=auth, json={"assigned_to_id": bad})
        assert refused.status_code == 422, bad
        assert [d["field"] for d in refused.json()["error"]["details"]] == ["body.assigned_to_id"]
    missing = await client.patch(url, headers=auth, json={})
    assert [d["field"] for d in missing.json()["error"]["details"]] == ["body.assigned_to_id"]
    to_self = await client.patch(url, headers=auth, json={"assigned_to_id": lead.id})
    assert to_self.json()["assignee"]["id"] == lead.id
    unassigned = await client.patch(url, headers=auth, json={"assigned_to_id": None})
    assert unassigned.json()["assignee"] is None
    customer_auth = await login_headers(client, customer)
    denied = await client.patch(url, headers=customer_auth, json={"assigned_to_id": agent.id})
    assert denied.status_code == 403

    assert await _audit(db, ticket.id) == [
        ("ticket.assigned", {"assigned_to_id": None}, {"assigned_to_id": agent.id}, ""),
        ("ticket.assigned", {"assigned_to_id": agent.id}, {"assigned_to_id": lead.id}, ""),
        ("ticket.assigned", {"assigned_to_id": lead.id}, {"assigned_to_id": None}, ""),
    ]
    # The assignee hears of it; assigning oneself notifies nobody.
    assert await _notifications(db, agent.id) == [
        (
            "support.ticket_assigned",
            f"{ticket.ticket_number} was assigned to you",
            {"ticket_id": ticket.id, "ticket_number": ticket.ticket_number},
        )
    ]
    assert await _notifications(db, lead.id) == []


async def test_status_lifecycle(client: AsyncClient, db: AsyncSession) -> None:
    _, auth = await _staff(client, db)
    customer = await make_account(db, SystemRole.customer)
    ticket = await make_ticket(db, user_id=customer.public_user_id)
    customer_auth = await login_headers(client, customer)
    url = f"{TICKETS}{ticket.id}/status/"

    async def move(status: str, headers: dict[str, str] = auth, reason: str = "") -> Any:
        return await client.patch(url, headers=headers, json={"status": status, "reason": reason})

    skipped = await move("closed")
    assert (skipped.status_code, skipped.json()["error"]["code"]) == (409, "illegal_transition")
    assert skipped.json()["error"]["details"] == {
        "from": "open",
        "to": "closed",
        "allowed": ["in_progress"],
    }
    assert "in_progress" in skipped.json()["error"]["message"]
    by_requester = await move("in_progress", customer_auth)
    assert (by_requester.status_code, by_requester.json()["error"]["code"]) == (
        403,
        "requester_transition",
    )
    working = await move("in_progress")
    assert (working.json()["status"], working.json()["allowed_statuses"]) == (
        "in_progress",
        ["resolved"],
    )
    resolved = (await move("resolved", reason="Carrier fixed the outage")).json()
    assert resolved["resolved_at"] is not None and resolved["closed_at"] is None
    requester_view = (await client.get(f"{TICKETS}{ticket.id}/", headers=customer_auth)).json()
    assert requester_view["allowed_statuses"] == ["closed", "open"]
    reopened = (await move("open", customer_auth, "Still no signal")).json()
    assert (reopened["status"], reopened["resolved_at"]) == ("open", None)
    await move("in_progress")
    await move("resolved")
    closed = (await move("closed", customer_auth)).json()
    assert (closed["status"], closed["allowed_statuses"]) == ("closed", [])
    assert closed["closed_at"] is not None
    final = await move("open")
    assert final.json()["error"]["details"]["allowed"] == []
    bad = await move("archived")
    assert [d["field"] for d in bad.json()["error"]["details"]] == ["body.status"]
    reply = await client.post(f"{TICKETS}{ticket.id}/reply/", headers=auth, json={"body": "x"})
    assert (reply.status_code, reply.json()["error"]["code"]) == (409, "ticket_closed")

    statuses = [
        (before["status"], after["status"], reason)
        for action, before, after, reason in await _audit(db, ticket.id)
        if action == "ticket.status_changed"
    ]
    assert statuses == [
        ("open", "in_progress", ""),
        ("in_progress", "resolved", "Carrier fixed the outage"),
        ("resolved", "open", "Still no signal"),
        ("open", "in_progress", ""),
        ("in_progress", "resolved", ""),
        ("resolved", "closed", ""),
    ]
    assert [n[0] for n in await _notifications(db, customer.id)] == [
        "support.ticket_resolved",
        "support.ticket_resolved",
    ]


async def test_put_edits_and_is_refused_once_closed(client: AsyncClient, db: AsyncSession) -> None:
    _, auth = await _staff(client, db)
    ticket = await make_ticket(db)
    body = {"subject": "eSIM activation fails", "description": "Error 42.", "priority": "urgent"}
    edited = await client.put(f"{TICKETS}{ticket.id}/", headers=auth, json=body)
    assert edited.status_code == 200, edited.text
    assert (edited.json()["subject"], edited.json()["priority"]) == (
        "eSIM activation fails",
        "urgent",
    )
    partial = await client.put(f"{TICKETS}{ticket.id}/", headers=auth, json={"subject": "Hello"})
    assert sorted(d["field"] for d in partial.json()["error"]["details"]) == [
        "body.description",
        "body.priority",
    ]
    assert await _audit(db, ticket.id) == [
        (
            "ticket.updated",
            {"subject": "eSIM does not activate", "description": "The QR code says invalid.",
             "priority": "medium"},
            {"subject": "eSIM activation fails", "description": "Error 42.", "priority": "urgent"},
            "",
        )
    ]  # fmt: skip
    closed = await make_ticket(db, status=TicketStatus.closed)
    refused = await client.put(f"{TICKETS}{closed.id}/", headers=auth, json=body)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "ticket_closed")
    assert await db.scalar(select(SupportTicket.subject).where(SupportTicket.id == closed.id)) == (
        "eSIM does not activate"
    )
