"""Public users: search and filters, the masked and encrypted KYC number, PUT with uniqueness,
blocking (which locks the login), their orders, payments and tickets, and tenancy."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import FieldCipher
from core.settings import Settings
from models import (
    Account,
    AuditLog,
    OrderStatus,
    PaymentStatus,
    Permission,
    PublicUser,
    PublicUserStatus,
    Role,
    SimOrder,
    SimPlan,
    SimType,
    SupportTicket,
    TicketStatus,
    Transaction,
    TransactionStatus,
    TransactionType,
    role_permissions,
)
from models.identity import AccountKind, SystemRole
from services.access import SYSTEM_ROLES
from tests.factories import (
    PASSWORD,
    login_headers,
    make_account,
    make_order,
    make_staff,
)

USERS = "/api/users/"
_phones = itertools.count(1000)
VERIFIED = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
REPLACEMENT = {
    "full_name": "Mara Quinn",
    "email": "Mara.Quinn@Example.org",
    "phone": "+351 912 345 678",
    "address": "Rua Augusta 12",
    "city": "Lisbon",
    "state": "Lisboa",
    "postal_code": "1100-053",
    "date_of_birth": "1990-04-17",
    "id_document_type": "passport",
    "id_document_number": "CX-4401567",
}


async def make_user(db: AsyncSession, **overrides: Any) -> PublicUser:
    suffix = uuid.uuid4().hex[:8]
    fields: dict[str, Any] = {
        "full_name": f"Lena Hart {suffix}",
        "email": f"lena-{suffix}@example.org",
        "phone": f"+1415556{next(_phones):04d}",
        "city": "Denver",
        "status": PublicUserStatus.active,
        "email_verified_at": VERIFIED,
        "phone_verified_at": VERIFIED,
    }
    fields.update(overrides)
    user = PublicUser(**fields)
    db.add(user)
    await db.commit()
    db.expunge(user)
    return user


async def make_plan(db: AsyncSession) -> SimPlan:
    plan = SimPlan(
        code=f"PLAN-{uuid.uuid4().hex[:8]}",
        name="Europe 20GB",
        network_provider="Vodafone",
        sim_type=SimType.esim,
        validity_days=30,
        price=Decimal("25.00"),
    )
    db.add(plan)
    await db.commit()
    db.expunge(plan)
    return plan


async def make_transaction(db: AsyncSession, user_id: int, amount: str) -> Transaction:
    row = Transaction(
        transaction_id=f"TXN-TEST-{uuid.uuid4().hex[:10]}",
        user_id=user_id,
        transaction_type=TransactionType.payment,
        amount=Decimal(amount),
        payment_method="card",
        status=TransactionStatus.completed,
    )
    db.add(row)
    await db.commit()
    db.expunge(row)
    return row


async def make_ticket(db: AsyncSession, user_id: int | None, status: TicketStatus) -> SupportTicket:
    ticket = SupportTicket(
        ticket_number=f"TKT-TEST-{uuid.uuid4().hex[:10]}",
        user_id=user_id,
        subject="SIM not delivered",
        description="Ordered last week.",
        status=status,
    )
    db.add(ticket)
    await db.commit()
    db.expunge(ticket)
    return ticket


async def _admin(client: AsyncClient, db: AsyncSession) -> dict[str, str]:
    return await login_headers(client, await make_staff(db, SystemRole.admin))


async def _stored(db: AsyncSession, user_id: int) -> PublicUser:
    user = await db.get(PublicUser, user_id, populate_existing=True)
    assert user is not None
    return user


async def test_list_search_filters_order_and_masked_documents(
    client: AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    auth = await _admin(client, db)
    cipher = FieldCipher(settings)
    marker = "Vy3"
    alma = await make_user(
        db, full_name=f"{marker} Alma 100% Roam", city="Porto",
        id_document_type="passport", id_document_number=cipher.encrypt("CX4401567"),
    )  # fmt: skip
    bruno = await make_user(db, full_name=f"{marker} Bruno", city="porto", status="blocked")
    # Written before numbers were encrypted (as the demo seed does): still read and masked.
    cora = await make_user(
        db, full_name=f"{marker} Cora", id_document_type="national_id", id_document_number="7731"
    )
    plan = await make_plan(db)
    order = await make_order(db, user_id=alma.id)
    await make_order(db, user_id=alma.id)
    await make_order(db, user_id=cora.id)
    await db.execute(update(SimOrder).where(SimOrder.id == order.id).values(plan_id=plan.id))
    await db.commit()

    async def listed(**params: Any) -> list[tuple[int, Any, Any]]:
        response = await client.get(USERS, headers=auth, params={"search": marker, **params})
        assert response.status_code == 200, response.text
        return [
            (u["id"], u["orders_count"], u["id_document_number"]) for u in response.json()["items"]
        ]

    assert await listed(ordering="full_name") == [
        (alma.id, 2, "••••1567"),
        (bruno.id, 0, ""),
        (cora.id, 1, "••••31"),
    ]
    assert await listed(city="PORTO", ordering="-full_name") == [
        (bruno.id, 0, ""),
        (alma.id, 2, "••••1567"),
    ]
    assert [u[0] for u in await listed(status="blocked")] == [bruno.id]
    assert [u[0] for u in await listed(plan_id=plan.id)] == [alma.id]
    assert [u[0] for u in await listed(plan_id=999_999_999)] == []
    literal = (await client.get(USERS, headers=auth, params={"search": "100% Roam"})).json()
    assert [u["id"] for u in literal["items"]] == [alma.id]
    by_email = (await client.get(USERS, headers=auth, params={"search": bruno.email})).json()
    assert [u["id"] for u in by_email["items"]] == [bruno.id]
    by_phone = (await client.get(USERS, headers=auth, params={"search": cora.phone[2:]})).json()
    assert [u["id"] for u in by_phone["items"]] == [cora.id]
    paged = (
        await client.get(
            USERS,
            headers=auth,
            params={"search": marker, "ordering": "full_name", "page": 2, "page_size": 2},
        )
    ).json()
    assert (
        [u["id"] for u in paged["items"]],
        paged["total"],
        paged["has_more"],
    ) == ([cora.id], 3, False)
    row = (await client.get(USERS, headers=auth, params={"search": f"{marker} Alma"})).json()
    assert "address" not in row["items"][0] and "date_of_birth" not in row["items"][0]


async def test_list_refuses_bad_queries(client: AsyncClient, db: AsyncSession) -> None:
    auth = await _admin(client, db)
    cases: list[tuple[dict[str, str | int], int, str]] = [
        ({"package": "3"}, 400, "unknown_parameter"),
        ({"ordering": "id_document_number"}, 400, "unknown_ordering"),
        ({"status": "deleted"}, 422, "validation_error"),
        ({"plan_id": "europe"}, 422, "validation_error"),
        ({"created_to": "yesterday"}, 422, "validation_error"),
        ({"created_from": "2026-02-01", "created_to": "2026-01-01"}, 422, "validation_error"),
        ({"search": ""}, 422, "validation_error"),
    ]
    for params, status, code in cases:
        response = await client.get(USERS, headers=auth, params=params)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), params
    unknown = await client.get(USERS, headers=auth, params={"package": "3"})
    assert unknown.json()["error"]["details"] == {
        "unknown": ["package"],
        "allowed": [
            "city", "created_from", "created_to", "ordering", "page", "page_size", "plan_id",
            "search", "status",
        ],
    }  # fmt: skip
    assert (await client.get(f"{USERS}999999999/", headers=auth)).status_code == 404
    assert (await client.get(f"{USERS}abc/", headers=auth)).status_code == 422


async def test_detail_has_every_field_the_full_number_and_figures(
    client: AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    auth = await _admin(client, db)
    account = await make_account(db, SystemRole.customer)
    assert account.public_user_id is not None
    await db.execute(
        update(PublicUser)
        .where(PublicUser.id == account.public_user_id)
        .values(
            id_document_type="passport",
            id_document_number=FieldCipher(settings).encrypt("CX4401567"),
            postal_code="80202",
        )
    )
    await db.commit()
    user_id = account.public_user_id
    await make_order(db, user_id=user_id, payment_status=PaymentStatus.paid, price=Decimal("30"))
    await make_order(
        db, user_id=user_id, payment_status=PaymentStatus.refunded, price=Decimal("99")
    )
    await make_ticket(db, user_id, TicketStatus.in_progress)
    await make_ticket(db, user_id, TicketStatus.closed)

    detail = (await client.get(f"{USERS}{user_id}/", headers=auth)).json()
    assert {
        key: detail[key]
        for key in (
            "full_name", "city", "postal_code", "id_document_type", "id_document_number",
            "orders_count", "total_spent", "open_tickets_count", "account_id", "login_active",
            "status", "erased_at",
        )
    } == {
        "full_name": "Pat Buyer", "city": "Denver", "postal_code": "80202",
        "id_document_type": "passport", "id_document_number": "CX4401567", "orders_count": 2,
        "total_spent": "30.00", "open_tickets_count": 1, "account_id": account.id,
        "login_active": True, "status": "pending_verification", "erased_at": None,
    }  # fmt: skip


async def test_put_replaces_personal_fields_and_the_login_follows(
    client: AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    auth = await _admin(client, db)
    account = await make_account(db, SystemRole.customer)
    user_id = account.public_user_id
    await db.execute(
        update(PublicUser)
        .where(PublicUser.id == user_id)
        .values(email_verified_at=VERIFIED, phone_verified_at=VERIFIED, state="CO")
    )
    await db.commit()
    original_phone = (await _stored(db, user_id or 0)).phone

    replaced = await client.put(f"{USERS}{user_id}/", headers=auth, json=REPLACEMENT)
    assert replaced.status_code == 200, replaced.text
    body = replaced.json()
    assert (body["email"], body["phone"], body["id_document_number"], body["date_of_birth"]) == (
        "mara.quinn@example.org",
        "+351912345678",
        "CX-4401567",
        "1990-04-17",
    )
    # The new email and phone are not verified yet.
    assert (body["email_verified_at"], body["phone_verified_at"]) == (None, None)
    stored = await _stored(db, user_id or 0)
    ciphertext = stored.id_document_number
    assert ciphertext != "CX-4401567"
    assert FieldCipher(settings).decrypt(ciphertext) == "CX-4401567"
    login = await db.get(Account, account.id, populate_existing=True)
    assert login is not None and (login.email, login.phone) == (
        "mara.quinn@example.org",
        "+351912345678",
    )
    await login_headers(client, login)

    # The same number again is not re-encrypted (Fernet is randomised: it would read as a
    # change), and a PUT that changes nothing leaves no audit row.
    again = await client.put(f"{USERS}{user_id}/", headers=auth, json=REPLACEMENT)
    assert again.status_code == 200
    assert (await _stored(db, user_id or 0)).id_document_number == ciphertext
    cleared = {k: v for k, v in REPLACEMENT.items() if not k.startswith("id_document")}
    without = (await client.put(f"{USERS}{user_id}/", headers=auth, json=cleared)).json()
    assert (without["id_document_type"], without["id_document_number"]) == ("", "")

    audit = (
        await db.scalars(
            select(AuditLog)
            .where(AuditLog.entity_type == "public_user", AuditLog.entity_id == str(user_id))
            .order_by(AuditLog.id)
        )
    ).all()
    assert [(a.action, a.before, a.after) for a in audit] == [
        (
            "user.updated",
            {
                "full_name": "Pat Buyer", "email": account.email, "phone": original_phone,
                "address": "", "city": "Denver", "state": "CO", "postal_code": "",
                "date_of_birth": None, "id_document_type": "", "id_document_number": "",
            },
            {
                "full_name": "Mara Quinn", "email": "mara.quinn@example.org",
                "phone": "+351912345678", "address": "Rua Augusta 12", "city": "Lisbon",
                "state": "Lisboa", "postal_code": "1100-053", "date_of_birth": "1990-04-17",
                "id_document_type": "passport", "id_document_number": "••••1567",
            },
        ),
        (
            "user.updated",
            {"id_document_type": "passport", "id_document_number": "••••1567"},
            {"id_document_type": "", "id_document_number": ""},
        ),
    ]  # fmt: skip


async def test_put_refuses_bad_input_and_duplicates_and_writes_nothing(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    user = await make_user(db)
    other = await make_user(db, email="taken@example.org", phone="+351912000111")
    staff = await make_staff(db, email="staff-login@example.org")
    url = f"{USERS}{user.id}/"
    cases = [
        ({**REPLACEMENT, "phone": "12"}, "body.phone"),
        ({**REPLACEMENT, "phone": ""}, "body.phone"),
        ({**REPLACEMENT, "email": "not-an-email"}, "body.email"),
        ({**REPLACEMENT, "id_document_number": "AB"}, "body.id_document_number"),
        ({**REPLACEMENT, "id_document_number": "AB 12345"}, "body.id_document_number"),
        ({**REPLACEMENT, "id_document_number": "A" * 31}, "body.id_document_number"),
        ({**REPLACEMENT, "id_document_type": "library_card"}, "body.id_document_type"),
        ({**REPLACEMENT, "id_document_type": None}, "body.id_document_type"),
        ({**REPLACEMENT, "id_document_number": None}, "body.id_document_number"),
        ({**REPLACEMENT, "date_of_birth": "2999-01-01"}, "body.date_of_birth"),
        ({**REPLACEMENT, "date_of_birth": "1990-02-30"}, "body.date_of_birth"),
        ({**REPLACEMENT, "status": "active"}, "body.status"),
        ({k: v for k, v in REPLACEMENT.items() if k != "full_name"}, "body.full_name"),
    ]
    for payload, field in cases:
        response = await client.put(url, headers=auth, json=payload)
        assert response.status_code == 422, payload
        assert [d["field"] for d in response.json()["error"]["details"]] == [field], payload

    duplicates = [
        ({"email": "TAKEN@example.org"}, "duplicate_email", ["body.email"]),
        ({"email": "staff-login@example.org"}, "duplicate_email", ["body.email"]),
        ({"phone": "+351 912 000 111"}, "duplicate_phone", ["body.phone"]),
        (
            {"email": "taken@example.org", "phone": "+351912000111"},
            "duplicate_email_and_phone",
            ["body.email", "body.phone"],
        ),
    ]
    for change, code, fields in duplicates:
        response = await client.put(url, headers=auth, json={**REPLACEMENT, **change})
        assert (response.status_code, response.json()["error"]["code"]) == (409, code), change
        assert [d["field"] for d in response.json()["error"]["details"]] == fields
    assert staff.email == "staff-login@example.org"
    unchanged = await _stored(db, user.id)
    assert (unchanged.full_name, unchanged.email, unchanged.phone) == (
        user.full_name,
        user.email,
        user.phone,
    )
    assert (
        await client.put(f"{USERS}999999999/", headers=auth, json=REPLACEMENT)
    ).status_code == 404
    # Keeping one's own email and phone is no conflict.
    own = await client.put(
        f"{USERS}{other.id}/",
        headers=auth,
        json={**REPLACEMENT, "email": "taken@example.org", "phone": "+351912000111"},
    )
    assert own.status_code == 200, own.text
    erased = await make_user(db, erased_at=VERIFIED)
    refused = await client.put(f"{USERS}{erased.id}/", headers=auth, json=REPLACEMENT)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "user_erased")


async def test_blocking_locks_the_login_and_unblocking_restores_it(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    account = await make_account(db, SystemRole.customer)
    user_id = account.public_user_id
    await db.execute(
        update(PublicUser)
        .where(PublicUser.id == user_id)
        .values(
            status=PublicUserStatus.active, email_verified_at=VERIFIED, phone_verified_at=VERIFIED
        )
    )
    await db.commit()
    their_session = await login_headers(client, account)
    assert (await client.get("/api/notifications/", headers=their_session)).status_code == 200
    url = f"{USERS}{user_id}/status/"

    blocked = await client.patch(
        url, headers=auth, json={"action": "block", "reason": "Chargebacks"}
    )
    assert blocked.status_code == 200, blocked.text
    assert (
        blocked.json()["status"],
        blocked.json()["status_reason"],
        blocked.json()["login_active"],
    ) == (
        "blocked",
        "Chargebacks",
        False,
    )
    signed_out = await client.get("/api/notifications/", headers=their_session)
    assert (signed_out.status_code, signed_out.json()["error"]["code"]) == (401, "session_revoked")
    refused = await client.post(
        "/api/auth/login/", json={"login": account.email, "password": PASSWORD}
    )
    assert (refused.status_code, refused.json()["error"]["code"]) == (401, "invalid_credentials")
    again = await client.patch(url, headers=auth, json={"action": "block", "reason": "Again"})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "status_unchanged")
    for payload, fields in (
        ({"action": "unblock"}, ["body.reason"]),
        ({"action": "unblock", "reason": "ok"}, ["body.reason"]),
        ({"action": "delete", "reason": "Spam"}, ["body.action"]),
        ({"status": "active", "reason": "Spam"}, ["body.action", "body.status"]),
    ):
        bad = await client.patch(url, headers=auth, json=payload)
        assert bad.status_code == 422, payload
        assert sorted(d["field"] for d in bad.json()["error"]["details"]) == fields, payload

    unblocked = await client.patch(
        url, headers=auth, json={"action": "unblock", "reason": "Paid back"}
    )
    assert (unblocked.json()["status"], unblocked.json()["login_active"]) == ("active", True)
    await login_headers(client, account)
    not_blocked = await client.patch(url, headers=auth, json={"action": "unblock", "reason": "x!x"})
    assert (not_blocked.status_code, not_blocked.json()["error"]["code"]) == (
        409,
        "status_unchanged",
    )

    audit = (
        await db.scalars(
            select(AuditLog)
            .where(AuditLog.entity_type == "public_user", AuditLog.entity_id == str(user_id))
            .order_by(AuditLog.id)
        )
    ).all()
    assert [(a.action, a.before, a.after, a.reason) for a in audit] == [
        (
            "user.blocked",
            {"status": "active", "status_reason": "", "login_active": True},
            {"status": "blocked", "status_reason": "Chargebacks", "login_active": False},
            "Chargebacks",
        ),
        (
            "user.unblocked",
            {"status": "blocked", "status_reason": "Chargebacks", "login_active": False},
            {"status": "active", "status_reason": "Paid back", "login_active": True},
            "Paid back",
        ),
    ]


async def test_unblocking_an_unverified_user_returns_them_to_verification(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    user = await make_user(db, status=PublicUserStatus.blocked, phone_verified_at=None)
    unblocked = await client.patch(
        f"{USERS}{user.id}/status/", headers=auth, json={"action": "unblock", "reason": "Appeal"}
    )
    assert (unblocked.json()["status"], unblocked.json()["account_id"]) == (
        "pending_verification",
        None,
    )


async def test_orders_transactions_and_tickets_of_a_user(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    user, stranger = await make_user(db), await make_user(db)
    first = await make_order(db, user_id=user.id, price=Decimal("10.00"))
    second = await make_order(
        db, user_id=user.id, price=Decimal("55.50"), status=OrderStatus.delivered
    )
    await make_order(db, user_id=stranger.id)
    payment = await make_transaction(db, user.id, "55.50")
    await make_transaction(db, stranger.id, "9.00")
    open_ticket = await make_ticket(db, user.id, TicketStatus.open)
    closed_ticket = await make_ticket(db, user.id, TicketStatus.closed)
    await make_ticket(db, stranger.id, TicketStatus.open)

    orders = (await client.get(f"{USERS}{user.id}/orders/", headers=auth)).json()
    assert [(o["id"], o["total_amount"]) for o in orders["items"]] == [
        (second.id, "55.50"),
        (first.id, "10.00"),
    ]
    by_amount = (
        await client.get(
            f"{USERS}{user.id}/orders/",
            headers=auth,
            params={"ordering": "total_amount", "page_size": 1},
        )
    ).json()
    assert ([o["id"] for o in by_amount["items"]], by_amount["total"], by_amount["has_more"]) == (
        [first.id],
        2,
        True,
    )
    transactions = (await client.get(f"{USERS}{user.id}/transactions/", headers=auth)).json()
    assert [(t["id"], t["amount"], t["transaction_type"]) for t in transactions["items"]] == [
        (payment.id, "55.50", "payment")
    ]
    tickets = (await client.get(f"{USERS}{user.id}/support-tickets/", headers=auth)).json()
    assert [t["id"] for t in tickets["items"]] == [closed_ticket.id, open_ticket.id]
    only_open = (
        await client.get(
            f"{USERS}{user.id}/support-tickets/", headers=auth, params={"status": "open"}
        )
    ).json()
    assert [t["id"] for t in only_open["items"]] == [open_ticket.id]

    for path in ("orders", "transactions", "support-tickets"):
        missing = await client.get(f"{USERS}999999999/{path}/", headers=auth)
        assert missing.status_code == 404, path
        unknown = await client.get(f"{USERS}{user.id}/{path}/", headers=auth, params={"x": "1"})
        assert unknown.json()["error"]["code"] == "unknown_parameter", path
        bad_order = await client.get(
            f"{USERS}{user.id}/{path}/", headers=auth, params={"ordering": "secret"}
        )
        assert bad_order.json()["error"]["code"] == "unknown_ordering", path


async def _public_role_with(db: AsyncSession, extra: str) -> int:
    """A custom app-user role: the customer's permissions plus `extra`."""
    role = Role(name=f"customer_{uuid.uuid4().hex[:6]}", applies_to=AccountKind.public)
    db.add(role)
    await db.flush()
    codes = [*SYSTEM_ROLES[SystemRole.customer][2], extra]
    permission_ids = (
        await db.scalars(select(Permission.id).where(Permission.code.in_(codes)))
    ).all()
    await db.execute(
        insert(role_permissions),
        [{"role_id": role.id, "permission_id": pid} for pid in permission_ids],
    )
    await db.commit()
    return role.id


