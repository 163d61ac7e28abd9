"""Uploads and downloads: types read from content, limits, who may see what, avatars and the
brand logo, and the local storage behind them."""

from __future__ import annotations

import asyncio
import hashlib
import io
import struct
import uuid
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response
from PIL import ExifTags, Image
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import UnsupportedFileType
from core.passwords import hash_password
from integrations.storage import InvalidKey, LocalStorage, ObjectMissing
from models import Account, AuditLog, FilePurpose, Permission, Role, StoredFile, role_permissions
from models.identity import AccountKind, SystemRole
from services import audit, files
from services.access import ensure_system_roles
from tests.factories import PASSWORD, login_headers, make_account, make_staff


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(width: int = 1, height: int = 1) -> bytes:
    """A real (tiny, grey) PNG, written by hand."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def png_header(width: int, height: int) -> bytes:
    """A few bytes that claim an RGB image of width x height: a decompression bomb's header."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IEND", b"")


def picture(
    format_name: str,
    size: tuple[int, int] = (2, 2),
    image: Image.Image | None = None,
    **options: Any,
) -> bytes:
    """An image written by Pillow: `image`, or a red one of `size`."""
    out = io.BytesIO()
    (image or Image.new("RGB", size, (200, 30, 30))).save(out, format_name, **options)
    return out.getvalue()


def noise(format_name: str) -> bytes:
    """An image that does not compress to almost nothing, so that half of it is half an image."""
    return picture(format_name, image=Image.effect_noise((64, 64), 60).convert("RGB"))


JPEG = picture("JPEG")
GIF = picture("GIF")
WEBP = picture("WEBP")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def storage(app: FastAPI, tmp_path: Path) -> LocalStorage:
    """Uploads of this test go to its own directory."""
    local = LocalStorage(tmp_path / "storage")
    app.state.resources.storage = local
    return local


def _stored_paths(storage: LocalStorage) -> list[Path]:
    return sorted(p for p in storage.root.rglob("*") if p.is_file())


def _stored_bytes(storage: LocalStorage, row: StoredFile) -> bytes:
    return storage.path_of(row.storage_key).read_bytes()


