"""Outgoing webhooks: endpoints resellers (or the back office) register, the events enqueued
for them in the transaction of the change they announce, and each delivery's attempts.

Tenancy: staff manage every endpoint, including system-wide ones (no reseller: they hear
every event); a reseller login manages its own reseller's endpoints, which hear only events
about that reseller's orders. A delivery is signed `X-Simdesk-Signature: t=<unix ts>,
v1=<hex HMAC-SHA256 of "<ts>.<body>">` with the endpoint's secret and carries
`X-Simdesk-Delivery: <delivery id>`, the same on every retry, so receivers can drop repeats."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import FieldCipher
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.tokens import new_secret
from models import (
    OrderStatus,
    SimOrder,
    Transaction,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
)
from models.identity import AccountKind
from services import audit
from services.auth.principal import Principal
from services.messaging import dispatch

EVENT_TYPES = ("order.status_changed", "payment.captured", "refund.completed")
PING = "ping"
SECRET_PREFIX = "whsec_"  # noqa: S105 - a label, not a secret
VISIBLE_CHARS = len(SECRET_PREFIX) + 6
SIGNATURE_HEADER = "X-Simdesk-Signature"
DELIVERY_HEADER = "X-Simdesk-Delivery"
EVENT_HEADER = "X-Simdesk-Event"
# What is kept of a receiver's answer in the log: enough to see why it refused.
ANSWER_CHARS = 500


@dataclass(frozen=True)
class CreatedEndpoint:
    row: WebhookEndpoint
    secret: str  # returned to its creator once; stored encrypted to sign deliveries


@dataclass(frozen=True)
class Attempt:
    status: WebhookDeliveryStatus | None  # None: the delivery does not exist
    retry_error: str = ""  # set: worth another attempt


def sign(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


# --- endpoints --------------------------------------------------------------------------


def _visible(principal: Principal) -> Select[Any]:
    query = select(WebhookEndpoint)
    if principal.kind is AccountKind.staff:
        return query
    if principal.kind is AccountKind.reseller and principal.reseller_id is not None:
        return query.where(WebhookEndpoint.reseller_id == principal.reseller_id)
    raise PermissionDenied("Only staff and resellers have webhook endpoints.")


def _check_url(url: str, allow_private: bool) -> None:
    host = urlsplit(url).hostname or ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return
    if not allow_private and (address.is_private or address.is_loopback or address.is_link_local):
        raise ValidationFailed(
            "A webhook cannot point at a private or local address.",
            code="invalid_webhook_url",
            details=[{"field": "body.url", "message": "private address", "type": "private_url"}],
        )


def _snapshot(endpoint: WebhookEndpoint) -> dict[str, Any]:
    return {
        "url": endpoint.url,
        "event_types": list(endpoint.event_types),
        "description": endpoint.description,
        "is_active": endpoint.is_active,
        "reseller_id": endpoint.reseller_id,
    }


async def create_endpoint(
    db: AsyncSession,
    cipher: FieldCipher,
    principal: Principal,
    actor: audit.Actor,
    *,
    url: str,
    event_types: Sequence[str],
    description: str,
    reseller_id: int | None,
    allow_private: bool,
) -> CreatedEndpoint:
    _visible(principal)
    if principal.kind is AccountKind.reseller:
        reseller_id = principal.reseller_id  # a reseller's endpoints are its own, always
    _check_url(url, allow_private)
    secret = SECRET_PREFIX + new_secret(24)
    endpoint = WebhookEndpoint(
        reseller_id=reseller_id,
        url=url,
        description=description,
        event_types=sorted(set(event_types)),
        secret_encrypted=cipher.encrypt(secret),
        secret_prefix=secret[:VISIBLE_CHARS],
        is_active=True,
        created_by_id=principal.account_id,
    )
    db.add(endpoint)
    await db.flush()
    await audit.record(
        db, actor, "webhook.endpoint_created", "webhook_endpoint", endpoint.id,
        after=_snapshot(endpoint),
    )  # fmt: skip
    return CreatedEndpoint(endpoint, secret)


async def list_endpoints(
    db: AsyncSession, principal: Principal, order_by: list[Any], offset: int, limit: int
) -> tuple[list[WebhookEndpoint], int]:
    query = _visible(principal)
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await db.scalars(query.order_by(*order_by).offset(offset).limit(limit))
    return list(rows), total


async def get_endpoint(
    db: AsyncSession, principal: Principal, endpoint_id: int, *, lock: bool = False
) -> WebhookEndpoint:
    query = _visible(principal).where(WebhookEndpoint.id == endpoint_id)
    endpoint: WebhookEndpoint | None = (
        await db.scalars(query.with_for_update() if lock else query)
    ).first()
    if endpoint is None:
        raise NotFound("No such webhook endpoint.")
    return endpoint


async def update_endpoint(
    db: AsyncSession,
    principal: Principal,
    actor: audit.Actor,
    endpoint_id: int,
    changes: dict[str, Any],
    *,
    allow_private: bool,
) -> WebhookEndpoint:
    endpoint = await get_endpoint(db, principal, endpoint_id, lock=True)
    before = _snapshot(endpoint)
    if "url" in changes:
        _check_url(changes["url"], allow_private)
    if "event_types" in changes:
        changes["event_types"] = sorted(set(changes["event_types"]))
    for field, value in changes.items():
        setattr(endpoint, field, value)
    await db.flush()
    await audit.record(
        db, actor, "webhook.endpoint_updated", "webhook_endpoint", endpoint.id,
        before=before, after=_snapshot(endpoint),
    )  # fmt: skip
    return endpoint


async def delete_endpoint(
    db: AsyncSession, principal: Principal, actor: audit.Actor, endpoint_id: int
) -> None:
    """Its delivery log goes with it."""
    endpoint = await get_endpoint(db, principal, endpoint_id, lock=True)
    await audit.record(
        db, actor, "webhook.endpoint_deleted", "webhook_endpoint", endpoint.id,
        before=_snapshot(endpoint),
    )  # fmt: skip
    await db.delete(endpoint)
    await db.flush()


# --- events and deliveries ---------------------------------------------------------------


def _new_delivery(db: AsyncSession, endpoint_id: int, event_type: str, data: Any) -> None:
    delivery_id = uuid.uuid4()
    payload = {
        "id": str(delivery_id),
        "type": event_type,
        "created_at": datetime.now(UTC).isoformat(),
        "data": data,
    }
    db.add(
        WebhookDelivery(
            delivery_id=delivery_id,
            endpoint_id=endpoint_id,
            event_type=event_type,
            payload=payload,
            status=WebhookDeliveryStatus.pending,
            attempts=0,
            next_attempt_at=datetime.now(UTC),
        )
    )
    dispatch.after_commit(db, dispatch.Kind.webhook, str(delivery_id))


async def enqueue(
    db: AsyncSession, event_type: str, data: dict[str, Any], reseller_id: int | None
) -> int:
    """One delivery per active endpoint that wants the event: system-wide ones, and the
    reseller's own when the event concerns one. Call in the transaction of the change."""
    audience: ColumnElement[bool] = WebhookEndpoint.reseller_id.is_(None)
    if reseller_id is not None:
        audience = or_(audience, WebhookEndpoint.reseller_id == reseller_id)
    endpoints = await db.scalars(
        select(WebhookEndpoint.id)
        .where(
            WebhookEndpoint.is_active,
            WebhookEndpoint.event_types.any_() == event_type,
            audience,
        )
        .order_by(WebhookEndpoint.id)
    )
    found = list(endpoints)
    for endpoint_id in found:
        _new_delivery(db, endpoint_id, event_type, data)
    if found:
        await db.flush()
    return len(found)


