"""/api/admin/emails/: custom emails to one person or a segment, sent by the
CustomEmailCampaign workflow (`email-campaign-<id>`), with a preview and a test send."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request

from api.deps import CampaignWorkflowsDep, NotifierDep, SessionDep
from api.listing import PaginationDep, only_params, ordering, page_of
from api.schemas import Page
from api.schemas.campaigns import (
    CampaignCreate,
    CampaignDetail,
    CampaignPreview,
    CampaignRead,
    EmailDraft,
    RecipientRead,
)
from api.security import require
from models import EmailCampaign
from services import campaigns
from services.auth.accounts import get_account
from services.auth.principal import Principal

router = APIRouter(prefix="/api/admin/emails", tags=["admin"])
Senders = Annotated[Principal, require("emails:send")]
OrderBy = Annotated[
    list[Any],
    ordering(
        {"created_at": EmailCampaign.created_at}, default="-created_at", tiebreaker=EmailCampaign.id
    ),
]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def _detail(
    db: SessionDep, workflows: CampaignWorkflowsDep, campaign: EmailCampaign
) -> CampaignDetail:
    progress = await workflows.progress(campaign.id)
    return CampaignDetail.model_validate(
        {
            **CampaignRead.model_validate(campaign).model_dump(),
            "counts": await campaigns.counts(db, campaign.id),
            "step": progress.step if progress else None,
        }
    )


@router.post("/preview/", response_model=CampaignPreview)
async def preview_email(body: CampaignCreate, _: Senders, db: SessionDep) -> CampaignPreview:
    """The email as the segment's first recipient would get it, and how many would."""
    rendered, count = await campaigns.preview(
        db, body.subject, body.body, body.segment, body.segment_value
    )
    return CampaignPreview(subject=rendered["subject"], body=rendered["body"], recipients=count)


@router.post("/test/", status_code=204)
async def test_email(
    body: EmailDraft, principal: Senders, db: SessionDep, notifier: NotifierDep
) -> None:
    """Send the draft to oneself only."""
    admin = await get_account(db, principal.account_id)
    await campaigns.send_test(db, notifier, admin, body.subject, body.body)


@router.post("/", response_model=CampaignDetail, status_code=202)
async def send_email(
    body: CampaignCreate,
    principal: Senders,
    db: SessionDep,
    workflows: CampaignWorkflowsDep,
    request: Request,
) -> CampaignDetail:
    """Copy the segment into the campaign's recipients and start sending (batched, throttled
    to CAMPAIGN_MESSAGES_PER_SECOND); follow it at `GET /api/admin/emails/{id}/`."""
    campaign = await campaigns.create(
        db, principal.actor(_ip(request)), body.subject, body.body, body.segment,
        body.segment_value,
    )  # fmt: skip
    await db.commit()  # the workflow's batches read the recipients
    await workflows.start(campaign.id)
    return await _detail(db, workflows, campaign)


@router.get("/", response_model=Page[CampaignRead], dependencies=[only_params()])
async def list_emails(
    _: Senders, db: SessionDep, paging: PaginationDep, order_by: OrderBy
) -> Page[CampaignRead]:
    rows, total = await campaigns.page(db, order_by, paging.offset, paging.page_size)
    return page_of([CampaignRead.model_validate(c) for c in rows], total, paging)


@router.get("/{campaign_id}/", response_model=CampaignDetail)
async def read_email(
    campaign_id: int, _: Senders, db: SessionDep, workflows: CampaignWorkflowsDep
) -> CampaignDetail:
    return await _detail(db, workflows, await campaigns.get(db, campaign_id))


@router.get(
    "/{campaign_id}/recipients/", response_model=Page[RecipientRead], dependencies=[only_params()]
)
async def list_recipients(
    campaign_id: int, _: Senders, db: SessionDep, paging: PaginationDep
) -> Page[RecipientRead]:
    """Each recipient's status: pending, sent (with its outbox message) or cancelled."""
    campaign = await campaigns.get(db, campaign_id)
    rows, total = await campaigns.recipients(db, campaign.id, paging.offset, paging.page_size)
    return page_of([RecipientRead.model_validate(r) for r in rows], total, paging)


@router.post("/{campaign_id}/cancel/", response_model=CampaignDetail)
async def cancel_email(
    campaign_id: int,
    principal: Senders,
    db: SessionDep,
    workflows: CampaignWorkflowsDep,
    request: Request,
) -> CampaignDetail:
    """Stop sending: recipients not yet sent to are cancelled; 409 once it has finished."""
    campaign = await campaigns.get(db, campaign_id)
    await campaigns.cancel(db, principal.actor(_ip(request)), campaign)
    await db.commit()
    await workflows.cancel(campaign.id)
    return await _detail(db, workflows, campaign)
