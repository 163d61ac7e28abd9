"""/api/support/: tickets, their reply threads, assignment and status."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from api.deps import SessionDep
from api.listing import PaginationDep, only_params, ordering, page_of
from api.schemas import Page
from api.schemas.support import (
    ReplyCreate,
    ReplyRead,
    TicketAssign,
    TicketCreate,
    TicketDetail,
    TicketRead,
    TicketReplace,
    TicketStatusChange,
)
from api.security import require
from core.validators import check_range
from models import SupportTicket, TicketPriority, TicketStatus
from services import support
from services.auth.principal import Principal

router = APIRouter(prefix="/api/support", tags=["support"])

Readers = Annotated[Principal, require("support:read")]
Writers = Annotated[Principal, require("support:write")]
TicketOrder = Annotated[
    list[Any],
    ordering(
        {
            "created_at": SupportTicket.created_at,
            "updated_at": SupportTicket.updated_at,
            "priority": SupportTicket.priority_rank,
            "status": SupportTicket.status,
            "ticket_number": SupportTicket.ticket_number,
        },
        default="-created_at",
        tiebreaker=SupportTicket.id,
    ),
]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def ticket_filter(
    search: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    status: TicketStatus | None = None,
    priority: TicketPriority | None = None,
    assigned_to_id: int | None = None,
    user_id: int | None = None,
    reseller_id: int | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
) -> support.TicketFilter:
    check_range(created_from, created_to, "created_from", "created_to")
    return support.TicketFilter(
        search, status, priority, assigned_to_id, user_id, reseller_id, created_from, created_to
    )


async def _detail(db: SessionDep, principal: Principal, ticket_id: int) -> TicketDetail:
    ticket = await support.get_ticket(db, principal, ticket_id, thread=True)
    return TicketDetail.model_validate(
        {
            **TicketRead.model_validate(ticket).model_dump(),
            "replies": [ReplyRead.model_validate(r) for r in ticket.replies],
            "allowed_statuses": support.next_statuses(principal, ticket),
        }
    )


@router.get(
    "/tickets/",
    response_model=Page[TicketRead],
    dependencies=[
        only_params(
            "search",
            "status",
            "priority",
            "assigned_to_id",
            "user_id",
            "reseller_id",
            "created_from",
            "created_to",
        )
    ],
)
async def list_tickets(
    principal: Readers,
    db: SessionDep,
    paging: PaginationDep,
    filters: Annotated[support.TicketFilter, Depends(ticket_filter)],
    order_by: TicketOrder,
) -> Page[TicketRead]:
    """Search by subject or ticket number; `ordering=-priority` puts urgent first. App users
    and resellers see only their own tickets."""
    rows, total, exact = await support.list_tickets(
        db, principal, filters, order_by, paging.offset, paging.page_size
    )
    return page_of([TicketRead.model_validate(t) for t in rows], total, paging, exact=exact)


@router.post("/tickets/", response_model=TicketDetail, status_code=201)
async def create_ticket(
    body: TicketCreate, principal: Writers, db: SessionDep, request: Request
) -> TicketDetail:
    """App users and resellers raise tickets as themselves; staff may name the user or
    reseller, or just the order, whose buyer then becomes the requester."""
    ticket = await support.create(db, principal, principal.actor(_ip(request)), body.model_dump())
    return await _detail(db, principal, ticket.id)


@router.get("/tickets/{ticket_id}/", response_model=TicketDetail)
async def read_ticket(ticket_id: int, principal: Readers, db: SessionDep) -> TicketDetail:
    """With the reply thread; internal notes only for staff with support:internal_notes."""
    return await _detail(db, principal, ticket_id)


@router.put("/tickets/{ticket_id}/", response_model=TicketDetail)
async def replace_ticket(
    ticket_id: int, body: TicketReplace, principal: Writers, db: SessionDep, request: Request
) -> TicketDetail:
    ticket = await support.get_ticket(db, principal, ticket_id)
    await support.update(db, principal.actor(_ip(request)), ticket, body.model_dump())
    return await _detail(db, principal, ticket_id)


@router.patch("/tickets/{ticket_id}/assign/", response_model=TicketDetail)
async def assign_ticket(
    ticket_id: int,
    body: TicketAssign,
    principal: Annotated[Principal, require("support:assign")],
    db: SessionDep,
    request: Request,
) -> TicketDetail:
    """Assign to an active staff account (who is notified), or unassign with null."""
    ticket = await support.get_ticket(db, principal, ticket_id)
    await support.assign(db, principal.actor(_ip(request)), ticket, body.assigned_to_id)
    return await _detail(db, principal, ticket_id)


@router.post("/tickets/{ticket_id}/reply/", response_model=ReplyRead, status_code=201)
async def reply_to_ticket(
    ticket_id: int, body: ReplyCreate, principal: Writers, db: SessionDep, request: Request
) -> ReplyRead:
    """Staff or the requester. A staff reply notifies the requester, a requester's reply the
    assignee; an internal note notifies nobody."""
    ticket = await support.get_ticket(db, principal, ticket_id)
    entry = await support.reply(
        db, principal, principal.actor(_ip(request)), ticket, body.body, body.is_internal
    )
    return ReplyRead.model_validate(entry)


@router.patch("/tickets/{ticket_id}/status/", response_model=TicketDetail)
async def change_ticket_status(
    ticket_id: int,
    body: TicketStatusChange,
    principal: Writers,
    db: SessionDep,
    request: Request,
) -> TicketDetail:
    """open → in_progress → resolved → closed, or resolved → open to reopen. The requester may
    only close or reopen a resolved ticket."""
    ticket = await support.get_ticket(db, principal, ticket_id)
    await support.change_status(
        db, principal, principal.actor(_ip(request)), ticket, body.status, body.reason
    )
    return await _detail(db, principal, ticket_id)
