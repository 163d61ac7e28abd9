"""/api/users/: app users (public users), their status, orders, payments and tickets."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import inspect

from api.deps import RedisDep, SessionDep, SettingsDep
from api.listing import PaginationDep, only_params, ordering, page_of
from api.routes import orders as orders_routes
from api.routes import transactions as transactions_routes
from api.schemas import Page
from api.schemas.orders import OrderRead
from api.schemas.support import TicketRead
from api.schemas.users import (
    UserDetail,
    UserRead,
    UserReplace,
    UserStatusChange,
    UserTransactionRead,
)
from api.security import require
from api.viewed import viewed
from core.crypto import FieldCipher
from core.validators import check_range
from models import (
    PublicUser,
    PublicUserStatus,
    SupportTicket,
    TicketStatus,
)
from services import support, users
from services.auth.principal import Principal
from services.orders import queries as order_queries

router = APIRouter(prefix="/api/users", tags=["users"])

Readers = Annotated[Principal, require("users:read")]
UserOrder = Annotated[
    list[Any],
    ordering(
        {
            "created_at": PublicUser.created_at,
            "full_name": PublicUser.full_name,
            "email": PublicUser.email,
            "city": PublicUser.city,
            "status": PublicUser.status,
        },
        default="-created_at",
        tiebreaker=PublicUser.id,
    ),
]
TicketsOrder = Annotated[
    list[Any],
    ordering(
        {"created_at": SupportTicket.created_at, "updated_at": SupportTicket.updated_at},
        default="-created_at",
        tiebreaker=SupportTicket.id,
    ),
]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def _cipher(settings: SettingsDep) -> FieldCipher:
    return FieldCipher(settings)


CipherDep = Annotated[FieldCipher, Depends(_cipher)]


async def user_filter(
    search: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    status: PublicUserStatus | None = None,
    city: Annotated[str | None, Query(max_length=100)] = None,
    plan_id: Annotated[
        int | None, Query(description="Users who ordered this plan (package)")
    ] = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
) -> users.UserFilter:
    check_range(created_from, created_to, "created_from", "created_to")
    return users.UserFilter(search, status, city, plan_id, created_from, created_to)


USER_COLUMNS = frozenset(inspect(PublicUser).columns.keys())


def _columns(user: PublicUser, model: type[UserRead]) -> dict[str, Any]:
    return {name: getattr(user, name) for name in model.model_fields if name in USER_COLUMNS}


async def _detail(db: SessionDep, cipher: FieldCipher, user: PublicUser) -> UserDetail:
    numbers = await users.figures(db, user)
    return UserDetail.model_validate(
        {
            **_columns(user, UserDetail),
            **numbers.__dict__,
            "id_document_number": users.document_number(cipher, user),
        }
    )


@router.get(
    "/",
    response_model=Page[UserRead],
    dependencies=[only_params("search", "status", "city", "plan_id", "created_from", "created_to")],
)
async def list_users(
    principal: Readers,
    db: SessionDep,
    cipher: CipherDep,
    paging: PaginationDep,
    filters: Annotated[users.UserFilter, Depends(user_filter)],
    order_by: UserOrder,
) -> Page[UserRead]:
    """Search by name, email or phone; filter by city, status, or a plan they ordered."""
    rows, total, exact = await users.list_users(
        db, principal, filters, order_by, paging.offset, paging.page_size
    )
    items = [
        UserRead.model_validate(
            {
                **_columns(user, UserRead),
                "id_document_number": users.mask(users.document_number(cipher, user)),
            }
        )
        for user in rows
    ]
    return page_of(items, total, paging, exact=exact)


@router.get("/{user_id}/", response_model=UserDetail, dependencies=[viewed("user", "user_id")])
async def read_user(
    user_id: int, principal: Readers, db: SessionDep, cipher: CipherDep
) -> UserDetail:
    return await _detail(db, cipher, await users.get_user(db, principal, user_id))


@router.put("/{user_id}/", response_model=UserDetail)
async def replace_user(
    user_id: int,
    body: UserReplace,
    principal: Annotated[Principal, require("users:update")],
    db: SessionDep,
    cipher: CipherDep,
    request: Request,
) -> UserDetail:
    """A changed email or phone must be verified again; their login follows both."""
    user = await users.get_user(db, principal, user_id)
    await users.update(db, cipher, principal.actor(_ip(request)), user, body.model_dump())
    return await _detail(db, cipher, user)


@router.patch("/{user_id}/status/", response_model=UserDetail)
async def change_status(
    user_id: int,
    body: UserStatusChange,
    principal: Annotated[Principal, require("users:block")],
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    cipher: CipherDep,
    request: Request,
) -> UserDetail:
    """Block (their login is deactivated and signed out everywhere) or unblock."""
    user = await users.get_user(db, principal, user_id)
    await users.change_status(
        db, redis, settings, principal.actor(_ip(request)), user, body.action, body.reason
    )
    return await _detail(db, cipher, user)


@router.get("/{user_id}/orders/", response_model=Page[OrderRead], dependencies=[only_params()])
async def list_user_orders(
    user_id: int,
    principal: Annotated[Principal, require("orders:read")],
    db: SessionDep,
    paging: PaginationDep,
    order_by: orders_routes.OrderBy,
) -> Page[OrderRead]:
    """Their orders, as the orders list shows them."""
    user = await users.get_user(db, principal, user_id)
    rows, total, exact = await order_queries.list_orders(
        db, principal, order_queries.OrderFilter(user_id=user.id), order_by,
        paging.window(order_by),
    )  # fmt: skip
    return page_of([OrderRead.model_validate(o) for o in rows], total, paging, exact=exact)


@router.get(
    "/{user_id}/transactions/",
    response_model=Page[UserTransactionRead],
    dependencies=[only_params()],
)
async def list_user_transactions(
    user_id: int,
    principal: Annotated[Principal, require("transactions:read")],
    db: SessionDep,
    paging: PaginationDep,
    order_by: transactions_routes.OrderBy,
) -> Page[UserTransactionRead]:
    user = await users.get_user(db, principal, user_id)
    rows, total = await users.list_transactions(
        db, principal, user, order_by, paging.offset, paging.page_size
    )
    return page_of([UserTransactionRead.model_validate(t) for t in rows], total, paging)


@router.get(
    "/{user_id}/support-tickets/",
    response_model=Page[TicketRead],
    dependencies=[only_params("status")],
)
async def list_user_tickets(
    user_id: int,
    principal: Annotated[Principal, require("support:read")],
    db: SessionDep,
    paging: PaginationDep,
    order_by: TicketsOrder,
    status: TicketStatus | None = None,
) -> Page[TicketRead]:
    user = await users.get_user(db, principal, user_id)
    rows, total, exact = await support.list_tickets(
        db,
        principal,
        support.TicketFilter(user_id=user.id, status=status),
        order_by,
        paging.offset,
        paging.page_size,
    )
    return page_of([TicketRead.model_validate(t) for t in rows], total, paging, exact=exact)
