"""/api/files/: the content of stored files, to whoever may see each one."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.deps import SessionDep, StorageDep
from api.security import PUBLIC, Caller, current_principal, identify_caller
from core.settings import Settings
from integrations.storage import Storage
from models import FilePurpose, StoredFile
from services import files
from services.auth.principal import Principal

router = APIRouter(prefix="/api/files", tags=["files"])

# Same scheme as api.security's: the token is optional here, not absent from the schema.
_bearer = HTTPBearer(auto_error=False, description="Access token from POST /api/auth/login/")


async def optional_principal(
    request: Request,
    caller: Annotated[Caller, Depends(identify_caller)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    """The caller when a token or API key is sent (bad credentials are still 401), else None."""
    if caller is None:
        return None
    return await current_principal(request, caller, credentials, None)


async def read_upload(file: UploadFile, settings: Settings) -> bytes:
    # One byte past the limit is enough to know the file is too large; never read it all.
    return await file.read(settings.max_upload_bytes + 1)


def file_read(stored: StoredFile) -> dict[str, object]:
    return {
        "id": stored.id,
        "purpose": stored.purpose.value,
        "original_name": stored.original_name,
        "content_type": stored.content_type,
        "size_bytes": stored.size_bytes,
        "sha256": stored.sha256,
        "created_at": stored.created_at,
        "url": files.url_of(stored.id),
    }


def _disposition(stored: StoredFile) -> str:
    # Images display in place; anything else (PDF) downloads rather than opening on our origin.
    kind = "inline" if stored.content_type in files.IMAGES else "attachment"
    fallback = stored.original_name.encode("ascii", "replace").decode().replace('"', "_")
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(stored.original_name)}"


@router.get(
    "/{file_id}/",
    openapi_extra=PUBLIC,
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
async def read_file(
    file_id: int,
    principal: Annotated[Principal | None, Depends(optional_principal)],
    db: SessionDep,
    storage: StorageDep,
) -> StreamingResponse:
    """The file's bytes. Logos are public; any other file only to its owner, to the app user
    it is about (KYC documents) and to staff with the permission its purpose needs (avatar:
    any staff, KYC document: users:kyc, reseller document: resellers:read). Anyone else gets
    404."""
    stored = await files.get_visible(db, principal, file_id)
    return await stream_file(storage, stored)


async def stream_file(storage: Storage, stored: StoredFile) -> StreamingResponse:
    """A stored file's bytes, with headers that keep a browser from running anything in it."""
    chunks = await files.content(storage, stored)
    public = stored.purpose is FilePurpose.logo
    return StreamingResponse(
        chunks,
        media_type=stored.content_type,
        headers={
            "Content-Length": str(stored.size_bytes),
            "Content-Disposition": _disposition(stored),
            "X-Content-Type-Options": "nosniff",
            # Even if a browser were tricked into rendering it as a page, nothing would run.
            "Content-Security-Policy": "default-src 'none'; sandbox",
            # A file never changes under its id: a new upload gets a new one.
            "Cache-Control": f"{'public' if public else 'private'}, max-age=3600",
        },
    )
