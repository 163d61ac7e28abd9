"""ResellerOnboarding against the real Temporal server: verification link, KYB document,
approval with limits and a welcome key that authenticates; rejection; expiry; reminders to
approvers; a manual status change that supersedes the onboarding."""

from __future__ import annotations

import asyncio
import random
import re

import pytest
from sqlalchemy import func, select

from models import (
    Account,
    ApiKey,
    Notification,
    OutboundMessage,
    Reseller,
)
from models.identity import SystemRole
from services.onboarding import workflow_id
from tests.factories import login_headers, make_staff
from tests.workflows.conftest import Stack, poll
from workflows import queues

pytestmark = pytest.mark.stack_queues(queues.ONBOARDING)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


async def _start(stack: Stack) -> tuple[dict[str, str], Account, dict[str, object]]:
    """Admin headers, the admin, and a new reseller (its onboarding started)."""
    async with stack.sessionmaker() as db:
        admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(stack.api, admin)
    suffix = random.randrange(10**9)  # noqa: S311
    created = await stack.api.post(
        "/api/resellers/",
        headers=auth,
        json={
            "business_name": "Harbor Telecom",
            "contact_person": "Jo Marsh",
            "email": f"sales-{suffix}@harbor.example.com",
            "phone": "+14155550123",
            "city": "Portland",
            "country": "US",
        },
    )
    assert created.status_code == 201, created.text
    assert (created.json()["status"], created.json()["onboarding_status"]) == (
        "pending",
        "collecting",
    )
    return auth, admin, created.json()


async def _email(stack: Stack, to: str, template: str) -> OutboundMessage:
    found: OutboundMessage | None = None

    async def sent() -> bool:
        nonlocal found
        async with stack.sessionmaker() as db:
            found = await db.scalar(
                select(OutboundMessage).where(
                    OutboundMessage.recipient == to, OutboundMessage.template == template
                )
            )
        return found is not None

    assert await poll(sent), f"no {template} email to {to}"
    assert found is not None
    return found


async def _onboarding(stack: Stack, auth: dict[str, str], reseller_id: object) -> dict[str, object]:
    answer = await stack.api.get(f"/api/resellers/{reseller_id}/onboarding/", headers=auth)
    assert answer.status_code == 200, answer.text
    body: dict[str, object] = answer.json()
    return body


async def _reach(
    stack: Stack, auth: dict[str, str], reseller_id: object, step: str, status: str | None = None
) -> None:
    """Until the workflow reports `step` and, given a `status`, its activity has also written
    that status to the reseller's row (the step shows before the activity has run)."""

    async def there() -> bool:
        state = await _onboarding(stack, auth, reseller_id)
        return state["step"] == step and status in (None, state["onboarding_status"])

    assert await poll(there), await _onboarding(stack, auth, reseller_id)


async def _result(stack: Stack, reseller_id: object) -> str:
    handle = stack.temporal.get_workflow_handle(workflow_id(int(str(reseller_id))))
    outcome: str = await asyncio.wait_for(handle.result(), 30)
    return outcome


async def _verify_and_document(
    stack: Stack, auth: dict[str, str], reseller: dict[str, object]
) -> None:
    link = (await _email(stack, str(reseller["email"]), "email_verification")).body
    token = re.search(r"/verify-email/(\S+)", link)
    assert token is not None, link
    verified = await stack.api.post("/api/auth/verify-email/", json={"token": token[1]})
    assert verified.status_code == 204, verified.text
    uploaded = await stack.api.post(
        f"/api/resellers/{reseller['id']}/documents/",
        headers=auth,
        data={"document_type": "business_registration"},
        files={"file": ("registration.pdf", PDF, "application/pdf")},
    )
    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["file"]["content_type"] == "application/pdf"
    await _reach(stack, auth, reseller["id"], "awaiting_decision", status="awaiting_decision")


async def test_verified_documented_approved_reseller_gets_a_working_key(stack: Stack) -> None:
    auth, admin, reseller = await _start(stack)
    early = await stack.api.post(
        f"/api/resellers/{reseller['id']}/onboarding/decision/",
        headers=auth,
        json={"approve": True, "credit_limit": "5000", "commission_rate": "7.5"},
    )
    assert (early.status_code, early.json()["error"]["code"]) == (409, "not_awaiting_decision")
    await _verify_and_document(stack, auth, reseller)
    state = await _onboarding(stack, auth, reseller["id"])
    assert state["onboarding_status"] == "awaiting_decision"
    assert state["email_verified_at"] is not None and state["documents_submitted_at"] is not None

    incomplete = await stack.api.post(
        f"/api/resellers/{reseller['id']}/onboarding/decision/",
        headers=auth,
        json={"approve": True, "credit_limit": "5000"},
    )
    assert incomplete.status_code == 422
    approved = await stack.api.post(
        f"/api/resellers/{reseller['id']}/onboarding/decision/",
        headers=auth,
        json={"approve": True, "credit_limit": "5000", "commission_rate": "7.5"},
    )
    assert approved.status_code == 202, approved.text
    assert await _result(stack, reseller["id"]) == "completed"

    detail = (await stack.api.get(f"/api/resellers/{reseller['id']}/", headers=auth)).json()
    assert (detail["status"], detail["credit_limit"], detail["commission_rate"]) == (
        "active",
        "5000.00",
        "7.50",
    )
    assert detail["onboarding_status"] == "completed"
    welcome = await _email(stack, str(reseller["email"]), "reseller_welcome")
    key = re.search(r"sdk_\S+", welcome.body)
    assert key is not None
    as_reseller = await stack.api.get("/api/catalog/plans/", headers={"X-API-Key": key[0]})
    assert as_reseller.status_code == 200, as_reseller.text
    async with stack.sessionmaker() as db:
        keys = list(
            await db.scalars(
                select(ApiKey)
                .join(Account, Account.id == ApiKey.account_id)
                .where(Account.reseller_id == reseller["id"])
            )
        )
        asked = await db.scalar(
            select(func.count())
            .select_from(Notification)
            .where(
                Notification.recipient_id == admin.id,
                Notification.category == "reseller_onboarding",
            )
        )
    assert [(k.name, k.key_hash != key[0]) for k in keys] == [("Welcome key", True)]
    assert asked == 1
    again = await stack.api.post(
        f"/api/resellers/{reseller['id']}/onboarding/decision/",
        headers=auth,
        json={"approve": False, "reason": "changed my mind"},
    )
    assert again.status_code == 409
    await stack.replay(workflow_id(int(str(reseller["id"]))))


