"""/api/resellers/: resellers, their status and limits, and their clients."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from api.deps import OnboardingWorkflowsDep, SessionDep
from api.listing import PaginationDep, only_params, ordering, page_of
from api.routes import orders as orders_routes
from api.routes import transactions as transactions_routes
from api.schemas import Page
from api.schemas.logs import AuditLogRead
from api.schemas.orders import OrderRead
from api.schemas.resellers import (
    ClientCreate,
    ClientRead,
    ResellerCreate,
    ResellerDetail,
    ResellerPatch,
    ResellerRead,
    ResellerReplace,
    ResellerStatusChange,
)
from api.schemas.transactions import TransactionRead
from api.security import require
from api.viewed import viewed
from core.errors import ValidationFailed
from core.validators import check_range
from models import OnboardingStatus, Reseller, ResellerClient, ResellerStatus
from services import clients, logs, resellers, transactions
from services.auth.principal import Principal
from services.orders import queries as order_queries
from services.querying import counted_page

router = APIRouter(prefix="/api/resellers", tags=["resellers"])

Readers = Annotated[Principal, require("resellers:read")]
OrderBy = Annotated[
    list[Any],
    ordering(
        {
            "created_at": Reseller.created_at,
            "business_name": Reseller.business_name,
            "city": Reseller.city,
            "country": Reseller.country,
            "status": Reseller.status,
            "credit_limit": Reseller.credit_limit,
        },
        default="-created_at",
        tiebreaker=Reseller.id,
    ),
]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def reseller_filter(
    search: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    status: ResellerStatus | None = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    city: Annotated[str | None, Query(max_length=100)] = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
) -> resellers.ResellerFilter:
    check_range(created_from, created_to, "created_from", "created_to")
    return resellers.ResellerFilter(search, status, country, city, created_from, created_to)


def _read(reseller: Reseller, revenue: Decimal) -> ResellerRead:
    return ResellerRead.model_validate({**_columns(reseller), "revenue_total": revenue})


def _columns(reseller: Reseller) -> dict[str, Any]:
    return {
        name: getattr(reseller, name)
        for name in ResellerRead.model_fields
        if name != "revenue_total"
    }


async def _detail(db: SessionDep, reseller: Reseller) -> ResellerDetail:
    numbers = await resellers.figures(db, reseller)
    return ResellerDetail.model_validate(
        {
            **_columns(reseller),
            **numbers.__dict__,
            "available_credit": reseller.credit_limit - reseller.current_balance,
        }
    )


@router.get(
    "/",
    response_model=Page[ResellerRead],
    dependencies=[only_params("search", "status", "country", "city", "created_from", "created_to")],
)
async def list_resellers(
    principal: Readers,
    db: SessionDep,
    paging: PaginationDep,
    filters: Annotated[resellers.ResellerFilter, Depends(reseller_filter)],
    order_by: OrderBy,
) -> Page[ResellerRead]:
    """Search by business name, email, phone or city; filter; sort with `ordering`."""
    rows, total, revenue = await resellers.list_resellers(
        db, principal, filters, order_by, paging.offset, paging.page_size
    )
    return page_of([_read(r, revenue[r.id]) for r in rows], total, paging)


@router.post("/", response_model=ResellerDetail, status_code=201)
async def create_reseller(
    body: ResellerCreate,
    principal: Annotated[Principal, require("resellers:create")],
    db: SessionDep,
    request: Request,
    workflows: OnboardingWorkflowsDep,
) -> ResellerDetail:
    """New resellers start `pending`, with an inactive owner login under the same email, and
    go through onboarding (`reseller-onboarding-<id>`): email verification, KYB documents,
    an approver's decision; see `/api/resellers/{id}/onboarding/`."""
    reseller = await resellers.create(db, principal.actor(_ip(request)), body.model_dump())
    answer = await _detail(db, reseller)
    await db.commit()  # the workflow's first step reads the reseller
    await workflows.start(reseller.id)
    return answer


@router.get(
    "/{reseller_id}/",
    response_model=ResellerDetail,
    dependencies=[viewed("reseller", "reseller_id")],
)
async def read_reseller(reseller_id: int, principal: Readers, db: SessionDep) -> ResellerDetail:
    return await _detail(db, await resellers.get_reseller(db, principal, reseller_id))


@router.put("/{reseller_id}/", response_model=ResellerDetail)
async def replace_reseller(
    reseller_id: int,
    body: ResellerReplace,
    principal: Annotated[Principal, require("resellers:update")],
    db: SessionDep,
    request: Request,
) -> ResellerDetail:
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    await resellers.update(db, principal.actor(_ip(request)), reseller, body.model_dump())
    return await _detail(db, reseller)


