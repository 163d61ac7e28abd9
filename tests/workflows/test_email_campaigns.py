"""Admin custom emails: a segment sent in batches by CustomEmailCampaign with per-recipient
status, a cancel midway, no duplicate on a retried batch, and the API's refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from models import (
    CampaignRecipient,
    CampaignStatus,
    EmailCampaign,
    OutboundMessage,
    RecipientStatus,
    ResellerClient,
)
from models.identity import SystemRole
from services import campaigns
from services.campaigns import workflow_id
from services.messaging.notifier import OutboxNotifier
from tests.factories import login_headers, make_reseller, make_staff
from tests.workflows.conftest import Stack, poll
from workflows import queues

pytestmark = pytest.mark.stack_queues(queues.NOTIFICATIONS)


async def _segment(stack: Stack, clients: int) -> tuple[dict[str, str], int]:
    """Admin headers and a reseller with `clients` clients."""
    async with stack.sessionmaker() as db:
        admin = await make_staff(db, SystemRole.admin)
        reseller = await make_reseller(db)
        db.add_all(
            ResellerClient(
                reseller_id=reseller.id,
                client_name=f"Client {n}",
                client_email=f"client{n}@example.com",
                client_phone="+4791234567",
            )
            for n in range(clients)
        )
        await db.commit()
    return await login_headers(stack.api, admin), reseller.id


async def _finished(stack: Stack, auth: dict[str, str], campaign_id: int) -> dict[str, object]:
    url = f"/api/admin/emails/{campaign_id}/"

    async def done() -> bool:
        return (await stack.api.get(url, headers=auth)).json()["step"] in ("completed", "cancelled")

    assert await poll(done)
    body: dict[str, object] = (await stack.api.get(url, headers=auth)).json()
    return body


@pytest.mark.stack_settings(campaign_batch_size=2, campaign_messages_per_second=1000)
async def test_segment_is_sent_in_batches_with_per_recipient_status(stack: Stack) -> None:
    auth, reseller_id = await _segment(stack, 5)
    draft = {
        "subject": "News for {{ name }}",
        "body": "Hello {{ name }}, this goes to {{ email }}.",
        "segment": "reseller_clients",
        "segment_value": str(reseller_id),
    }
    preview = await stack.api.post("/api/admin/emails/preview/", headers=auth, json=draft)
    assert preview.json() == {
        "subject": "News for Client 0",
        "body": "Hello Client 0, this goes to client0@example.com.",
        "recipients": 5,
    }
    sent = await stack.api.post("/api/admin/emails/", headers=auth, json=draft)
    assert sent.status_code == 202, sent.text
    campaign_id = sent.json()["id"]
    finished = await _finished(stack, auth, campaign_id)
    assert (finished["status"], finished["counts"]) == (
        "completed",
        {"pending": 0, "sent": 5, "cancelled": 0},
    )
    recipients = await stack.api.get(f"/api/admin/emails/{campaign_id}/recipients/", headers=auth)
    assert [r["status"] for r in recipients.json()["items"]] == ["sent"] * 5
    async with stack.sessionmaker() as db:
        keys = list(
            await db.scalars(
                select(OutboundMessage.dedupe_key)
                .where(OutboundMessage.dedupe_key.like(f"campaign-{campaign_id}:%"))
                .order_by(OutboundMessage.dedupe_key)
            )
        )
        # A batch retried after its messages were recorded sends nobody a second copy.
        await db.execute(
            update(CampaignRecipient)
            .where(CampaignRecipient.campaign_id == campaign_id)
            .values(status=RecipientStatus.pending)
        )
        await db.execute(
            update(EmailCampaign)
            .where(EmailCampaign.id == campaign_id)
            .values(status=CampaignStatus.sending)
        )
        assert await campaigns.send_batch(db, OutboxNotifier(), campaign_id, 10) == 5
        again = await db.scalar(
            select(func.count())
            .select_from(OutboundMessage)
            .where(OutboundMessage.dedupe_key.like(f"campaign-{campaign_id}:%"))
        )
        await db.rollback()
    assert keys == [f"campaign-{campaign_id}:client{n}@example.com" for n in range(5)]
    assert again == 5


@pytest.mark.stack_settings(campaign_batch_size=1, campaign_messages_per_second=0.2)
async def test_cancel_midway_leaves_the_rest_unsent(stack: Stack) -> None:
    auth, reseller_id = await _segment(stack, 4)
    sent = await stack.api.post(
        "/api/admin/emails/",
        headers=auth,
        json={
            "subject": "Hi",
            "body": "Hello {{ name }}",
            "segment": "reseller_clients",
            "segment_value": str(reseller_id),
        },
    )
    campaign_id = sent.json()["id"]
    url = f"/api/admin/emails/{campaign_id}/"

    async def first_sent() -> bool:
        return (await stack.api.get(url, headers=auth)).json()["counts"]["sent"] == 1

    assert await poll(first_sent)
    cancelled = await stack.api.post(f"{url}cancel/", headers=auth)
    assert cancelled.status_code == 200, cancelled.text
    finished = await _finished(stack, auth, campaign_id)
    assert (finished["status"], finished["counts"]) == (
        "cancelled",
        {"pending": 0, "sent": 1, "cancelled": 3},
    )
    again = await stack.api.post(f"{url}cancel/", headers=auth)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "campaign_not_sending")
    # A batch, the throttle's timer, then the cancel signal.
    await stack.replay(workflow_id(campaign_id))


async def test_bad_drafts_and_non_admins_are_refused(stack: Stack) -> None:
    auth, _ = await _segment(stack, 1)
    base = {"subject": "Hi", "body": "Hello", "segment": "all_resellers"}
    cases = [
        ({**base, "segment": "martians"}, 422, "body.segment"),
        ({**base, "subject": ""}, 422, "body.subject"),
        ({**base, "body": "Hi {{ password }}"}, 422, "body.body"),
        ({**base, "body": "Hi {{ name.__class__ }}"}, 422, "body.body"),
        ({**base, "subject": "Hi {% if name %}"}, 422, "body.subject"),
        ({**base, "segment": "reseller_clients", "segment_value": "x"}, 422, "body.segment_value"),
    ]
    for body, status, field in cases:
        answer = await stack.api.post("/api/admin/emails/preview/", headers=auth, json=body)
        assert answer.status_code == status, (body, answer.text)
        assert answer.json()["error"]["details"][0]["field"] == field, answer.text
    async with stack.sessionmaker() as db:
        moderator = await make_staff(db, SystemRole.moderator)
    other = await login_headers(stack.api, moderator)
    refused = await stack.api.post("/api/admin/emails/", headers=other, json=base)
    assert refused.status_code == 403
    tested = await stack.api.post(
        "/api/admin/emails/test/",
        headers=auth,
        json={"subject": "T {{ name }}", "body": "B {{ email }}"},
    )
    assert tested.status_code == 204


async def test_a_recipient_the_email_does_not_render_for_is_skipped(stack: Stack) -> None:
    auth, reseller_id = await _segment(stack, 2)
    async with stack.sessionmaker() as db:
        db.add(
            ResellerClient(
                reseller_id=reseller_id,
                client_name="Bo",
                client_email="bo@example.com",
                client_phone="+4791234567",
            )
        )
        await db.commit()
    # The sample name has a third letter, so the draft is accepted; Bo's has none.
    sent = await stack.api.post(
        "/api/admin/emails/",
        headers=auth,
        json={
            "subject": "Hi {{ name[2] }}",
            "body": "Hello {{ name }}",
            "segment": "reseller_clients",
            "segment_value": str(reseller_id),
        },
    )
    assert sent.status_code == 202, sent.text
    finished = await _finished(stack, auth, sent.json()["id"])
    assert (finished["status"], finished["counts"]) == (
        "completed",
        {"pending": 0, "sent": 2, "cancelled": 1},
    )
    recipients = await stack.api.get(
        f"/api/admin/emails/{sent.json()['id']}/recipients/", headers=auth
    )
    assert sorted((r["email"], r["status"]) for r in recipients.json()["items"]) == [
        ("bo@example.com", "cancelled"),
        ("client0@example.com", "sent"),
        ("client1@example.com", "sent"),
    ]
