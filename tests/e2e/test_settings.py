"""System settings in the panel: a pricing change, the brand colour applied live, and an API
key created (shown once) and revoked; the API afterwards holds what the browser did."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import ConsoleErrors, LiveServer, log_in, screenshot

pytestmark = pytest.mark.e2e


def _settings(server: LiveServer, group: str) -> dict[str, object]:
    answer = server.api("GET", "/api/settings/").json()
    return {s["name"]: s["value"] for s in answer[group]}


def _orders_status(server: LiveServer, key: str) -> int:
    return httpx.get(f"{server.url}/api/orders/", headers={"X-API-Key": key}).status_code


def test_change_pricing_and_brand_colour(
    page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    log_in(page)
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Pricing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pricing")
    tax = page.get_by_role("textbox", name="Tax rate (%)")
    tax.fill("150")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Use 100 or less.")).to_be_visible()
    tax.fill("7.5")
    page.get_by_role("textbox", name="Delivery fee").fill("4.99")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    assert _settings(live_server, "pricing") == {
        "tax_rate": 7.5,
        "delivery_fee": 4.99,
        "service_charge": 0,
    }
    screenshot(page, "settings-pricing-light-desktop")

    # The colour shows on the panel while it is picked, and sticks once saved.
    nav.get_by_role("link", name="Branding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Branding")
    page.get_by_label("Primary colour").fill("#0f766e")
    brand = "getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()"
    assert page.evaluate(brand) == "#0f766e"
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    public = httpx.get(f"{live_server.url}/api/settings/public/").json()
    assert public["values"]["branding.primary_color"] == "#0f766e"
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Branding")
    page.wait_for_function(f"{brand} === '#0f766e'")
    screenshot(page, "settings-branding-light-desktop")
    assert console_errors == []


def test_create_an_api_key_shown_once_and_revoke_it(
    context: BrowserContext, page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="API keys").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API keys")
    expect(page.get_by_text("No API keys yet")).to_be_visible()

    page.get_by_role("button", name="Create API key").click()
    dialog = page.get_by_role("dialog", name="Create API key")
    dialog.get_by_role("button", name="Create key").click()
    expect(dialog.get_by_text("Choose at least one permission.")).to_be_visible()
    dialog.get_by_role("textbox", name="Name").fill("Warehouse")
    dialog.get_by_role("checkbox", name="orders:read").check()
    dialog.get_by_role("button", name="Create key").click()

    shown = page.get_by_role("dialog", name="API key “Warehouse” created")
    key = shown.get_by_role("textbox", name="Key").input_value()
    assert key
    shown.get_by_role("button", name="Copy").click()
    expect(shown.get_by_text("Copied to the clipboard.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == key
    screenshot(page, "settings-api-key-created-light-desktop")
    shown.get_by_role("button", name="I have stored the key").click()
    expect(shown).to_be_hidden()
    # The key works, as the account that made it, within its scope.
    assert _orders_status(live_server, key) == 200

    table = page.get_by_role("table", name="API keys")
    expect(table.get_by_role("row")).to_have_count(2)
    expect(page.get_by_text(key)).to_have_count(0)  # never shown again
    page.get_by_role("button", name="Revoke Warehouse").click()
    page.get_by_role("alertdialog", name="Revoke “Warehouse”?").get_by_role(
        "button", name="Revoke key"
    ).click()
    expect(page.get_by_text("API key “Warehouse” revoked.")).to_be_visible()
    expect(table.get_by_text("Revoked")).to_be_visible()
    assert _orders_status(live_server, key) == 401
    keys = live_server.api("GET", "/api/settings/api-keys/").json()["items"]
    assert [(k["name"], k["status"], k["scopes"]) for k in keys] == [
        ("Warehouse", "revoked", ["orders:read"])
    ]
    assert console_errors == []