async def test_rejected_reseller_is_suspended_and_told(stack: Stack) -> None:
    auth, _, reseller = await _start(stack)
    await _verify_and_document(stack, auth, reseller)
    no_reason = await stack.api.post(
        f"/api/resellers/{reseller['id']}/onboarding/decision/",
        headers=auth,
        json={"approve": False},
    )
    assert no_reason.status_code == 422
    rejected = await stack.api.post(
        f"/api/resellers/{reseller['id']}/onboarding/decision/",
        headers=auth,
        json={"approve": False, "reason": "documents do not match the business"},
    )
    assert rejected.status_code == 202
    assert await _result(stack, reseller["id"]) == "rejected"
    detail = (await stack.api.get(f"/api/resellers/{reseller['id']}/", headers=auth)).json()
    assert (detail["status"], detail["onboarding_status"], detail["status_reason"]) == (
        "suspended",
        "rejected",
        "documents do not match the business",
    )
    told = await _email(stack, str(reseller["email"]), "reseller_onboarding_closed")
    assert "documents do not match the business" in told.body


@pytest.mark.stack_settings(reseller_onboarding_expiry_seconds=2)
async def test_unfinished_onboarding_expires(stack: Stack) -> None:
    auth, _, reseller = await _start(stack)
    assert await _result(stack, reseller["id"]) == "expired"
    detail = (await stack.api.get(f"/api/resellers/{reseller['id']}/", headers=auth)).json()
    assert (detail["status"], detail["onboarding_status"]) == ("suspended", "expired")
    told = await _email(stack, str(reseller["email"]), "reseller_onboarding_closed")
    assert "not completed within" in told.body
    state = await _onboarding(stack, auth, reseller["id"])
    assert (state["step"], state["reminders_sent"]) == ("finished", 0)


@pytest.mark.stack_settings(reseller_onboarding_reminder_seconds=1)
async def test_approvers_are_reminded_until_someone_decides(stack: Stack) -> None:
    auth, admin, reseller = await _start(stack)
    await _verify_and_document(stack, auth, reseller)

    async def reminded_twice() -> bool:
        return (await _onboarding(stack, auth, reseller["id"]))["reminders_sent"] == 2

    assert await poll(reminded_twice)
    decided = await stack.api.post(
        f"/api/resellers/{reseller['id']}/onboarding/decision/",
        headers=auth,
        json={"approve": True, "credit_limit": "100", "commission_rate": "5"},
    )
    assert decided.status_code == 202
    assert await _result(stack, reseller["id"]) == "completed"
    reminders = (await _onboarding(stack, auth, reseller["id"]))["reminders_sent"]
    async with stack.sessionmaker() as db:
        titles = list(
            await db.scalars(
                select(Notification.title)
                .where(
                    Notification.recipient_id == admin.id,
                    Notification.category == "reseller_onboarding",
                )
                .order_by(Notification.id)
            )
        )
    assert len(titles) == 1 + int(str(reminders))
    assert titles[0] == "Harbor Telecom awaits approval as a reseller"
    assert titles[1] == "Reminder 1: Harbor Telecom awaits approval as a reseller"


async def test_manual_status_change_supersedes_the_onboarding(stack: Stack) -> None:
    auth, _, reseller = await _start(stack)
    await _email(stack, str(reseller["email"]), "email_verification")
    suspended = await stack.api.patch(
        f"/api/resellers/{reseller['id']}/status/",
        headers=auth,
        json={"status": "suspended", "reason": "Duplicate application"},
    )
    assert suspended.status_code == 200, suspended.text
    assert await _result(stack, reseller["id"]) == "superseded"
    detail = (await stack.api.get(f"/api/resellers/{reseller['id']}/", headers=auth)).json()
    assert (detail["status"], detail["onboarding_status"]) == ("suspended", "superseded")
    async with stack.sessionmaker() as db:
        owner_active = await db.scalar(
            select(Account.is_active).where(Account.reseller_id == reseller["id"])
        )
        reseller_row = await db.get(Reseller, reseller["id"])
    assert owner_active is False and reseller_row is not None


async def test_reseller_email_taken_by_a_login_is_refused(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(stack.api, admin)
    taken = await stack.api.post(
        "/api/resellers/",
        headers=auth,
        json={
            "business_name": "Copycat",
            "contact_person": "Al Copy",
            "email": admin.email,
            "phone": "+14155550123",
            "city": "Portland",
            "country": "US",
        },
    )
    assert (taken.status_code, taken.json()["error"]["code"]) == (409, "duplicate_email")
