"""Uploaded files: what may be uploaded for which purpose, who may see a file, and avatars.

The type of an upload is read from its first bytes, never from the client's name or claimed
content type: a PNG named `cv.exe` is stored as a PNG, an executable named `me.png` is refused.
Only a few formats are accepted at all — images (PNG, JPEG, WEBP, GIF) and PDF for documents;
SVG is refused because it can carry scripts. Images are re-encoded before they are kept
(services/images.py: no metadata, nothing appended); avatars and logos are also scaled down to
MAX_SIDE. PDFs are kept as uploaded; they are served as downloads, never opened on our origin
(api/routes/files.py). A file is visible to its owner, to the app user it is about, and to
staff with the permission its purpose needs; everyone else gets 404, as if it did not exist."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import unicodedata
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from core.errors import FileTooLarge, NotFound, UnsupportedFileType, ValidationFailed
from integrations.storage import ObjectMissing, Storage
from models import Account, FilePurpose, StoredFile
from models.identity import AccountKind
from services import audit, images, settings
from services.auth.principal import Principal

logger = logging.getLogger("simdesk.files")
LOGO_SETTING = "branding.logo_file_id"


PNG, JPEG, WEBP, GIF, PDF = "image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf"
IMAGES = (PNG, JPEG, WEBP, GIF)
ALLOWED_TYPES: dict[FilePurpose, tuple[str, ...]] = {
    FilePurpose.avatar: IMAGES,
    FilePurpose.logo: IMAGES,
    FilePurpose.kyc_document: (*IMAGES, PDF),
    FilePurpose.reseller_document: (*IMAGES, PDF),
}
NAMED = {
    FilePurpose.avatar: "an avatar",
    FilePurpose.logo: "a logo",
    FilePurpose.kyc_document: "a KYC document",
    FilePurpose.reseller_document: "a reseller document",
}
LABELS = {PNG: "PNG", JPEG: "JPEG", WEBP: "WEBP", GIF: "GIF", PDF: "PDF"}
EXTENSIONS = {PNG: ".png", JPEG: ".jpg", WEBP: ".webp", GIF: ".gif", PDF: ".pdf"}
# Avatars and logos are only shown small, so a larger image would just cost bandwidth. Scans
# keep their full resolution so that they stay legible.
MAX_SIDE = {FilePurpose.avatar: 1024, FilePurpose.logo: 1024}

# Beyond the owner, who may see a file of each purpose (staff only). A logo is public.
VIEW_PERMISSION: dict[FilePurpose, str | None] = {
    FilePurpose.avatar: None,  # any logged-in staff member
    FilePurpose.kyc_document: "users:kyc",
    FilePurpose.reseller_document: "resellers:read",
}


def sniff(data: bytes) -> str | None:
    """The content type of the accepted formats, from their signatures."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"%PDF-"):
        return PDF
    return None