def _opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _pixels(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    image = _opened(data)
    return image.mode, image.size, image.tobytes()


async def _gone(path: Path) -> bool:
    # Bytes are deleted by a task started when the request's transaction commits.
    for _ in range(200):
        if not path.exists():
            return True
        await asyncio.sleep(0.01)
    return False


async def _upload_avatar(
    client: AsyncClient, auth: dict[str, str], name: str, data: bytes, claimed: str = "image/png"
) -> Response:
    return await client.post(
        "/api/auth/user/avatar/", headers=auth, files={"file": (name, data, claimed)}
    )


async def _file(db: AsyncSession, file_id: int) -> StoredFile | None:
    return (
        await db.scalars(
            select(StoredFile)
            .where(StoredFile.id == file_id)
            .execution_options(populate_existing=True)
        )
    ).one_or_none()


async def _staff_with(db: AsyncSession, *permissions: str) -> Account:
    """A staff account whose (custom) role grants exactly `permissions`."""
    await ensure_system_roles(db)
    role = Role(name=f"custom-{uuid.uuid4().hex[:8]}", applies_to=AccountKind.staff)
    db.add(role)
    await db.flush()
    ids = (await db.scalars(select(Permission.id).where(Permission.code.in_(permissions)))).all()
    if ids:
        await db.execute(
            insert(role_permissions), [{"role_id": role.id, "permission_id": i} for i in ids]
        )
    account = Account(
        kind=AccountKind.staff,
        email=f"custom-{uuid.uuid4().hex[:8]}@example.org",
        password_hash=hash_password(PASSWORD),
        role_id=role.id,
    )
    db.add(account)
    await db.commit()
    db.expunge(account)
    return account


async def test_an_avatar_is_stored_served_and_shown_on_the_profile(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    customer = await make_account(db, SystemRole.customer)
    auth = await login_headers(client, customer)
    data = png(2, 2)
    uploaded = await _upload_avatar(client, auth, "holiday photo.png", data)
    assert uploaded.status_code == 200, uploaded.text
    avatar_url = uploaded.json()["avatar_url"]
    row = (await db.scalars(select(StoredFile).where(StoredFile.owner_id == customer.id))).one()
    assert avatar_url == f"/api/files/{row.id}/"
    # What is kept is the image re-encoded: the row describes those bytes.
    kept = _stored_bytes(storage, row)
    assert (row.purpose, row.original_name, row.content_type, row.size_bytes, row.sha256) == (
        FilePurpose.avatar,
        "holiday photo.png",
        "image/png",
        len(kept),
        hashlib.sha256(kept).hexdigest(),
    )
    assert _stored_paths(storage) == [storage.path_of(row.storage_key)]
    assert _pixels(kept) == _pixels(data)
    assert (await client.get("/api/auth/user/", headers=auth)).json()["avatar_url"] == avatar_url

    served = await client.get(avatar_url, headers=auth)
    assert served.status_code == 200
    assert served.content == kept
    assert {
        name: served.headers[name]
        for name in (
            "content-type",
            "content-length",
            "content-disposition",
            "x-content-type-options",
            "content-security-policy",
            "cache-control",
        )
    } == {
        "content-type": "image/png",
        "content-length": str(len(kept)),
        "content-disposition": 'inline; filename="holiday photo.png"; '
        "filename*=UTF-8''holiday%20photo.png",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        "cache-control": "private, max-age=3600",
    }
    audit = await db.scalars(select(AuditLog).where(AuditLog.action == "account.avatar_changed"))
    assert [(a.entity_id, a.before, a.after) for a in audit] == [
        (str(customer.id), {"avatar_file_id": None}, {"avatar_file_id": row.id})
    ]


async def test_the_type_comes_from_the_content_not_the_name(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.support))
    for name, data, claimed, stored_type, stored_name in [
        ("evil.exe", png(), "application/x-msdownload", "image/png", "evil.png"),
        ("photo.png", JPEG, "image/png", "image/jpeg", "photo.jpg"),
        ("anim", GIF, "application/octet-stream", "image/gif", "anim.gif"),
        ("../../etc/passwd.webp", WEBP, "image/webp", "image/webp", "passwd.webp"),
        ("C:\\Users\\me\\scan.gif", GIF, "image/gif", "image/gif", "scan.gif"),
    ]:
        response = await _upload_avatar(client, auth, name, data, claimed)
        assert response.status_code == 200, (name, response.text)
        file_id = int(response.json()["avatar_url"].split("/")[-2])
        row = await _file(db, file_id)
        assert row is not None
        assert (row.content_type, row.original_name) == (stored_type, stored_name), name
        served = await client.get(response.json()["avatar_url"], headers=auth)
        assert served.headers["content-type"] == stored_type
        assert served.content == _stored_bytes(storage, row)
        assert _opened(served.content).format == files.LABELS[stored_type]
    # Each upload replaced the one before: only the last is kept.
    last = (await db.scalars(select(StoredFile))).one()
    for _ in range(200):
        if len(_stored_paths(storage)) == 1:
            break
        await asyncio.sleep(0.01)
    assert _stored_paths(storage) == [storage.path_of(last.storage_key)]


async def test_dangerous_or_unknown_content_is_refused_whatever_its_name(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    auth = await login_headers(client, await make_account(db, SystemRole.customer))
    allowed = "an avatar must be PNG, JPEG, WEBP, GIF."
    cases = [
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "This file is an executable (ELF); " + allowed),
        (b"MZ\x90\x00\x03" + b"\x00" * 64, "This file is a Windows executable; " + allowed),
        (
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "This file is an HTML page; " + allowed,
        ),
        (SVG, "This file is an SVG image (refused: it can carry scripts); " + allowed),
        (
            b"  <svg onload=alert(1)></svg>",
            "This file is an SVG image (refused: it can carry scripts); " + allowed,
        ),
        (
            b"PK\x03\x04" + b"\x00" * 40,
            "This file is a ZIP archive (or an Office document); " + allowed,
        ),
        (b"#!/bin/sh\nrm -rf /\n", "This file is a script; " + allowed),
        (PDF, "This file is a PDF file; " + allowed),
        (b"just some text", "This file is not a format we accept; " + allowed),
    ]
    for data, message in cases:
        response = await _upload_avatar(client, auth, "avatar.png", data)
        assert response.status_code == 415, (data[:10], response.text)
        error = response.json()["error"]
        assert (error["code"], error["message"]) == ("unsupported_file_type", message)
        assert error["details"]["allowed"] == ["PNG", "JPEG", "WEBP", "GIF"]
    assert (await db.scalars(select(StoredFile))).all() == []
    assert _stored_paths(storage) == []
    assert (await client.get("/api/auth/user/", headers=auth)).json()["avatar_url"] is None


async def test_size_limits_and_empty_files(
    client: AsyncClient,
    db: AsyncSession,
    app: FastAPI,
    storage: LocalStorage,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    auth = await login_headers(client, await make_account(db, SystemRole.customer))
    monkeypatch.setattr(app.state.resources.settings, "max_upload_bytes", 2048)
    at_limit = png() + b"\x00" * (2048 - len(png()))
    assert (await _upload_avatar(client, auth, "ok.png", at_limit)).status_code == 200
    # Over MAX_UPLOAD_BYTES: 413, like a body over MAX_BODY_BYTES — the request is too large,
    # not malformed (which 422 would say).
    too_large = await _upload_avatar(client, auth, "big.png", at_limit + b"\x00")
    assert too_large.status_code == 413
    assert too_large.json()["error"] == {
        "code": "file_too_large",
        "message": "The file is larger than 2048 bytes.",
        "details": {"max_bytes": 2048},
        "request_id": too_large.headers["x-request-id"],
    }
    body_limit = app.state.resources.settings.max_body_bytes
    huge = await _upload_avatar(client, auth, "huge.png", png() + b"\x00" * body_limit)
    assert (huge.status_code, huge.json()["error"]["code"]) == (413, "payload_too_large")
    empty = await _upload_avatar(client, auth, "empty.png", b"")
    assert (empty.status_code, empty.json()["error"]["code"]) == (422, "empty_file")
    assert [d["field"] for d in empty.json()["error"]["details"]] == ["body.file"]
    no_file = await client.post("/api/auth/user/avatar/", headers=auth, data={"x": "1"})
    assert no_file.status_code == 422
    assert [d["field"] for d in no_file.json()["error"]["details"]] == ["body.file"]
    assert len((await db.scalars(select(StoredFile))).all()) == 1
    assert len(_stored_paths(storage)) == 1


def _phone_photo() -> bytes:
    """A JPEG as a phone writes it: stored sideways (left half red, right half blue), with the
    EXIF orientation that shows it upright, the camera and where it was taken."""
    image = Image.new("RGB", (40, 20), (220, 0, 0))
    image.paste((0, 0, 220), (20, 0, 40, 20))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # turn 90° clockwise to show
    exif[ExifTags.Base.Model] = "Phone 12"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (59.0, 54.0, 40.0)
    return picture("JPEG", image=image, exif=exif, comment=b"at home")


async def test_a_phone_photo_is_kept_upright_without_its_metadata(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    auth = await login_headers(client, await make_account(db, SystemRole.customer))
    photo = _phone_photo()
    assert _opened(photo).getexif().get_ifd(ExifTags.IFD.GPSInfo) == {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (59.0, 54.0, 40.0),
    }
    uploaded = await _upload_avatar(client, auth, "IMG_0001.jpg", photo, "image/jpeg")
    assert uploaded.status_code == 200, uploaded.text
    served = (await client.get(uploaded.json()["avatar_url"], headers=auth)).content
    kept = _opened(served)
    assert (kept.format, kept.size, dict(kept.getexif()), kept.info.get("comment")) == (
        "JPEG",
        (20, 40),
        {},
        None,
    )
    assert (b"Exif" in served, b"Phone 12" in served, b"at home" in served) == (False,) * 3
    # Turned upright: the left (red) half is now on top.
    top, bottom = kept.getpixel((10, 5)), kept.getpixel((10, 35))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0], (top, bottom)


async def test_anything_appended_to_an_image_is_dropped(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    auth = await login_headers(client, await make_account(db, SystemRole.customer))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("run.sh", "#!/bin/sh\necho owned\n")
    script = b"<script>alert(document.cookie)</script>"
    end_of_png, end_of_jpeg = _chunk(b"IEND", b""), b"\xff\xd9"
    for name, image, payload, end in [
        ("a.png", png(3, 3), archive.getvalue(), end_of_png),
        ("a.jpg", JPEG, archive.getvalue(), end_of_jpeg),
        ("b.png", png(3, 3), script, end_of_png),
    ]:
        polyglot = image + payload
        assert zipfile.is_zipfile(io.BytesIO(polyglot)) is (payload != script)
        response = await _upload_avatar(client, auth, name, polyglot)
        assert response.status_code == 200, (name, response.text)
        row = await _file(db, int(response.json()["avatar_url"].split("/")[-2]))
        assert row is not None
        kept = _stored_bytes(storage, row)
        assert (kept.endswith(end), payload in kept, zipfile.is_zipfile(io.BytesIO(kept))) == (
            True,
            False,
            False,
        ), name
        assert (row.size_bytes, row.sha256) == (len(kept), hashlib.sha256(kept).hexdigest())


async def test_damaged_images_and_decompression_bombs_are_refused(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    auth = await login_headers(client, await make_account(db, SystemRole.customer))
    damaged_png, damaged_jpeg = noise("PNG"), noise("JPEG")
    too_many = "The image has more than 40,000,000 pixels; scale it down and upload it again."
    cases = [
        ("half.png", damaged_png[: len(damaged_png) // 2], "corrupt_image",
         "The file cannot be read as a PNG image: it is damaged or incomplete.", {}),
        ("half.jpg", damaged_jpeg[: len(damaged_jpeg) // 2], "corrupt_image",
         "The file cannot be read as a JPEG image: it is damaged or incomplete.", {}),
        # Refused by our limit, before Pillow's own.
        ("wide.png", png_header(8000, 5001), "image_too_large", too_many,
         {"max_pixels": 40_000_000}),
        # Beyond Pillow's own limit too: its error is refused the same way.
        ("bomb.png", png_header(50_000, 50_000), "image_too_large", too_many,
         {"max_pixels": 40_000_000}),
    ]  # fmt: skip
    for name, data, code, message, extra in cases:
        response = await _upload_avatar(client, auth, name, data)
        assert response.status_code == 422, (name, response.text)
        assert response.json()["error"] == {
            "code": code,
            "message": message,
            "details": [{"field": "body.file", "message": message, "type": code, **extra}],
            "request_id": response.headers["x-request-id"],
        }, name
    assert (await db.scalars(select(StoredFile))).all() == []
    assert _stored_paths(storage) == []
    assert (await client.get("/api/auth/user/", headers=auth)).json()["avatar_url"] is None


async def test_avatars_are_scaled_down_and_document_scans_are_not(
    client: AsyncClient, db: AsyncSession, app: FastAPI, storage: LocalStorage
) -> None:
    customer = await make_account(db, SystemRole.customer)
    auth = await login_headers(client, customer)
    large = picture("PNG", (2000, 1000))
    uploaded = await _upload_avatar(client, auth, "large.png", large)
    assert uploaded.status_code == 200, uploaded.text
    avatar = await _file(db, int(uploaded.json()["avatar_url"].split("/")[-2]))
    assert avatar is not None
    scan = await files.store_upload(
        db, storage, customer.id, FilePurpose.kyc_document, "scan.png", large,
        max_bytes=app.state.resources.settings.max_upload_bytes,
    )  # fmt: skip
    sizes = [_opened(_stored_bytes(storage, row)).size for row in (avatar, scan)]
    assert sizes == [(1024, 512), (2000, 1000)]


async def test_replacing_and_removing_an_avatar_deletes_the_old_file(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    account = await make_account(db, SystemRole.reseller_owner)
    auth = await login_headers(client, account)
    first = (await _upload_avatar(client, auth, "a.png", png(1, 1))).json()["avatar_url"]
    first_row = await _file(db, int(first.split("/")[-2]))
    assert first_row is not None
    first_path = storage.path_of(first_row.storage_key)
    second = (await _upload_avatar(client, auth, "b.png", png(3, 3))).json()["avatar_url"]
    assert second != first
    assert await _file(db, first_row.id) is None
    assert await _gone(first_path)
    assert (await client.get(first, headers=auth)).status_code == 404
    second_row = await _file(db, int(second.split("/")[-2]))
    assert second_row is not None

    assert (await client.delete("/api/auth/user/avatar/", headers=auth)).status_code == 204
    assert (await client.get("/api/auth/user/", headers=auth)).json()["avatar_url"] is None
    assert await _file(db, second_row.id) is None
    assert await _gone(storage.path_of(second_row.storage_key))
    assert (await client.delete("/api/auth/user/avatar/", headers=auth)).status_code == 204
    assert (await client.delete("/api/auth/user/avatar/")).status_code == 401
    assert (
        await client.post("/api/auth/user/avatar/", files={"file": ("a.png", png())})
    ).status_code == 401
    audit = await db.scalars(
        select(AuditLog).where(AuditLog.action == "account.avatar_changed").order_by(AuditLog.id)
    )
    assert [(a.before, a.after) for a in audit] == [
        ({"avatar_file_id": None}, {"avatar_file_id": first_row.id}),
        ({"avatar_file_id": first_row.id}, {"avatar_file_id": second_row.id}),
        ({"avatar_file_id": second_row.id}, {"avatar_file_id": None}),
    ]


async def test_bytes_are_deleted_only_once_their_removal_commits(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    customer = await make_account(db, SystemRole.customer)
    auth = await login_headers(client, customer)
    url = (await _upload_avatar(client, auth, "a.png", png())).json()["avatar_url"]
    row = await _file(db, int(url.split("/")[-2]))
    assert row is not None
    path = storage.path_of(row.storage_key)
    kept = path.read_bytes()
    # A refused replacement changes nothing.
    assert (await _upload_avatar(client, auth, "b.png", SVG)).status_code == 415
    # A removal that is rolled back keeps the bytes, even if the session commits later.
    account = await db.get(Account, customer.id)
    assert account is not None
    await files.clear_avatar(db, storage, audit.SYSTEM, account)
    await db.rollback()
    await db.commit()
    await asyncio.sleep(0.1)
    assert path.exists()
    assert (await client.get(url, headers=auth)).content == kept


async def test_who_may_see_an_avatar(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    owner = await login_headers(client, await make_account(db, SystemRole.customer))
    url = (await _upload_avatar(client, owner, "me.png", png())).json()["avatar_url"]
    other_customer = await login_headers(client, await make_account(db, SystemRole.customer))
    reseller = await login_headers(client, await make_account(db, SystemRole.reseller_owner))
    support = await login_headers(client, await make_staff(db, SystemRole.support))
    bare_staff = await login_headers(client, await _staff_with(db))
    for headers, status in [
        (owner, 200),
        (support, 200),
        (bare_staff, 200),  # any logged-in staff member sees avatars
        (other_customer, 404),
        (reseller, 404),
        ({}, 404),
    ]:
        response = await client.get(url, headers=headers)
        assert response.status_code == status, (headers, response.text)
    bad_token = await client.get(url, headers={"Authorization": "Bearer not-a-token"})
    assert (bad_token.status_code, bad_token.json()["error"]["code"]) == (401, "invalid_token")
    assert (await client.get("/api/files/999999999/", headers=support)).status_code == 404
    assert (await client.get("/api/files/abc/", headers=support)).status_code == 422


async def test_documents_need_the_permission_of_their_purpose(
    client: AsyncClient, db: AsyncSession, app: FastAPI, storage: LocalStorage
) -> None:
    customer = await make_account(db, SystemRole.customer)
    reseller = await make_account(db, SystemRole.reseller_owner)
    max_bytes = app.state.resources.settings.max_upload_bytes
    kyc = await files.store_upload(
        db, storage, customer.id, FilePurpose.kyc_document, "passport.pdf", PDF,
        max_bytes=max_bytes, public_user_id=customer.public_user_id,
    )  # fmt: skip
    contract = await files.store_upload(
        db, storage, reseller.id, FilePurpose.reseller_document, "contract.png", png(),
        max_bytes=max_bytes,
    )  # fmt: skip
    kyc_id, contract_id = kyc.id, contract.id
    await db.commit()
    users_reader = await login_headers(client, await _staff_with(db, "users:kyc"))
    without_kyc = await login_headers(client, await _staff_with(db, "users:read"))
    must_change = await _staff_with(db, "users:kyc")
    await db.execute(
        update(Account).where(Account.id == must_change.id).values(must_change_password=True)
    )
    await db.commit()
    locked_reader = await login_headers(client, must_change)
    resellers_reader = await login_headers(client, await _staff_with(db, "resellers:read"))
    other_reseller = await login_headers(client, await make_account(db, SystemRole.reseller_owner))
    as_customer = await login_headers(client, customer)
    as_reseller = await login_headers(client, reseller)
    expected = {
        kyc_id: [(as_customer, 200), (users_reader, 200), (locked_reader, 404),
                 (without_kyc, 404), (resellers_reader, 404), (as_reseller, 404), ({}, 404)],
        contract_id: [(as_reseller, 200), (resellers_reader, 200), (users_reader, 404),
                      (other_reseller, 404), (as_customer, 404), ({}, 404)],
    }  # fmt: skip
    for file_id, cases in expected.items():
        for headers, status in cases:
            response = await client.get(f"/api/files/{file_id}/", headers=headers)
            assert response.status_code == status, (file_id, headers, response.text)
    pdf = await client.get(f"/api/files/{kyc_id}/", headers=users_reader)
    assert (pdf.content, pdf.headers["content-type"], pdf.headers["content-disposition"]) == (
        PDF,
        "application/pdf",
        "attachment; filename=\"passport.pdf\"; filename*=UTF-8''passport.pdf",
    )
    with pytest.raises(UnsupportedFileType):
        await files.store_upload(
            db, storage, customer.id, FilePurpose.kyc_document, "x.svg", SVG, max_bytes=max_bytes
        )


async def test_missing_bytes_are_a_404_not_a_crash(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    auth = await login_headers(client, await make_account(db, SystemRole.customer))
    url = (await _upload_avatar(client, auth, "a.png", png())).json()["avatar_url"]
    row = await _file(db, int(url.split("/")[-2]))
    assert row is not None
    storage.path_of(row.storage_key).unlink()
    response = await client.get(url, headers=auth)
    assert (response.status_code, response.json()["error"]["code"]) == (
        404,
        "file_content_missing",
    )


async def test_the_brand_logo_is_uploaded_by_staff_and_public(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    uploaded = await client.post(
        "/api/settings/branding/logo/", headers=auth, files={"file": ("logo.gif", GIF, "image/gif")}
    )
    assert uploaded.status_code == 201, uploaded.text
    logo = uploaded.json()
    row = await _file(db, logo["id"])
    assert row is not None
    kept = _stored_bytes(storage, row)
    assert {k: v for k, v in logo.items() if k != "created_at"} == {
        "id": logo["id"],
        "purpose": "logo",
        "original_name": "logo.gif",
        "content_type": "image/gif",
        "size_bytes": len(kept),
        "sha256": hashlib.sha256(kept).hexdigest(),
        "url": f"/api/files/{logo['id']}/",
    }
    public = (await client.get("/api/settings/public/")).json()
    assert (public["values"]["branding.logo_file_id"], public["logo_url"]) == (
        logo["id"],
        logo["url"],
    )
    anonymous = await client.get(logo["url"])
    assert (anonymous.status_code, anonymous.content) == (200, kept)
    assert anonymous.headers["cache-control"] == "public, max-age=3600"

    replaced = await client.post(
        "/api/settings/branding/logo/",
        headers=auth,
        files={"file": ("new.png", png(), "image/png")},
    )
    assert replaced.status_code == 201
    old = await _file(db, logo["id"])
    assert old is None
    assert (await client.get(logo["url"])).status_code == 404
    assert (await client.get("/api/settings/public/")).json()["logo_url"] == replaced.json()["url"]
    audit = await db.scalars(
        select(AuditLog).where(AuditLog.entity_id == "branding").order_by(AuditLog.id)
    )
    assert [(a.actor_id, a.before, a.after) for a in audit] == [
        (admin.id, {"branding.logo_file_id": None}, {"branding.logo_file_id": logo["id"]}),
        (
            admin.id,
            {"branding.logo_file_id": logo["id"]},
            {"branding.logo_file_id": replaced.json()["id"]},
        ),
    ]


async def test_logo_upload_refusals(
    client: AsyncClient, db: AsyncSession, storage: LocalStorage
) -> None:
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    moderator = await login_headers(client, await make_staff(db, SystemRole.moderator))
    svg = await client.post(
        "/api/settings/branding/logo/",
        headers=admin,
        files={"file": ("logo.png", SVG, "image/png")},
    )
    assert (svg.status_code, svg.json()["error"]["message"]) == (
        415,
        "This file is an SVG image (refused: it can carry scripts); a logo must be PNG, JPEG, "
        "WEBP, GIF.",
    )
    denied = await client.post(
        "/api/settings/branding/logo/", headers=moderator, files={"file": ("l.png", png())}
    )
    assert denied.status_code == 403
    assert (await client.get("/api/settings/public/")).json()["logo_url"] is None
    assert _stored_paths(storage) == []


def test_client_file_names_are_kept_only_as_safe_display_names() -> None:
    assert [
        files.safe_name(name, content_type)
        for name, content_type in [
            ("x\x00y\n.gif", "image/gif"),
            ("..png", "image/png"),
            (None, "application/pdf"),
            ("a" * 300 + ".jpeg", "image/jpeg"),
            ("report.final.PDF", "application/pdf"),
        ]
    ] == ["xy.gif", "upload.png", "upload.pdf", "a" * 251 + ".jpg", "report.final.pdf"]


async def test_local_storage_keys_and_round_trip(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    key = await storage.put(b"hello")
    other = await storage.put(b"hello")
    assert (len(key), key != other) == (32, True)
    assert b"".join([chunk async for chunk in await storage.open(key)]) == b"hello"
    assert storage.path_of(key) == tmp_path.resolve() / key[:2] / key
    await storage.delete(key)
    await storage.delete(key)  # already gone: fine
    with pytest.raises(ObjectMissing):
        await storage.open(key)
    for bad in ("../../etc/passwd", "/etc/passwd", "..", "", key.upper(), key + "/x", "a" * 31):
        with pytest.raises(InvalidKey):
            storage.path_of(bad)
        with pytest.raises(InvalidKey):
            await storage.open(bad)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [other]