@router.patch("/{reseller_id}/", response_model=ResellerDetail)
async def update_reseller(
    reseller_id: int,
    body: ResellerPatch,
    principal: Annotated[Principal, require("resellers:update")],
    db: SessionDep,
    request: Request,
) -> ResellerDetail:
    changes = body.model_dump(exclude_unset=True)
    if not changes or any(value is None for value in changes.values()):
        raise ValidationFailed(
            "Send at least one field, and no field as null.", code="empty_update"
        )
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    await resellers.update(db, principal.actor(_ip(request)), reseller, changes)
    return await _detail(db, reseller)


@router.delete("/{reseller_id}/", status_code=204)
async def delete_reseller(
    reseller_id: int,
    principal: Annotated[Principal, require("resellers:delete")],
    db: SessionDep,
    request: Request,
) -> Response:
    """Soft delete; refused while the reseller has open orders or a non-zero balance."""
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    await resellers.delete(db, principal.actor(_ip(request)), reseller)
    return Response(status_code=204)


@router.patch("/{reseller_id}/status/", response_model=ResellerDetail)
async def change_status(
    reseller_id: int,
    body: ResellerStatusChange,
    principal: Annotated[Principal, require("resellers:suspend")],
    db: SessionDep,
    request: Request,
    workflows: OnboardingWorkflowsDep,
) -> ResellerDetail:
    """Activate, suspend (no new orders by the reseller or its clients) or set pending. A
    change made while the reseller's onboarding runs ends that onboarding (`superseded`):
    the status is the admin's, and no decision, reminder or welcome email follows."""
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    await resellers.change_status(
        db, principal.actor(_ip(request)), reseller, body.status, body.reason
    )
    answer = await _detail(db, reseller)
    if reseller.onboarding_status is OnboardingStatus.superseded:
        await db.commit()
        await workflows.supersede(reseller.id)
    return answer


@router.get(
    "/{reseller_id}/clients/", response_model=Page[ClientRead], dependencies=[only_params()]
)
async def list_clients(
    reseller_id: int,
    principal: Annotated[Principal, require("clients:read")],
    db: SessionDep,
    paging: PaginationDep,
) -> Page[ClientRead]:
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    rows, total = await clients.list_clients(
        db,
        principal,
        clients.ClientFilter(reseller_id=reseller.id),
        [ResellerClient.id],
        paging.offset,
        paging.page_size,
    )
    return page_of([ClientRead.model_validate(c) for c in rows], total, paging)


@router.post("/{reseller_id}/clients/", response_model=ClientRead, status_code=201)
async def add_client(
    reseller_id: int,
    body: ClientCreate,
    principal: Annotated[Principal, require("clients:write")],
    db: SessionDep,
    request: Request,
) -> ClientRead:
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    client = await clients.add_client(
        db, principal.actor(_ip(request)), reseller, body.model_dump()
    )
    return ClientRead.model_validate(client)


@router.get("/{reseller_id}/orders/", response_model=Page[OrderRead], dependencies=[only_params()])
async def list_reseller_orders(
    reseller_id: int,
    principal: Annotated[Principal, require("orders:read")],
    db: SessionDep,
    paging: PaginationDep,
    order_by: orders_routes.OrderBy,
) -> Page[OrderRead]:
    """The reseller's orders, as the orders list shows them."""
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    rows, total, exact = await order_queries.list_orders(
        db, principal, order_queries.OrderFilter(reseller_id=reseller.id), order_by,
        paging.window(order_by),
    )  # fmt: skip
    return page_of([OrderRead.model_validate(o) for o in rows], total, paging, exact=exact)


@router.get(
    "/{reseller_id}/transactions/",
    response_model=Page[TransactionRead],
    dependencies=[only_params()],
)
async def list_reseller_transactions(
    reseller_id: int,
    principal: Annotated[Principal, require("transactions:read")],
    db: SessionDep,
    paging: PaginationDep,
    order_by: transactions_routes.OrderBy,
) -> Page[TransactionRead]:
    """Its payments, commissions, refunds and reversals."""
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    rows, total, exact = await transactions.list_transactions(
        db, principal, transactions.TransactionFilter(reseller_id=reseller.id), order_by,
        paging.window(order_by),
    )  # fmt: skip
    return page_of([TransactionRead.model_validate(t) for t in rows], total, paging, exact=exact)


@router.get(
    "/{reseller_id}/activity/", response_model=Page[AuditLogRead], dependencies=[only_params()]
)
async def list_reseller_activity(
    reseller_id: int, principal: Readers, db: SessionDep, paging: PaginationDep
) -> Page[AuditLogRead]:
    """What was changed on the reseller, newest first (the audit trail of this reseller)."""
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    query = logs.audit_query(logs.LogFilter(entity_type="reseller", entity_id=str(reseller.id)))
    rows, total = await counted_page(db, query, paging.offset, paging.page_size)
    return page_of([AuditLogRead.model_validate(r) for r in rows], total, paging)
