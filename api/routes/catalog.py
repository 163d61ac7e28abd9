"""/api/catalog/: plan categories and SIM plans. Reading needs catalog:read; creating and
changing them needs catalog:write (the plan's "only admins can create products")."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from api.deps import SessionDep
from api.listing import PaginationDep, only_params, ordering, page_of
from api.schemas import Page
from api.schemas.catalog import (
    CategoryPatch,
    CategoryRead,
    CategoryWrite,
    PlanFields,
    PlanPatch,
    PlanRead,
)
from api.security import require
from core.errors import ValidationFailed
from core.validators import check_range
from models import SimPlan, SimType
from services import catalog
from services.auth.principal import Principal

router = APIRouter(prefix="/api/catalog", tags=["catalog"])
Readers = Annotated[Principal, require("catalog:read")]
Writers = Annotated[Principal, require("catalog:write")]
PlanOrder = Annotated[
    list[Any],
    ordering(
        {
            "name": SimPlan.name,
            "price": SimPlan.price,
            "created_at": SimPlan.created_at,
            "network_provider": SimPlan.network_provider,
            "validity_days": SimPlan.validity_days,
        },
        default="name",
        tiebreaker=SimPlan.id,
    ),
]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _changes(body: CategoryPatch | PlanPatch, nullable: set[str]) -> dict[str, Any]:
    changes = body.model_dump(exclude_unset=True)
    if not changes or any(v is None for k, v in changes.items() if k not in nullable):
        raise ValidationFailed(
            "Send at least one field, and no field as null.", code="empty_update"
        )
    return changes


@router.get("/categories/", response_model=list[CategoryRead])
async def list_categories(_: Readers, db: SessionDep) -> list[CategoryRead]:
    return [CategoryRead.model_validate(c) for c in await catalog.list_categories(db)]


@router.post("/categories/", response_model=CategoryRead, status_code=201)
async def create_category(
    body: CategoryWrite, principal: Writers, db: SessionDep, request: Request
) -> CategoryRead:
    category = await catalog.save_category(
        db, principal.actor(_ip(request)), None, body.model_dump()
    )
    return CategoryRead.model_validate(category)


@router.patch("/categories/{category_id}/", response_model=CategoryRead)
async def update_category(
    category_id: int, body: CategoryPatch, principal: Writers, db: SessionDep, request: Request
) -> CategoryRead:
    category = await catalog.get_category(db, category_id)
    changes = _changes(body, nullable=set())
    return CategoryRead.model_validate(
        await catalog.save_category(db, principal.actor(_ip(request)), category, changes)
    )


@router.delete("/categories/{category_id}/", status_code=204)
async def delete_category(
    category_id: int, principal: Writers, db: SessionDep, request: Request
) -> Response:
    """Refused while plans belong to the category."""
    category = await catalog.get_category(db, category_id)
    await catalog.delete_category(db, principal.actor(_ip(request)), category)
    return Response(status_code=204)


async def plan_filter(
    search: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    network_provider: Annotated[str | None, Query(max_length=50)] = None,
    sim_type: SimType | None = None,
    category_id: int | None = None,
    is_active: bool | None = None,
    price_min: Annotated[Decimal | None, Query(ge=0)] = None,
    price_max: Annotated[Decimal | None, Query(ge=0)] = None,
) -> catalog.PlanFilter:
    check_range(price_min, price_max, "price_min", "price_max")
    return catalog.PlanFilter(
        search, network_provider, sim_type, category_id, is_active, price_min, price_max
    )


@router.get(
    "/plans/",
    response_model=Page[PlanRead],
    dependencies=[
        only_params(
            "search",
            "network_provider",
            "sim_type",
            "category_id",
            "is_active",
            "price_min",
            "price_max",
        )
    ],
)
async def list_plans(
    _: Readers,
    db: SessionDep,
    paging: PaginationDep,
    filters: Annotated[catalog.PlanFilter, Depends(plan_filter)],
    order_by: PlanOrder,
) -> Page[PlanRead]:
    rows, total = await catalog.list_plans(db, filters, order_by, paging.offset, paging.page_size)
    return page_of([PlanRead.model_validate(p) for p in rows], total, paging)


@router.post("/plans/", response_model=PlanRead, status_code=201)
async def create_plan(
    body: PlanFields, principal: Writers, db: SessionDep, request: Request
) -> PlanRead:
    plan = await catalog.create_plan(db, principal.actor(_ip(request)), body.model_dump())
    return PlanRead.model_validate(plan)


@router.get("/plans/{plan_id}/", response_model=PlanRead)
async def read_plan(plan_id: int, _: Readers, db: SessionDep) -> PlanRead:
    return PlanRead.model_validate(await catalog.get_plan(db, plan_id))


@router.patch("/plans/{plan_id}/", response_model=PlanRead)
async def update_plan(
    plan_id: int, body: PlanPatch, principal: Writers, db: SessionDep, request: Request
) -> PlanRead:
    """Price changes apply to new orders only; existing orders keep their snapshot."""
    plan = await catalog.get_plan(db, plan_id)
    changes = _changes(
        body,
        nullable={"category_id", "data_mb", "voice_minutes", "sms_count", "reseller_price_floor"},
    )
    return PlanRead.model_validate(
        await catalog.update_plan(db, principal.actor(_ip(request)), plan, changes)
    )


@router.delete("/plans/{plan_id}/", status_code=204)
async def deactivate_plan(
    plan_id: int, principal: Writers, db: SessionDep, request: Request
) -> Response:
    """Plans are deactivated, never erased: past orders refer to them."""
    plan = await catalog.get_plan(db, plan_id)
    await catalog.update_plan(db, principal.actor(_ip(request)), plan, {"is_active": False})
    return Response(status_code=204)
