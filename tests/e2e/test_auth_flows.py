"""Logging in (with and without 2FA), out, and what the panel does when a session ends."""

from __future__ import annotations

import re

import httpx
import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    ADMIN_EMAIL,
    TOTP_EMAIL,
    TOTP_SECRET,
    ConsoleErrors,
    LiveServer,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.e2e


def test_log_in_with_password_then_log_out(page: Page, console_errors: ConsoleErrors) -> None:
    page.goto("/")
    # Not signed in: the panel asks to log in, remembering where the visitor was going.
    expect(page).to_have_url(re.compile(r"/login$"))
    screenshot(page, "login-light-desktop")

    log_in(page)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ada")

    page.get_by_role("button", name=re.compile("Ada Admin")).click()
    expect(page.get_by_text(ADMIN_EMAIL).first).to_be_visible()
    page.get_by_role("menuitem", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))

    page.goto("/settings/staff?page=1")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fsettings%2Fstaff%3Fpage%3D1$"))
    assert console_errors == []


def test_log_in_goes_back_to_the_page_asked_for(page: Page) -> None:
    page.goto("/logs/audit")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Flogs%2Faudit$"))
    page.get_by_label("Email or username").fill("ada")  # the username works too
    page.get_by_label("Password", exact=True).fill("e2e correct horse battery")
    page.get_by_label("Remember me").check()
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/logs/audit$"))
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    # Remembered: a reload (a new page load, access token gone) keeps the session.
    page.reload()
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()


def test_wrong_password_is_refused_with_a_message(page: Page) -> None:
    log_in(page, password="not the password", wait=False)
    expect(page.get_by_role("alert")).to_contain_text("email/username or password is incorrect")
    expect(page).to_have_url(re.compile(r"/login$"))


def test_log_in_with_two_factor(page: Page, console_errors: ConsoleErrors) -> None:
    log_in(page, email=TOTP_EMAIL, wait=False)
    code_field = page.get_by_label("Authentication code")
    expect(code_field).to_be_visible()
    screenshot(page, "login-2fa-light-desktop")
    code_field.fill("000000" if pyotp.TOTP(TOTP_SECRET).now() != "000000" else "111111")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("The code is not valid.")).to_be_visible()

    code_field.fill(pyotp.TOTP(TOTP_SECRET).now())
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Grace")
    # The refused code above logs a 401 in the console; nothing else may.
    assert [e for e in console_errors if "401" not in e] == []


def test_revoked_session_sends_back_to_login_keeping_the_page(
    page: Page, live_server: LiveServer
) -> None:
    log_in(page)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.get_by_role("link", name="Staff", exact=True).first.click()
    expect(page.get_by_role("heading", name="Staff")).to_be_visible()

    # Another device signs every session of this account out (a forced password reset does).
    admin = live_server.api_login()
    headers = {"Authorization": f"Bearer {admin['access_token']}"}
    own = httpx.get(f"{live_server.url}/api/auth/sessions/", headers=headers).json()
    for session in own:
        if not session["current"]:
            httpx.delete(f"{live_server.url}/api/auth/sessions/{session['id']}/", headers=headers)

    page.get_by_role("link", name="Roles & permissions").first.click()
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fsettings%2Froles$"))
    expect(page.get_by_text("Your session has ended")).to_be_visible()


@pytest.mark.server_settings(two_factor_required_roles=["super_admin"])
def test_role_requiring_two_factor_is_sent_to_enrol(page: Page) -> None:
    log_in(page)
    expect(page).to_have_url(re.compile(r"/setup-2fa$"))
    page.get_by_role("button", name="Set up two-factor").click()
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    screenshot(page, "setup-2fa-light-desktop")
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-factor").click()

    codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    continue_button = page.get_by_role("button", name="Continue to the dashboard")
    expect(continue_button).to_be_disabled()
    page.get_by_label("I have saved my recovery codes").check()
    continue_button.click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.goto("/settings")
    expect(page.get_by_text("On", exact=True)).to_be_visible()
