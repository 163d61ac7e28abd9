"""The dashboard's recent activity: latest orders, registrations and reseller changes, merged
newest first. Each source is read newest first through its `created_at` index, only as deep
as the requested page, so a page costs the same at a million orders as at a hundred."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, String, cast, literal, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import ValidationFailed
from models import AuditLog, PublicUser, Reseller, ResellerClient, SimOrder
from services.analytics.dashboard import Audience

# kind, when, entity type, entity id, summary
Entries = Select[str, datetime, str, int, str]
# Pages reach at most this deep: a feed is for what just happened, not for browsing history.
MAX_DEPTH = 1000


@dataclass(frozen=True)
class Activity:
    kind: str  # order_placed, user_registered, reseller_registered, client_added, reseller_event
    occurred_at: datetime
    entity_type: str
    entity_id: int
    summary: str


def _orders(audience: Audience) -> Entries:
    query = select(
        literal("order_placed").label("kind"),
        SimOrder.created_at.label("at"),
        literal("order").label("entity_type"),
        SimOrder.id.label("entity_id"),
        (SimOrder.order_number + " · " + SimOrder.plan_name).label("summary"),
    )
    if audience.reseller_id is not None:
        query = query.where(SimOrder.reseller_id == audience.reseller_id)
    return query.order_by(SimOrder.created_at.desc())


def _clients(audience: Audience) -> Entries:
    query = select(
        literal("client_added"),
        ResellerClient.created_at,
        literal("reseller_client"),
        ResellerClient.id,
        ResellerClient.client_name,
    )
    if audience.reseller_id is not None:
        query = query.where(ResellerClient.reseller_id == audience.reseller_id)
    return query.order_by(ResellerClient.created_at.desc())


def _business_only() -> list[Entries]:
    return [
        select(
            literal("user_registered"),
            PublicUser.created_at,
            literal("user"),
            PublicUser.id,
            PublicUser.full_name,
        ).order_by(PublicUser.created_at.desc()),
        select(
            literal("reseller_registered"),
            Reseller.created_at,
            literal("reseller"),
            Reseller.id,
            Reseller.business_name,
        ).order_by(Reseller.created_at.desc()),
    ]


def _reseller_events(audience: Audience) -> Entries:
    """Audited changes to resellers, and what reseller logins did."""
    query = select(
        literal("reseller_event"),
        AuditLog.created_at,
        literal("audit_log"),
        AuditLog.id,
        AuditLog.action,
    )
    if audience.reseller_id is None:
        query = query.where(
            or_(AuditLog.entity_type == "reseller", AuditLog.actor_type == "reseller")
        )
    else:
        query = query.where(
            AuditLog.entity_type == "reseller",
            AuditLog.entity_id == cast(literal(audience.reseller_id), String),
        )
    return query.order_by(AuditLog.created_at.desc())


def check_depth(offset: int, limit: int) -> None:
    if offset + limit > MAX_DEPTH:
        raise ValidationFailed(
            f"The activity feed reaches back {MAX_DEPTH} entries at most.",
            code="feed_too_deep",
            details=[
                {"field": "query.page", "message": f"page * page_size must be at most {MAX_DEPTH}"}
            ],
        )


async def recent(
    db: AsyncSession, audience: Audience, offset: int, limit: int
) -> tuple[list[Activity], bool]:
    """One page of the feed, and whether another follows."""
    check_depth(offset, limit)
    depth = offset + limit + 1
    sources = [_orders(audience), _clients(audience), _reseller_events(audience)]
    if audience.reseller_id is None:
        sources += _business_only()
    merged = union_all(*(source.limit(depth).subquery().select() for source in sources)).subquery()
    rows = (
        await db.execute(
            select(merged)
            .order_by(merged.c.at.desc(), merged.c.kind, merged.c.entity_id.desc())
            .offset(offset)
            .limit(limit + 1)
        )
    ).all()
    items = [
        Activity(kind, at, entity, entity_id, summary)
        for kind, at, entity, entity_id, summary in rows
    ]
    return items[:limit], len(items) > limit
