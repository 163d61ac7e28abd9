"""`Idempotency-Key` for money-moving POSTs: a retried request (a timeout, a double click)
gets the first answer again instead of moving money twice.

Apply it with `@router.post(..., dependencies=[IDEMPOTENT])`. The key is optional; when sent,
it is remembered for 24 hours per caller (account, or API key) with a hash of the request:
- the same key and request again: the stored answer, with `Idempotent-Replayed: true`;
- the same key with another request: 422 `idempotency_key_reused`;
- the same key while the first request still runs: 409 `idempotency_in_progress`.
Only 2xx answers are kept. Any other answer means the request's transaction rolled back and
nothing happened, so the key is released and the client may retry with it.

The dependency reserves the key before the handler runs; `IdempotencyMiddleware` stores the
answer after the transaction has committed, just before the last byte reaches the client, so
a client that saw the answer and retries always finds it stored."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request, Response
from redis.asyncio import Redis
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import RedisDep
from api.security import CurrentPrincipal
from core.errors import Conflict, ValidationFailed
from services.auth.principal import Principal

KEEP_SECONDS = 24 * 60 * 60
# How long a key stays "in progress" if its process dies before answering: long enough for
# any real request, short enough that a crash does not block the key for a day.
IN_PROGRESS_SECONDS = 60
REPLAYED_HEADER = "Idempotent-Replayed"
STATE_ATTRIBUTE = "idempotency"
# Recomputed for the replayed body; everything else the route set is replayed as it was.
UNSTORED_HEADERS = frozenset({b"content-length"})

# Read the key's record, or reserve the key when it has none, in one step.
_RESERVE = """
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false
"""


class IdempotentReplay(Exception):
    """Raised by the dependency to answer with the stored response instead of the handler's."""

    def __init__(self, record: dict[str, Any]) -> None:
        super().__init__("idempotent replay")
        self.record = record


@dataclass
class Reservation:
    """A key this request holds until it answers; the middleware completes or releases it."""

    redis: Redis
    storage_key: str
    fingerprint: str
    settled: bool = False

    async def complete(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        record = {
            "state": "done",
            "fingerprint": self.fingerprint,
            "status": status,
            "headers": [
                [name.decode("latin-1"), value.decode("latin-1")]
                for name, value in headers
                if name.lower() not in UNSTORED_HEADERS
            ],
            "body": base64.b64encode(body).decode(),
        }
        await self.redis.set(self.storage_key, json.dumps(record), ex=KEEP_SECONDS)
        self.settled = True

    async def release(self) -> None:
        await self.redis.delete(self.storage_key)
        self.settled = True


def _caller(principal: Principal) -> str:
    # Two integrations of one account must not collide on the keys they choose.
    if principal.api_key_id is not None:
        return f"key:{principal.api_key_id}"
    return f"account:{principal.account_id}"


def _fingerprint(request: Request, body: bytes) -> str:
    try:
        # Key order and spacing are not part of what a JSON request asks for.
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        canonical = body
    target = f"{request.method} {request.url.path}?{request.url.query}\n".encode()
    return hashlib.sha256(target + canonical).hexdigest()


async def idempotency(
    request: Request,
    principal: CurrentPrincipal,
    redis: RedisDep,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=255,
            pattern=r"^[\x21-\x7e]+$",
            description="Any unique value per operation (a UUID); a retry with the same key "
            "and body returns the first answer, with `Idempotent-Replayed: true`",
        ),
    ] = None,
) -> None:
    if idempotency_key is None:
        return
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()
    storage_key = f"idempotency:{_caller(principal)}:{digest}"
    fingerprint = _fingerprint(request, await request.body())
    reserve = redis.register_script(_RESERVE)
    in_progress = json.dumps({"state": "in_progress", "fingerprint": fingerprint})
    existing = await reserve(keys=[storage_key], args=[in_progress, IN_PROGRESS_SECONDS])
    if existing is None:
        setattr(request.state, STATE_ATTRIBUTE, Reservation(redis, storage_key, fingerprint))
        return
    record: dict[str, Any] = json.loads(existing)
    if record["fingerprint"] != fingerprint:
        raise ValidationFailed(
            "This Idempotency-Key was already used for a different request.",
            code="idempotency_key_reused",
            details=[{"field": "header.Idempotency-Key", "message": "used for another request"}],
        )
    if record["state"] != "done":
        raise Conflict(
            "A request with this Idempotency-Key is still being processed. Retry shortly.",
            code="idempotency_in_progress",
        )
    raise IdempotentReplay(record)


IDEMPOTENT = Depends(idempotency)


async def _replay(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, IdempotentReplay)  # noqa: S101 - registered for this type only
    record = exc.record
    response = Response(content=base64.b64decode(record["body"]), status_code=record["status"])
    for name, value in record["headers"]:
        response.headers.append(name, value)
    response.headers[REPLAYED_HEADER] = "true"
    return response


class IdempotencyMiddleware:
    """Stores a reserved key's 2xx answer, or releases the key, as the answer goes out."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        status = 500
        headers: list[tuple[bytes, bytes]] = []
        body = bytearray()

        async def settle_then_send(message: Message) -> None:
            nonlocal status, headers
            reservation = _reservation(scope)
            if reservation is not None and not reservation.settled:
                if message["type"] == "http.response.start":
                    status, headers = message["status"], list(message.get("headers", []))
                elif message["type"] == "http.response.body":
                    body.extend(message.get("body", b""))
                    if not message.get("more_body", False):
                        if 200 <= status < 300:
                            await reservation.complete(status, headers, bytes(body))
                        else:
                            await reservation.release()
            await send(message)

        try:
            await self.app(scope, receive, settle_then_send)
        finally:
            reservation = _reservation(scope)
            if reservation is not None and not reservation.settled:
                await reservation.release()


def _reservation(scope: Scope) -> Reservation | None:
    found = scope.get("state", {}).get(STATE_ATTRIBUTE)
    return found if isinstance(found, Reservation) else None


def install_idempotency(app: FastAPI) -> None:
    app.add_exception_handler(IdempotentReplay, _replay)
    app.add_middleware(IdempotencyMiddleware)
