"""The process's side of live updates: one Redis subscription shared by all of its sockets.

Every API process subscribes to the live channel once and routes each event to those of its
own sockets the event's audience admits, so an event published by any process (or a worker)
reaches every socket whichever process holds it. Each socket has a bounded outbox: a client
that does not keep up is disconnected (and refetches on reconnect) instead of growing memory."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from redis.asyncio import Redis

from services.auth.principal import Principal
from services.live import Audience

logger = logging.getLogger("simdesk.live")

POLL_SECONDS = 1.0
RESUBSCRIBE_SECONDS = 1.0
SUBSCRIBE_TIMEOUT_SECONDS = 5.0


class LiveSocket:
    """What the hub knows of one connected client: who it is, which tickets it watches, and
    the messages waiting to be sent to it."""

    def __init__(self, principal: Principal, outbox_size: int) -> None:
        self.principal = principal
        self.watching: set[int] = set()
        self.outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=outbox_size)
        # Set when the socket must go: its outbox overflowed, or the hub lost Redis.
        self.overflowed = asyncio.Event()
        self.interrupted = asyncio.Event()

    def offer(self, message: dict[str, Any]) -> None:
        try:
            self.outbox.put_nowait(message)
        except asyncio.QueueFull:
            self.overflowed.set()


class LiveHub:
    def __init__(self, redis: Redis, channel: str) -> None:
        self._redis = redis
        self._channel = channel
        self._sockets: set[LiveSocket] = set()
        self._subscribed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def join(self, socket: LiveSocket) -> None:
        """Start hearing events for `socket`; returns once the subscription is confirmed, so
        nothing committed after a client sees `ready` can be missed. The subscription starts
        with the first socket: a process nobody connects to never subscribes."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._listen(), name="live-hub")
        await asyncio.wait_for(self._subscribed.wait(), SUBSCRIBE_TIMEOUT_SECONDS)
        self._sockets.add(socket)

    def leave(self, socket: LiveSocket) -> None:
        self._sockets.discard(socket)

    def dispatch(self, raw: bytes | str) -> None:
        try:
            message = json.loads(raw)
            audience = Audience.from_wire(message["audience"])
            outgoing = {"type": message["type"], "data": message["data"]}
        except (ValueError, KeyError, TypeError):
            logger.warning("live event ignored: malformed", extra={"event": str(raw)[:200]})
            return
        for socket in list(self._sockets):
            if audience.admits(socket.principal, socket.watching):
                socket.offer(outgoing)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _listen(self) -> None:
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    while True:
                        # A bounded wait, shorter than the client's socket timeout.
                        message = await pubsub.get_message(timeout=POLL_SECONDS)
                        if message is None:
                            continue
                        if message["type"] == "subscribe":
                            self._subscribed.set()
                        elif message["type"] == "message":
                            self.dispatch(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live updates interrupted: lost the Redis subscription")
            # Events published meanwhile are lost: every socket is told to reconnect and refetch.
            self._subscribed.clear()
            for socket in list(self._sockets):
                socket.interrupted.set()
            await asyncio.sleep(RESUBSCRIBE_SECONDS)
