"""A person's data export and erasure: complete, audited, and never losing the books."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import FieldCipher
from core.settings import Settings
from integrations.storage import LocalStorage
from models import (
    Account,
    AuditLog,
    OrderStatus,
    PaymentStatus,
    PublicUser,
    SimOrder,
    SupportTicket,
    TicketReply,
)
from models.identity import SystemRole
from tests.api.test_files import PDF, storage  # noqa: F401  (storage: a fixture)
from tests.factories import PASSWORD, login_headers, make_account, make_order, make_staff


async def _person(db: AsyncSession, settings: Settings) -> tuple[Account, PublicUser]:
    account = await make_account(db, SystemRole.customer)
    assert account.public_user_id is not None
    user = await db.get_one(PublicUser, account.public_user_id)
    user.id_document_type = "passport"
    user.id_document_number = FieldCipher(settings).encrypt("P1234567")
    user.address = "1 Main St"
    db.add(
        SupportTicket(
            ticket_number=f"TKT-{uuid.uuid4().hex[:8]}", user_id=user.id, subject="Lost SIM",
            description="Where is my SIM?",
            replies=[TicketReply(body="On its way."), TicketReply(body="VIP", is_internal=True)],
        )
    )  # fmt: skip
    await db.commit()
    return account, user


async def _audit(db: AsyncSession, user_id: int) -> list[tuple[str, str, object, object]]:
    rows = await db.scalars(
        select(AuditLog)
        .where(AuditLog.entity_type == "public_user", AuditLog.entity_id == str(user_id))
        .order_by(AuditLog.id)
    )
    return [(a.action, a.reason, a.before, a.after) for a in rows]


async def test_data_export_holds_everything_about_the_person(
    client: AsyncClient,
    db: AsyncSession,
    settings: Settings,
    storage: LocalStorage,  # noqa: F811
) -> None:
    account, user = await _person(db, settings)
    order = await make_order(db, user_id=user.id, status=OrderStatus.delivered)
    officer = await login_headers(client, await make_staff(db, SystemRole.admin))
    scan = await client.post(
        f"/api/users/{user.id}/kyc-document/", headers=officer,
        files={"file": ("passport.pdf", PDF, "application/pdf")},
    )  # fmt: skip
    assert scan.status_code == 201, scan.text

    response = await client.get(f"/api/users/{user.id}/data-export/", headers=officer)
    assert response.status_code == 200, response.text
    data = response.json()
    assert sorted(data) == [
        "account", "generated_at", "kyc_documents", "messages", "orders", "profile", "tickets",
        "transactions",
    ]  # fmt: skip
    assert data["kyc_documents"] == [
        {key: scan.json()[key] for key in ("id", "original_name", "content_type", "sha256")}
        | {"size_bytes": len(PDF), "created_at": data["kyc_documents"][0]["created_at"]}
    ]
    profile = data["profile"]
    assert (profile["email"], profile["id_document_number"], profile["address"]) == (
        user.email, "P1234567", "1 Main St",
    )  # fmt: skip
    assert (data["account"]["id"], data["account"]["email"]) == (account.id, account.email)
    assert [(o["order_number"], o["total_amount"]) for o in data["orders"]] == [
        (order.order_number, "20.00")
    ]
    assert data["transactions"] == []
    assert [[r["body"] for r in t["replies"]] for t in data["tickets"]] == [["On its way."]]
    assert "password_hash" not in data["account"]
    audited = await _audit(db, user.id)
    assert [a[0] for a in audited] == ["user.kyc_document_uploaded", "user.data_exported"]
    assert audited[-1] == ("user.data_exported", "", None, None)

    support = await login_headers(client, await make_staff(db, SystemRole.support))
    refused = await client.get(f"/api/users/{user.id}/data-export/", headers=support)
    assert refused.status_code == 403
    missing = await client.get("/api/users/999999999/data-export/", headers=officer)
    assert missing.status_code == 404


async def test_erase_anonymises_and_keeps_the_books(
    client: AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    account, user = await _person(db, settings)
    order = await make_order(
        db, user_id=user.id, status=OrderStatus.confirmed, payment_status=PaymentStatus.paid
    )
    person = await login_headers(client, account)
    officer = await login_headers(client, await make_staff(db, SystemRole.admin))
    user_id = user.id
    url = f"/api/users/{user_id}/erase/"

    no_reason = await client.post(url, headers=officer, json={})
    assert no_reason.status_code == 422
    in_flight = await client.post(url, headers=officer, json={"reason": "GDPR request 42"})
    assert (in_flight.status_code, in_flight.json()["error"]["code"]) == (409, "orders_in_flight")

    await db.execute(
        update(SimOrder)
        .where(SimOrder.id == order.id)
        .values(status=OrderStatus.delivered, delivery_address="1 Main St")
    )
    await db.commit()
    erased = await client.post(url, headers=officer, json={"reason": "GDPR request 42"})
    assert erased.status_code == 200, erased.text

    after = (
        await db.scalars(
            select(PublicUser)
            .where(PublicUser.id == user.id)
            .execution_options(populate_existing=True)
        )
    ).one()
    assert (after.full_name, after.email, after.phone, after.address, after.id_document_number) == (
        "Erased user", f"erased-{user.id}@erased.invalid", f"erased-{user.id}", "", "",
    )  # fmt: skip
    assert (after.status.value, after.erased_at is not None) == ("blocked", True)
    login = (
        await db.scalars(
            select(Account)
            .where(Account.id == account.id)
            .execution_options(populate_existing=True)
        )
    ).one()
    assert (login.is_active, login.email, login.phone) == (
        False, f"erased-account-{account.id}@erased.invalid", None,
    )  # fmt: skip
    kept = (
        await db.scalars(
            select(SimOrder)
            .where(SimOrder.id == order.id)
            .execution_options(populate_existing=True)
        )
    ).one()
    assert (str(kept.total_amount), kept.payment_status, kept.delivery_address) == (
        "20.00", PaymentStatus.paid, "",
    )  # fmt: skip
    # Signed out everywhere, and cannot sign in again.
    assert (await client.get("/api/auth/user/", headers=person)).status_code == 401
    relogin = await client.post(
        "/api/auth/login/", json={"login": account.email, "password": PASSWORD}
    )
    assert relogin.status_code == 401
    assert await _audit(db, user_id) == [("user.erased", "GDPR request 42", None, None)]

    again = await client.post(url, headers=officer, json={"reason": "GDPR request 42"})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "user_erased")
    edit = await client.put(
        f"/api/users/{user_id}/", headers=officer,
        json={"full_name": "Back Again", "email": "back@example.org", "phone": "+14155550111"},
    )  # fmt: skip
    assert edit.status_code == 409
