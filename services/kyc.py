"""Identity (KYC) documents of app users: scans of a passport or ID card, kept as stored files.

They go through the same checks as every upload (services/files.py: size limit, type read from
the content, nothing executable or scriptable) and are kept about the person (`public_user_id`),
whether or not they have a login yet: people added by staff or imported have none. Once the
person has a login they see their own documents; staff see them only with `users:kyc`, and every
upload and viewing by staff is audited. Erasing the person deletes them (services/privacy.py)."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound
from integrations.storage import Storage
from models import FilePurpose, PublicUser, StoredFile
from services import audit, files, users


async def upload(
    db: AsyncSession,
    storage: Storage,
    actor: audit.Actor,
    user: PublicUser,
    filename: str | None,
    data: bytes,
    *,
    max_bytes: int,
) -> StoredFile:
    if user.erased_at is not None:
        raise Conflict("This person's data was erased.", code="user_erased")
    account = await users.linked_account(db, user)
    stored = await files.store_upload(
        db, storage, account.id if account is not None else None, FilePurpose.kyc_document,
        filename, data, max_bytes=max_bytes, public_user_id=user.id,
    )  # fmt: skip
    await audit.record(
        db, actor, "user.kyc_document_uploaded", "public_user", user.id,
        after={"file_id": stored.id, "content_type": stored.content_type, "sha256": stored.sha256},
    )  # fmt: skip
    return stored


def _of(user: PublicUser) -> Select[StoredFile]:
    return select(StoredFile).where(
        StoredFile.public_user_id == user.id, StoredFile.purpose == FilePurpose.kyc_document
    )


async def documents(db: AsyncSession, user: PublicUser) -> list[StoredFile]:
    return list(await db.scalars(_of(user).order_by(StoredFile.id)))


async def document(
    db: AsyncSession, actor: audit.Actor, user: PublicUser, file_id: int
) -> StoredFile:
    """One of the person's documents, for viewing: the viewing is audited."""
    stored = await db.scalar(_of(user).where(StoredFile.id == file_id))
    if stored is None:
        raise NotFound("No such KYC document for this person.")
    await audit.record(
        db, actor, "user.kyc_document_viewed", "public_user", user.id,
        after={"file_id": stored.id},
    )  # fmt: skip
    return stored


async def discard_all(db: AsyncSession, storage: Storage, user: PublicUser) -> int:
    """Delete every KYC document of the person (bytes once committed); how many there were."""
    held = await documents(db, user)
    for stored in held:
        await files.discard(db, storage, stored)
    return len(held)
