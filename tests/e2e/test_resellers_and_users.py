"""Customers: adding, editing and suspending a reseller, and blocking an app user, through the
panel; the API is checked afterwards for what the screens claim."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncSession

from models import OrderStatus, ResellerClient
from models.identity import SystemRole
from models.session import create_engine, create_sessionmaker
from tests.e2e.conftest import (
    PRIVATE_QUEUES,
    WIDTHS,
    ConsoleErrors,
    LiveServer,
    log_in,
    running_worker,
    screenshot,
)
from tests.factories import make_account, make_order, make_plan, make_reseller
from workflows import queues

pytestmark = pytest.mark.e2e
T = TypeVar("T")


@dataclass(frozen=True)
class Customers:
    busy_reseller: str
    app_user_id: int


def _in_database(server: LiveServer, build: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Runs `build` against the live server's database. In a thread of its own: the sync
    Playwright of the test keeps an event loop running in this one."""

    async def run() -> T:
        engine = create_engine(server.settings, pool_size=1, max_overflow=0)
        try:
            async with create_sessionmaker(engine)() as db:
                return await build(db)
        finally:
            await engine.dispose()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result()


@pytest.fixture
def customers(live_server: LiveServer) -> Customers:
    """A reseller with an open order (so it cannot be deleted) and an app user who ordered."""

    async def build(db: AsyncSession) -> Customers:
        busy = await make_reseller(db, business_name="Busy Bee Mobile")
        await make_order(db, reseller_id=busy.id, status=OrderStatus.pending)
        account = await make_account(db, SystemRole.customer)
        assert account.public_user_id is not None
        await make_order(db, user_id=account.public_user_id)
        return Customers(busy_reseller=busy.business_name, app_user_id=account.public_user_id)

    return _in_database(live_server, build)


def _assert_fits(page: Page, width: int) -> None:
    # Responsive: nothing widens the page past the screen (tables scroll inside).
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _screenshots(page: Page, name: str) -> None:
    for device, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        _assert_fits(page, width)
        screenshot(page, f"{name}-light-{device}")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


@pytest.fixture
def onboarding_worker(live_server: LiveServer) -> Iterator[None]:
    """A new reseller starts its onboarding workflow, which the details page follows."""
    with running_worker(live_server.settings, queues.ONBOARDING):
        yield


