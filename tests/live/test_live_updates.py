"""/api/ws/ end to end: two API processes, real WebSocket clients, changes made over HTTP.

Each change is made through process A and watched from process B (and A), so every event
crosses Redis. That an event did *not* reach a socket is shown by the next event it gets being
a later one: one Redis subscription delivers a process's events in publish order."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import websockets
from sqlalchemy.ext.asyncio import AsyncSession

from core.tokens import TokenType, issue
from models import OrderStatus
from models.identity import SystemRole
from tests.factories import make_account, make_order, make_staff
from tests.live.conftest import LiveStack, call, live_client, login

pytestmark = pytest.mark.workflow


async def _closed_with(ws_url: str, *frames: str) -> tuple[int | None, str | None]:
    """Send `frames` on a new socket and report how the server closed it."""
    async with websockets.connect(ws_url) as connection:
        for frame in frames:
            await connection.send(frame)
        with pytest.raises(websockets.ConnectionClosed):
            while True:
                await connection.recv()
        return connection.close_code, connection.close_reason


async def test_a_change_through_one_process_reaches_sockets_on_the_other(
    live_stack: LiveStack, committed: AsyncSession
) -> None:
    admin = await make_staff(committed, SystemRole.admin)
    agent = await make_staff(committed, SystemRole.support)
    admin_token = await login(live_stack.a, admin.email)
    agent_token = await login(live_stack.b, agent.email)
    ticket = await call(
        live_stack.a,
        admin_token,
        "POST",
        "/api/support/tickets/",
        json={"subject": "eSIM not activating", "description": "QR code fails"},
    )
    async with (
        live_client(live_stack.b, agent_token) as agent_socket,
        live_client(live_stack.b, admin_token) as watcher,
    ):
        await watcher.send(type="subscribe", ticket_id=ticket["id"])
        await watcher.expect("subscribed", ticket_id=ticket["id"])

        await call(
            live_stack.a,
            admin_token,
            "PATCH",
            f"/api/support/tickets/{ticket['id']}/assign/",
            json={"assigned_to_id": agent.id},
        )
        created = await agent_socket.expect("notification.created")
        assert created["data"]["category"] == "support.ticket_assigned"
        assert created["data"]["data"] == {
            "ticket_id": ticket["id"],
            "ticket_number": ticket["ticket_number"],
        }
        await agent_socket.expect("notifications.unread", unread=1)
        await watcher.expect("ticket.assigned", ticket_id=ticket["id"], assigned_to_id=agent.id)

        await call(live_stack.a, agent_token, "POST", "/api/notifications/read-all/")
        await agent_socket.expect("notifications.unread", unread=0)

        await call(
            live_stack.a,
            admin_token,
            "PATCH",
            f"/api/support/tickets/{ticket['id']}/status/",
            json={"status": "in_progress"},
        )
        await watcher.expect("ticket.status_changed", **{"from": "open", "to": "in_progress"})
        await watcher.expect("dashboard.changed", topic="tickets")
        # The agent's socket watches no ticket: its next message is the dashboard nudge only.
        await agent_socket.expect("dashboard.changed", topic="tickets")


async def test_order_events_reach_staff_and_only_the_owning_reseller(
    live_stack: LiveStack, committed: AsyncSession
) -> None:
    admin = await make_staff(committed, SystemRole.admin)
    first = await make_account(committed, SystemRole.reseller_owner)
    second = await make_account(committed, SystemRole.reseller_owner)
    first_order = await make_order(committed, reseller_id=first.reseller_id)
    second_order = await make_order(committed, reseller_id=second.reseller_id)
    admin_token = await login(live_stack.a, admin.email)
    async with (
        live_client(live_stack.a, admin_token) as staff_socket,
        live_client(live_stack.b, await login(live_stack.b, first.email)) as first_socket,
        live_client(live_stack.b, await login(live_stack.b, second.email)) as second_socket,
    ):
        for order in (first_order, second_order):
            await call(
                live_stack.a,
                admin_token,
                "PATCH",
                f"/api/orders/{order.id}/status/",
                json={"status": "confirmed"},
            )
        moved = {"from": OrderStatus.pending.value, "to": OrderStatus.confirmed.value}
        for order in (first_order, second_order):
            await staff_socket.expect("order.status_changed", order_id=order.id, **moved)
            await staff_socket.expect("dashboard.changed", topic="orders")
        for socket, order in ((first_socket, first_order), (second_socket, second_order)):
            await socket.expect(
                "order.status_changed", order_id=order.id, order_number=order.order_number, **moved
            )
            await socket.expect("dashboard.changed", topic="orders")


async def test_ticket_threads_are_live_and_internal_notes_reach_only_staff(
    live_stack: LiveStack, committed: AsyncSession
) -> None:
    agent = await make_staff(committed, SystemRole.support)
    requester = await make_account(committed, SystemRole.reseller_owner)
    stranger = await make_account(committed, SystemRole.reseller_owner)
    agent_token = await login(live_stack.a, agent.email)
    requester_token = await login(live_stack.a, requester.email)
    ticket = await call(
        live_stack.a,
        requester_token,
        "POST",
        "/api/support/tickets/",
        json={"subject": "Wrong APN", "description": "Data does not work"},
    )
    async with (
        live_client(live_stack.b, requester_token) as requester_socket,
        live_client(live_stack.b, agent_token) as agent_socket,
        live_client(live_stack.b, await login(live_stack.b, stranger.email)) as stranger_socket,
    ):
        for socket in (requester_socket, agent_socket):
            await socket.send(type="subscribe", ticket_id=ticket["id"])
            await socket.expect("subscribed", ticket_id=ticket["id"])
        await stranger_socket.send(type="subscribe", ticket_id=ticket["id"])
        await stranger_socket.expect("error", code="ticket_not_found", ticket_id=ticket["id"])
        await stranger_socket.send(type="subscribe", ticket_id="seven")
        await stranger_socket.expect("error", code="bad_message")
        await stranger_socket.send(type="shout")
        await stranger_socket.expect("error", code="bad_message")

        replies = f"/api/support/tickets/{ticket['id']}/reply/"
        note = await call(
            live_stack.a,
            agent_token,
            "POST",
            replies,
            json={"body": "Customer sounds annoyed", "is_internal": True},
        )
        answer = await call(live_stack.a, agent_token, "POST", replies, json={"body": "Set APN"})

        staff_view = [await agent_socket.next(), await agent_socket.next()]
        assert [(m["type"], m["data"]["id"]) for m in staff_view] == [
            ("ticket.reply", note["id"]),
            ("ticket.reply", answer["id"]),
        ]
        # Shaped like the API's ReplyRead.
        assert staff_view[1]["data"] == answer
        # The requester hears of the answer (bell and thread), never of the note.
        await requester_socket.expect("notification.created")
        await requester_socket.expect("notifications.unread", unread=1)
        await requester_socket.expect("ticket.reply", id=answer["id"], is_internal=False)

        await requester_socket.send(type="unsubscribe", ticket_id=ticket["id"])
        await requester_socket.expect("unsubscribed", ticket_id=ticket["id"])
        await call(live_stack.a, agent_token, "POST", replies, json={"body": "Any better?"})
        await agent_socket.expect("ticket.reply", body="Any better?")
        await requester_socket.expect("notification.created")  # the bell only, not the thread
        await requester_socket.expect("notifications.unread", unread=2)
        # The requester's own ping is answered, and nothing else was waiting before it.
        await requester_socket.send(type="ping")
        await requester_socket.expect("pong")
        await stranger_socket.send(type="ping")
        await stranger_socket.expect("pong")


async def test_a_failed_bulk_item_announces_nothing(
    live_stack: LiveStack, committed: AsyncSession
) -> None:
    admin = await make_staff(committed, SystemRole.admin)
    reseller = await make_account(committed, SystemRole.reseller_owner)
    movable = await make_order(committed, reseller_id=reseller.reseller_id)
    stuck = await make_order(
        committed, reseller_id=reseller.reseller_id, status=OrderStatus.activated
    )
    admin_token = await login(live_stack.a, admin.email)
    async with live_client(live_stack.b, admin_token) as socket:
        outcome = await call(
            live_stack.a,
            admin_token,
            "POST",
            "/api/orders/bulk/",
            json={"ids": [stuck.id, movable.id], "status": "cancelled", "reason": "duplicate"},
        )
        assert [item["ok"] for item in outcome["results"]] == [False, True]
        await socket.expect("order.status_changed", order_id=movable.id, to="cancelled")
        await socket.expect("dashboard.changed", topic="orders")
        await socket.send(type="ping")
        await socket.expect("pong")


@pytest.mark.parametrize(
    ("frames", "code", "reason"),
    [
        (["not json"], 4400, "auth_expected"),
        ([json.dumps({"type": "subscribe", "ticket_id": 1})], 4400, "auth_expected"),
        ([json.dumps({"type": "auth", "token": "forged.token.value"})], 4401, "invalid_token"),
        ([], 4408, "auth_timeout"),
    ],
)
async def test_bad_first_messages_are_refused(
    live_stack: LiveStack, frames: list[str], code: int, reason: str
) -> None:
    assert await _closed_with(live_stack.b.ws_url, *frames) == (code, reason)


async def test_expired_tokens_and_signed_out_sessions_are_refused(
    live_stack: LiveStack, committed: AsyncSession
) -> None:
    account = await make_staff(committed, SystemRole.support)
    expired = issue(
        live_stack.settings.jwt_secret.get_secret_value(),
        subject=account.id,
        token_type=TokenType.access,
        ttl=timedelta(seconds=-1),
        sid="00000000-0000-0000-0000-000000000000",
    )
    auth = json.dumps({"type": "auth", "token": expired})
    assert await _closed_with(live_stack.b.ws_url, auth) == (4401, "token_expired")

    token = await login(live_stack.a, account.email)
    async with live_client(live_stack.b, token) as socket:
        await call(live_stack.a, token, "POST", "/api/auth/logout/")
        assert await socket.closed() == (4401, "session_revoked")
    auth = json.dumps({"type": "auth", "token": token})
    assert await _closed_with(live_stack.a.ws_url, auth) == (4401, "session_revoked")


async def test_a_client_that_stops_answering_pings_is_dropped(
    live_stack: LiveStack, committed: AsyncSession
) -> None:
    account = await make_staff(committed, SystemRole.support)
    auth = json.dumps({"type": "auth", "token": await login(live_stack.a, account.email)})
    # Never answers the pings it gets: closed after two heartbeats without a word.
    assert await _closed_with(live_stack.b.ws_url, auth) == (4408, "heartbeat_timeout")
