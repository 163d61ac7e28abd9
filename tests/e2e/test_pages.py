"""Every page in the sidebar renders, without console errors, at desktop and phone widths in
both themes (screenshots in test-artifacts/screenshots/); the theme toggle is remembered."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import WIDTHS, ConsoleErrors, LiveServer, screenshot, signed_in_context

pytestmark = pytest.mark.e2e
DARK = re.compile(r"\bdark\b")

# (sidebar link, URL path, page heading)
SIDEBAR: list[tuple[str, str, str | re.Pattern[str]]] = [
    ("Dashboard", "/dashboard", re.compile(r"^Good (morning|afternoon|evening), Ada$")),
    ("Resellers", "/resellers", "Resellers"),
    ("Clients", "/clients", "Clients"),
    ("App users", "/users", "App users"),
    ("Orders", "/orders", "Orders"),
    ("Transactions", "/transactions", "Transactions"),
    ("Reports", "/reports", "Reports"),
    ("Scheduled reports", "/reports/schedules", "Scheduled reports"),
    ("Plans", "/plans", "Plans"),
    ("Support tickets", "/support/tickets", "Support tickets"),
    ("Custom emails", "/emails", "Custom emails"),
    ("Activity log", "/logs/activity", "Activity log"),
    ("Audit log", "/logs/audit", "Audit log"),
    ("My account", "/settings", "My account"),
    ("Pricing", "/settings/pricing", "Pricing"),
    ("Notifications", "/settings/notifications", "Notifications"),
    ("API keys", "/settings/api", "API keys"),
    ("Webhooks", "/settings/webhooks", "Webhooks"),
    ("Branding", "/settings/branding", "Branding"),
    ("Staff", "/settings/staff", "Staff"),
    ("Roles & permissions", "/settings/roles", "Roles & permissions"),
]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_sidebar_page_renders(browser: Browser, live_server: LiveServer, theme: str) -> None:
    """The OS preference (`color_scheme`) picks the theme until the user toggles it."""
    for device, width in WIDTHS.items():
        context = signed_in_context(
            browser, live_server, viewport={"width": width, "height": 860}, color_scheme=theme
        )
        page = context.new_page()
        errors = ConsoleErrors()
        errors.watch(page)
        page.goto("/dashboard")
        html = expect(page.locator("html"))
        (html.to_have_class if theme == "dark" else html.not_to_have_class)(DARK)
        for link, path, heading in SIDEBAR:
            if device == "mobile":
                page.get_by_role("button", name="Open navigation").click()
                nav = page.get_by_role("dialog", name="Navigation")
            else:
                nav = page.get_by_role("navigation", name="Main")
            nav.get_by_role("link", name=link, exact=True).click()
            expect(page).to_have_url(re.compile(f"{re.escape(path)}$"))
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            page.wait_for_load_state("networkidle")
            expect(page.get_by_role("status").filter(has_text="Loading")).to_have_count(0)
            expect(page.locator("[aria-busy=true]")).to_have_count(0)
            # Responsive: nothing widens the page past the screen (tables scroll inside).
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            name = path.strip("/").replace("/", "-")
            screenshot(page, f"{name}-{theme}-{device}")
        assert errors == [], f"console errors on {device}/{theme}: {errors}"
        context.close()


def test_theme_toggle_is_remembered_and_saved(
    page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    from tests.e2e.conftest import log_in

    log_in(page)
    html = page.locator("html")
    expect(html).not_to_have_class(DARK)
    page.get_by_role("button", name="Switch to dark theme").click()
    expect(html).to_have_class(DARK)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(html).to_have_class(DARK)
    page.get_by_role("button", name="Switch to light theme").click()
    expect(html).not_to_have_class(DARK)
    page.get_by_role("button", name="Switch to dark theme").click()
    expect(html).to_have_class(DARK)
    # Saved to the account too, so it follows the user to other devices.
    for _ in range(50):
        theme = live_server.api("GET", "/api/auth/user/").json()["preferences"].get("theme")
        if theme == "dark":
            break
        page.wait_for_timeout(100)
    assert theme == "dark"
    assert console_errors == []


def test_unknown_page_says_so(page: Page) -> None:
    from tests.e2e.conftest import log_in

    log_in(page)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.goto("/no-such-page")
    expect(page.get_by_text("This page does not exist")).to_be_visible()