_RECOGNISED: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "a Windows executable"),
    (b"\xcf\xfa\xed\xfe", "an executable (Mach-O)"),
    (b"\xfe\xed\xfa\xcf", "an executable (Mach-O)"),
    (b"\xca\xfe\xba\xbe", "an executable or Java class"),
    (b"#!", "a script"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


def describe(data: bytes) -> str:
    """What a refused file seems to be, so the message can say why."""
    for signature, what in _RECOGNISED:
        if data.startswith(signature):
            return what
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in head:
        return "an SVG image (refused: it can carry scripts)"
    if head.startswith((b"<!doctype html", b"<html", b"<script", b"<body", b"<head")):
        return "an HTML page"
    if head.startswith(b"<?xml"):
        return "an XML document"
    return "not a format we accept"


def safe_name(filename: str | None, content_type: str) -> str:
    """The client's file name, kept only for display: no directories, no control characters,
    at most 255 characters; the extension says what the content really is."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = "".join(c for c in unicodedata.normalize("NFC", base) if c.isprintable()).strip()
    stem = base.rsplit(".", 1)[0].strip(" .") if "." in base else base
    extension = EXTENSIONS[content_type]
    return f"{(stem or 'upload')[: 255 - len(extension)]}{extension}"


async def store_upload(
    db: AsyncSession,
    storage: Storage,
    owner: int | None,
    purpose: FilePurpose,
    filename: str | None,
    data: bytes,
    *,
    max_bytes: int,
    public_user_id: int | None = None,
) -> StoredFile:
    """Check an upload and keep it: its bytes (an image re-encoded) in storage, and a
    StoredFile row describing the stored bytes (`public_user_id`: the app user it is about).
    `data` may be up to one byte longer than `max_bytes`, so that a too large file is seen."""
    allowed = ALLOWED_TYPES.get(purpose)
    if allowed is None:
        raise ValidationFailed(
            f"Files for {purpose.value} are not uploaded.", code="not_uploadable"
        )
    if not data:
        raise ValidationFailed(
            "The file is empty.",
            code="empty_file",
            details=[{"field": "body.file", "message": "is empty", "type": "empty_file"}],
        )
    if len(data) > max_bytes:
        raise FileTooLarge(
            f"The file is larger than {max_bytes} bytes.", details={"max_bytes": max_bytes}
        )
    content_type = sniff(data)
    if content_type is None or content_type not in allowed:
        what = f"a {LABELS[content_type]} file" if content_type else describe(data)
        accepted = ", ".join(LABELS[t] for t in allowed)
        raise UnsupportedFileType(
            f"This file is {what}; {NAMED[purpose]} must be {accepted}.",
            details={"detected": what, "allowed": [LABELS[t] for t in allowed]},
        )
    if content_type in IMAGES:
        data = await images.reencode(data, content_type, max_side=MAX_SIDE.get(purpose))
    stored = StoredFile(
        owner_id=owner,
        public_user_id=public_user_id,
        purpose=purpose,
        storage_key=await storage.put(data),
        original_name=safe_name(filename, content_type),
        content_type=content_type,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    db.add(stored)
    await db.flush()
    return stored


def can_view(principal: Principal | None, stored: StoredFile) -> bool:
    if stored.purpose is FilePurpose.logo:
        return True
    if principal is None:
        return False
    if stored.owner_id == principal.account_id:
        return True
    # The person a file is about sees it once they have a login, whoever uploaded it.
    if stored.public_user_id is not None and stored.public_user_id == principal.public_user_id:
        return True
    if principal.kind is not AccountKind.staff or stored.purpose not in VIEW_PERMISSION:
        return False
    permission = VIEW_PERMISSION[stored.purpose]
    if permission is None:
        return True
    # As with require(): staff who still owe a 2FA enrolment or a new password get no
    # permission-based access.
    if principal.must_enrol_two_factor or principal.must_change_password:
        return False
    return principal.can(permission)


async def get_visible(db: AsyncSession, principal: Principal | None, file_id: int) -> StoredFile:
    stored = await db.get(StoredFile, file_id)
    if stored is None or not can_view(principal, stored):
        raise NotFound("No such file.")
    return stored


async def content(storage: Storage, stored: StoredFile) -> AsyncIterator[bytes]:
    try:
        return await storage.open(stored.storage_key)
    except ObjectMissing:
        logger.error("stored file has no content", extra={"file_id": stored.id})
        raise NotFound("The file's content is missing.", code="file_content_missing") from None


def url_of(file_id: int | None) -> str | None:
    return f"/api/files/{file_id}/" if file_id is not None else None


async def discard(db: AsyncSession, storage: Storage, stored: StoredFile) -> None:
    """Delete the row now, and the bytes once that is committed: a rolled-back request keeps
    both. (A crash in between leaves unreferenced bytes, never a row without its bytes.)"""
    await db.delete(stored)
    await db.flush()
    _after_commit(db, storage, stored.storage_key)


async def _discard_id(db: AsyncSession, storage: Storage, file_id: int | None) -> None:
    if file_id is not None and (stored := await db.get(StoredFile, file_id)) is not None:
        await discard(db, storage, stored)


_PENDING = "files.discard_after_commit"
_tasks: set[asyncio.Task[None]] = set()


def _after_commit(db: AsyncSession, storage: Storage, key: str) -> None:
    session = db.sync_session
    session.info.setdefault(_PENDING, []).append((storage, key))
    if not event.contains(session, "after_commit", _delete_pending):
        event.listen(session, "after_commit", _delete_pending)
        event.listen(session, "after_soft_rollback", _forget_pending)


def _delete_pending(session: Session) -> None:
    pending: list[tuple[Storage, str]] = session.info.pop(_PENDING, [])
    for storage, key in pending:
        task = asyncio.get_running_loop().create_task(storage.delete(key))
        _tasks.add(task)
        task.add_done_callback(_finished)


def _finished(task: asyncio.Task[None]) -> None:
    _tasks.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.error("could not delete stored bytes", exc_info=task.exception())


def _forget_pending(session: Session, _: Any) -> None:
    session.info.pop(_PENDING, None)


async def set_avatar(
    db: AsyncSession,
    storage: Storage,
    actor: audit.Actor,
    account: Account,
    filename: str | None,
    data: bytes,
    *,
    max_bytes: int,
) -> StoredFile:
    stored = await store_upload(
        db, storage, account.id, FilePurpose.avatar, filename, data, max_bytes=max_bytes
    )
    await _replace_avatar(db, storage, actor, account, stored.id)
    return stored


async def clear_avatar(
    db: AsyncSession, storage: Storage, actor: audit.Actor, account: Account
) -> None:
    await _replace_avatar(db, storage, actor, account, None)


async def _replace_avatar(
    db: AsyncSession, storage: Storage, actor: audit.Actor, account: Account, new_id: int | None
) -> None:
    old_id = account.avatar_file_id
    if old_id == new_id:
        return
    account.avatar_file_id = new_id
    await db.flush()
    await _discard_id(db, storage, old_id)
    await audit.record(
        db, actor, "account.avatar_changed", "account", account.id,
        before={"avatar_file_id": old_id}, after={"avatar_file_id": new_id},
    )  # fmt: skip


async def set_logo(
    db: AsyncSession,
    storage: Storage,
    actor: audit.Actor,
    filename: str | None,
    data: bytes,
    *,
    max_bytes: int,
) -> StoredFile:
    """Store the brand logo and point `branding.logo_file_id` at it; the previous one goes."""
    stored = await store_upload(
        db, storage, actor.account_id, FilePurpose.logo, filename, data, max_bytes=max_bytes
    )
    old_id = await settings.value_of(db, LOGO_SETTING)
    await settings.set_value(db, actor, LOGO_SETTING, stored.id)
    await _discard_id(db, storage, old_id)
    return stored
