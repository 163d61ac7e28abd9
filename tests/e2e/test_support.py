"""Support tickets in the panel: find a ticket, reply, add an internal note, assign it and
move it on; the API afterwards holds exactly what the browser did."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from core.settings import Settings
from models.identity import SystemRole
from models.session import create_engine, create_sessionmaker
from tests.e2e.conftest import WIDTHS, ConsoleErrors, LiveServer, log_in, screenshot
from tests.factories import make_account, make_staff

pytestmark = pytest.mark.e2e
SUBJECT = "eSIM does not activate"


@dataclass(frozen=True)
class Desk:
    ticket_id: int
    ticket_number: str
    agent_id: int


async def _seed_people(settings: Settings) -> tuple[int, int]:
    """An app user (Pat Buyer) and a support agent (Ada Lovelace)."""
    engine = create_engine(settings, pool_size=1, max_overflow=0)
    try:
        async with create_sessionmaker(engine)() as db:
            buyer = await make_account(db, SystemRole.customer)
            agent = await make_staff(db, SystemRole.support)
            assert buyer.public_user_id is not None
            return buyer.public_user_id, agent.id
    finally:
        await engine.dispose()


@pytest.fixture
def desk(live_server: LiveServer) -> Iterator[Desk]:
    # Before the browser fixture: sync Playwright keeps an event loop running in this thread.
    user_id, agent_id = asyncio.run(_seed_people(live_server.settings))
    for subject, priority in ((SUBJECT, "high"), ("Where is my SIM?", "low")):
        created = live_server.api(
            "POST",
            "/api/support/tickets/",
            json={
                "subject": subject,
                "description": "The QR code says it was used.",
                "priority": priority,
                "user_id": user_id,
            },
        )
        assert created.status_code == 201, created.text
        if subject == SUBJECT:
            ticket = created.json()
    yield Desk(ticket_id=ticket["id"], ticket_number=ticket["ticket_number"], agent_id=agent_id)


def test_reply_to_a_ticket_add_a_note_and_assign_it(
    desk: Desk, page: Page, live_server: LiveServer, console_errors: ConsoleErrors
) -> None:
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Support tickets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support tickets")
    table = page.get_by_role("table", name="Support tickets")
    expect(table.get_by_role("row")).to_have_count(3)  # header + two tickets
    page.get_by_label("Priority").select_option("high")
    expect(page).to_have_url(re.compile(r"priority=high"))
    expect(table.get_by_role("row")).to_have_count(2)
    expect(page.get_by_text("1 ticket matches the filters")).to_be_visible()
    screenshot(page, "support-tickets-filtered-light-desktop")

    table.get_by_role("link", name=SUBJECT).click()
    expect(page).to_have_url(re.compile(f"/support/tickets/{desk.ticket_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    thread = page.get_by_role("list", name="Replies")
    expect(page.get_by_text("No replies yet.")).to_be_visible()

    # An empty reply is refused before it is sent.
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Write a reply first.")).to_be_visible()
    page.get_by_role("textbox", name="Reply").fill("We are swapping your eSIM now.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Reply sent.")).to_be_visible()
    expect(thread.get_by_role("listitem", name="Reply by Ada Admin")).to_contain_text(
        "We are swapping your eSIM now."
    )

    page.get_by_label("Internal note (staff only)").check()
    page.get_by_role("textbox", name="Internal note").fill("Carrier ticket 4411.")
    page.get_by_role("button", name="Add note").click()
    note = thread.get_by_role("listitem", name="Internal note by Ada Admin")
    expect(note).to_contain_text("Internal note · staff only")
    expect(note).to_contain_text("Carrier ticket 4411.")

    page.get_by_label("Assigned to").select_option(label="Ada Lovelace")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_text("Assigned to Ada Lovelace.")).to_be_visible()

    page.get_by_role("radio", name="In progress").check()
    page.get_by_role("button", name="Update status").click()
    expect(page.get_by_text("The ticket is now in progress.")).to_be_visible()
    expect(page.get_by_role("radio", name="Resolved")).to_be_visible()
    screenshot(page, "support-ticket-details-light-desktop")
    page.set_viewport_size({"width": WIDTHS["mobile"], "height": 860})
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS["mobile"]
    screenshot(page, "support-ticket-details-light-mobile")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    detail = live_server.api("GET", f"/api/support/tickets/{desk.ticket_id}/").json()
    assert [(r["body"], r["is_internal"]) for r in detail["replies"]] == [
        ("We are swapping your eSIM now.", False),
        ("Carrier ticket 4411.", True),
    ]
    assert detail["assignee"]["id"] == desk.agent_id
    assert detail["status"] == "in_progress"

    page.get_by_role("link", name="Back to tickets").click()
    expect(page).to_have_url(re.compile(r"/support/tickets\?priority=high$"))
    assert console_errors == []