async def ping(db: AsyncSession, principal: Principal, endpoint_id: int) -> WebhookDelivery:
    """A test delivery to one endpoint, whatever events it listens to."""
    endpoint = await get_endpoint(db, principal, endpoint_id)
    _new_delivery(db, endpoint.id, PING, {"endpoint_id": endpoint.id})
    await db.flush()
    delivery = await db.scalar(
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint.id)
        .order_by(WebhookDelivery.id.desc())
        .limit(1)
    )
    assert delivery is not None  # noqa: S101 - just written
    return delivery


async def list_deliveries(
    db: AsyncSession,
    principal: Principal,
    endpoint_id: int,
    status: WebhookDeliveryStatus | None,
    order_by: list[Any],
    offset: int,
    limit: int,
) -> tuple[list[WebhookDelivery], int]:
    endpoint = await get_endpoint(db, principal, endpoint_id)
    query = select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
    if status is not None:
        query = query.where(WebhookDelivery.status == status)
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await db.scalars(query.order_by(*order_by).offset(offset).limit(limit))
    return list(rows), total


async def retry(
    db: AsyncSession, principal: Principal, endpoint_id: int, delivery_pk: int
) -> WebhookDelivery:
    """Send a delivery again, with the same delivery id: a failed one gets a fresh round of
    attempts, a delivered one is sent once more (the receiver asked for it)."""
    endpoint = await get_endpoint(db, principal, endpoint_id)
    delivery = await db.scalar(
        select(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_pk, WebhookDelivery.endpoint_id == endpoint.id)
        .with_for_update()
    )
    if delivery is None:
        raise NotFound("No such delivery for this endpoint.")
    delivery.status = WebhookDeliveryStatus.pending
    delivery.next_attempt_at = datetime.now(UTC)
    delivery.delivered_at = None
    await db.flush()
    dispatch.after_commit(db, dispatch.Kind.webhook, str(delivery.delivery_id))
    return delivery


