"""Orders and money: filtering the orders list, moving an order on, refunding a payment."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from core.settings import Settings
from models import OrderStatus, PaymentStatus, Transaction, TransactionStatus, TransactionType
from models.identity import SystemRole
from models.session import create_engine, create_sessionmaker
from tests.e2e.conftest import WIDTHS, ConsoleErrors, LiveServer, log_in, screenshot
from tests.factories import make_account, make_order

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Sales:
    pending_id: int
    pending_number: str
    paid_number: str
    payment_id: int
    payment_code: str


async def _seed_sales(settings: Settings) -> Sales:
    """An app user with three orders (20, 35 and 50 USD) and a completed 40 USD payment."""
    engine = create_engine(settings, pool_size=1, max_overflow=0)
    try:
        async with create_sessionmaker(engine)() as db:
            buyer = await make_account(db, SystemRole.customer)
            user_id = buyer.public_user_id
            pending = await make_order(db, user_id=user_id, price=Decimal("20.00"))
            paid = await make_order(
                db,
                user_id=user_id,
                status=OrderStatus.confirmed,
                payment_status=PaymentStatus.paid,
                price=Decimal("35.00"),
            )
            await make_order(
                db,
                user_id=user_id,
                status=OrderStatus.activated,
                payment_status=PaymentStatus.paid,
                price=Decimal("50.00"),
            )
            payment = Transaction(
                transaction_id="TXN-E2E-000001",
                transaction_type=TransactionType.payment,
                status=TransactionStatus.completed,
                amount=Decimal("40.00"),
                payment_method="card",
                order_id=paid.id,
                user_id=user_id,
                gateway_transaction_id="pi_e2e_000001",
            )
            db.add(payment)
            await db.commit()
            return Sales(
                pending_id=pending.id,
                pending_number=pending.order_number,
                paid_number=paid.order_number,
                payment_id=payment.id,
                payment_code=payment.transaction_id,
            )
    finally:
        await engine.dispose()


@pytest.fixture
def sales(live_server: LiveServer) -> Iterator[Sales]:
    # Before the browser fixture: sync Playwright keeps an event loop running in this thread.
    yield asyncio.run(_seed_sales(live_server.settings))


def _fits(page: Page, width: int) -> None:
    """Responsive: nothing widens the page past the screen (tables scroll inside)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _phone_screenshots(page: Page, name: str) -> None:
    page.set_viewport_size({"width": WIDTHS["mobile"], "height": 860})
    page.wait_for_load_state("networkidle")
    _fits(page, WIDTHS["mobile"])
    screenshot(page, f"{name}-light-mobile")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def test_filter_orders_and_move_one_on(
    sales: Sales, page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Orders").click()
    table = page.get_by_role("table", name="Orders")
    expect(table.get_by_role("row")).to_have_count(4)  # header + three orders
    expect(page.get_by_text("3 orders", exact=True)).to_be_visible()

    # A total between 30 and 40: only the 35 USD order.
    page.get_by_label("Total from").fill("30")
    page.get_by_label("Total to").fill("40")
    expect(page).to_have_url(re.compile(r"amount_min=30&amount_max=40|amount_max=40&amount_min=30"))
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table).to_contain_text(sales.paid_number)
    expect(page.get_by_text("1 order matches the filters")).to_be_visible()
    # A backwards range is pointed out, not sent.
    page.get_by_label("Total to").fill("10")
    expect(page.get_by_role("alert")).to_have_text("The amount range ends below where it starts.")
    page.get_by_role("button", name="Clear filters").click()
    expect(table.get_by_role("row")).to_have_count(4)

    page.get_by_label("Status", exact=True).select_option("pending")
    expect(page).to_have_url(re.compile(r"status=pending"))
    expect(table.get_by_role("row")).to_have_count(2)
    screenshot(page, "orders-filtered-light-desktop")
    _phone_screenshots(page, "orders-filtered")

    table.get_by_role("link", name=sales.pending_number).click()
    expect(page).to_have_url(re.compile(f"/orders/{sales.pending_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(sales.pending_number)
    # Only the moves the API allows from pending are offered.
    choices = page.get_by_role("group", name="New status").get_by_role("radio")
    expect(choices).to_have_count(2)
    expect(page.get_by_role("radio", name="Confirmed")).to_be_visible()
    expect(page.get_by_role("radio", name="Cancelled")).to_be_visible()
    screenshot(page, "order-details-light-desktop")
    _phone_screenshots(page, "order-details")

    page.get_by_role("radio", name="Confirmed").check()
    page.get_by_role("textbox", name="Reason").fill("Stock checked")
    with page.expect_response(re.compile(r"/api/orders/\d+/status/$")) as answer:
        page.get_by_role("button", name="Update status").click()
    history = page.get_by_role("list", name="Status history")
    if answer.value.status == 202:
        # Status changes run as a workflow: accepted now, applied by the worker.
        expect(page.get_by_text(re.compile("Change to confirmed requested"))).to_be_visible()
    else:
        assert answer.value.status == 200
        expect(page.get_by_text(f"{sales.pending_number} is now confirmed.")).to_be_visible()
        expect(history).to_contain_text("Stock checked")
        # Confirmed moves on to activated (an eSIM) or cancelled, never back.
        expect(page.get_by_role("radio", name="Activated")).to_be_visible()
        expect(page.get_by_role("radio", name="Confirmed")).to_have_count(0)
        detail = live_server.api("GET", f"/api/orders/{sales.pending_id}/").json()
        assert detail["status"] == "confirmed"
        assert detail["status_history"][-1]["reason"] == "Stock checked"

    # Back to the list as it was filtered.
    page.get_by_role("link", name="Back to orders").click()
    expect(page).to_have_url(re.compile(r"/orders\?status=pending$"))
    assert console_errors == []


def test_refund_a_payment_and_export_the_ledger(
    sales: Sales, page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Transactions").click()
    table = page.get_by_role("table", name="Transactions")
    page.get_by_label("Type", exact=True).select_option("payment")
    expect(table.get_by_role("row")).to_have_count(2)
    screenshot(page, "transactions-light-desktop")
    _phone_screenshots(page, "transactions")

    table.get_by_role("link", name=sales.payment_code).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(sales.payment_code)
    page.get_by_role("button", name="Refund").click()
    dialog = page.get_by_role("dialog", name=f"Refund {sales.payment_code}")
    amount = dialog.get_by_role("textbox", name="Amount (USD)")
    expect(amount).to_be_focused()
    expect(amount).to_have_value("40.00")

    # More than was paid is refused before asking the API.
    amount.fill("50")
    dialog.get_by_role("button", name="Request refund").click()
    expect(dialog.get_by_text("At most $40.00 can be refunded.")).to_be_visible()
    expect(dialog.get_by_text("Say why in at least 3 characters.")).to_be_visible()
    amount.fill("15")
    dialog.get_by_role("textbox", name="Reason").fill("Plan not used")
    screenshot(page, "transaction-refund-light-desktop")
    dialog.get_by_role("button", name="Request refund").click()
    expect(dialog).to_be_hidden()
    expect(
        page.get_by_text(re.compile(r"^Refund TXN-\S+ of \$15\.00 was requested\.$"))
    ).to_be_visible()
    expect(page.get_by_text("$25.00")).to_be_visible()  # still refundable
    _phone_screenshots(page, "transaction-details")

    detail = live_server.api("GET", f"/api/transactions/{sales.payment_id}/").json()
    assert detail["refundable_amount"] == "25.00"

    # The ledger now holds the payment and its pending refund; the export follows the filters.
    page.get_by_role("link", name="Back to transactions").click()
    expect(page).to_have_url(re.compile(r"/transactions\?transaction_type=payment$"))
    page.get_by_label("Type", exact=True).select_option("refund")
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table).to_contain_text("Pending")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    assert download.value.suggested_filename.startswith("transactions-")
    lines = download.value.path().read_text().strip().splitlines()
    assert lines[0].startswith("transaction_id,created_at,transaction_type")
    assert len(lines) == 2 and ",refund,pending,15.00," in lines[1]
    assert console_errors == []
