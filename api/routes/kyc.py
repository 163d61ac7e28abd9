"""/api/users/{id}/kyc-document/: an app user's identity documents, for staff with users:kyc."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, UploadFile
from fastapi.responses import StreamingResponse

from api.deps import SessionDep, SettingsDep, StorageDep
from api.routes.files import file_read, read_upload, stream_file
from api.schemas.files import FileRead
from api.security import require
from models import StoredFile
from services import kyc, users
from services.auth.principal import Principal

router = APIRouter(prefix="/api/users", tags=["users"])
KycOfficers = Annotated[Principal, require("users:kyc")]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _read(user_id: int, stored: StoredFile) -> FileRead:
    # Read through this router, not /api/files/, so that every viewing by staff is audited.
    url = f"/api/users/{user_id}/kyc-document/{stored.id}/"
    return FileRead.model_validate({**file_read(stored), "url": url})


@router.post("/{user_id}/kyc-document/", response_model=FileRead, status_code=201)
async def upload_kyc_document(
    user_id: int,
    file: UploadFile,
    principal: KycOfficers,
    db: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    request: Request,
) -> FileRead:
    """A scan of the person's ID (multipart `file`: PDF, PNG, JPEG, WEBP or GIF up to
    MAX_UPLOAD_BYTES, its type read from its content, never from its name), kept about the
    person whether or not they have a login yet. 409 when the person was erased. Audited."""
    user = await users.get_user(db, principal, user_id)
    stored = await kyc.upload(
        db, storage, principal.actor(_ip(request)), user, file.filename,
        await read_upload(file, settings), max_bytes=settings.max_upload_bytes,
    )  # fmt: skip
    return _read(user.id, stored)


@router.get("/{user_id}/kyc-document/", response_model=list[FileRead])
async def list_kyc_documents(
    user_id: int, principal: KycOfficers, db: SessionDep
) -> list[FileRead]:
    """The person's KYC documents, oldest first; read each through its own URL below."""
    user = await users.get_user(db, principal, user_id)
    return [_read(user.id, d) for d in await kyc.documents(db, user)]


@router.get(
    "/{user_id}/kyc-document/{file_id}/",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
async def read_kyc_document(
    user_id: int,
    file_id: int,
    principal: KycOfficers,
    db: SessionDep,
    storage: StorageDep,
    request: Request,
) -> StreamingResponse:
    """The document's bytes (PDF as a download, images inline). Each viewing is audited."""
    user = await users.get_user(db, principal, user_id)
    stored = await kyc.document(db, principal.actor(_ip(request)), user, file_id)
    return await stream_file(storage, stored)
