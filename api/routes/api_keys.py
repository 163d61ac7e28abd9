"""/api/settings/api-keys/: keys for integrations. The key is in the create answer only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request

from api.deps import SessionDep
from api.listing import PaginationDep, only_params, ordering, page_of
from api.schemas import Page
from api.schemas.api_keys import ApiKeyCreate, ApiKeyCreated, ApiKeyRead
from api.security import require
from models import ApiKey
from services import api_keys
from services.auth.principal import Principal

router = APIRouter(prefix="/api/settings/api-keys", tags=["settings"])

Managers = Annotated[Principal, require("api_keys:manage")]
OrderBy = Annotated[
    list[Any],
    ordering(
        {"created_at": ApiKey.created_at, "name": ApiKey.name, "last_used_at": ApiKey.last_used_at},
        default="-created_at",
        tiebreaker=ApiKey.id,
    ),
]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _read(key: ApiKey) -> dict[str, Any]:
    fields = {name: getattr(key, name) for name in ApiKeyRead.model_fields if name != "status"}
    return {**fields, "status": api_keys.status_of(key)}


@router.get("/", response_model=Page[ApiKeyRead], dependencies=[only_params()])
async def list_api_keys(
    principal: Managers, db: SessionDep, paging: PaginationDep, order_by: OrderBy
) -> Page[ApiKeyRead]:
    """Staff see every key; a reseller login the keys of its reseller. Never the key itself."""
    rows, total = await api_keys.list_keys(db, principal, order_by, paging.offset, paging.page_size)
    return page_of([ApiKeyRead.model_validate(_read(k)) for k in rows], total, paging)


@router.post("/", response_model=ApiKeyCreated, status_code=201)
async def create_api_key(
    body: ApiKeyCreate, principal: Managers, db: SessionDep, request: Request
) -> ApiKeyCreated:
    """A key acting as you with `scopes` (a subset of your permissions). Send it as
    `X-API-Key`. It is shown in this answer only; keep it somewhere safe."""
    created = await api_keys.create(
        db, principal, principal.actor(_ip(request)), body.name, body.scopes, body.expires_at
    )
    return ApiKeyCreated.model_validate({**_read(created.row), "key": created.secret})


@router.post("/{key_id}/revoke/", response_model=ApiKeyRead)
async def revoke_api_key(
    key_id: int, principal: Managers, db: SessionDep, request: Request
) -> ApiKeyRead:
    """Stops the key at once. Revoking a revoked key changes nothing."""
    key = await api_keys.revoke(db, principal, principal.actor(_ip(request)), key_id)
    return ApiKeyRead.model_validate(_read(key))
