"""The ledger: filters, refund requests within what is refundable, export and tenancy."""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Transaction, TransactionStatus, TransactionType
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_staff


async def _payment(
    db: AsyncSession,
    amount: str = "40.00",
    status: TransactionStatus = TransactionStatus.completed,
    user_id: int | None = None,
) -> Transaction:
    payment = Transaction(
        transaction_id=f"TXN-T-{uuid.uuid4().hex[:8]}".upper(),
        transaction_type=TransactionType.payment,
        status=status,
        amount=Decimal(amount),
        payment_method="card",
        user_id=user_id,
        gateway_transaction_id=f"pi_{uuid.uuid4().hex[:12]}",
    )
    db.add(payment)
    await db.commit()
    db.expunge(payment)
    return payment


async def test_partial_then_full_refund_within_the_refundable_amount(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    payment = await _payment(db)
    url = f"/api/transactions/{payment.id}"
    first = await client.post(
        f"{url}/refund/", headers=auth, json={"amount": "15.00", "reason": "Plan not used"}
    )
    assert first.status_code == 202, first.text
    assert (first.json()["transaction_type"], first.json()["status"], first.json()["amount"]) == (
        "refund",
        "pending",
        "15.00",
    )
    assert first.json()["transaction_id"].startswith("TXN-")
    assert (await client.get(f"{url}/", headers=auth)).json()["refundable_amount"] == "25.00"
    too_much = await client.post(
        f"{url}/refund/", headers=auth, json={"amount": "25.01", "reason": "Too much"}
    )
    assert (too_much.status_code, too_much.json()["error"]["code"]) == (
        422,
        "refund_exceeds_refundable",
    )
    rest = await client.post(f"{url}/refund/", headers=auth, json={"reason": "Customer left"})
    assert rest.json()["amount"] == "25.00"
    nothing_left = await client.post(f"{url}/refund/", headers=auth, json={"reason": "Again"})
    assert nothing_left.status_code == 422
    assert (await client.get(f"{url}/", headers=auth)).json()["refundable_amount"] == "0.00"


async def test_refund_refusals(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    failed = await _payment(db, status=TransactionStatus.failed)
    ok = await _payment(db)
    cases = [
        (failed.id, {"reason": "x refund"}, 409, "payment_not_completed"),
        (ok.id, {"amount": "-5", "reason": "negative"}, 422, "validation_error"),
        (ok.id, {"amount": "1.001", "reason": "fractional cents"}, 422, "validation_error"),
        (ok.id, {"amount": "5"}, 422, "validation_error"),
        (999999, {"reason": "missing"}, 404, "not_found"),
    ]
    for transaction_id, body, status, code in cases:
        response = await client.post(
            f"/api/transactions/{transaction_id}/refund/", headers=auth, json=body
        )
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), body
    requested = await client.post(
        f"/api/transactions/{ok.id}/refund/",
        headers=auth,
        json={"amount": "1", "reason": "goodwill"},
    )
    assert requested.status_code == 202, requested.text
    refund = requested.json()
    of_refund = await client.post(
        f"/api/transactions/{refund['id']}/refund/", headers=auth, json={"reason": "nested"}
    )
    assert of_refund.json()["error"]["code"] == "not_a_payment"
    refunds = await db.scalar(
        select(func.count())
        .select_from(Transaction)
        .where(Transaction.transaction_type == TransactionType.refund)
    )
    assert refunds == 1
    support = await login_headers(client, await make_staff(db, SystemRole.support))
    denied = await client.post(
        f"/api/transactions/{ok.id}/refund/", headers=support, json={"reason": "not allowed"}
    )
    assert denied.status_code == 403


async def test_filters_export_and_tenancy(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    customer = await make_account(db, SystemRole.customer)
    mine = await _payment(db, "12.00", user_id=customer.public_user_id)
    other = await _payment(db, "30.00")
    found = (
        await client.get(
            "/api/transactions/", headers=auth, params={"search": mine.gateway_transaction_id}
        )
    ).json()
    assert [t["id"] for t in found["items"]] == [mine.id]
    exported = await client.get(
        "/api/transactions/export/", headers=auth, params={"transaction_type": "payment"}
    )
    rows = {r["transaction_id"]: r for r in csv.DictReader(io.StringIO(exported.text))}
    assert rows[other.transaction_id]["amount"] == "30.00"
    assert (
        await client.get("/api/transactions/export/", headers=auth, params={"format": "xml"})
    ).status_code == 422
    customer_auth = await login_headers(client, customer)
    listed = (await client.get("/api/transactions/", headers=customer_auth)).json()
    assert [t["id"] for t in listed["items"]] == [mine.id]
    assert (
        await client.get(f"/api/transactions/{other.id}/", headers=customer_auth)
    ).status_code == 404
    gateways = (await client.get("/api/payments/gateways/", headers=auth)).json()
    assert gateways == [{"name": "stripe", "enabled": True, "mode": "test", "methods": ["card"]}]


async def test_a_refund_names_its_requester_and_whether_it_awaits_approval(
    client: AsyncClient, db: AsyncSession
) -> None:
    """The panel offers Approve/Reject from these: above the threshold (500 by default), to
    someone other than the requester."""
    staff = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, staff)
    payment = await _payment(db, amount="800.00")
    small = await client.post(
        f"/api/transactions/{payment.id}/refund/",
        headers=auth,
        json={"amount": "500.00", "reason": "Half of it"},
    )
    large = await client.post(
        f"/api/transactions/{payment.id}/refund/",
        headers=auth,
        json={"amount": "300.00", "reason": "The rest"},
    )
    whole = await _payment(db, amount="501.00")
    above = await client.post(
        f"/api/transactions/{whole.id}/refund/", headers=auth, json={"reason": "All of it"}
    )
    details = [
        (await client.get(f"/api/transactions/{r.json()['id']}/", headers=auth)).json()
        for r in (small, large, above)
    ]
    assert [(d["created_by_id"], d["approval_required"]) for d in details] == [
        (staff.id, False),
        (staff.id, False),
        (staff.id, True),
    ]
    payment_detail = (await client.get(f"/api/transactions/{payment.id}/", headers=auth)).json()
    assert (payment_detail["created_by_id"], payment_detail["approval_required"]) == (None, False)
