"""Public users: people who buy SIMs through the app. Staff see and edit them; an app user
sees only themselves; resellers never do. A blocked user cannot log in: blocking deactivates
their login and signs out all of its sessions. KYC document numbers are encrypted at rest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from redis.asyncio import Redis
from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import FieldCipher
from core.errors import Conflict, NotFound, ValidationFailed
from core.settings import Settings
from models import (
    Account,
    PaymentStatus,
    PublicUser,
    PublicUserStatus,
    SimOrder,
    SupportTicket,
    TicketStatus,
    Transaction,
)
from services import audit
from services.auth import sessions
from services.auth.principal import Principal
from services.querying import count_or_estimate
from services.search.postgres import matching
from services.tenancy import scope

PERSONAL_FIELDS = (
    "full_name", "email", "phone", "address", "city", "state", "postal_code", "date_of_birth",
    "id_document_type",
)  # fmt: skip
SPENDING_PAYMENT_STATUSES = (PaymentStatus.paid, PaymentStatus.partially_refunded)
OPEN_TICKET_STATUSES = (TicketStatus.open, TicketStatus.in_progress)
# Longer than any valid document number: what is stored longer than this is ciphertext.
MAX_DOCUMENT_NUMBER = 30
MASK = "••••"
CENTS = Decimal("0.00")


class StatusAction(StrEnum):
    block = "block"
    unblock = "unblock"


@dataclass(frozen=True)
class UserFilter:
    search: str | None = None
    status: PublicUserStatus | None = None
    city: str | None = None
    plan_id: int | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.search:
            conditions.append(matching(PublicUser, self.search))
        if self.status:
            conditions.append(PublicUser.status == self.status)
        if self.city:
            conditions.append(func.lower(PublicUser.city) == self.city.lower())
        if self.plan_id is not None:
            conditions.append(
                exists().where(SimOrder.user_id == PublicUser.id, SimOrder.plan_id == self.plan_id)
            )
        if self.created_from:
            conditions.append(PublicUser.created_at >= self.created_from)
        if self.created_to:
            conditions.append(PublicUser.created_at <= self.created_to)
        return conditions


async def list_users(
    db: AsyncSession,
    principal: Principal,
    filters: UserFilter,
    order_by: Sequence[Any],
    offset: int,
    limit: int,
) -> tuple[list[PublicUser], int, bool]:
    query = scope(select(PublicUser), principal, PublicUser).where(*filters.conditions())
    total, exact = await count_or_estimate(db, query)
    rows = list((await db.scalars(query.order_by(*order_by).offset(offset).limit(limit))).all())
    return rows, total, exact


async def get_user(db: AsyncSession, principal: Principal, user_id: int) -> PublicUser:
    query = scope(select(PublicUser), principal, PublicUser).where(PublicUser.id == user_id)
    user: PublicUser | None = (
        await db.scalars(query.execution_options(populate_existing=True))
    ).one_or_none()
    if user is None:
        raise NotFound("No such user.")
    return user


@dataclass(frozen=True)
class UserFigures:
    orders_count: int
    total_spent: Decimal
    open_tickets_count: int
    account_id: int | None
    login_active: bool | None


async def figures(db: AsyncSession, user: PublicUser) -> UserFigures:
    orders = (
        await db.execute(
            select(
                func.count(),
                func.coalesce(
                    func.sum(SimOrder.total_amount).filter(
                        SimOrder.payment_status.in_(SPENDING_PAYMENT_STATUSES)
                    ),
                    0,
                ),
            ).where(SimOrder.user_id == user.id)
        )
    ).one()
    tickets = await db.scalar(
        select(func.count())
        .select_from(SupportTicket)
        .where(SupportTicket.user_id == user.id, SupportTicket.status.in_(OPEN_TICKET_STATUSES))
    )
    account = await linked_account(db, user)
    return UserFigures(
        orders_count=orders[0],
        total_spent=Decimal(orders[1]).quantize(CENTS),
        open_tickets_count=tickets or 0,
        account_id=account.id if account else None,
        login_active=account.is_active if account else None,
    )


async def linked_account(db: AsyncSession, user: PublicUser) -> Account | None:
    account: Account | None = (
        await db.scalars(select(Account).where(Account.public_user_id == user.id))
    ).one_or_none()
    return account


def document_number(cipher: FieldCipher, user: PublicUser) -> str:
    stored = user.id_document_number
    if len(stored) <= MAX_DOCUMENT_NUMBER:
        # Empty, or a row written before numbers were encrypted (older seeds wrote them so).
        return stored
    return cipher.decrypt(stored)


def mask(number: str) -> str:
    """`••••4567`: enough to tell documents apart on the phone, at most half the number."""
    if not number:
        return ""
    return MASK + number[-min(4, len(number) // 2) :]


def _personal(user: PublicUser, number: str) -> dict[str, Any]:
    # The audit trail keeps the masked number: it must not become a copy of the KYC data.
    return {**audit.snapshot(user, PERSONAL_FIELDS), "id_document_number": mask(number)}


async def _taken(
    db: AsyncSession, user: PublicUser | None, account: Account | None, email: str, phone: str
) -> list[str]:
    """Which of email and phone another person (or another login, for email) already uses;
    `user` is None for a person not yet created."""
    taken = []
    email_users = select(PublicUser.id).where(PublicUser.email == email)
    phone_users = select(PublicUser.id).where(PublicUser.phone == phone)
    if user is not None:
        email_users = email_users.where(PublicUser.id != user.id)
        phone_users = phone_users.where(PublicUser.id != user.id)
    email_logins = select(Account.id).where(Account.email == email)
    if account is not None:
        email_logins = email_logins.where(Account.id != account.id)
    if await db.scalar(email_users) or await db.scalar(email_logins):
        taken.append("email")
    if await db.scalar(phone_users):
        taken.append("phone")
    return taken


def _duplicate(fields: list[str]) -> Conflict:
    return Conflict(
        f"Already in use by someone else: {', '.join(fields)}.",
        code="duplicate_" + "_and_".join(fields),
        details=[{"field": f"body.{field}", "message": "already in use"} for field in fields],
    )


def _personal_fields(fields: dict[str, Any]) -> str:
    """Normalise a write of personal fields in place; returns the KYC number taken out of it."""
    fields["email"] = fields["email"].lower()
    number: str = fields.pop("id_document_number") or ""
    fields["id_document_type"] = fields["id_document_type"] or ""
    if bool(number) != bool(fields["id_document_type"]):
        missing = "id_document_type" if number else "id_document_number"
        raise ValidationFailed(
            "A KYC document needs both its type and its number.",
            details=[{"field": f"body.{missing}", "message": "required with the other"}],
        )
    return number


async def create(
    db: AsyncSession, cipher: FieldCipher, actor: audit.Actor, fields: dict[str, Any]
) -> PublicUser:
    """A person added by staff (an import), without a login of their own, unverified until
    they confirm their email and phone."""
    number = _personal_fields(fields)
    taken = await _taken(db, None, None, fields["email"], fields["phone"])
    if taken:
        raise _duplicate(taken)
    user = PublicUser(**fields, id_document_number=cipher.encrypt(number) if number else "")
    db.add(user)
    try:
        async with db.begin_nested():
            await db.flush()
    except IntegrityError:
        raise _duplicate(["email", "phone"]) from None
    await audit.record(
        db, actor, "user.created", "public_user", user.id, after=_personal(user, number)
    )
    return user


async def update(
    db: AsyncSession,
    cipher: FieldCipher,
    actor: audit.Actor,
    user: PublicUser,
    fields: dict[str, Any],
) -> PublicUser:
    """Replace the personal fields. A new email or phone is unverified until confirmed, and
    the login follows the person's email and phone."""
    if user.erased_at is not None:
        raise Conflict("This person's data was erased on request.", code="user_erased")
    number = _personal_fields(fields)
    account = await linked_account(db, user)
    taken = await _taken(db, user, account, fields["email"], fields["phone"])
    if taken:
        raise _duplicate(taken)

    current_number = document_number(cipher, user)
    before = _personal(user, current_number)
    if fields["email"] != user.email:
        user.email_verified_at = None
    if fields["phone"] != user.phone:
        user.phone_verified_at = None
    for field, value in fields.items():
        setattr(user, field, value)
    if number != current_number:
        # Fernet is randomised: re-encrypting an unchanged number would read as a change.
        user.id_document_number = cipher.encrypt(number) if number else ""
    if account is not None:
        account.email, account.phone = user.email, user.phone
    try:
        async with db.begin_nested():
            await db.flush()
    except IntegrityError:
        # Someone took the email or phone between the check and the write.
        raise _duplicate(["email", "phone"]) from None
    after = _personal(user, number)
    if after != before:
        await audit.record(
            db, actor, "user.updated", "public_user", user.id, before=before, after=after
        )
    return user


