"""Reseller onboarding: a new reseller gets an owner login (inactive until approved), verifies
its email, submits KYB documents and waits for an approver's decision, which sets its credit
limit and commission and activates it; or it is rejected, or it expires. The
ResellerOnboarding workflow runs these steps in order; every step here checks where the
onboarding stands first, so a retried or late step changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict
from core.passwords import hash_password
from core.settings import Settings
from core.tokens import new_secret
from integrations.storage import Storage
from models import (
    Account,
    DocumentType,
    FilePurpose,
    OnboardingStatus,
    OneTimeToken,
    OutboundMessage,
    Reseller,
    ResellerDocument,
    ResellerStatus,
    StoredFile,
    TokenPurpose,
)
from models.identity import AccountKind, SystemRole
from models.resellers import OPEN_ONBOARDING
from services import api_keys, audit, files, notifications, staff
from services.access import ensure_system_roles
from services.auth.principal import principal_for_account
from services.auth.recovery import send_email_verification
from services.messaging.notifier import Notifier

DECIDING_PERMISSION = "resellers:suspend"
# What the welcome key may do: sell, not administer (more keys are made in the panel).
WELCOME_KEY_SCOPES = (
    "catalog:read", "clients:read", "clients:write", "orders:create", "orders:read",
    "transactions:read",
)  # fmt: skip


def workflow_id(reseller_id: int) -> str:
    return f"reseller-onboarding-{reseller_id}"


async def enrol(db: AsyncSession, reseller: Reseller) -> Account:
    """Give a new reseller its owner login, inactive (and with a password nobody knows) until
    the reseller is approved, and open its onboarding."""
    if await db.scalar(select(Account.id).where(Account.email == reseller.email)):
        raise Conflict(
            "A login already uses this email; a reseller needs an address of its own.",
            code="duplicate_email",
            details=[{"field": "body.email", "message": "already in use by a login"}],
        )
    role_ids = await ensure_system_roles(db)
    first, _, last = reseller.contact_person.partition(" ")
    owner = Account(
        kind=AccountKind.reseller,
        email=reseller.email,
        password_hash=hash_password(new_secret()),
        first_name=first,
        last_name=last,
        phone=reseller.phone,
        role_id=role_ids[SystemRole.reseller_owner],
        reseller_id=reseller.id,
        is_active=False,
    )
    db.add(owner)
    reseller.onboarding_status = OnboardingStatus.collecting
    await db.flush()
    return owner


async def owner_of(db: AsyncSession, reseller_id: int) -> Account:
    owner = await db.scalar(
        select(Account).where(Account.reseller_id == reseller_id).order_by(Account.id).limit(1)
    )
    if owner is None:
        raise LookupError(f"reseller {reseller_id} has no login")
    return owner


async def _reseller(db: AsyncSession, reseller_id: int) -> Reseller:
    reseller = await db.get(Reseller, reseller_id, with_for_update=True)
    if reseller is None:
        raise LookupError(f"reseller {reseller_id} does not exist")
    return reseller


@dataclass(frozen=True)
class Facts:
    status: OnboardingStatus | None
    email_verified: bool
    documents: int


async def facts(db: AsyncSession, reseller_id: int) -> Facts:
    reseller = await _reseller(db, reseller_id)
    documents = await db.scalar(
        select(func.count())
        .select_from(ResellerDocument)
        .where(ResellerDocument.reseller_id == reseller_id)
    )
    return Facts(reseller.onboarding_status, reseller.email_verified_at is not None, documents or 0)


async def send_verification(
    db: AsyncSession, settings: Settings, notifier: Notifier, reseller_id: int
) -> None:
    """Once: a retried step must not send a second link that voids the first."""
    owner = await owner_of(db, reseller_id)
    issued = await db.scalar(
        select(OneTimeToken.id).where(
            OneTimeToken.account_id == owner.id,
            OneTimeToken.purpose == TokenPurpose.email_verification,
        )
    )
    if issued is None:
        await send_email_verification(db, settings, notifier, owner)


async def mark_email_verified(db: AsyncSession, account: Account) -> int | None:
    """The reseller whose owner just verified its email, if any."""
    if account.reseller_id is None:
        return None
    reseller = await _reseller(db, account.reseller_id)
    reseller.email_verified_at = reseller.email_verified_at or datetime.now(UTC)
    await db.flush()
    return reseller.id


async def add_document(
    db: AsyncSession,
    storage: Storage,
    actor: audit.Actor,
    reseller: Reseller,
    document_type: DocumentType,
    filename: str | None,
    data: bytes,
    *,
    max_bytes: int,
) -> tuple[ResellerDocument, StoredFile]:
    stored = await files.store_upload(
        db, storage, actor.account_id, FilePurpose.reseller_document, filename, data,
        max_bytes=max_bytes,
    )  # fmt: skip
    document = ResellerDocument(
        reseller_id=reseller.id,
        file_id=stored.id,
        document_type=document_type,
        uploaded_by_id=actor.account_id,
    )
    db.add(document)
    reseller.documents_submitted_at = reseller.documents_submitted_at or datetime.now(UTC)
    await db.flush()
    await audit.record(
        db, actor, "reseller.document_added", "reseller", reseller.id,
        after={"document_type": document_type.value, "file_id": stored.id},
    )  # fmt: skip
    return document, stored


async def list_documents(
    db: AsyncSession, reseller: Reseller
) -> list[tuple[ResellerDocument, StoredFile]]:
    rows = await db.execute(
        select(ResellerDocument, StoredFile)
        .join(StoredFile, StoredFile.id == ResellerDocument.file_id)
        .where(ResellerDocument.reseller_id == reseller.id)
        .order_by(ResellerDocument.id)
    )
    return [(document, stored) for document, stored in rows]


async def await_decision(db: AsyncSession, reseller_id: int, reminder: int = 0) -> None:
    """Hand the reseller to the approvers (reminder 0) or remind them (1, 2, ...)."""
    reseller = await _reseller(db, reseller_id)
    if reseller.onboarding_status not in OPEN_ONBOARDING:
        return
    reseller.onboarding_status = OnboardingStatus.awaiting_decision
    title = f"{reseller.business_name} awaits approval as a reseller"
    if reminder:
        title = f"Reminder {reminder}: {title}"
    await notifications.notify(
        db, await staff.holding(db, DECIDING_PERMISSION), "reseller_onboarding", title,
        "Email verified and documents submitted.", {"reseller_id": reseller.id},
    )  # fmt: skip


async def approve(
    db: AsyncSession,
    actor: audit.Actor,
    reseller_id: int,
    credit_limit: Decimal,
    commission_rate: Decimal,
) -> None:
    reseller = await _reseller(db, reseller_id)
    if reseller.onboarding_status is not OnboardingStatus.awaiting_decision:
        return
    fields = ("status", "credit_limit", "commission_rate", "onboarding_status")
    before = audit.snapshot(reseller, fields)
    reseller.credit_limit, reseller.commission_rate = credit_limit, commission_rate
    reseller.status, reseller.status_reason = ResellerStatus.active, "Onboarding approved"
    reseller.onboarding_status = OnboardingStatus.completed
    (await owner_of(db, reseller_id)).is_active = True
    await db.flush()
    await audit.record(
        db, actor, "reseller.approved", "reseller", reseller.id,
        before=before, after=audit.snapshot(reseller, fields),
    )  # fmt: skip


async def welcome(
    db: AsyncSession, settings: Settings, notifier: Notifier, reseller_id: int
) -> None:
    """Create the reseller's first API key and email it; the email is the only place the key
    is ever shown. Done once: a retry finds the email and stops."""
    dedupe_key = f"{workflow_id(reseller_id)}:welcome"
    if await db.scalar(select(OutboundMessage.id).where(OutboundMessage.dedupe_key == dedupe_key)):
        return
    reseller = await _reseller(db, reseller_id)
    owner = await owner_of(db, reseller_id)
    principal = await principal_for_account(db, settings, owner.id)
    key = await api_keys.create(
        db, principal, audit.SYSTEM, "Welcome key", WELCOME_KEY_SCOPES, expires_at=None
    )
    context = {
        "name": owner.first_name or reseller.contact_person,
        "business_name": reseller.business_name,
        "api_key": key.secret,
        "link": settings.base_url,
    }
    await notifier.send_email(
        db, owner.email, "reseller_welcome", context, account_id=owner.id, dedupe_key=dedupe_key
    )


async def close(
    db: AsyncSession,
    notifier: Notifier,
    actor: audit.Actor,
    reseller_id: int,
    outcome: OnboardingStatus,
    reason: str,
) -> None:
    """Rejected by an approver, or expired: the reseller is suspended and told why."""
    reseller = await _reseller(db, reseller_id)
    if reseller.onboarding_status not in OPEN_ONBOARDING:
        return
    fields = ("status", "status_reason", "onboarding_status")
    before = audit.snapshot(reseller, fields)
    reseller.status, reseller.status_reason = ResellerStatus.suspended, reason[:1000]
    reseller.onboarding_status = outcome
    await db.flush()
    await audit.record(
        db, actor, f"reseller.onboarding_{outcome.value}", "reseller", reseller.id,
        before=before, after=audit.snapshot(reseller, fields), reason=reason,
    )  # fmt: skip
    owner = await owner_of(db, reseller_id)
    await notifier.send_email(
        db,
        reseller.email,
        "reseller_onboarding_closed",
        {"name": owner.first_name, "business_name": reseller.business_name, "reason": reason},
        account_id=owner.id,
        dedupe_key=f"{workflow_id(reseller_id)}:closed",
    )


def supersede(reseller: Reseller) -> bool:
    """A status set by hand ends an open onboarding; True when it did."""
    if reseller.onboarding_status in OPEN_ONBOARDING:
        reseller.onboarding_status = OnboardingStatus.superseded
        return True
    return False
