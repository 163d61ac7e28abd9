"""What live updates say, and who may hear each one.

An event is a type, a JSON payload and an `Audience`. Domain services build events with the
functions below and queue them on their session (`publishing.announce`); every API process
receives every event from Redis and hands it to those of its sockets the audience admits.
Payloads say what changed, not how the world looks now, except where saying it is cheap."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic_core import to_jsonable_python

from models import Notification, OrderStatus, SimOrder, SupportTicket, TicketReply, TicketStatus
from models.identity import AccountKind
from services.auth.principal import Principal
from services.tenancy import may_see

# Tenant-owned rows an audience can be narrowed to, by the name it travels under.
OWNED: dict[str, type[Any]] = {"order": SimOrder, "ticket": SupportTicket}

# Event types, as the socket sends them (the README's "Live updates" lists their payloads).
NOTIFICATION_CREATED = "notification.created"
NOTIFICATIONS_READ = "notifications.read"
ORDER_STATUS_CHANGED = "order.status_changed"
DASHBOARD_CHANGED = "dashboard.changed"
TICKET_REPLY = "ticket.reply"
TICKET_ASSIGNED = "ticket.assigned"
TICKET_STATUS_CHANGED = "ticket.status_changed"


@dataclass(frozen=True)
class Audience:
    """Who receives an event: one account's sockets, the sockets watching one ticket, or every
    socket whose principal has `permission`. `owner` (an OWNED name, reseller id, user id)
    narrows that by tenancy to those who may see the row; `staff_only` to staff accounts."""

    account_id: int | None = None
    ticket_id: int | None = None
    permission: str | None = None
    owner: tuple[str, int | None, int | None] | None = None
    staff_only: bool = False

    def admits(self, principal: Principal, watching: Collection[int]) -> bool:
        if self.account_id is not None and principal.account_id != self.account_id:
            return False
        if self.ticket_id is not None and self.ticket_id not in watching:
            return False
        if self.permission is not None and not principal.can(self.permission):
            return False
        if self.staff_only and principal.kind is not AccountKind.staff:
            return False
        if self.owner is not None:
            model, reseller_id, user_id = self.owner
            return may_see(principal, OWNED[model], reseller_id=reseller_id, user_id=user_id)
        return True

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Audience:
        owner = data.get("owner")
        return cls(**{**data, "owner": tuple(owner) if owner is not None else None})


@dataclass(frozen=True)
class Event:
    type: str
    data: dict[str, Any]
    audience: Audience = field(default_factory=Audience)

    def to_wire(self) -> dict[str, Any]:
        return {"type": self.type, "data": self.data, "audience": asdict(self.audience)}


def notification_created(notification: Notification) -> Event:
    return Event(
        NOTIFICATION_CREATED,
        {
            "id": notification.id,
            "category": notification.category,
            "title": notification.title,
            "body": notification.body,
            "data": notification.data,
            "read_at": None,
            "created_at": to_jsonable_python(notification.created_at),
        },
        _bell(notification.recipient_id),
    )


def notifications_read(account_id: int) -> Event:
    """The socket answers it with the account's fresh unread count."""
    return Event(NOTIFICATIONS_READ, {}, _bell(account_id))


def _bell(account_id: int) -> Audience:
    return Audience(account_id=account_id, permission="notifications:read")


def order_status_changed(order: SimOrder, previous: OrderStatus) -> list[Event]:
    """To those who may read the order (a reseller only its own, an app user only theirs),
    and a nudge to the dashboards that count it, whose counters move with order statuses."""
    owner = ("order", order.reseller_id, order.user_id)
    return [
        Event(
            ORDER_STATUS_CHANGED,
            {
                "order_id": order.id,
                "order_number": order.order_number,
                "from": previous.value,
                "to": order.status.value,
            },
            Audience(permission="orders:read", owner=owner),
        ),
        dashboard_changed("orders", owner),
    ]


def dashboard_changed(topic: str, owner: tuple[str, int | None, int | None]) -> Event:
    """A nudge to refetch the dashboard's `topic` figures, for the dashboards that count the
    row (a reseller's only its own); a bulk action's many nudges go out once."""
    return Event(
        DASHBOARD_CHANGED, {"topic": topic}, Audience(permission="dashboard:read", owner=owner)
    )


def order_placed(order: SimOrder) -> Event:
    return dashboard_changed("orders", ("order", order.reseller_id, order.user_id))


def ticket_raised(ticket: SupportTicket) -> Event:
    return dashboard_changed("tickets", _ticket_owner(ticket))


def _ticket_owner(ticket: SupportTicket) -> tuple[str, int | None, int | None]:
    return ("ticket", ticket.reseller_id, ticket.user_id)


def ticket_watchers(ticket_id: int, *, internal: bool = False) -> Audience:
    # support.sees_internal_notes as an audience: staff holding support:internal_notes.
    if internal:
        return Audience(ticket_id=ticket_id, permission="support:internal_notes", staff_only=True)
    return Audience(ticket_id=ticket_id)


def ticket_reply(reply: TicketReply) -> Event:
    """Shaped like the API's ReplyRead, so a thread can append it as it is."""
    author = reply.author
    return Event(
        TICKET_REPLY,
        {
            "id": reply.id,
            "ticket_id": reply.ticket_id,
            "author": None
            if author is None
            else {"id": author.id, "full_name": author.full_name, "kind": author.kind.value},
            "body": reply.body,
            "is_internal": reply.is_internal,
            "created_at": to_jsonable_python(reply.created_at),
        },
        ticket_watchers(reply.ticket_id, internal=reply.is_internal),
    )


def ticket_assigned(ticket: SupportTicket) -> Event:
    return Event(
        TICKET_ASSIGNED,
        {"ticket_id": ticket.id, "assigned_to_id": ticket.assigned_to_id},
        ticket_watchers(ticket.id),
    )


def ticket_status_changed(ticket: SupportTicket, previous: TicketStatus) -> list[Event]:
    return [
        Event(
            TICKET_STATUS_CHANGED,
            {"ticket_id": ticket.id, "from": previous.value, "to": ticket.status.value},
            ticket_watchers(ticket.id),
        ),
        dashboard_changed("tickets", _ticket_owner(ticket)),
    ]