async def change_status(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    actor: audit.Actor,
    user: PublicUser,
    action: StatusAction,
    reason: str,
) -> PublicUser:
    blocked = user.status is PublicUserStatus.blocked
    if (action is StatusAction.block) == blocked:
        raise Conflict(
            "The user is already blocked." if blocked else "The user is not blocked.",
            code="status_unchanged",
        )
    account = await linked_account(db, user)
    before = audit.snapshot(user, ("status", "status_reason"))
    if account is not None:
        before["login_active"] = account.is_active
    if action is StatusAction.block:
        user.status = PublicUserStatus.blocked
    else:
        verified = user.email_verified_at is not None and user.phone_verified_at is not None
        user.status = PublicUserStatus.active if verified else PublicUserStatus.pending_verification
    user.status_reason = reason
    if account is not None:
        account.is_active = action is StatusAction.unblock
        if action is StatusAction.block:
            await sessions.revoke_all(db, redis, settings, account.id, "user_blocked")
    await db.flush()
    after = audit.snapshot(user, ("status", "status_reason"))
    if account is not None:
        after["login_active"] = account.is_active
    await audit.record(
        db, actor, "user.blocked" if action is StatusAction.block else "user.unblocked",
        "public_user", user.id,
        before=before, after=after, reason=reason,
    )  # fmt: skip
    return user


async def list_transactions(
    db: AsyncSession,
    principal: Principal,
    user: PublicUser,
    order_by: Sequence[Any],
    offset: int,
    limit: int,
) -> tuple[list[Transaction], int]:
    query = scope(select(Transaction), principal, Transaction).where(Transaction.user_id == user.id)
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await db.scalars(query.order_by(*order_by).offset(offset).limit(limit))
    return list(rows), total