async def attempt(
    db: AsyncSession,
    cipher: FieldCipher,
    http: httpx.AsyncClient,
    delivery_id: str,
    next_retry_in: timedelta | None,
) -> Attempt:
    """POST the delivery once, under its row lock. `next_retry_in`: when the retry policy
    tries again should this attempt fail (None: this is the last attempt)."""
    delivery = await db.scalar(
        select(WebhookDelivery)
        .where(WebhookDelivery.delivery_id == uuid.UUID(delivery_id))
        .with_for_update()
    )
    if delivery is None:
        return Attempt(None)
    if delivery.status is not WebhookDeliveryStatus.pending:
        return Attempt(delivery.status)
    endpoint = await db.get(WebhookEndpoint, delivery.endpoint_id)
    if endpoint is None or not endpoint.is_active:
        delivery.status, delivery.last_error = WebhookDeliveryStatus.failed, "endpoint disabled"
        delivery.next_attempt_at = None
        return Attempt(delivery.status)
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = int(datetime.now(UTC).timestamp())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "simdesk-webhooks/1",
        SIGNATURE_HEADER: sign(cipher.decrypt(endpoint.secret_encrypted), timestamp, body),
        DELIVERY_HEADER: str(delivery.delivery_id),
        EVENT_HEADER: delivery.event_type,
    }
    delivery.attempts += 1
    try:
        answer = await http.post(endpoint.url, content=body, headers=headers)
    except httpx.HTTPError as error:
        delivery.last_status_code, delivery.last_error = None, f"{type(error).__name__}: {error}"
    else:
        delivery.last_status_code = answer.status_code
        if answer.is_success:
            delivery.status, delivery.last_error = WebhookDeliveryStatus.delivered, ""
            delivery.delivered_at, delivery.next_attempt_at = datetime.now(UTC), None
            return Attempt(delivery.status)
        delivery.last_error = f"HTTP {answer.status_code}: {answer.text[:ANSWER_CHARS]}"
    delivery.next_attempt_at = datetime.now(UTC) + next_retry_in if next_retry_in else None
    return Attempt(delivery.status, retry_error=delivery.last_error[:2000])


async def give_up(db: AsyncSession, delivery_id: str, reason: str) -> None:
    delivery = await db.scalar(
        select(WebhookDelivery)
        .where(WebhookDelivery.delivery_id == uuid.UUID(delivery_id))
        .with_for_update()
    )
    if delivery is not None and delivery.status is WebhookDeliveryStatus.pending:
        delivery.status = WebhookDeliveryStatus.failed
        delivery.last_error = delivery.last_error or reason
        delivery.next_attempt_at = None


async def undelivered(db: AsyncSession, now: datetime | None = None) -> list[str]:
    pending = WebhookDelivery.status == WebhookDeliveryStatus.pending
    keys = await dispatch.undelivered(
        db, WebhookDelivery.delivery_id, pending, WebhookDelivery.created_at, now
    )
    return [str(key) for key in keys]


# --- the events, called by the services that make the change ------------------------------


async def order_status_changed(db: AsyncSession, order: SimOrder, previous: OrderStatus) -> None:
    await enqueue(
        db,
        "order.status_changed",
        {
            "order_id": order.id,
            "order_number": order.order_number,
            "from_status": previous.value,
            "status": order.status.value,
            "reseller_id": order.reseller_id,
        },
        order.reseller_id,
    )


async def payment_captured(db: AsyncSession, order: SimOrder, payment: Transaction) -> None:
    await enqueue(
        db,
        "payment.captured",
        {
            "order_id": order.id,
            "order_number": order.order_number,
            "transaction_id": payment.transaction_id,
            "amount": str(payment.amount),
            "currency": payment.currency,
            "payment_method": payment.payment_method,
        },
        order.reseller_id,
    )


async def refund_completed(db: AsyncSession, refund: Transaction, order: SimOrder | None) -> None:
    await enqueue(
        db,
        "refund.completed",
        {
            "transaction_id": refund.transaction_id,
            "amount": str(refund.amount),
            "currency": refund.currency,
            "order_id": order.id if order else None,
            "order_number": order.order_number if order else None,
            "order_payment_status": order.payment_status.value if order else None,
        },
        refund.reseller_id if order is None else order.reseller_id,
    )
