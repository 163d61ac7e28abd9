"""/api/users/{id}/kyc-document/: uploading, listing and reading an app user's ID scans, and
their deletion when the person is erased."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.passwords import hash_password
from integrations.storage import LocalStorage
from models import Account, AuditLog, FilePurpose, PublicUser, StoredFile
from models.identity import AccountKind, SystemRole
from services.access import ensure_system_roles
from tests.api.test_files import PDF, SVG, png, storage  # noqa: F401  (storage: a fixture)
from tests.factories import PASSWORD, login_headers, make_account, make_staff


async def _person(db: AsyncSession) -> tuple[int, Account]:
    account = await make_account(db, SystemRole.customer)
    assert account.public_user_id is not None
    return account.public_user_id, account


async def _upload(
    client: AsyncClient, auth: dict[str, str], user_id: int, name: str, data: bytes
) -> Response:
    return await client.post(
        f"/api/users/{user_id}/kyc-document/",
        headers=auth,
        files={"file": (name, data, "image/png")},
    )


async def _audit(db: AsyncSession, user_id: int) -> list[tuple[str, object]]:
    rows = await db.execute(
        select(AuditLog.action, AuditLog.after)
        .where(AuditLog.entity_type == "public_user", AuditLog.entity_id == str(user_id))
        .order_by(AuditLog.id)
    )
    return [(action, after) for action, after in rows]


async def _kyc_files(db: AsyncSession) -> int:
    count = await db.scalar(
        select(func.count()).where(StoredFile.purpose == FilePurpose.kyc_document)
    )
    return count or 0


async def test_upload_list_and_read_are_audited(
    client: AsyncClient,
    db: AsyncSession,
    storage: LocalStorage,  # noqa: F811
) -> None:
    user_id, _ = await _person(db)
    officer = await login_headers(client, await make_staff(db, SystemRole.admin))

    # The claimed name and type are not believed: a PDF named .exe is stored as a PDF.
    pdf = await _upload(client, officer, user_id, "passport.exe", PDF)
    assert pdf.status_code == 201, pdf.text
    scan = await _upload(client, officer, user_id, "id card.png", png(3, 2))
    assert scan.status_code == 201, scan.text
    first, second = pdf.json(), scan.json()
    assert (first["purpose"], first["original_name"], first["content_type"]) == (
        "kyc_document",
        "passport.pdf",
        "application/pdf",
    )
    assert first["url"] == f"/api/users/{user_id}/kyc-document/{first['id']}/"

    listed = await client.get(f"/api/users/{user_id}/kyc-document/", headers=officer)
    assert listed.status_code == 200
    assert [d["id"] for d in listed.json()] == [first["id"], second["id"]]

    read = await client.get(first["url"], headers=officer)
    assert (read.status_code, read.content, read.headers["content-type"]) == (
        200,
        PDF,
        "application/pdf",
    )
    assert read.headers["content-disposition"].startswith("attachment;")
    stored = await db.get_one(StoredFile, first["id"])
    assert await _audit(db, user_id) == [
        (
            "user.kyc_document_uploaded",
            {"file_id": first["id"], "content_type": "application/pdf", "sha256": stored.sha256},
        ),
        (
            "user.kyc_document_uploaded",
            {"file_id": second["id"], "content_type": "image/png", "sha256": second["sha256"]},
        ),
        ("user.kyc_document_viewed", {"file_id": first["id"]}),
    ]


async def test_bad_files_are_refused_and_nothing_is_kept(
    client: AsyncClient,
    db: AsyncSession,
    app: FastAPI,
    storage: LocalStorage,  # noqa: F811
) -> None:
    user_id, _ = await _person(db)
    officer = await login_headers(client, await make_staff(db, SystemRole.admin))
    limit = app.state.resources.settings.max_upload_bytes
    cases = [
        ("run.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, 415, "unsupported_file_type"),
        ("face.svg", SVG, 415, "unsupported_file_type"),
        ("big.pdf", PDF + b"\x00" * limit, 413, "file_too_large"),
        ("empty.pdf", b"", 422, "empty_file"),
    ]
    for name, data, status, code in cases:
        response = await _upload(client, officer, user_id, name, data)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), name
    no_file = await client.post(f"/api/users/{user_id}/kyc-document/", headers=officer)
    assert no_file.status_code == 422
    assert [d["field"] for d in no_file.json()["error"]["details"]] == ["body.file"]
    assert await _kyc_files(db) == 0
    assert [p for p in storage.root.rglob("*") if p.is_file()] == []
    assert await _audit(db, user_id) == []


async def test_only_staff_with_users_kyc_see_them(client: AsyncClient, db: AsyncSession) -> None:
    user_id, person = await _person(db)
    other_id, _ = await _person(db)
    officer = await login_headers(client, await make_staff(db, SystemRole.admin))
    uploaded = (await _upload(client, officer, user_id, "p.pdf", PDF)).json()
    # Moderators and support read users but not their identity documents.
    moderator = await login_headers(client, await make_staff(db, SystemRole.moderator))
    support = await login_headers(client, await make_staff(db, SystemRole.support))
    themselves = await login_headers(client, person)
    for auth, status in [(moderator, 403), (support, 403), (themselves, 403), ({}, 401)]:
        assert (await _upload(client, auth, user_id, "p.pdf", PDF)).status_code == status
        listed = await client.get(f"/api/users/{user_id}/kyc-document/", headers=auth)
        assert listed.status_code == status
        assert (await client.get(uploaded["url"], headers=auth)).status_code == status
    # The right file under the wrong person, or no such person, is not found.
    wrong = await client.get(
        f"/api/users/{other_id}/kyc-document/{uploaded['id']}/", headers=officer
    )
    assert (wrong.status_code, wrong.json()["error"]["message"]) == (
        404,
        "No such KYC document for this person.",
    )
    assert (await _upload(client, officer, 999999999, "p.pdf", PDF)).status_code == 404
    assert await _kyc_files(db) == 1
    assert [a for a, _ in await _audit(db, user_id)] == ["user.kyc_document_uploaded"]


async def _person_without_login(db: AsyncSession) -> int:
    """Someone added by staff (as an import does): a person, no login."""
    person = PublicUser(full_name="Ola Nordmann", email="ola@example.com", phone="+4791234567",
                        city="Oslo")  # fmt: skip
    db.add(person)
    await db.commit()
    return person.id


async def _give_login(db: AsyncSession, person_id: int) -> Account:
    # Nothing in the API links a login to an existing person yet: the row as factories make it.
    role_ids = await ensure_system_roles(db)
    account = Account(
        kind=AccountKind.public, email="ola@example.com", password_hash=hash_password(PASSWORD),
        role_id=role_ids[SystemRole.customer], public_user_id=person_id,
    )  # fmt: skip
    db.add(account)
    await db.commit()
    db.expunge(account)
    return account


async def test_a_person_without_a_login_gets_documents_and_sees_them_once_they_have_one(
    client: AsyncClient,
    db: AsyncSession,
    storage: LocalStorage,  # noqa: F811
) -> None:
    person_id = await _person_without_login(db)
    officer = await login_headers(client, await make_staff(db, SystemRole.admin))
    support = await login_headers(client, await make_staff(db, SystemRole.support))
    _, stranger = await _person(db)
    as_stranger = await login_headers(client, stranger)

    uploaded = await _upload(client, officer, person_id, "passport.pdf", PDF)
    assert uploaded.status_code == 201, uploaded.text
    file_id = uploaded.json()["id"]
    stored = await db.get_one(StoredFile, file_id)
    assert (stored.owner_id, stored.public_user_id) == (None, person_id)
    listed = await client.get(f"/api/users/{person_id}/kyc-document/", headers=officer)
    assert [d["id"] for d in listed.json()] == [file_id]
    read = await client.get(uploaded.json()["url"], headers=officer)
    assert (read.status_code, read.content) == (200, PDF)
    # Staff without users:kyc, other people and nobody: as if the file did not exist.
    for auth, status in [(officer, 200), (support, 404), (as_stranger, 404), ({}, 404)]:
        response = await client.get(f"/api/files/{file_id}/", headers=auth)
        assert response.status_code == status, (auth, response.text)
    refused = await client.get(f"/api/users/{person_id}/kyc-document/", headers=support)
    assert refused.status_code == 403

    themselves = await login_headers(client, await _give_login(db, person_id))
    own = await client.get(f"/api/files/{file_id}/", headers=themselves)
    assert (own.status_code, own.content) == (200, PDF)
    assert await _audit(db, person_id) == [
        (
            "user.kyc_document_uploaded",
            {"file_id": file_id, "content_type": "application/pdf", "sha256": stored.sha256},
        ),
        ("user.kyc_document_viewed", {"file_id": file_id}),
    ]


async def test_erasing_a_person_without_a_login_deletes_their_documents(
    client: AsyncClient,
    db: AsyncSession,
    storage: LocalStorage,  # noqa: F811
) -> None:
    person_id = await _person_without_login(db)
    officer = await login_headers(client, await make_staff(db, SystemRole.admin))
    assert (await _upload(client, officer, person_id, "a.pdf", PDF)).status_code == 201
    erased = await client.post(
        f"/api/users/{person_id}/erase/", headers=officer, json={"reason": "GDPR request 8"}
    )
    assert erased.status_code == 200, erased.text
    assert await _kyc_files(db) == 0
    assert await _eventually_only(storage, 0)


async def test_erasing_the_person_deletes_their_documents(
    client: AsyncClient,
    db: AsyncSession,
    storage: LocalStorage,  # noqa: F811
) -> None:
    user_id, _ = await _person(db)
    kept_id, _ = await _person(db)
    officer = await login_headers(client, await make_staff(db, SystemRole.admin))
    for name in ("a.pdf", "b.pdf"):
        assert (await _upload(client, officer, user_id, name, PDF + name.encode())).is_success
    kept = (await _upload(client, officer, kept_id, "c.pdf", PDF)).json()
    paths = [p for p in storage.root.rglob("*") if p.is_file()]
    assert len(paths) == 3

    erased = await client.post(
        f"/api/users/{user_id}/erase/", headers=officer, json={"reason": "GDPR request 7"}
    )
    assert erased.status_code == 200, erased.text
    left = await db.scalars(select(StoredFile.id).where(StoredFile.purpose == "kyc_document"))
    assert list(left) == [kept["id"]]
    assert await _eventually_only(storage, 1)
    listed = await client.get(f"/api/users/{user_id}/kyc-document/", headers=officer)
    assert listed.json() == []
    again = await _upload(client, officer, user_id, "d.pdf", PDF)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "user_erased")


async def _eventually_only(local: LocalStorage, count: int) -> bool:
    # Bytes are deleted by a task started when the request's transaction commits.
    for _ in range(200):
        if len([p for p in local.root.rglob("*") if p.is_file()]) == count:
            return True
        await asyncio.sleep(0.01)
    return False
