"""Custom emails from staff to one person or a segment. The subject and body are Jinja2
templates that may use only the `{{ name }}` and `{{ email }}` variables (checked like template
overrides are). The segment is
copied into recipient rows when the campaign is created; the CustomEmailCampaign workflow then
sends them in batches, each message with the dedupe key `campaign-<id>:<email>`, so a retried
batch never sends anyone a second copy."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound, ValidationFailed
from models import (
    Account,
    CampaignRecipient,
    CampaignStatus,
    EmailCampaign,
    PublicUser,
    RecipientStatus,
    Reseller,
    ResellerClient,
    ResellerStatus,
    Segment,
    SimOrder,
    SimPlan,
)
from services import audit
from services.messaging import rendering
from services.messaging.notifier import Notifier
from services.querying import counted_page

logger = logging.getLogger("simdesk.campaigns")

# The variables an email may use, as a preview shows them when the segment is empty.
SAMPLE = {"name": "Alex Example", "email": "alex@example.com"}
NEEDS_VALUE = {
    Segment.person: "an email address",
    Segment.plan_users: "a plan id",
    Segment.city_users: "a city",
    Segment.reseller_clients: "a reseller id",
}


def workflow_id(campaign_id: int) -> str:
    return f"email-campaign-{campaign_id}"


def check_text(subject: str, body: str) -> None:
    problems = rendering.problems("body.subject", subject, SAMPLE) + rendering.problems(
        "body.body", body, SAMPLE
    )
    if problems:
        raise ValidationFailed(
            "The email uses variables it may not."
            if any(p["type"] == "unknown_variable" for p in problems)
            else "The email is not a valid template.",
            code="invalid_template",
            details=problems,
        )


def render(subject: str, body: str, recipient: dict[str, str]) -> dict[str, str]:
    context = {"name": recipient.get("name") or recipient["email"], "email": recipient["email"]}
    return {
        "subject": rendering.render_subject(subject, context),
        "body": rendering.render(body, context),
    }


def _render_draft(subject: str, body: str, recipient: dict[str, str]) -> dict[str, str]:
    """render() for staff looking at their draft: a value that does not fit is theirs to fix."""
    try:
        return render(subject, body, recipient)
    except rendering.RenderFailed as exc:
        raise ValidationFailed(
            f"The email does not render for {recipient['email']}: {exc}",
            code="invalid_template",
            details=[{"field": "body", "message": str(exc), "type": "render_error"}],
        ) from exc


def _int_value(segment: Segment, value: str) -> int:
    if not value.isdigit():
        raise _bad_value(segment)
    return int(value)


def _bad_value(segment: Segment) -> ValidationFailed:
    return ValidationFailed(
        f"The {segment.value} segment needs {NEEDS_VALUE[segment]}.",
        code="invalid_segment",
        details=[{"field": "body.segment_value", "message": f"needs {NEEDS_VALUE[segment]}"}],
    )


async def audience(db: AsyncSession, segment: Segment, value: str) -> Select[str, Any]:
    """(email, name) of everyone in the segment, each address once."""
    if segment in NEEDS_VALUE and not value:
        raise _bad_value(segment)
    query: Select[str, Any]
    if segment is Segment.person:
        if "@" not in value:
            raise _bad_value(segment)
        email = value.strip().lower()
        known = select(func.trim(func.concat(Account.first_name, " ", Account.last_name))).where(
            Account.email == email
        )
        query = select(literal(email).label("email"), func.coalesce(known.scalar_subquery(), ""))
    elif segment in (Segment.all_resellers, Segment.active_resellers):
        query = select(Reseller.email, Reseller.contact_person).where(Reseller.deleted_at.is_(None))
        if segment is Segment.active_resellers:
            query = query.where(Reseller.status == ResellerStatus.active)
    elif segment is Segment.plan_users:
        plan_id = _int_value(segment, value)
        if await db.get(SimPlan, plan_id) is None:
            raise _bad_value(segment)
        buyers = select(SimOrder.user_id).where(SimOrder.plan_id == plan_id)
        query = select(PublicUser.email, PublicUser.full_name).where(PublicUser.id.in_(buyers))
    elif segment is Segment.city_users:
        query = select(PublicUser.email, PublicUser.full_name).where(
            func.lower(PublicUser.city) == value.strip().lower()
        )
    else:
        reseller_id = _int_value(segment, value)
        if await db.get(Reseller, reseller_id) is None:
            raise _bad_value(segment)
        query = select(ResellerClient.client_email, ResellerClient.client_name).where(
            ResellerClient.reseller_id == reseller_id
        )
    inner = query.subquery()
    columns = list(inner.c)
    return select(columns[0], func.min(columns[1])).group_by(columns[0])


async def preview(
    db: AsyncSession, subject: str, body: str, segment: Segment, value: str
) -> tuple[dict[str, str], int]:
    """The email as the segment's first recipient (or a sample person) gets it, and how many
    would get it."""
    check_text(subject, body)
    query = await audience(db, segment, value)
    count = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    first = (await db.execute(query.order_by(query.selected_columns[0]).limit(1))).first()
    sample = {"email": first[0], "name": first[1] or ""} if first else SAMPLE
    return _render_draft(subject, body, sample), count


async def create(
    db: AsyncSession, actor: audit.Actor, subject: str, body: str, segment: Segment, value: str
) -> EmailCampaign:
    check_text(subject, body)
    query = await audience(db, segment, value)
    campaign = EmailCampaign(
        subject=subject,
        body=body,
        segment=segment,
        segment_value=value,
        status=CampaignStatus.sending,
        created_by_id=actor.account_id,
    )
    db.add(campaign)
    await db.flush()
    rows = query.add_columns(literal(campaign.id))
    inserted = await db.execute(
        insert(CampaignRecipient)
        .from_select(["email", "name", "campaign_id"], rows)
        .returning(CampaignRecipient.id)
    )
    campaign.recipients_total = len(inserted.all())
    if not campaign.recipients_total:
        raise ValidationFailed(
            "Nobody is in this segment.",
            code="empty_segment",
            details=[{"field": "body.segment", "message": "has no recipients"}],
        )
    await db.flush()
    await audit.record(
        db, actor, "email_campaign.created", "email_campaign", campaign.id,
        after={"subject": subject, "segment": segment.value, "segment_value": value,
               "recipients": campaign.recipients_total},
    )  # fmt: skip
    return campaign


async def send_test(
    db: AsyncSession, notifier: Notifier, admin: Account, subject: str, body: str
) -> None:
    check_text(subject, body)
    context = _render_draft(subject, body, {"email": admin.email, "name": admin.full_name})
    await notifier.send_email(db, admin.email, "custom_email", context, account_id=admin.id)


async def send_batch(db: AsyncSession, notifier: Notifier, campaign_id: int, size: int) -> int:
    """Send to up to `size` recipients still pending; returns how many it took (sent, or
    skipped when the email does not render for them): fewer than `size` means none are left."""
    campaign = await db.get(EmailCampaign, campaign_id)
    if campaign is None or campaign.status is not CampaignStatus.sending:
        return 0
    batch = list(
        await db.scalars(
            select(CampaignRecipient)
            .where(
                CampaignRecipient.campaign_id == campaign_id,
                CampaignRecipient.status == RecipientStatus.pending,
            )
            .order_by(CampaignRecipient.id)
            .limit(size)
            .with_for_update(skip_locked=True)
        )
    )
    for recipient in batch:
        try:
            context = render(
                campaign.subject, campaign.body, {"email": recipient.email, "name": recipient.name}
            )
        except rendering.RenderFailed as exc:
            # The sample rendered, this recipient's values do not: skip them rather than
            # retry the batch forever.
            logger.warning(
                "campaign email does not render for a recipient; not sent",
                extra={"campaign_id": campaign_id, "recipient_id": recipient.id, "error": str(exc)},
            )
            recipient.status = RecipientStatus.cancelled
            continue
        message = await notifier.send_email(
            db,
            recipient.email,
            "custom_email",
            context,
            dedupe_key=f"campaign-{campaign_id}:{recipient.email}",
        )
        recipient.status, recipient.message_id = RecipientStatus.sent, message.id
        recipient.sent_at = datetime.now(UTC)
    await db.flush()
    return len(batch)


async def finish(db: AsyncSession, campaign_id: int) -> None:
    campaign = await db.get(EmailCampaign, campaign_id, with_for_update=True)
    if campaign is not None and campaign.status is CampaignStatus.sending:
        campaign.status, campaign.finished_at = CampaignStatus.completed, datetime.now(UTC)
        await db.flush()


async def cancel(db: AsyncSession, actor: audit.Actor, campaign: EmailCampaign) -> None:
    """Whoever has not been sent to yet is not; those already sent to stay sent."""
    if campaign.status is not CampaignStatus.sending:
        raise Conflict(f"The campaign is {campaign.status.value}.", code="campaign_not_sending")
    campaign.status, campaign.finished_at = CampaignStatus.cancelled, datetime.now(UTC)
    await db.execute(
        update(CampaignRecipient)
        .where(
            CampaignRecipient.campaign_id == campaign.id,
            CampaignRecipient.status == RecipientStatus.pending,
        )
        .values(status=RecipientStatus.cancelled)
    )
    await db.flush()
    await audit.record(db, actor, "email_campaign.cancelled", "email_campaign", campaign.id)


async def get(db: AsyncSession, campaign_id: int) -> EmailCampaign:
    campaign = await db.get(EmailCampaign, campaign_id)
    if campaign is None:
        raise NotFound("No such email campaign.")
    return campaign


async def counts(db: AsyncSession, campaign_id: int) -> dict[str, int]:
    rows = await db.execute(
        select(CampaignRecipient.status, func.count())
        .where(CampaignRecipient.campaign_id == campaign_id)
        .group_by(CampaignRecipient.status)
    )
    found = {status.value: n for status, n in rows}
    return {status.value: found.get(status.value, 0) for status in RecipientStatus}


async def page(
    db: AsyncSession, order_by: Sequence[Any], offset: int, limit: int
) -> tuple[list[EmailCampaign], int]:
    return await counted_page(db, select(EmailCampaign).order_by(*order_by), offset, limit)


async def recipients(
    db: AsyncSession, campaign_id: int, offset: int, limit: int
) -> tuple[list[CampaignRecipient], int]:
    query = select(CampaignRecipient).where(CampaignRecipient.campaign_id == campaign_id)
    return await counted_page(db, query.order_by(CampaignRecipient.id), offset, limit)
