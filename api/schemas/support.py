from __future__ import annotations

from datetime import datetime

from pydantic import Field

from api.schemas import ReadModel, WriteModel
from models import TicketPriority, TicketStatus
from models.identity import AccountKind

Subject = Field(min_length=3, max_length=200)
Description = Field(min_length=1, max_length=20_000)


class TicketCreate(WriteModel):
    subject: str = Subject
    description: str = Description
    priority: TicketPriority = TicketPriority.medium
    user_id: int | None = Field(
        default=None, description="Staff only: the app user the ticket is for"
    )
    reseller_id: int | None = Field(
        default=None, description="Staff only: the reseller the ticket is for"
    )
    order_id: int | None = Field(
        default=None, description="The order it is about; staff may let it name the requester"
    )


class TicketReplace(WriteModel):
    """PUT: the editable fields, all of them."""

    subject: str = Subject
    description: str = Description
    priority: TicketPriority


class TicketAssign(WriteModel):
    assigned_to_id: int | None = Field(description="An active staff account, or null to unassign")


class TicketStatusChange(WriteModel):
    status: TicketStatus
    reason: str = Field(default="", max_length=1000)


class ReplyCreate(WriteModel):
    body: str = Field(min_length=1, max_length=20_000)
    is_internal: bool = Field(
        default=False, description="A note for staff only (needs support:internal_notes)"
    )


class UserRef(ReadModel):
    id: int
    full_name: str


class ResellerRef(ReadModel):
    id: int
    business_name: str


class OrderRef(ReadModel):
    id: int
    order_number: str


class StaffRef(ReadModel):
    id: int
    full_name: str


class AuthorRef(ReadModel):
    id: int
    full_name: str
    kind: AccountKind


class ReplyRead(ReadModel):
    id: int
    ticket_id: int
    author: AuthorRef | None
    body: str
    is_internal: bool
    created_at: datetime


class TicketRead(ReadModel):
    id: int
    ticket_number: str
    subject: str
    description: str
    priority: TicketPriority
    status: TicketStatus
    user: UserRef | None
    reseller: ResellerRef | None
    order: OrderRef | None
    assignee: StaffRef | None
    created_by_id: int | None
    resolved_at: datetime | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime


class TicketDetail(TicketRead):
    replies: list[ReplyRead]
    allowed_statuses: list[TicketStatus] = Field(
        description="The statuses this ticket may move to next"
    )
