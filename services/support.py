"""Support tickets: raised by app users, resellers or staff, worked by staff. A ticket moves
open → in_progress → resolved → closed, and a resolved ticket can be reopened; the requester
may only accept (close) or reopen a resolved ticket. Internal notes never reach the requester."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute, joinedload, selectinload

from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from models import (
    Account,
    OrderSource,
    PublicUser,
    Reseller,
    SimOrder,
    SupportTicket,
    TicketPriority,
    TicketReply,
    TicketStatus,
)
from models.codes import CodeKind, next_code
from models.identity import AccountKind
from services import audit, live, notifications
from services.auth.principal import Principal
from services.live import events
from services.querying import count_or_estimate
from services.search.postgres import matching
from services.tenancy import scope

TRANSITIONS: dict[TicketStatus, tuple[TicketStatus, ...]] = {
    TicketStatus.open: (TicketStatus.in_progress,),
    TicketStatus.in_progress: (TicketStatus.resolved,),
    TicketStatus.resolved: (TicketStatus.closed, TicketStatus.open),
    TicketStatus.closed: (),
}
# The requester's say: accept the fix, or report that it did not fix anything.
REQUESTER_TRANSITIONS = frozenset(
    {(TicketStatus.resolved, TicketStatus.closed), (TicketStatus.resolved, TicketStatus.open)}
)
AUDITED_FIELDS = ("subject", "description", "priority")
CREATED_FIELDS = ("ticket_number", "subject", "priority", "status", "user_id", "reseller_id",
                  "order_id", "assigned_to_id")  # fmt: skip
STATUS_FIELDS = ("status", "resolved_at", "closed_at")


@dataclass(frozen=True)
class TicketFilter:
    search: str | None = None
    status: TicketStatus | None = None
    priority: TicketPriority | None = None
    assigned_to_id: int | None = None
    user_id: int | None = None
    reseller_id: int | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.search:
            conditions.append(matching(SupportTicket, self.search))
        for column, value in (
            (SupportTicket.status, self.status),
            (SupportTicket.priority, self.priority),
            (SupportTicket.assigned_to_id, self.assigned_to_id),
            (SupportTicket.user_id, self.user_id),
            (SupportTicket.reseller_id, self.reseller_id),
        ):
            if value is not None:
                conditions.append(column == value)
        if self.created_from:
            conditions.append(SupportTicket.created_at >= self.created_from)
        if self.created_to:
            conditions.append(SupportTicket.created_at <= self.created_to)
        return conditions


def sees_internal_notes(principal: Principal) -> bool:
    # Staff only, whatever a custom role grants: internal notes talk about the requester.
    return principal.kind is AccountKind.staff and principal.can("support:internal_notes")


def _with_parties(query: Select[Any]) -> Select[Any]:
    """The requester, reseller, order and assignee each ticket names, in the same query."""
    return query.options(
        joinedload(SupportTicket.user).load_only(PublicUser.full_name),
        joinedload(SupportTicket.reseller).load_only(Reseller.business_name),
        joinedload(SupportTicket.order).load_only(SimOrder.order_number),
        joinedload(SupportTicket.assignee).load_only(Account.first_name, Account.last_name),
    )


async def list_tickets(
    db: AsyncSession,
    principal: Principal,
    filters: TicketFilter,
    order_by: Sequence[Any],
    offset: int,
    limit: int,
) -> tuple[list[SupportTicket], int, bool]:
    query = scope(select(SupportTicket), principal, SupportTicket).where(*filters.conditions())
    total, exact = await count_or_estimate(db, query)
    rows = await db.scalars(_with_parties(query).order_by(*order_by).offset(offset).limit(limit))
    return list(rows), total, exact


async def get_ticket(
    db: AsyncSession, principal: Principal, ticket_id: int, *, thread: bool = False
) -> SupportTicket:
    """A ticket the principal may see (404 otherwise); with `thread`, its replies, internal
    notes only for those who may read them."""
    query = _with_parties(
        scope(select(SupportTicket), principal, SupportTicket).where(SupportTicket.id == ticket_id)
    )
    if thread:
        replies: QueryableAttribute[Any] = SupportTicket.replies
        if not sees_internal_notes(principal):
            replies = replies.and_(TicketReply.is_internal.is_(False))
        query = query.options(
            selectinload(replies)
            .joinedload(TicketReply.author)
            .load_only(Account.kind, Account.first_name, Account.last_name)
        )
    ticket: SupportTicket | None = (
        await db.scalars(query.execution_options(populate_existing=True))
    ).one_or_none()
    if ticket is None:
        raise NotFound("No such ticket.")
    return ticket


def _field_error(field: str, message: str, text: str) -> ValidationFailed:
    return ValidationFailed(text, details=[{"field": f"body.{field}", "message": message}])


def _as_yourself(*fields: tuple[str, int | None, int | None]) -> None:
    for field, given, own in fields:
        if given is not None and given != own:
            raise _field_error(field, "is set from your account", "You raise tickets as yourself.")


async def _check_named(db: AsyncSession, user_id: int | None, reseller_id: int | None) -> None:
    if user_id is not None and reseller_id is not None:
        raise _field_error(
            "reseller_id", "give a user or a reseller, not both", "A ticket has one requester."
        )
    if user_id is not None and not await db.get(PublicUser, user_id):
        raise _field_error("user_id", "unknown user", "No such user.")
    if reseller_id is not None and not await db.scalar(
        select(Reseller.id).where(Reseller.id == reseller_id, Reseller.deleted_at.is_(None))
    ):
        raise _field_error("reseller_id", "unknown reseller", "No such reseller.")


async def _requester(
    db: AsyncSession, principal: Principal, fields: dict[str, Any]
) -> tuple[int | None, int | None]:
    """(user_id, reseller_id) of a new ticket: an app user or a reseller raises tickets as
    themselves; staff name the requester, or let the order name it."""
    user_id, reseller_id, order_id = fields["user_id"], fields["reseller_id"], fields["order_id"]
    if principal.kind is AccountKind.public:
        _as_yourself(
            ("user_id", user_id, principal.public_user_id), ("reseller_id", reseller_id, None)
        )
        user_id = principal.public_user_id
    elif principal.kind is AccountKind.reseller:
        _as_yourself(
            ("reseller_id", reseller_id, principal.reseller_id), ("user_id", user_id, None)
        )
        reseller_id = principal.reseller_id
    else:
        await _check_named(db, user_id, reseller_id)
    if order_id is None:
        return user_id, reseller_id
    # Scoped: an order someone else placed reads as unknown, not as forbidden.
    order = (
        await db.scalars(
            scope(select(SimOrder), principal, SimOrder).where(SimOrder.id == order_id)
        )
    ).one_or_none()
    if order is None:
        raise _field_error("order_id", "unknown order", "No such order.")
    if user_id is None and reseller_id is None:
        if order.order_type is OrderSource.app_user:
            return order.user_id, None
        return None, order.reseller_id
    if (user_id is not None and order.user_id != user_id) or (
        reseller_id is not None and order.reseller_id != reseller_id
    ):
        raise _field_error(
            "order_id", "belongs to another requester", "The order is not the requester's."
        )
    return user_id, reseller_id


async def create(
    db: AsyncSession, principal: Principal, actor: audit.Actor, fields: dict[str, Any]
) -> SupportTicket:
    user_id, reseller_id = await _requester(db, principal, fields)
    ticket = SupportTicket(
        ticket_number=await next_code(db, CodeKind.ticket),
        user_id=user_id,
        reseller_id=reseller_id,
        order_id=fields["order_id"],
        created_by_id=actor.account_id,
        subject=fields["subject"],
        description=fields["description"],
        priority=fields["priority"],
        status=TicketStatus.open,
    )
    db.add(ticket)
    await db.flush()
    await audit.record(
        db, actor, "ticket.created", "support_ticket", ticket.id,
        after=audit.snapshot(ticket, CREATED_FIELDS),
    )  # fmt: skip
    live.announce(db, events.ticket_raised(ticket))
    return ticket


def _ensure_not_closed(ticket: SupportTicket) -> None:
    if ticket.status is TicketStatus.closed:
        raise Conflict(
            f"Ticket {ticket.ticket_number} is closed; open a new ticket instead.",
            code="ticket_closed",
        )


async def update(
    db: AsyncSession, actor: audit.Actor, ticket: SupportTicket, changes: dict[str, Any]
) -> SupportTicket:
    _ensure_not_closed(ticket)
    before = audit.snapshot(ticket, AUDITED_FIELDS)
    for field, value in changes.items():
        setattr(ticket, field, value)
    await db.flush()
    await audit.record(
        db, actor, "ticket.updated", "support_ticket", ticket.id,
        before=before, after=audit.snapshot(ticket, AUDITED_FIELDS),
    )  # fmt: skip
    return ticket


async def assign(
    db: AsyncSession, actor: audit.Actor, ticket: SupportTicket, assignee_id: int | None
) -> SupportTicket:
    """Assign to an active staff account, or unassign with None; the assignee is notified."""
    _ensure_not_closed(ticket)
    if assignee_id == ticket.assigned_to_id:
        raise Conflict("The ticket already has this assignee.", code="assignment_unchanged")
    if assignee_id is not None:
        assignee = await db.get(Account, assignee_id)
        if assignee is None or assignee.kind is not AccountKind.staff or not assignee.is_active:
            raise _field_error(
                "assigned_to_id",
                "must be an active staff account",
                "Tickets can only be assigned to active staff.",
            )
    before = audit.snapshot(ticket, ("assigned_to_id",))
    ticket.assigned_to_id = assignee_id
    await db.flush()
    await audit.record(
        db, actor, "ticket.assigned", "support_ticket", ticket.id,
        before=before, after=audit.snapshot(ticket, ("assigned_to_id",)),
    )  # fmt: skip
    live.announce(db, events.ticket_assigned(ticket))
    if assignee_id is not None and assignee_id != actor.account_id:
        await notifications.notify(
            db, [assignee_id], "support.ticket_assigned",
            f"{ticket.ticket_number} was assigned to you", ticket.subject, _ref(ticket),
        )  # fmt: skip
    return ticket


def _ref(ticket: SupportTicket) -> dict[str, Any]:
    return {"ticket_id": ticket.id, "ticket_number": ticket.ticket_number}


async def requester_accounts(db: AsyncSession, ticket: SupportTicket) -> list[int]:
    """Who hears back on a ticket: the app user's login, or the reseller login that raised it."""
    if ticket.user_id is not None:
        query = select(Account.id).where(Account.public_user_id == ticket.user_id)
    elif ticket.reseller_id is not None and ticket.created_by_id is not None:
        query = select(Account.id).where(
            Account.id == ticket.created_by_id, Account.reseller_id == ticket.reseller_id
        )
    else:
        return []
    return list(await db.scalars(query.where(Account.is_active)))


