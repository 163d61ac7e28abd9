"""Idempotency-Key on refunds: a retry replays the first answer, a reused key with another
request is refused, a key still in use is a conflict, and failed attempts release the key."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.types import Message

from api.idempotency import Reservation, idempotency
from core.settings import Settings
from models import Account, Transaction, TransactionStatus, TransactionType
from models.identity import SystemRole
from services.auth.principal import principal_for_account
from tests.factories import login_headers, make_staff


async def _payment(db: AsyncSession, amount: str = "40.00") -> Transaction:
    payment = Transaction(
        transaction_id=f"TXN-I-{uuid.uuid4().hex[:8]}".upper(),
        transaction_type=TransactionType.payment,
        status=TransactionStatus.completed,
        amount=Decimal(amount),
        payment_method="card",
        gateway_transaction_id=f"pi_{uuid.uuid4().hex[:12]}",
    )
    db.add(payment)
    await db.commit()
    db.expunge(payment)
    return payment


async def _refunds(db: AsyncSession, payment: Transaction) -> list[str]:
    amounts = await db.scalars(
        select(Transaction.amount)
        .where(
            Transaction.parent_id == payment.id,
            Transaction.transaction_type == TransactionType.refund,
        )
        .order_by(Transaction.id)
    )
    return [f"{amount:.2f}" for amount in amounts]


def _url(payment: Transaction) -> str:
    return f"/api/transactions/{payment.id}/refund/"


async def test_a_retry_replays_the_first_answer(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    payment = await _payment(db)
    headers = {**auth, "Idempotency-Key": "refund-7f3c"}
    first = await client.post(
        _url(payment), headers=headers, json={"amount": "10.00", "reason": "Plan not used"}
    )
    assert first.status_code == 202, first.text
    assert "idempotent-replayed" not in first.headers
    # The same request with its JSON keys in another order and other spacing.
    retried = await client.post(
        _url(payment),
        headers={**headers, "Content-Type": "application/json"},
        content=json.dumps({"reason": "Plan not used", "amount": "10.00"}, indent=2),
    )
    assert retried.status_code == 202
    assert retried.headers["idempotent-replayed"] == "true"
    assert retried.headers["content-type"] == "application/json"
    assert retried.json() == first.json()
    assert retried.headers["x-request-id"] != first.headers["x-request-id"]
    assert await _refunds(db, payment) == ["10.00"]
    # Without the key every request is its own.
    fresh = await client.post(
        _url(payment), headers=auth, json={"amount": "10.00", "reason": "Plan not used"}
    )
    assert fresh.status_code == 202 and fresh.json()["id"] != first.json()["id"]
    assert await _refunds(db, payment) == ["10.00", "10.00"]


async def test_the_same_key_for_another_request_is_refused(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    payment, other = await _payment(db), await _payment(db)
    headers = {**auth, "Idempotency-Key": "refund-1"}
    first = await client.post(
        _url(payment), headers=headers, json={"amount": "5.00", "reason": "duplicate"}
    )
    assert first.status_code == 202
    for url, body in (
        (_url(payment), {"amount": "6.00", "reason": "duplicate"}),
        (_url(other), {"amount": "5.00", "reason": "duplicate"}),
    ):
        reused = await client.post(url, headers=headers, json=body)
        assert reused.status_code == 422
        error = reused.json()["error"]
        assert (error["code"], error["details"]) == (
            "idempotency_key_reused",
            [{"field": "header.Idempotency-Key", "message": "used for another request"}],
        )
        assert error["request_id"] == reused.headers["x-request-id"]
    assert (await _refunds(db, payment), await _refunds(db, other)) == (["5.00"], [])


async def test_a_failed_attempt_releases_the_key(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    payment = await _payment(db, "20.00")
    headers = {**auth, "Idempotency-Key": "refund-retry-me"}
    too_much = await client.post(
        _url(payment), headers=headers, json={"amount": "25.00", "reason": "customer request"}
    )
    assert (too_much.status_code, too_much.json()["error"]["code"]) == (
        422,
        "refund_exceeds_refundable",
    )
    invalid = await client.post(_url(payment), headers=headers, json={"amount": "-1"})
    assert invalid.status_code == 422
    corrected = await client.post(
        _url(payment), headers=headers, json={"amount": "20.00", "reason": "customer request"}
    )
    assert corrected.status_code == 202 and "idempotent-replayed" not in corrected.headers
    assert await _refunds(db, payment) == ["20.00"]


async def test_keys_belong_to_their_caller(client: AsyncClient, db: AsyncSession) -> None:
    first = await login_headers(client, await make_staff(db, SystemRole.admin))
    second = await login_headers(client, await make_staff(db, SystemRole.admin))
    payment = await _payment(db)
    body = {"amount": "3.00", "reason": "same key, other person"}
    for auth in (first, second):
        response = await client.post(
            _url(payment), headers={**auth, "Idempotency-Key": "shared"}, json=body
        )
        assert response.status_code == 202 and "idempotent-replayed" not in response.headers
    assert await _refunds(db, payment) == ["3.00", "3.00"]


async def test_a_key_in_use_is_a_conflict(
    client: AsyncClient, db: AsyncSession, app: FastAPI, settings: Settings
) -> None:
    admin: Account = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    payment = await _payment(db)
    body = json.dumps({"amount": "4.00", "reason": "slow"}).encode()

    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    # The first request, caught between reserving its key and answering.
    in_flight = Request(
        {
            "type": "http",
            "method": "POST",
            "path": _url(payment),
            "query_string": b"",
            "headers": [(b"content-type", b"application/json")],
            "app": app,
        },
        receive,
    )
    principal = await principal_for_account(db, settings, admin.id)
    redis = app.state.resources.redis
    await idempotency(in_flight, principal, redis, "slow-one")
    reservation = in_flight.state.idempotency
    assert isinstance(reservation, Reservation)

    headers = {**auth, "Idempotency-Key": "slow-one", "Content-Type": "application/json"}
    busy = await client.post(_url(payment), headers=headers, content=body)
    assert (busy.status_code, busy.json()["error"]["code"]) == (409, "idempotency_in_progress")
    different = await client.post(_url(payment), headers=headers, json={"reason": "other"})
    assert different.json()["error"]["code"] == "idempotency_key_reused"
    assert await _refunds(db, payment) == []
    await reservation.release()  # the first request failed: the key is free again
    retried = await client.post(_url(payment), headers=headers, content=body)
    assert retried.status_code == 202 and "idempotent-replayed" not in retried.headers
    assert await _refunds(db, payment) == ["4.00"]


async def test_malformed_keys_are_refused(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    payment = await _payment(db)
    for key in ("", "has space", "k" * 256):
        response = await client.post(
            _url(payment),
            headers={**auth, "Idempotency-Key": key},
            json={"reason": "customer request"},
        )
        assert response.status_code == 422, key
        fields = [d["field"] for d in response.json()["error"]["details"]]
        assert fields == ["header.Idempotency-Key"], key
    refunds = await db.scalar(
        select(func.count()).select_from(Transaction).where(Transaction.parent_id == payment.id)
    )
    assert refunds == 0
