"""The catalogue: plan categories and SIM plans. Plans are never deleted once sold; they are
deactivated, and orders keep their own snapshot of name and price."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound, ValidationFailed
from models import PlanCategory, SimPlan, SimType
from services import audit
from services.search.postgres import matching

PLAN_AUDITED = ("name", "price", "reseller_price_floor", "is_active", "validity_days", "data_mb")


async def list_categories(db: AsyncSession) -> list[PlanCategory]:
    return list(await db.scalars(select(PlanCategory).order_by(PlanCategory.name)))


async def get_category(db: AsyncSession, category_id: int) -> PlanCategory:
    category = await db.get(PlanCategory, category_id)
    if category is None:
        raise NotFound("No such category.")
    return category


async def _unique(
    db: AsyncSession, model: Any, field: str, value: str, exclude: int | None
) -> None:
    query = select(model.id).where(getattr(model, field) == value)
    if exclude is not None:
        query = query.where(model.id != exclude)
    if await db.scalar(query):
        raise Conflict(
            f"The {field} {value!r} is already used.",
            code=f"duplicate_{field}",
            details=[{"field": f"body.{field}", "message": "already in use"}],
        )


async def save_category(
    db: AsyncSession, actor: audit.Actor, category: PlanCategory | None, fields: dict[str, Any]
) -> PlanCategory:
    for unique_field in ("name", "slug"):
        if unique_field in fields:
            exclude = category.id if category else None
            await _unique(db, PlanCategory, unique_field, fields[unique_field], exclude)
    if category is None:
        category = PlanCategory(**fields)
        db.add(category)
    else:
        for field, value in fields.items():
            setattr(category, field, value)
    await db.flush()
    await audit.record(db, actor, "category.saved", "plan_category", category.id, after=fields)
    return category


async def delete_category(db: AsyncSession, actor: audit.Actor, category: PlanCategory) -> None:
    in_use = await db.scalar(select(func.count()).where(SimPlan.category_id == category.id))
    if in_use:
        raise Conflict(f"{in_use} plan(s) are in this category.", code="category_in_use")
    await audit.record(db, actor, "category.deleted", "plan_category", category.id)
    await db.delete(category)
    await db.flush()


@dataclass(frozen=True)
class PlanFilter:
    search: str | None = None
    network_provider: str | None = None
    sim_type: SimType | None = None
    category_id: int | None = None
    is_active: bool | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.search:
            conditions.append(matching(SimPlan, self.search))
        if self.network_provider:
            conditions.append(func.lower(SimPlan.network_provider) == self.network_provider.lower())
        if self.sim_type:
            conditions.append(SimPlan.sim_type == self.sim_type)
        if self.category_id is not None:
            conditions.append(SimPlan.category_id == self.category_id)
        if self.is_active is not None:
            conditions.append(SimPlan.is_active == self.is_active)
        if self.price_min is not None:
            conditions.append(SimPlan.price >= self.price_min)
        if self.price_max is not None:
            conditions.append(SimPlan.price <= self.price_max)
        return conditions


async def list_plans(
    db: AsyncSession, filters: PlanFilter, order_by: Sequence[Any], offset: int, limit: int
) -> tuple[list[SimPlan], int]:
    query = select(SimPlan).where(*filters.conditions())
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await db.scalars(query.order_by(*order_by).offset(offset).limit(limit))
    return list(rows), total


async def get_plan(db: AsyncSession, plan_id: int) -> SimPlan:
    plan = await db.get(SimPlan, plan_id)
    if plan is None:
        raise NotFound("No such plan.")
    return plan


async def _check_category(db: AsyncSession, category_id: int | None) -> None:
    if category_id is not None and await db.get(PlanCategory, category_id) is None:
        raise ValidationFailed(
            "No such category.",
            details=[{"field": "body.category_id", "message": "unknown category"}],
        )


async def create_plan(db: AsyncSession, actor: audit.Actor, fields: dict[str, Any]) -> SimPlan:
    await _unique(db, SimPlan, "code", fields["code"], None)
    await _check_category(db, fields.get("category_id"))
    plan = SimPlan(**fields)
    db.add(plan)
    await db.flush()
    await audit.record(
        db, actor, "plan.created", "plan", plan.id, after=audit.snapshot(plan, PLAN_AUDITED)
    )
    return plan


async def update_plan(
    db: AsyncSession, actor: audit.Actor, plan: SimPlan, changes: dict[str, Any]
) -> SimPlan:
    if "category_id" in changes:
        await _check_category(db, changes["category_id"])
    floor = changes.get("reseller_price_floor", plan.reseller_price_floor)
    price = changes.get("price", plan.price)
    if floor is not None and floor > price:
        raise ValidationFailed(
            "The reseller price floor is above the price.",
            details=[{"field": "body.reseller_price_floor", "message": "must not exceed price"}],
        )
    before = audit.snapshot(plan, PLAN_AUDITED)
    for field, value in changes.items():
        setattr(plan, field, value)
    await db.flush()
    await audit.record(
        db,
        actor,
        "plan.updated",
        "plan",
        plan.id,
        before=before,
        after=audit.snapshot(plan, PLAN_AUDITED),
    )
    return plan
