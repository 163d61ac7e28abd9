"""/api/notifications/: the logged-in account's own in-app notifications."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter

from api.deps import SessionDep
from api.listing import PaginationDep, only_params, ordering, page_of
from api.schemas import Page
from api.schemas.notifications import MarkedRead, NotificationRead, UnreadCount
from api.security import require
from models import Notification
from services import notifications
from services.auth.principal import Principal

router = APIRouter(prefix="/api/notifications", tags=["notifications"])

Reader = Annotated[Principal, require("notifications:read")]
OrderBy = Annotated[
    list[Any],
    ordering(
        {"created_at": Notification.created_at}, default="-created_at", tiebreaker=Notification.id
    ),
]


@router.get("/", response_model=Page[NotificationRead], dependencies=[only_params("unread")])
async def list_notifications(
    principal: Reader,
    db: SessionDep,
    paging: PaginationDep,
    order_by: OrderBy,
    unread: bool | None = None,
) -> Page[NotificationRead]:
    """Newest first; `unread=true` for the unread ones only, `unread=false` for the read ones."""
    rows, total = await notifications.list_for(
        db, principal.account_id, unread, order_by, paging.offset, paging.page_size
    )
    return page_of([NotificationRead.model_validate(n) for n in rows], total, paging)


@router.get("/unread-count/", response_model=UnreadCount, dependencies=[only_params()])
async def unread_count(principal: Reader, db: SessionDep) -> UnreadCount:
    return UnreadCount(unread=await notifications.unread_count(db, principal.account_id))


@router.post("/read-all/", response_model=MarkedRead)
async def read_all(principal: Reader, db: SessionDep) -> MarkedRead:
    """Mark every unread notification read; answers how many were."""
    return MarkedRead(marked=await notifications.mark_all_read(db, principal.account_id))


@router.post("/{notification_id}/read/", response_model=NotificationRead)
async def read_one(notification_id: int, principal: Reader, db: SessionDep) -> NotificationRead:
    """Idempotent; another account's notification is 404, as if it did not exist."""
    notification = await notifications.mark_read(db, principal.account_id, notification_id)
    return NotificationRead.model_validate(notification)
