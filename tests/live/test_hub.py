"""How one process routes an event to its sockets: audiences, and the bounded outbox."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from api.live import LiveHub, LiveSocket
from core.settings import Settings
from models.identity import AccountKind
from services.auth.principal import Principal
from services.live import events


def _principal(kind: AccountKind, *permissions: str, **ids: int) -> Principal:
    return Principal(
        account_id=ids.get("account_id", 1),
        kind=kind,
        role="test",
        permissions=frozenset(permissions),
        session_id=None,
        reseller_id=ids.get("reseller_id"),
        public_user_id=ids.get("public_user_id"),
    )


def _wire(event: events.Event) -> str:
    return json.dumps(event.to_wire())


def _received(socket: LiveSocket) -> list[str]:
    kinds = []
    while not socket.outbox.empty():
        kinds.append(socket.outbox.get_nowait()["type"])
    return kinds


@pytest.fixture
async def hub(settings: Settings) -> AsyncIterator[LiveHub]:
    redis = Redis.from_url(settings.redis_url)
    hub = LiveHub(redis, f"live-test-{uuid.uuid4().hex[:8]}")
    yield hub
    await hub.close()
    await redis.aclose()


async def test_each_socket_gets_what_its_audience_admits(hub: LiveHub) -> None:
    staff = LiveSocket(
        _principal(AccountKind.staff, "orders:read", "support:read", "support:internal_notes"), 10
    )
    reseller = LiveSocket(
        _principal(AccountKind.reseller, "orders:read", "support:read", reseller_id=7), 10
    )
    other_reseller = LiveSocket(
        _principal(AccountKind.reseller, "orders:read", reseller_id=8, account_id=2), 10
    )
    staff.watching.add(5)
    reseller.watching.add(5)
    for socket in (staff, reseller, other_reseller):
        await hub.join(socket)

    note = events.Event(events.TICKET_REPLY, {}, events.ticket_watchers(5, internal=True))
    answer = events.Event(events.TICKET_REPLY, {}, events.ticket_watchers(5))
    elsewhere = events.Event(events.TICKET_ASSIGNED, {}, events.ticket_watchers(6))
    owned = events.Audience(permission="orders:read", owner=("order", 7, None))
    order = events.Event(events.ORDER_STATUS_CHANGED, {}, owned)
    for event in (note, answer, elsewhere, order):
        hub.dispatch(_wire(event))
    hub.dispatch(b"not json")
    hub.dispatch(json.dumps({"type": "x", "data": {}, "audience": {"nobody": 1}}))

    assert _received(staff) == ["ticket.reply", "ticket.reply", "order.status_changed"]
    assert _received(reseller) == ["ticket.reply", "order.status_changed"]
    assert _received(other_reseller) == []


async def test_a_socket_that_falls_behind_is_marked_to_close(hub: LiveHub) -> None:
    slow = LiveSocket(_principal(AccountKind.staff, "notifications:read", account_id=3), 2)
    await hub.join(slow)
    bell = _wire(events.notifications_read(3))
    for _ in range(2):
        hub.dispatch(bell)
    assert not slow.overflowed.is_set()
    hub.dispatch(bell)
    assert slow.overflowed.is_set()
    assert slow.outbox.qsize() == 2
