"""The admin tools through the panel: global search, reseller onboarding (with a real onboarding
worker), outgoing webhook endpoints and imports; the API is checked for what the screens claim."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import OutboundMessage
from tests.e2e.conftest import (
    ADMIN_EMAIL,
    PRIVATE_QUEUES,
    WIDTHS,
    ConsoleErrors,
    LiveServer,
    log_in,
    running_worker,
    screenshot,
)
from tests.e2e.test_resellers_and_users import _in_database
from tests.factories import make_order, make_reseller
from workflows import queues

pytestmark = pytest.mark.e2e
T = TypeVar("T")
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _fits(page: Page, name: str) -> None:
    """Screenshots at every width; nothing widens the page past the screen."""
    for device, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
        screenshot(page, f"{name}-light-{device}")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def _eventually(check: Callable[[], T | None], timeout: float = 30) -> T:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if (found := check()) is not None:
            return found
        time.sleep(0.2)
    raise AssertionError(f"nothing after {timeout} s")


def test_global_search_finds_an_order(
    page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    async def build(db: AsyncSession) -> str:
        reseller = await make_reseller(db)
        return (await make_order(db, reseller_id=reseller.id)).order_number

    number = _in_database(live_server, build)
    log_in(page)
    box = page.get_by_role("combobox", name=re.compile("Search orders"))
    expect(box).to_be_visible()
    page.keyboard.press("/")
    expect(box).to_be_focused()
    box.fill(number)
    results = page.get_by_role("listbox", name="Search results")
    option = results.get_by_role("option", name=re.compile(number))
    expect(option).to_be_visible()
    expect(results.get_by_role("group", name="Orders")).to_be_visible()
    # Each word of the number is marked where it matched.
    expect(option.locator("mark")).to_have_text(number.split("-"))
    screenshot(page, "global-search-light-desktop")
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/orders/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(number)
    # On a phone the box still fits in the header, and its results in the screen.
    page.set_viewport_size({"width": WIDTHS["mobile"], "height": 900})
    box.fill(number[:8])
    expect(results.get_by_role("option").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS["mobile"]
    screenshot(page, "global-search-light-mobile")
    assert console_errors == []


@PRIVATE_QUEUES
def test_approve_an_onboarding_reseller(
    page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    with running_worker(live_server.settings, queues.ONBOARDING):
        email = f"sales-{uuid.uuid4().hex[:8]}@harbor.example.com"
        created = live_server.api(
            "POST",
            "/api/resellers/",
            json={
                "business_name": "Harbor Telecom",
                "contact_person": "Jo Marsh",
                "email": email,
                "phone": "+14155550123",
                "city": "Portland",
                "country": "US",
            },
        )
        assert created.status_code == 201, created.text
        reseller_id = created.json()["id"]

        async def verification_link(db: AsyncSession) -> str | None:
            body = await db.scalar(
                select(OutboundMessage.body).where(
                    OutboundMessage.recipient == email,
                    OutboundMessage.template == "email_verification",
                )
            )
            return body

        link = _eventually(lambda: _in_database(live_server, verification_link))
        token = re.search(r"/verify-email/(\S+)", link)
        assert token is not None, link
        verified = httpx.post(f"{live_server.url}/api/auth/verify-email/", json={"token": token[1]})
        assert verified.status_code == 204, verified.text

        log_in(page)
        page.goto(f"/resellers/{reseller_id}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Harbor Telecom")
        card = page.get_by_role("region", name="Onboarding")
        expect(card.get_by_text("To do: Documents submitted")).to_be_attached()
        upload = card.get_by_role("form", name="Upload a document")
        upload.get_by_label("Document type").select_option("business_registration")
        upload.get_by_label("File").set_input_files(
            {"name": "registration.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        upload.get_by_role("button", name="Upload").click()
        expect(card.get_by_role("link", name="registration.pdf")).to_be_visible()
        # The workflow takes the document and waits for a decision (the panel polls).
        approve = card.get_by_role("button", name="Approve")
        expect(approve).to_be_visible(timeout=30_000)
        # In onboarding, the page's bare "Approve" (a status change by hand) is not offered.
        expect(page.get_by_role("button", name="Approve")).to_have_count(1)
        _fits(page, "reseller-onboarding")

        approve.click()
        dialog = page.get_by_role("dialog", name="Approve Harbor Telecom?")
        dialog.get_by_label(re.compile("Credit limit")).fill("2500")
        dialog.get_by_label(re.compile("Commission")).fill("7.5")
        dialog.get_by_role("button", name="Approve").click()
        expect(
            card.get_by_text("Decision sent: the onboarding workflow is applying it.")
        ).to_be_visible()
        expect(card.get_by_text("To do: Decision")).to_have_count(0, timeout=30_000)
        expect(card.get_by_text("Completed").first).to_be_visible()
        expect(page.get_by_role("region", name="Profile").get_by_text("Active")).to_be_visible()

        detail = live_server.api("GET", f"/api/resellers/{reseller_id}/").json()
        assert (detail["status"], detail["onboarding_status"]) == ("active", "completed")
        assert (detail["credit_limit"], detail["commission_rate"]) == ("2500.00", "7.50")
    assert console_errors == []


def test_add_a_webhook_endpoint_and_see_its_secret_once(
    page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Webhooks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webhooks")
    expect(page.get_by_text("No webhook endpoints yet")).to_be_visible()
    page.get_by_role("button", name="Add endpoint").click()
    dialog = page.get_by_role("dialog", name="Add webhook endpoint")
    # Checked before anything is sent.
    dialog.get_by_label("URL").fill("shop.example.com/hooks")
    dialog.get_by_label(re.compile("A payment is captured")).check()
    dialog.get_by_role("button", name="Add endpoint").click()
    expect(dialog.get_by_text("Use a full http:// or https:// URL.")).to_be_visible()
    dialog.get_by_label("URL").fill("https://shop.example.com/simdesk-hooks")
    dialog.get_by_label("Description").fill("Shop ERP")
    dialog.get_by_role("button", name="Add endpoint").click()

    shown = page.get_by_role("dialog", name="Webhook endpoint added")
    secret = shown.get_by_label("Signing secret").input_value()
    assert len(secret) >= 20, secret
    screenshot(page, "webhook-secret-light-desktop")
    shown.get_by_role("button", name="I have stored the secret").click()
    expect(page.get_by_role("dialog")).to_have_count(0)

    table = page.get_by_role("table", name="Webhook endpoints")
    link = table.get_by_role("link", name="https://shop.example.com/simdesk-hooks")
    expect(link).to_be_visible()
    # Only the secret's first characters are ever shown again.
    expect(page.get_by_text(secret)).to_have_count(0)
    listed = live_server.api("GET", "/api/settings/webhooks/").json()["items"]
    assert [(e["url"], e["event_types"], e["description"]) for e in listed] == [
        (
            "https://shop.example.com/simdesk-hooks",
            ["order.status_changed", "payment.captured"],
            "Shop ERP",
        )
    ]
    assert secret.startswith(listed[0]["secret_prefix"]) and "secret" not in listed[0]
    _fits(page, "webhooks")

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Shop ERP")
    expect(page.get_by_role("table", name="Delivery log")).to_be_visible()
    _fits(page, "webhook-details")
    assert console_errors == []


CSV_HEADER = "business_name,contact_person,email,phone,city,country\n"


def test_dry_run_an_import_with_an_error_then_import(
    page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Resellers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resellers")
    page.get_by_role("button", name="Import").click()
    dialog = page.get_by_role("dialog", name="Import resellers")
    good = "Quayside Mobile,Ann Lee,ann@quayside.example.com,+14155550101,Boston,US\n"
    bad = "Pier Telecom,Bo Chan,not-an-email,+14155550102,Boston,US\n"
    dialog.get_by_label("File").set_input_files(
        {
            "name": "resellers.csv",
            "mimeType": "text/csv",
            "buffer": (CSV_HEADER + good + bad).encode(),
        }
    )
    dialog.get_by_role("button", name="Check file").click()
    errors = dialog.get_by_role("table", name="Errors in the file")
    expect(errors.get_by_role("row")).to_have_count(2)
    expect(errors.get_by_role("row").nth(1)).to_contain_text("2email")
    expect(dialog.get_by_role("button", name=re.compile(r"^Import \d"))).to_have_count(0)
    screenshot(page, "import-errors-light-desktop")
    assert live_server.api("GET", "/api/resellers/").json()["total"] == 0

    fixed = bad.replace("not-an-email", "bo@pier.example.com")
    dialog.get_by_label("File").set_input_files(
        {
            "name": "resellers.csv",
            "mimeType": "text/csv",
            "buffer": (CSV_HEADER + good + fixed).encode(),
        }
    )
    dialog.get_by_role("button", name="Check file").click()
    expect(dialog.get_by_text("All 2 rows passed the checks.")).to_be_visible()
    dialog.get_by_role("button", name="Import 2 rows").click()
    expect(page.get_by_text("2 rows imported into resellers.")).to_be_visible()
    table = page.get_by_role("table", name="Resellers")
    expect(table.get_by_role("link", name="Quayside Mobile")).to_be_visible()
    expect(table.get_by_role("link", name="Pier Telecom")).to_be_visible()
    names = {r["business_name"] for r in live_server.api("GET", "/api/resellers/").json()["items"]}
    assert names == {"Quayside Mobile", "Pier Telecom"}
    assert console_errors == []


@PRIVATE_QUEUES
def test_compose_preview_and_send_a_custom_email(
    page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    with running_worker(live_server.settings, queues.NOTIFICATIONS):
        log_in(page)
        page.get_by_role("navigation", name="Main").get_by_role(
            "link", name="Custom emails"
        ).click()
        expect(page.get_by_text("No emails sent yet")).to_be_visible()
        page.get_by_role("button", name="Compose").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Compose email")
        page.get_by_label("Email address").fill(ADMIN_EMAIL)
        page.get_by_label("Subject").fill("Welcome aboard, {{ name }}")
        page.get_by_label("Message").fill("Hello {{ nmae }},")
        page.get_by_role("button", name="Preview").click()
        expect(page.get_by_text("{{ nmae }} is not a variable", exact=False)).to_be_visible()
        page.get_by_label("Message").fill("Hello {{ name }}, your address is {{ email }}.")
        page.get_by_role("button", name="Preview").click()
        preview = page.get_by_role("region", name="Preview")
        expect(preview.get_by_text("1 recipient")).to_be_visible()
        expect(preview.get_by_text("Welcome aboard, Ada Admin")).to_be_visible()
        expect(
            preview.get_by_text(f"Hello Ada Admin, your address is {ADMIN_EMAIL}.")
        ).to_be_visible()
        _fits(page, "email-compose")

        page.get_by_role("button", name="Send test to me").click()
        expect(page.get_by_text(f"A test was sent to {ADMIN_EMAIL}.")).to_be_visible()
        page.get_by_role("button", name="Send…").click()
        page.get_by_role("alertdialog", name="Send this email?").get_by_role(
            "button", name="Send"
        ).click()
        expect(page).to_have_url(re.compile(r"/emails/\d+$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Welcome aboard, {{ name }}")
        progress = page.get_by_role("progressbar", name="Sent")
        expect(progress).to_have_attribute("aria-valuetext", "1 of 1 sent", timeout=30_000)
        expect(page.get_by_role("button", name="Cancel sending")).to_have_count(0)
        expect(page.get_by_role("table", name="Recipients")).to_contain_text(ADMIN_EMAIL)
        _fits(page, "email-details")
    assert console_errors == []
