"""GET /api/transactions/{id}/invoice/ (a PDF for completed payments) and the ledger's XLSX
export, both built with the shared document tools."""

from __future__ import annotations

import io
import uuid
from decimal import Decimal

from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    OrderSource,
    SimOrder,
    SimType,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_staff
from tests.services.test_documents import pdf_text


async def _payment(
    db: AsyncSession, user_id: int, status: TransactionStatus = TransactionStatus.completed
) -> Transaction:
    order = SimOrder(
        order_number=f"ORD-TEST-{uuid.uuid4().hex[:8]}",
        order_type=OrderSource.app_user,
        user_id=user_id,
        sim_type=SimType.physical,
        network_provider="Telenor",
        plan_name="Nordic 20GB",
        plan_price=Decimal("25.00"),
        delivery_fee=Decimal("4.50"),
        service_charge=Decimal("1.00"),
        tax_amount=Decimal("3.05"),
        total_amount=Decimal("33.55"),
    )
    db.add(order)
    await db.flush()
    payment = Transaction(
        transaction_id=f"TXN-{uuid.uuid4().hex[:8].upper()}",
        transaction_type=TransactionType.payment,
        status=status,
        order_id=order.id,
        user_id=user_id,
        amount=order.total_amount,
        payment_method="card",
    )
    db.add(payment)
    await db.commit()
    return payment


async def test_a_completed_payment_has_a_branded_invoice_with_its_tax(
    client: AsyncClient, db: AsyncSession
) -> None:
    customer = await make_account(db, SystemRole.customer)
    assert customer.public_user_id is not None
    payment = await _payment(db, customer.public_user_id)
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    await client.patch(
        "/api/settings/general/", headers=admin, json={"company_name": "Nordsee Mobil"}
    )
    for headers in (admin, await login_headers(client, customer)):
        response = await client.get(f"/api/transactions/{payment.id}/invoice/", headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"] == (
            f'attachment; filename="INV-{payment.transaction_id}.pdf"'
        )
    words = pdf_text(response.content)
    assert words.startswith(f"Nordsee Mobil Invoice INV-{payment.transaction_id}")
    assert "Bill to Pat Buyer" in words
    assert (
        "Nordic 20GB (Telenor, physical) 1 25.00 USD Delivery 1 4.50 USD "
        "Service charge 1 1.00 USD Subtotal 30.50 USD Tax (10%) 3.05 USD Total 33.55 USD"
    ) in words


async def test_only_completed_payments_have_invoices(client: AsyncClient, db: AsyncSession) -> None:
    customer = await make_account(db, SystemRole.customer)
    assert customer.public_user_id is not None
    pending = await _payment(db, customer.public_user_id, TransactionStatus.pending)
    other = await make_account(db, SystemRole.customer)
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    refused = await client.get(f"/api/transactions/{pending.id}/invoice/", headers=admin)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "not_invoiceable"
    paid = await _payment(db, customer.public_user_id)
    hidden = await client.get(
        f"/api/transactions/{paid.id}/invoice/", headers=await login_headers(client, other)
    )
    assert hidden.status_code == 404


async def test_the_ledger_exports_as_xlsx_with_the_same_filters(
    client: AsyncClient, db: AsyncSession
) -> None:
    customer = await make_account(db, SystemRole.customer)
    assert customer.public_user_id is not None
    paid = await _payment(db, customer.public_user_id)
    await _payment(db, customer.public_user_id, TransactionStatus.failed)
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    response = await client.get(
        "/api/transactions/export/?format=xlsx&status=completed", headers=admin
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["content-disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("transaction_id", "created_at", "transaction_type", "status", "amount")
    assert [(r[0], r[3], r[4]) for r in rows[1:]] == [(paid.transaction_id, "completed", "33.55")]
    bad = await client.get("/api/transactions/export/?format=pdf", headers=admin)
    assert bad.status_code == 422
