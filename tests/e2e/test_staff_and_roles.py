"""Managing people and what they may do: staff accounts, role permissions, the audit trail."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ConsoleErrors, LiveServer, log_in, screenshot

pytestmark = pytest.mark.e2e


def test_create_and_edit_a_staff_member(
    page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Staff").click()
    page.get_by_role("button", name="Add staff member").click()
    dialog = page.get_by_role("dialog", name="Add a staff member")
    expect(dialog.get_by_role("textbox", name="Email")).to_be_focused()

    # The form checks the API's rules first.
    dialog.get_by_role("button", name="Add staff member").click()
    expect(dialog.get_by_text("Enter an email address.")).to_be_visible()
    expect(dialog.get_by_text("Choose a role.")).to_be_visible()

    dialog.get_by_role("textbox", name="Email").fill("kim.support@example.org")
    dialog.get_by_role("textbox", name="First name").fill("Kim")
    dialog.get_by_role("textbox", name="Last name").fill("Nguyen")
    dialog.get_by_role("combobox", name="Role").select_option("support")
    dialog.get_by_label("Set a temporary password").check()
    dialog.get_by_label("Temporary password", exact=True).fill("temporary secret 2026")
    screenshot(page, "staff-add-light-desktop")
    dialog.get_by_role("button", name="Add staff member").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_text("Kim can log in with the temporary password now.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Kim Nguyen"))
    expect(row).to_contain_text("Support")
    expect(row).to_contain_text("Invited")

    # A duplicate is refused by the API, and the refusal is shown in the form.
    page.get_by_role("button", name="Add staff member").click()
    dialog = page.get_by_role("dialog", name="Add a staff member")
    dialog.get_by_role("textbox", name="Email").fill("kim.support@example.org")
    dialog.get_by_role("textbox", name="First name").fill("Kim")
    dialog.get_by_role("combobox", name="Role").select_option("support")
    dialog.get_by_role("button", name="Add staff member").click()
    expect(dialog.get_by_role("alert")).to_contain_text("already exists")
    dialog.get_by_role("button", name="Cancel").click()

    row.get_by_role("button", name="Actions for Kim Nguyen").click()
    page.get_by_role("menuitem", name="Edit").click()
    dialog = page.get_by_role("dialog", name="Edit Kim Nguyen")
    dialog.get_by_role("textbox", name="Last name").fill("Tran")
    dialog.get_by_role("combobox", name="Role").select_option("moderator")
    dialog.get_by_role("button", name="Save changes").click()
    expect(dialog).to_be_hidden()
    row = page.get_by_role("row", name=re.compile("Kim Tran"))
    expect(row).to_contain_text("Moderator")

    row.get_by_role("button", name="Actions for Kim Tran").click()
    page.get_by_role("menuitem", name="Deactivate").click()
    confirm = page.get_by_role("alertdialog", name="Deactivate this account?")
    expect(confirm.get_by_role("button", name="Cancel")).to_be_focused()
    confirm.get_by_role("button", name="Deactivate").click()
    expect(row).to_contain_text("Deactivated")

    staff = live_server.api("GET", "/api/admin/staff/").json()["items"]
    kim = next(s for s in staff if s["email"] == "kim.support@example.org")
    assert (kim["last_name"], kim["role"], kim["is_active"]) == ("Tran", "moderator", False)
    assert console_errors == [] or all("409" in e for e in console_errors)


def test_change_a_roles_permissions(page: Page, live_server: LiveServer) -> None:
    log_in(page)
    page.goto("/settings/roles")
    page.get_by_role("navigation", name="Roles").get_by_role(
        "button", name=re.compile("^Support")
    ).click()
    expect(page).to_have_url(re.compile(r"/settings/roles\?role=\d+$"))
    permission = page.get_by_role("checkbox", name=re.compile("^orders:update_status"))
    expect(permission).not_to_be_checked()
    save = page.get_by_role("button", name="Save role")
    expect(save).to_be_disabled()
    permission.check()
    page.get_by_role("checkbox", name=re.compile("^support:assign")).uncheck()
    screenshot(page, "roles-edit-light-desktop")
    save.click()
    expect(page.get_by_text("The Support role was saved.")).to_be_visible()
    expect(save).to_be_disabled()

    page.reload()
    expect(page.get_by_role("checkbox", name=re.compile("^orders:update_status"))).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile("^support:assign"))).not_to_be_checked()
    roles = live_server.api("GET", "/api/admin/roles/").json()
    support = next(r for r in roles if r["name"] == "support")
    assert "orders:update_status" in support["permissions"]
    assert "support:assign" not in support["permissions"]


def test_filter_the_audit_log(page: Page, live_server: LiveServer) -> None:
    # Something to find: a role change and a staff invitation, made through the API.
    roles = live_server.api("GET", "/api/admin/roles/").json()
    moderator = next(r for r in roles if r["name"] == "moderator")
    live_server.api(
        "PATCH", f"/api/admin/roles/{moderator['id']}/", json={"description": "Orders and tickets"}
    )
    live_server.api(
        "POST",
        "/api/admin/staff/",
        json={"email": "lee@example.org", "first_name": "Lee", "role": "support"},
    )

    log_in(page)
    page.goto("/logs/audit")
    table = page.get_by_role("table", name="Audit log")
    expect(table.get_by_text("role.updated")).to_be_visible()
    expect(table.get_by_text("staff.created")).to_be_visible()

    page.get_by_label("Action", exact=True).fill("role.updated")
    expect(page).to_have_url(re.compile(r"action=role.updated"))
    expect(table.get_by_role("row")).to_have_count(2)  # header + the one change
    expect(table).to_contain_text("Orders and tickets")
    expect(page.get_by_text("1 entry matches the filters")).to_be_visible()

    # Dates: today holds it; a range in the past does not.
    # The browser's time zone is the machine's, as is this local date.
    today = datetime.now().astimezone().date().isoformat()
    page.get_by_label("From", exact=True).fill(today)
    page.get_by_label("To", exact=True).fill(today)
    expect(table.get_by_role("row")).to_have_count(2)
    page.get_by_label("From", exact=True).fill("2020-01-01")
    page.get_by_label("To", exact=True).fill("2020-01-31")
    expect(page.get_by_text("No changes match")).to_be_visible()

    # The filters live in the URL: a reload (or a shared link) shows the same view.
    page.reload()
    expect(page.get_by_label("Action", exact=True)).to_have_value("role.updated")
    expect(page.get_by_label("From", exact=True)).to_have_value("2020-01-01")
    screenshot(page, "audit-filtered-light-desktop")

    page.get_by_role("button", name="Clear filters").click()
    expect(page.get_by_label("Action", exact=True)).to_have_value("")
    expect(table.get_by_text("staff.created")).to_be_visible()

    # Clicking a value filters by it.
    table.get_by_role("button", name="staff.created").click()
    expect(page.get_by_label("Action", exact=True)).to_have_value("staff.created")
    expect(table.get_by_role("row")).to_have_count(2)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    path = download.value.path()
    assert download.value.suggested_filename.startswith("audit-log-")
    lines = path.read_text().strip().splitlines()
    assert lines[0].startswith("id,created_at,actor_id")
    assert len(lines) == 2 and "staff.created" in lines[1]