@PRIVATE_QUEUES
def test_add_edit_and_suspend_a_reseller(
    customers: Customers,
    page: Page,
    live_server: LiveServer,
    console_errors: ConsoleErrors,
    onboarding_worker: None,
) -> None:
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Resellers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resellers")
    page.get_by_role("button", name="Add reseller").click()
    expect(page).to_have_url(re.compile(r"/resellers/add$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add reseller")

    # The form checks the API's rules first.
    page.get_by_role("button", name="Add reseller").click()
    expect(page.get_by_text("Enter an email address.")).to_be_visible()
    expect(page.get_by_role("textbox", name="Business name")).to_be_focused()

    page.get_by_role("textbox", name="Business name").fill("Harbor Telecom")
    page.get_by_role("textbox", name="Contact person").fill("Jo Marsh")
    page.get_by_role("textbox", name="Email").fill("Sales@Harbor.example")
    page.get_by_role("textbox", name="Phone").fill("+1 415 555 0199")
    page.get_by_role("textbox", name="Street address").fill("12 Pier Road")
    page.get_by_role("textbox", name="City").fill("Portland")
    page.get_by_role("textbox", name="Country").fill("US")
    page.get_by_role("textbox", name="Credit limit").fill("2500")
    page.get_by_role("textbox", name="Commission (%)").fill("7.5")
    _screenshots(page, "reseller-add")
    page.get_by_role("button", name="Add reseller").click()

    expect(page).to_have_url(re.compile(r"/resellers/\d+$"))
    reseller_id = int(page.url.rsplit("/", 1)[1])
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbor Telecom")
    profile = page.get_by_role("region", name="Profile")
    expect(profile).to_contain_text("Pending")
    expect(profile).to_contain_text("sales@harbor.example")

    page.get_by_role("button", name="Edit").click()
    expect(page).to_have_url(re.compile(rf"/resellers/{reseller_id}/edit$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit Harbor Telecom")
    expect(page.get_by_role("textbox", name="Contact person")).to_have_value("Jo Marsh")
    page.get_by_role("textbox", name="Contact person").fill("Jo March")
    page.get_by_role("textbox", name="Credit limit").fill("4000")
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_url(re.compile(rf"/resellers/{reseller_id}$"))
    figures = page.get_by_label("Figures")
    expect(figures).to_contain_text("$4,000.00")
    expect(page.get_by_text("Jo March · Portland, US")).to_be_visible()

    page.get_by_role("button", name="Suspend").click()
    dialog = page.get_by_role("dialog", name="Suspend this reseller?")
    expect(dialog.get_by_role("textbox", name="Reason")).to_be_focused()
    dialog.get_by_role("button", name="Suspend").click()
    expect(dialog.get_by_text("Say why in at least 3 characters.")).to_be_visible()
    dialog.get_by_role("textbox", name="Reason").fill("Unpaid invoices since March")
    dialog.get_by_role("button", name="Suspend").click()
    expect(dialog).to_be_hidden()
    expect(profile).to_contain_text("Suspended")
    expect(profile).to_contain_text("Unpaid invoices since March")
    expect(page.get_by_role("button", name="Reactivate")).to_be_visible()

    page.get_by_role("tab", name="Activity").click()
    expect(page).to_have_url(re.compile(r"\?tab=activity$"))
    activity = page.get_by_role("table", name="Changes to this reseller")
    expect(activity.get_by_role("row")).to_have_count(4)  # header, created, updated, suspended
    expect(activity).to_contain_text("reseller.status_changed")
    expect(activity).to_contain_text("Unpaid invoices since March")
    _screenshots(page, "reseller-details")

    # The list finds it by its status; a reseller with an open order cannot be deleted.
    page.get_by_role("link", name="Resellers").first.click()
    page.get_by_role("combobox", name="Status").select_option("suspended")
    table = page.get_by_role("table", name="Resellers")
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table).to_contain_text("Harbor Telecom")
    page.get_by_role("button", name="Clear filters").click()
    page.get_by_label("Search", exact=True).fill("Busy Bee")
    expect(page).to_have_url(re.compile(r"\?search=Busy\+Bee$"))
    row = table.get_by_role("row", name=re.compile(customers.busy_reseller))
    expect(table.get_by_role("row")).to_have_count(2)
    actions = row.get_by_role("button", name=f"Actions for {customers.busy_reseller}")
    # Scrolled into view first: the menu closes when the table scrolls under it.
    actions.scroll_into_view_if_needed()
    actions.click()
    page.get_by_role("menuitem", name="Delete").click()
    confirm = page.get_by_role("alertdialog", name="Delete this reseller?")
    confirm.get_by_role("button", name="Delete").click()
    expect(confirm.get_by_role("alert")).to_have_text("The reseller has 1 open order(s).")
    confirm.get_by_role("button", name="Cancel").click()
    expect(row).to_be_visible()
    _screenshots(page, "resellers")

    saved = live_server.api("GET", f"/api/resellers/{reseller_id}/").json()
    assert (saved["contact_person"], saved["credit_limit"], saved["commission_rate"]) == (
        "Jo March",
        "4000.00",
        "7.50",
    )
    assert (saved["status"], saved["status_reason"]) == ("suspended", "Unpaid invoices since March")
    assert all("409" in error for error in console_errors), console_errors


def test_block_an_app_user(
    customers: Customers, page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="App users").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("App users")
    page.get_by_label("City", exact=True).fill("Denver")
    expect(page).to_have_url(re.compile(r"\?city=Denver$"))
    table = page.get_by_role("table", name="App users")
    expect(table.get_by_role("row")).to_have_count(2)
    table.get_by_role("link", name="Pat Buyer").click()
    expect(page).to_have_url(re.compile(rf"/users/{customers.app_user_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pat Buyer")
    orders = page.get_by_role("table", name="Orders of Pat Buyer")
    expect(orders.get_by_role("row")).to_have_count(2)
    expect(orders).to_contain_text("Travel 10GB")
    page.get_by_role("tab", name="Support tickets").click()
    expect(page.get_by_text("No support tickets")).to_be_visible()

    page.get_by_role("button", name="Block").click()
    dialog = page.get_by_role("dialog", name="Block this user?")
    dialog.get_by_role("textbox", name="Reason").fill("Chargeback fraud")
    dialog.get_by_role("button", name="Block").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_text("Pat Buyer was blocked.")).to_be_visible()
    profile = page.get_by_role("region", name="Profile")
    expect(profile).to_contain_text("Blocked")
    expect(profile).to_contain_text("Chargeback fraud")
    expect(profile).to_contain_text("Cannot sign in")
    expect(page.get_by_role("button", name="Unblock")).to_be_visible()
    _screenshots(page, "user-details")

    user = live_server.api("GET", f"/api/users/{customers.app_user_id}/").json()
    assert (user["status"], user["status_reason"], user["login_active"]) == (
        "blocked",
        "Chargeback fraud",
        False,
    )
    assert console_errors == []


@pytest.fixture
def reseller_client(live_server: LiveServer) -> int:
    """A reseller's client on a plan, three of its ten orders this month used."""

    async def build(db: AsyncSession) -> int:
        reseller = await make_reseller(db, business_name="Coastal Connect")
        plan = await make_plan(db)
        client = ResellerClient(
            reseller_id=reseller.id,
            client_name="Mira Okafor",
            client_email="mira@example.org",
            client_phone="+14155550177",
            plan_id=plan.id,
            monthly_limit=10,
            current_usage=3,
        )
        db.add(client)
        await db.commit()
        return client.id

    return _in_database(live_server, build)


def test_open_a_client_from_the_clients_list(
    reseller_client: int, page: Page, console_errors: ConsoleErrors
) -> None:
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clients")
    page.get_by_label("Search", exact=True).fill("Okafor")
    expect(page).to_have_url(re.compile(r"\?search=Okafor$"))
    table = page.get_by_role("table", name="Clients")
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table).to_contain_text("3 of 10")
    table.get_by_role("link", name="Mira Okafor").click()

    expect(page).to_have_url(re.compile(rf"/clients/{reseller_client}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mira Okafor")
    expect(page.get_by_role("heading", level=2, name="Client details")).to_be_visible()
    expect(page.get_by_role("link", name="Coastal Connect")).to_have_attribute(
        "href", re.compile(r"/resellers/\d+$")
    )
    expect(page.get_by_text("Nordic 20GB")).to_be_visible()
    expect(page.get_by_text("10 orders")).to_be_visible()  # the monthly limit
    expect(page.get_by_text("3 of 10")).to_be_visible()
    usage = page.get_by_role("meter", name="Orders this month")
    expect(usage).to_have_attribute("aria-valuenow", "3")
    expect(page.get_by_role("button", name="Edit")).to_be_visible()
    _screenshots(page, "client-details")

    # Back to the list as it was left, filters and all.
    page.get_by_role("link", name="Back to clients").click()
    expect(page).to_have_url(re.compile(r"/clients\?search=Okafor$"))
    expect(table.get_by_role("row")).to_have_count(2)
    assert console_errors == []
