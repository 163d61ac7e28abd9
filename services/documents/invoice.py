"""The invoice of a completed payment, as a PDF: the seller from the general and branding
settings, the buyer, the order's lines with the tax charged on them — the price breakdown
stored on the order when it was placed, never recomputed from today's settings — and totals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict
from integrations.storage import Storage
from models import (
    PublicUser,
    Reseller,
    SimOrder,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from services import settings
from services.documents.pdf import BrandedDocument, load_branding

CENT = Decimal("0.01")


def invoice_number(payment: Transaction) -> str:
    return f"INV-{payment.transaction_id}"


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


async def _buyer(db: AsyncSession, payment: Transaction) -> list[tuple[str, str]]:
    if payment.user_id is not None and (user := await db.get(PublicUser, payment.user_id)):
        address = ", ".join(p for p in (user.address, user.city, user.postal_code) if p)
        return [("Bill to", user.full_name), ("Email", user.email), ("Address", address or "-")]
    if payment.reseller_id is not None and (
        reseller := await db.get(Reseller, payment.reseller_id)
    ):
        address = ", ".join(p for p in (reseller.address, reseller.city, reseller.country) if p)
        return [
            ("Bill to", reseller.business_name),
            ("Email", reseller.email),
            ("Address", address or "-"),
        ]
    return [("Bill to", "-")]


def _lines(order: SimOrder | None, payment: Transaction) -> list[tuple[str, Decimal]]:
    if order is None:
        return [("Payment", payment.amount)]
    lines = [(f"{order.plan_name} ({order.network_provider}, {order.sim_type.value})",
              order.plan_price)]  # fmt: skip
    if order.delivery_fee:
        lines.append(("Delivery", order.delivery_fee))
    if order.service_charge:
        lines.append(("Service charge", order.service_charge))
    return lines


async def render(db: AsyncSession, storage: Storage | None, payment: Transaction) -> bytes:
    """409 unless `payment` is a completed payment: nothing else has an invoice."""
    if (
        payment.transaction_type is not TransactionType.payment
        or payment.status is not TransactionStatus.completed
    ):
        raise Conflict(
            "Only completed payments have an invoice; this is a "
            f"{payment.status.value} {payment.transaction_type.value}.",
            code="not_invoiceable",
        )
    order = await db.get(SimOrder, payment.order_id) if payment.order_id else None
    branding = await load_branding(db, storage)
    currency = payment.currency
    number = invoice_number(payment)
    document = BrandedDocument(branding, f"Invoice {number}")
    document.heading(f"Invoice {number}")
    seller = [("From", branding.company_name), ("Contact", branding.support_email)]
    if phone := await settings.value_of(db, "general.support_phone"):
        seller.append(("Phone", phone))
    details = [
        ("Invoice date", f"{payment.created_at:%Y-%m-%d}"),
        ("Payment", f"{payment.transaction_id} ({payment.payment_method})"),
        ("Amount paid", _money(payment.amount, currency)),
    ]
    if order is not None:
        details.insert(1, ("Order", order.order_number))
    document.key_values([*seller, *await _buyer(db, payment), *details])
    lines = _lines(order, payment)
    document.data_table(
        ["Description", "Qty", "Amount"],
        [[text, "1", _money(amount, currency)] for text, amount in lines],
        numeric=[False, True, True],
        widths=[5, 1, 2],
    )
    subtotal = sum((amount for _, amount in lines), Decimal(0))
    totals = [("Subtotal", _money(subtotal, currency))]
    if order is not None and order.tax_amount:
        rate = (order.tax_amount * 100 / subtotal).quantize(CENT, ROUND_HALF_UP).normalize()
        totals.append((f"Tax ({rate:f}%)", _money(order.tax_amount, currency)))
        subtotal += order.tax_amount
    totals.append(("Total", _money(subtotal, currency)))
    document.totals(totals, emphasise_last=True)
    document.note(f"Thank you for your purchase. Questions: {branding.support_email}")
    return document.finish()