async def reply(
    db: AsyncSession,
    principal: Principal,
    actor: audit.Actor,
    ticket: SupportTicket,
    body: str,
    is_internal: bool,
) -> TicketReply:
    """Staff or the requester (who alone sees the ticket among non-staff) answer on a ticket.
    A staff answer notifies the requester; a requester's answer notifies the assignee."""
    _ensure_not_closed(ticket)
    if is_internal and not sees_internal_notes(principal):
        raise PermissionDenied(
            "Only staff allowed to use internal notes can write one.",
            code="internal_notes_forbidden",
            details={"permission": "support:internal_notes"},
        )
    entry = TicketReply(
        ticket_id=ticket.id, author_id=actor.account_id, body=body, is_internal=is_internal
    )
    db.add(entry)
    # A reply is activity on the ticket: lists sorted by updated_at show it first.
    ticket.updated_at = datetime.now(UTC)
    await db.flush()
    if is_internal:
        recipients: list[int | None] = []
    elif principal.kind is AccountKind.staff:
        recipients = list(await requester_accounts(db, ticket))
    else:
        recipients = [ticket.assigned_to_id]
    await notifications.notify(
        db,
        (r for r in recipients if r != actor.account_id),
        "support.ticket_reply",
        f"New reply on {ticket.ticket_number}",
        body[:500],
        _ref(ticket),
    )
    loaded = await db.scalars(
        select(TicketReply)
        .where(TicketReply.id == entry.id)
        .options(
            joinedload(TicketReply.author).load_only(
                Account.kind, Account.first_name, Account.last_name
            )
        )
        .execution_options(populate_existing=True)
    )
    posted: TicketReply = loaded.one()
    live.announce(db, events.ticket_reply(posted))
    return posted


