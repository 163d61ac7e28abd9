"""/api/clients/: every reseller's clients in one list, with staff overrides."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from api.deps import SessionDep
from api.listing import PaginationDep, only_params, ordering, page_of
from api.schemas import Page
from api.schemas.resellers import ClientRead, ClientStatusChange, ClientUpdate
from api.security import require
from models import ClientStatus, ResellerClient
from services import clients
from services.auth.principal import Principal

router = APIRouter(prefix="/api/clients", tags=["clients"])
Readers = Annotated[Principal, require("clients:read")]
OrderBy = Annotated[
    list[Any],
    ordering(
        {
            "client_name": ResellerClient.client_name,
            "created_at": ResellerClient.created_at,
            "current_usage": ResellerClient.current_usage,
        },
        default="client_name",
        tiebreaker=ResellerClient.id,
    ),
]


async def client_filter(
    search: Annotated[str | None, Query(min_length=2, max_length=100)] = None,
    reseller_id: int | None = None,
    status: ClientStatus | None = None,
    plan_id: int | None = None,
) -> clients.ClientFilter:
    return clients.ClientFilter(search, reseller_id, status, plan_id)


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.get(
    "/",
    response_model=Page[ClientRead],
    dependencies=[only_params("search", "reseller_id", "status", "plan_id")],
)
async def list_clients(
    principal: Readers,
    db: SessionDep,
    paging: PaginationDep,
    filters: Annotated[clients.ClientFilter, Depends(client_filter)],
    order_by: OrderBy,
) -> Page[ClientRead]:
    """Staff see every reseller's clients; a reseller login sees its own."""
    rows, total = await clients.list_clients(
        db, principal, filters, order_by, paging.offset, paging.page_size
    )
    return page_of([ClientRead.model_validate(c) for c in rows], total, paging)


@router.get("/{client_id}/", response_model=ClientRead)
async def read_client(client_id: int, principal: Readers, db: SessionDep) -> ClientRead:
    return ClientRead.model_validate(await clients.get_client(db, principal, client_id))


@router.patch("/{client_id}/", response_model=ClientRead)
async def update_client(
    client_id: int,
    body: ClientUpdate,
    principal: Annotated[Principal, require("clients:write")],
    db: SessionDep,
    request: Request,
) -> ClientRead:
    """Name, phone, plan (an upgrade) and monthly order limit."""
    client = await clients.get_client(db, principal, client_id)
    changes = body.model_dump(exclude_unset=True)
    updated = await clients.update_client(db, principal.actor(_ip(request)), client, changes)
    return ClientRead.model_validate(updated)


@router.patch("/{client_id}/status/", response_model=ClientRead)
async def change_client_status(
    client_id: int,
    body: ClientStatusChange,
    principal: Annotated[Principal, require("clients:override")],
    db: SessionDep,
    request: Request,
) -> ClientRead:
    """Block (suspended: no new orders), deactivate or unblock a client, with a reason."""
    client = await clients.get_client(db, principal, client_id)
    updated = await clients.update_client(
        db, principal.actor(_ip(request)), client, {"status": body.status}, body.reason
    )
    return ClientRead.model_validate(updated)