async def test_app_users_reach_only_themselves_and_resellers_no_one(
    client: AsyncClient, db: AsyncSession
) -> None:
    me = await make_account(db, SystemRole.customer)
    someone = await make_user(db)
    await make_order(db, user_id=me.public_user_id)
    await make_order(db, user_id=someone.id)
    auth = await login_headers(client, me)

    assert (await client.get(USERS, headers=auth)).status_code == 403
    assert (await client.get(f"{USERS}{me.public_user_id}/", headers=auth)).status_code == 403
    own_orders = await client.get(f"{USERS}{me.public_user_id}/orders/", headers=auth)
    assert [o["order_type"] for o in own_orders.json()["items"]] == ["app_user"]
    assert (await client.get(f"{USERS}{someone.id}/orders/", headers=auth)).status_code == 404
    assert (
        await client.get(f"{USERS}{someone.id}/support-tickets/", headers=auth)
    ).status_code == 404

    # Even a role granting users:read to app users shows them only themselves.
    role_id = await _public_role_with(db, "users:read")
    await db.execute(update(Account).where(Account.id == me.id).values(role_id=role_id))
    await db.commit()
    widened = await login_headers(client, me)
    listed = (await client.get(USERS, headers=widened, params={"page_size": 100})).json()
    assert [u["id"] for u in listed["items"]] == [me.public_user_id]
    assert (await client.get(f"{USERS}{someone.id}/", headers=widened)).status_code == 404
    assert (await client.get(f"{USERS}{me.public_user_id}/", headers=widened)).status_code == 200

    owner = await make_account(db, SystemRole.reseller_owner)
    reseller_auth = await login_headers(client, owner)
    assert (
        await client.get(f"{USERS}{someone.id}/orders/", headers=reseller_auth)
    ).status_code == 404
    assert (await client.get(USERS, headers=reseller_auth)).status_code == 403
