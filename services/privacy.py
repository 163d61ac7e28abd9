"""A person's rights over their data: a copy of everything held about them, and erasure.

Erasure anonymises the person and closes their login, but keeps their orders and transactions
with their amounts: bookkeeping law outlives the request. While an order is still on its way
the person cannot be erased — its delivery and support need who it is for."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from redis.asyncio import Redis
from sqlalchemy import ColumnElement, func, inspect, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, with_loader_criteria

from core.crypto import FieldCipher
from core.errors import Conflict
from core.settings import Settings
from integrations.storage import Storage
from models import (
    OrderStatus,
    OutboundMessage,
    PublicUser,
    PublicUserStatus,
    SimOrder,
    SupportTicket,
    TicketReply,
    Transaction,
)
from services import audit, kyc, users
from services.auth import sessions

IN_FLIGHT = (OrderStatus.pending, OrderStatus.confirmed, OrderStatus.dispatched)
ERASED_NAME = "Erased user"
ACCOUNT_FIELDS = (
    "id", "email", "phone", "first_name", "last_name", "is_active", "two_factor_enabled",
    "last_login_at", "created_at",
)  # fmt: skip
# What a KYC document is, not where its bytes are kept (the bytes are read through their route).
KYC_DOCUMENT_FIELDS = ("id", "original_name", "content_type", "size_bytes", "sha256", "created_at")


# Search columns are derived from the others (and deferred): nothing of the person's own.
DERIVED = frozenset({"search_vector", "search_text"})


def _row(entity: object) -> dict[str, Any]:
    table = inspect(type(entity)).local_table
    return audit.snapshot(entity, [c.key for c in table.columns if c.key not in DERIVED])


async def _all(db: AsyncSession, statement: Any) -> list[dict[str, Any]]:
    return [_row(entity) for entity in await db.scalars(statement)]


async def data_export(db: AsyncSession, cipher: FieldCipher, user: PublicUser) -> dict[str, Any]:
    """Everything held about the person, KYC number decrypted, KYC documents listed; internal
    staff notes excluded."""
    account = await users.linked_account(db, user)
    profile = {**_row(user), "id_document_number": users.document_number(cipher, user)}
    tickets = await db.scalars(
        select(SupportTicket)
        .where(SupportTicket.user_id == user.id)
        .options(
            selectinload(SupportTicket.replies),
            with_loader_criteria(TicketReply, TicketReply.is_internal.is_(False)),
        )
        .order_by(SupportTicket.id)
    )
    sent_to: list[ColumnElement[bool]] = [OutboundMessage.recipient.in_([user.email, user.phone])]
    if account is not None:
        sent_to += [
            OutboundMessage.recipient == account.email,
            OutboundMessage.account_id == account.id,
        ]
    messages = select(OutboundMessage).where(or_(*sent_to))
    return {
        "generated_at": datetime.now(UTC).isoformat(),
        "profile": profile,
        "account": audit.snapshot(account, ACCOUNT_FIELDS) if account else None,
        "orders": await _all(
            db, select(SimOrder).where(SimOrder.user_id == user.id).order_by(SimOrder.id)
        ),
        "transactions": await _all(
            db, select(Transaction).where(Transaction.user_id == user.id).order_by(Transaction.id)
        ),
        "tickets": [
            {**_row(ticket), "replies": [_row(reply) for reply in ticket.replies]}
            for ticket in tickets
        ],
        "messages": await _all(db, messages.order_by(OutboundMessage.id)),
        "kyc_documents": [
            audit.snapshot(stored, KYC_DOCUMENT_FIELDS) for stored in await kyc.documents(db, user)
        ],
    }


async def erase(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    storage: Storage,
    actor: audit.Actor,
    user: PublicUser,
    reason: str,
) -> PublicUser:
    if user.erased_at is not None:
        raise Conflict("This person's data was already erased.", code="user_erased")
    in_flight = await db.scalar(
        select(func.count()).where(SimOrder.user_id == user.id, SimOrder.status.in_(IN_FLIGHT))
    )
    if in_flight:
        raise Conflict(
            f"The person has {in_flight} order(s) still in flight; erase them once those are "
            "delivered, activated or cancelled.",
            code="orders_in_flight",
        )
    account = await users.linked_account(db, user)
    # Scans of their ID are the person's, not the books': their bytes go once this commits.
    await kyc.discard_all(db, storage, user)
    erased = f"erased-{user.id}"
    user.full_name, user.email, user.phone = ERASED_NAME, f"{erased}@erased.invalid", erased
    user.address = user.city = user.state = user.postal_code = ""
    user.id_document_type = user.id_document_number = ""
    user.date_of_birth = user.email_verified_at = user.phone_verified_at = None
    user.status, user.status_reason = PublicUserStatus.blocked, "Erased on request."
    user.erased_at = datetime.now(UTC)
    # The orders stay for the books; where they were delivered is the person's, not the books'.
    await db.execute(
        update(SimOrder).where(SimOrder.user_id == user.id).values(delivery_address="")
    )
    if account is not None:
        account.email, account.phone = f"erased-account-{account.id}@erased.invalid", None
        account.first_name = account.last_name = ""
        account.is_active, account.totp_secret, account.two_factor_enabled = False, None, False
        await sessions.revoke_all(db, redis, settings, account.id, "user_erased")
    await db.flush()
    # No before/after: the audit trail must not keep a copy of what was erased.
    await audit.record(db, actor, "user.erased", "public_user", user.id, reason=reason)
    return user


async def record_export(db: AsyncSession, actor: audit.Actor, user: PublicUser) -> None:
    await audit.record(db, actor, "user.data_exported", "public_user", user.id)
