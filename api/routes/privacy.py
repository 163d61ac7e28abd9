"""/api/users/{id}/data-export/ and /erase/: a person's copy of their data, and erasure."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import Field

from api.deps import RedisDep, SessionDep, SettingsDep, StorageDep
from api.schemas import WriteModel
from api.security import require
from core.crypto import FieldCipher
from services import privacy, users
from services.auth.principal import Principal

router = APIRouter(prefix="/api/users", tags=["users"])
Officers = Annotated[Principal, require("users:export_data")]


class ErasureRequest(WriteModel):
    reason: str = Field(min_length=3, max_length=1000, description="e.g. the request's reference")


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.get("/{user_id}/data-export/", response_model=dict[str, Any])
async def export_personal_data(
    user_id: int, principal: Officers, db: SessionDep, settings: SettingsDep, request: Request
) -> dict[str, Any]:
    """Everything held about the person as JSON: profile with the KYC number in full, login,
    orders, transactions, tickets with their replies (internal notes excluded), the messages
    sent to them and their KYC documents (what each is; the bytes through its own route).
    Audited."""
    user = await users.get_user(db, principal, user_id)
    data = await privacy.data_export(db, FieldCipher(settings), user)
    await privacy.record_export(db, principal.actor(_ip(request)), user)
    return data


@router.post("/{user_id}/erase/", response_model=dict[str, Any])
async def erase_person(
    user_id: int,
    body: ErasureRequest,
    principal: Officers,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    storage: StorageDep,
    request: Request,
) -> dict[str, Any]:
    """Anonymise the person (name, email, phone, address, KYC number and documents), disable
    their login and sign it out everywhere; orders and transactions stay with their amounts.
    409 while an order is still pending, confirmed or dispatched, or if already erased.
    Audited with the reason."""
    user = await users.get_user(db, principal, user_id)
    erased = await privacy.erase(
        db, redis, settings, storage, principal.actor(_ip(request)), user, body.reason
    )
    return {"id": erased.id, "erased_at": erased.erased_at}