async def change_status(
    db: AsyncSession,
    principal: Principal,
    actor: audit.Actor,
    ticket: SupportTicket,
    status: TicketStatus,
    reason: str,
) -> SupportTicket:
    current = ticket.status
    allowed = TRANSITIONS[current]
    if status not in allowed:
        raise Conflict(
            f"A {current.value} ticket cannot move to {status.value}; "
            + (f"allowed: {', '.join(s.value for s in allowed)}." if allowed else "it is final."),
            code="illegal_transition",
            details={
                "from": current.value,
                "to": status.value,
                "allowed": [s.value for s in allowed],
            },
        )
    if principal.kind is not AccountKind.staff and (current, status) not in REQUESTER_TRANSITIONS:
        raise PermissionDenied(
            "As the requester you can close a resolved ticket or reopen it.",
            code="requester_transition",
        )
    before = audit.snapshot(ticket, STATUS_FIELDS)
    now = datetime.now(UTC)
    ticket.status = status
    if status is TicketStatus.resolved:
        ticket.resolved_at = now
    elif status is TicketStatus.closed:
        ticket.closed_at = now
    elif status is TicketStatus.open:
        ticket.resolved_at = None
    await db.flush()
    await audit.record(
        db, actor, "ticket.status_changed", "support_ticket", ticket.id,
        before=before, after=audit.snapshot(ticket, STATUS_FIELDS), reason=reason,
    )  # fmt: skip
    live.announce(db, *events.ticket_status_changed(ticket, current))
    if status is TicketStatus.resolved:
        await notifications.notify(
            db, await requester_accounts(db, ticket), "support.ticket_resolved",
            f"{ticket.ticket_number} was resolved", ticket.subject, _ref(ticket),
        )  # fmt: skip
    return ticket


def next_statuses(principal: Principal, ticket: SupportTicket) -> list[TicketStatus]:
    """Where this principal may move the ticket now (for the panel's buttons)."""
    return [
        status
        for status in TRANSITIONS[ticket.status]
        if principal.kind is AccountKind.staff or (ticket.status, status) in REQUESTER_TRANSITIONS
    ]
