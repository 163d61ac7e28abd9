"""Reseller clients: the people a reseller sells SIMs to. Resellers manage their own; staff
see every reseller's and may override a client's status, plan and monthly limit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound, ValidationFailed
from models import ClientStatus, RegistrationKind, Reseller, ResellerClient, SimPlan
from services import audit
from services.analytics import rollups
from services.auth.principal import Principal
from services.search.postgres import matching
from services.tenancy import scope

EDITABLE = ("client_name", "client_phone", "plan_id", "monthly_limit", "status")


@dataclass(frozen=True)
class ClientFilter:
    search: str | None = None
    reseller_id: int | None = None
    status: ClientStatus | None = None
    plan_id: int | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        c: list[ColumnElement[bool]] = []
        if self.search:
            c.append(matching(ResellerClient, self.search))
        for column, value in (
            (ResellerClient.reseller_id, self.reseller_id),
            (ResellerClient.status, self.status),
            (ResellerClient.plan_id, self.plan_id),
        ):
            if value is not None:
                c.append(column == value)
        return c


async def list_clients(
    db: AsyncSession,
    principal: Principal,
    filters: ClientFilter,
    order_by: Sequence[Any],
    offset: int,
    limit: int,
) -> tuple[list[ResellerClient], int]:
    query = scope(select(ResellerClient), principal, ResellerClient).where(*filters.conditions())
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await db.scalars(query.order_by(*order_by).offset(offset).limit(limit))
    return list(rows), total


async def get_client(db: AsyncSession, principal: Principal, client_id: int) -> ResellerClient:
    found: ResellerClient | None = (
        await db.scalars(
            scope(select(ResellerClient), principal, ResellerClient).where(
                ResellerClient.id == client_id
            )
        )
    ).one_or_none()
    if found is None:
        raise NotFound("No such client.")
    return found


async def _check_plan(db: AsyncSession, plan_id: int | None) -> None:
    if plan_id is not None and not await db.get(SimPlan, plan_id):
        raise ValidationFailed(
            "No such plan.", details=[{"field": "body.plan_id", "message": "unknown plan"}]
        )


async def add_client(
    db: AsyncSession, actor: audit.Actor, reseller: Reseller, fields: dict[str, Any]
) -> ResellerClient:
    fields["client_email"] = fields["client_email"].lower()
    await _check_plan(db, fields.get("plan_id"))
    duplicate = await db.scalar(
        select(ResellerClient.id).where(
            ResellerClient.reseller_id == reseller.id,
            ResellerClient.client_email == fields["client_email"],
        )
    )
    if duplicate:
        raise Conflict(
            "This reseller already has a client with this email.", code="duplicate_client"
        )
    client = ResellerClient(reseller_id=reseller.id, **fields)
    db.add(client)
    await db.flush()
    await rollups.registered(db, RegistrationKind.client, client.created_at, reseller.id)
    await audit.record(db, actor, "client.created", "reseller_client", client.id)
    return client


async def update_client(
    db: AsyncSession,
    actor: audit.Actor,
    client: ResellerClient,
    changes: dict[str, Any],
    reason: str = "",
) -> ResellerClient:
    """Change what the reseller may change, or (staff) block, unblock and re-plan a client.
    A blocked (suspended) client cannot order; see services.orders.placement."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationFailed(f"Cannot change {', '.join(sorted(unknown))}.")
    if "plan_id" in changes:
        await _check_plan(db, changes["plan_id"])
    before = audit.snapshot(client, changes)
    for name, value in changes.items():
        setattr(client, name, value)
    await db.flush()
    await audit.record(
        db,
        actor,
        "client.updated",
        "reseller_client",
        client.id,
        before=before,
        after=audit.snapshot(client, changes),
        reason=reason,
    )
    return client
