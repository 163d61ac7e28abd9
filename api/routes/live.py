"""/api/ws/: live updates over a WebSocket (the protocol is in the README, "Live updates").

The token travels in the first message, not in the URL or a header: browsers cannot set
headers on a WebSocket, a query parameter ends up in access logs, proxies and history, and
`Sec-WebSocket-Protocol` is a list of protocol names that servers and proxies log and echo.
A socket that has not authenticated within LIVE_AUTH_TIMEOUT_SECONDS is closed."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from api.live import LiveSocket
from api.resources import Resources
from core.errors import AppError, NotAuthenticated
from services import notifications
from services.auth.principal import Principal
from services.live import access, events

router = APIRouter(tags=["live"])

# Close codes (RFC 6455 leaves 4000-4999 to applications; these mirror HTTP statuses).
BAD_MESSAGE, NOT_AUTHENTICATED, FORBIDDEN, TIMED_OUT, TOO_SLOW = 4400, 4401, 4403, 4408, 4429
UNAVAILABLE, RESTARTING = 1011, 1012
MAX_MESSAGE_CHARS = 4096
MAX_WATCHED_TICKETS = 50


class Auth(BaseModel):
    type: Literal["auth"]
    token: str = Field(min_length=1, max_length=4096)


class Watch(BaseModel):
    type: Literal["subscribe", "unsubscribe"]
    ticket_id: int = Field(gt=0, lt=2**63)


class Heartbeat(BaseModel):
    type: Literal["ping", "pong"]


ClientMessage: TypeAdapter[Watch | Heartbeat] = TypeAdapter(
    Annotated[Watch | Heartbeat, Field(discriminator="type")]
)


@dataclass(frozen=True)
class Closing:
    code: int
    reason: str


def message(kind: str, **data: Any) -> dict[str, Any]:
    return {"type": kind, "data": data}


async def live_updates(websocket: WebSocket) -> None:
    resources: Resources = websocket.app.state.resources
    await websocket.accept()
    closing: Closing | None
    try:
        principal = await _authenticate(websocket, resources)
        socket = LiveSocket(principal, resources.settings.live_send_queue_size)
        try:
            await resources.live_hub.join(socket)
        except TimeoutError:
            raise _Refused(UNAVAILABLE, "live_updates_unavailable") from None
        try:
            closing = await _Connection(websocket, resources, socket).run()
        finally:
            resources.live_hub.leave(socket)
    except _Refused as refused:
        closing = refused.closing
    except WebSocketDisconnect:
        return
    if closing is not None:
        with contextlib.suppress(RuntimeError, WebSocketDisconnect):
            await websocket.close(closing.code, closing.reason)


# A plain route, outside FastAPI's dependency system: the app-wide HTTP dependencies (rate
# limits, callers from headers) do not apply to a socket, which authenticates in-band.
router.add_websocket_route("/api/ws/", live_updates)


class _Refused(Exception):
    def __init__(self, code: int, reason: str) -> None:
        self.closing = Closing(code, reason)


def _closing_for(error: AppError) -> Closing:
    code = NOT_AUTHENTICATED if isinstance(error, NotAuthenticated) else FORBIDDEN
    return Closing(code, error.code)


async def _authenticate(websocket: WebSocket, resources: Resources) -> Principal:
    settings = resources.settings
    try:
        async with asyncio.timeout(settings.live_auth_timeout_seconds):
            raw = await _receive_text(websocket)
    except TimeoutError:
        raise _Refused(TIMED_OUT, "auth_timeout") from None
    try:
        auth = Auth.model_validate_json(raw or "")
    except ValidationError:
        raise _Refused(BAD_MESSAGE, "auth_expected") from None
    async with resources.sessionmaker() as db:
        try:
            return await access.authenticate(db, resources.redis, settings, auth.token)
        except AppError as error:
            closing = _closing_for(error)
            raise _Refused(closing.code, closing.reason) from None


async def _receive_text(websocket: WebSocket) -> str | None:
    """The next text frame; None for a binary one (the protocol is JSON text)."""
    received = await websocket.receive()
    if received["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(received.get("code", 1000), received.get("reason"))
    text: str | None = received.get("text")
    return text


class _Connection:
    """One authenticated socket: a reader, a writer and a watchdog; the first to stop ends
    the connection and says how it closes."""

    def __init__(self, websocket: WebSocket, resources: Resources, socket: LiveSocket) -> None:
        self.websocket = websocket
        self.resources = resources
        self.socket = socket
        self.heard_at = time.monotonic()

    async def run(self) -> Closing | None:
        heartbeat = self.resources.settings.live_heartbeat_seconds
        principal = self.socket.principal
        self.socket.offer(
            message("ready", account_id=principal.account_id, heartbeat_seconds=heartbeat)
        )
        self.socket.offer(message(events.NOTIFICATIONS_READ))  # the writer adds the count
        tasks = [
            asyncio.create_task(self._read()),
            asyncio.create_task(self._write()),
            asyncio.create_task(self._watch()),
        ]
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        first = done.pop()
        if isinstance(first.exception(), WebSocketDisconnect):
            return None
        return first.result()

    async def _read(self) -> Closing | None:
        while True:
            raw = await _receive_text(self.websocket)
            self.heard_at = time.monotonic()
            if raw is None or len(raw) > MAX_MESSAGE_CHARS:
                self._error("bad_message", f"Send JSON text of at most {MAX_MESSAGE_CHARS} chars.")
                continue
            try:
                received = ClientMessage.validate_json(raw)
            except ValidationError:
                self._error("bad_message", "Send ping, pong, subscribe or unsubscribe as JSON.")
                continue
            if isinstance(received, Heartbeat):
                if received.type == "ping":
                    self.socket.offer(message("pong"))
            elif received.type == "unsubscribe":
                self.socket.watching.discard(received.ticket_id)
                self.socket.offer(message("unsubscribed", ticket_id=received.ticket_id))
            else:
                await self._subscribe(received.ticket_id)

    async def _subscribe(self, ticket_id: int) -> None:
        watching = self.socket.watching
        if ticket_id not in watching and len(watching) >= MAX_WATCHED_TICKETS:
            self._error(
                "too_many_subscriptions",
                f"Watch at most {MAX_WATCHED_TICKETS} tickets at once.",
                ticket_id=ticket_id,
            )
            return
        async with self.resources.sessionmaker() as db:
            allowed = await access.may_watch_ticket(db, self.socket.principal, ticket_id)
        if not allowed:
            self._error("ticket_not_found", "No such ticket.", ticket_id=ticket_id)
            return
        watching.add(ticket_id)
        self.socket.offer(message("subscribed", ticket_id=ticket_id))

    def _error(self, code: str, text: str, **extra: Any) -> None:
        self.socket.offer(message("error", code=code, message=text, **extra))

    async def _write(self) -> None:
        while True:
            outgoing = await self.socket.outbox.get()
            kind = outgoing["type"]
            if kind != events.NOTIFICATIONS_READ:
                await self.websocket.send_text(json.dumps(outgoing))
            if kind in (events.NOTIFICATION_CREATED, events.NOTIFICATIONS_READ):
                await self._send_unread_count()

    async def _send_unread_count(self) -> None:
        # Counted when sent, after the change committed: never stale, whatever the order.
        principal = self.socket.principal
        if not principal.can("notifications:read"):
            return
        async with self.resources.sessionmaker() as db:
            unread = await notifications.unread_count(db, principal.account_id)
        await self.websocket.send_text(json.dumps(message("notifications.unread", unread=unread)))

    async def _watch(self) -> Closing:
        """Pings every heartbeat, closes a socket that stopped answering, and re-checks the
        login session; meanwhile wakes at once when the socket overflows or the hub loses
        Redis."""
        settings = self.resources.settings
        heartbeat = settings.live_heartbeat_seconds
        trouble = [
            asyncio.create_task(self.socket.overflowed.wait()),
            asyncio.create_task(self.socket.interrupted.wait()),
        ]
        try:
            while True:
                await asyncio.wait(trouble, timeout=heartbeat, return_when=asyncio.FIRST_COMPLETED)
                if self.socket.overflowed.is_set():
                    return Closing(TOO_SLOW, "too_slow")
                if self.socket.interrupted.is_set():
                    return Closing(RESTARTING, "live_updates_interrupted")
                if time.monotonic() - self.heard_at > 2 * heartbeat:
                    return Closing(TIMED_OUT, "heartbeat_timeout")
                try:
                    async with self.resources.sessionmaker() as db:
                        principal = await access.recheck(
                            db, self.resources.redis, settings, self.socket.principal
                        )
                except AppError as error:
                    return _closing_for(error)
                self.socket.principal = principal
                if not principal.can("support:read"):
                    self.socket.watching.clear()
                self.socket.offer(message("ping"))
        finally:
            for task in trouble:
                task.cancel()
