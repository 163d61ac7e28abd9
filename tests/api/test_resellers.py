"""Resellers: create, search, limits, status, soft delete, clients, and tenancy."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Account,
    AuditLog,
    OrderStatus,
    PaymentStatus,
    Reseller,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from models.identity import SystemRole
from services.analytics import rollups
from services.analytics.reconcile import reconcile
from tests.factories import login_headers, make_account, make_order, make_reseller, make_staff

NEW = {
    "business_name": "Orbit Telecom",
    "contact_person": "Ines Carvalho",
    "email": "Ines@Orbit-Telecom.example",
    "phone": "+351 912 345 678",
    "city": "Lisbon",
    "country": "PT",
    "credit_limit": "2500.00",
    "commission_rate": "7.50",
}


async def _admin(client: AsyncClient, db: AsyncSession) -> dict[str, str]:
    return await login_headers(client, await make_staff(db, SystemRole.admin))


async def test_create_and_read(client: AsyncClient, db: AsyncSession) -> None:
    auth = await _admin(client, db)
    created = await client.post("/api/resellers/", headers=auth, json=NEW)
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["email"], body["phone"], body["status"]) == (
        "ines@orbit-telecom.example",
        "+351912345678",
        "pending",
    )
    assert (body["credit_limit"], body["commission_rate"], body["available_credit"]) == (
        "2500.00",
        "7.50",
        "2500.00",
    )
    assert (body["orders_count"], body["clients_count"], body["revenue_total"]) == (0, 0, "0.00")
    read = await client.get(f"/api/resellers/{body['id']}/", headers=auth)
    assert read.json() == body
    audit = (await db.execute(select(AuditLog).where(AuditLog.entity_type == "reseller"))).scalars()
    assert [(a.action, a.entity_id) for a in audit] == [("reseller.created", str(body["id"]))]


async def test_create_refuses_bad_input_and_writes_nothing(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    cases = [
        ({**NEW, "phone": "12"}, "body.phone"),
        ({**NEW, "credit_limit": "-1"}, "body.credit_limit"),
        ({**NEW, "commission_rate": "120"}, "body.commission_rate"),
        ({**NEW, "credit_limit": "12.345"}, "body.credit_limit"),
        ({**NEW, "currency": "usd"}, "body.currency"),
        ({**NEW, "balance": "100"}, "body.balance"),
    ]
    for body, field in cases:
        response = await client.post("/api/resellers/", headers=auth, json=body)
        assert response.status_code == 422, body
        assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    assert (
        await db.scalar(select(Reseller.id).where(Reseller.business_name == "Orbit Telecom"))
    ) is None
    await client.post("/api/resellers/", headers=auth, json=NEW)
    duplicate = await client.post(
        "/api/resellers/", headers=auth, json={**NEW, "email": "INES@orbit-telecom.example"}
    )
    assert (duplicate.status_code, duplicate.json()["error"]["code"]) == (409, "duplicate_email")


async def test_list_search_filter_order_and_revenue(client: AsyncClient, db: AsyncSession) -> None:
    auth = await _admin(client, db)
    marker = "Zq7"
    a = await make_reseller(db, business_name=f"{marker} Alpha 100% Mobile", city="Porto")
    b = await make_reseller(db, business_name=f"{marker} Beta", city="Austin", status="suspended")
    await make_order(
        db, reseller_id=a.id, payment_status=PaymentStatus.paid, price=Decimal("30.00")
    )
    await make_order(
        db, reseller_id=a.id, payment_status=PaymentStatus.paid, price=Decimal("12.50")
    )
    await make_order(
        db, reseller_id=a.id, payment_status=PaymentStatus.failed, price=Decimal("99.00")
    )
    # Revenue is read from the rollup; the factory's orders bypass the services that keep it,
    # so book them as the hourly reconciliation would.
    await reconcile(db, rollups.day_of(datetime.now(UTC)), rollups.day_of(datetime.now(UTC)))
    await db.commit()

    page = (
        await client.get(
            "/api/resellers/", headers=auth, params={"search": marker, "ordering": "business_name"}
        )
    ).json()
    assert [(r["id"], r["revenue_total"]) for r in page["items"]] == [
        (a.id, "42.50"),
        (b.id, "0.00"),
    ]
    assert (page["total"], page["total_exact"], page["has_more"]) == (2, True, False)
    # % in a search is a literal character, not a wildcard.
    literal = (
        await client.get("/api/resellers/", headers=auth, params={"search": "100% Mob"})
    ).json()
    assert [r["id"] for r in literal["items"]] == [a.id]
    suspended = (
        await client.get(
            "/api/resellers/", headers=auth, params={"search": marker, "status": "suspended"}
        )
    ).json()
    assert [r["id"] for r in suspended["items"]] == [b.id]
    paged = (
        await client.get(
            "/api/resellers/",
            headers=auth,
            params={"search": marker, "page_size": 1, "ordering": "-business_name"},
        )
    ).json()
    assert ([r["id"] for r in paged["items"]], paged["has_more"]) == ([b.id], True)


async def test_list_refuses_bad_queries(client: AsyncClient, db: AsyncSession) -> None:
    auth = await _admin(client, db)
    cases: list[tuple[dict[str, str | int], int, str]] = [
        ({"ordering": "password"}, 400, "unknown_ordering"),
        ({"colour": "red"}, 400, "unknown_parameter"),
        ({"status": "deleted"}, 422, "validation_error"),
        ({"created_from": "2026-02-01", "created_to": "2026-01-01"}, 422, "validation_error"),
        ({"page": 0}, 422, "validation_error"),
        ({"search": "x" * 101}, 422, "validation_error"),
    ]
    for params, status, code in cases:
        response = await client.get("/api/resellers/", headers=auth, params=params)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), params
    beyond = (await client.get("/api/resellers/", headers=auth, params={"page": 5000})).json()
    assert (beyond["items"], beyond["has_more"]) == ([], False)


async def test_limits_and_status_changes_are_audited(client: AsyncClient, db: AsyncSession) -> None:
    auth = await _admin(client, db)
    reseller = await make_reseller(db)
    patched = await client.patch(
        f"/api/resellers/{reseller.id}/", headers=auth, json={"credit_limit": "9000.00"}
    )
    assert patched.json()["credit_limit"] == "9000.00"
    suspended = await client.patch(
        f"/api/resellers/{reseller.id}/status/",
        headers=auth,
        json={"status": "suspended", "reason": "Unpaid invoices"},
    )
    assert (suspended.json()["status"], suspended.json()["status_reason"]) == (
        "suspended",
        "Unpaid invoices",
    )
    again = await client.patch(
        f"/api/resellers/{reseller.id}/status/",
        headers=auth,
        json={"status": "suspended", "reason": "Again"},
    )
    assert again.json()["error"]["code"] == "status_unchanged"
    no_reason = await client.patch(
        f"/api/resellers/{reseller.id}/status/", headers=auth, json={"status": "active"}
    )
    assert no_reason.status_code == 422
    nulls = await client.patch(
        f"/api/resellers/{reseller.id}/", headers=auth, json={"credit_limit": None}
    )
    assert nulls.json()["error"]["code"] == "empty_update"
    audit = (
        (
            await db.execute(
                select(AuditLog).where(AuditLog.entity_id == str(reseller.id)).order_by(AuditLog.id)
            )
        )
        .scalars()
        .all()
    )
    assert [(a.action, a.before, a.after) for a in audit] == [
        ("reseller.updated", {"credit_limit": "5000.00"}, {"credit_limit": "9000.00"}),
        (
            "reseller.status_changed",
            {"status": "active", "status_reason": ""},
            {"status": "suspended", "status_reason": "Unpaid invoices"},
        ),
    ]


async def test_soft_delete_rules(client: AsyncClient, db: AsyncSession) -> None:
    auth = await _admin(client, db)
    busy = await make_reseller(db)
    await make_order(db, reseller_id=busy.id, status=OrderStatus.dispatched)
    refused = await client.delete(f"/api/resellers/{busy.id}/", headers=auth)
    assert (refused.status_code, refused.json()["error"]["code"]) == (
        409,
        "reseller_has_open_orders",
    )
    owing = await make_reseller(db, current_balance=Decimal("10.00"))
    assert (await client.delete(f"/api/resellers/{owing.id}/", headers=auth)).json()["error"][
        "code"
    ] == "reseller_has_balance"
    idle = await make_reseller(db)
    await make_order(db, reseller_id=idle.id, status=OrderStatus.activated)
    assert (await client.delete(f"/api/resellers/{idle.id}/", headers=auth)).status_code == 204
    assert (await client.get(f"/api/resellers/{idle.id}/", headers=auth)).status_code == 404
    assert (await db.scalar(select(Reseller.deleted_at).where(Reseller.id == idle.id))) is not None


async def test_clients_of_a_reseller(client: AsyncClient, db: AsyncSession) -> None:
    auth = await _admin(client, db)
    reseller = await make_reseller(db)
    body = {
        "client_name": "Kofi Mensah",
        "client_email": "Kofi@example.org",
        "client_phone": "+233 24 123 4567",
    }
    created = await client.post(f"/api/resellers/{reseller.id}/clients/", headers=auth, json=body)
    assert created.status_code == 201, created.text
    assert (created.json()["client_email"], created.json()["client_phone"]) == (
        "kofi@example.org",
        "+233241234567",
    )
    duplicate = await client.post(f"/api/resellers/{reseller.id}/clients/", headers=auth, json=body)
    assert duplicate.json()["error"]["code"] == "duplicate_client"
    bad_plan = await client.post(
        f"/api/resellers/{reseller.id}/clients/",
        headers=auth,
        json={**body, "client_email": "x@example.org", "plan_id": 999999},
    )
    assert [d["field"] for d in bad_plan.json()["error"]["details"]] == ["body.plan_id"]
    listed = (await client.get(f"/api/resellers/{reseller.id}/clients/", headers=auth)).json()
    assert [c["client_name"] for c in listed["items"]] == ["Kofi Mensah"]
    detail = (await client.get(f"/api/resellers/{reseller.id}/", headers=auth)).json()
    assert detail["clients_count"] == 1


async def test_a_reseller_sees_only_itself(client: AsyncClient, db: AsyncSession) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    other = await make_reseller(db)
    auth = await login_headers(client, owner)
    listed = (await client.get("/api/resellers/", headers=auth, params={"page_size": 100})).json()
    assert [r["id"] for r in listed["items"]] == [owner.reseller_id]
    assert (await client.get(f"/api/resellers/{other.id}/", headers=auth)).status_code == 404
    assert (
        await client.get(f"/api/resellers/{other.id}/clients/", headers=auth)
    ).status_code == 404
    assert (
        await client.get(f"/api/resellers/{owner.reseller_id}/", headers=auth)
    ).status_code == 200
    denied = await client.patch(
        f"/api/resellers/{owner.reseller_id}/", headers=auth, json={"credit_limit": "1"}
    )
    assert denied.status_code == 403
    await db.execute(update(Account).where(Account.id == owner.id).values(is_active=False))


async def test_a_resellers_orders_transactions_and_activity(
    client: AsyncClient, db: AsyncSession
) -> None:
    reseller, other = await make_reseller(db), await make_reseller(db)
    order = await make_order(db, reseller_id=reseller.id)
    await make_order(db, reseller_id=other.id)
    db.add(
        Transaction(
            transaction_id=f"TXN-T-{order.id}",
            transaction_type=TransactionType.payment,
            order_id=order.id,
            reseller_id=reseller.id,
            amount=Decimal("20.00"),
            payment_method="reseller_credit",
            status=TransactionStatus.completed,
        )
    )
    await db.commit()
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    url = f"/api/resellers/{reseller.id}"
    await client.patch(
        f"{url}/status/", headers=auth, json={"status": "suspended", "reason": "overdue"}
    )

    orders = (await client.get(f"{url}/orders/", headers=auth)).json()
    assert [o["id"] for o in orders["items"]] == [order.id]
    money = (await client.get(f"{url}/transactions/", headers=auth)).json()
    assert [t["transaction_id"] for t in money["items"]] == [f"TXN-T-{order.id}"]
    activity = (await client.get(f"{url}/activity/", headers=auth)).json()
    assert [(a["action"], a["reason"]) for a in activity["items"]] == [
        ("reseller.status_changed", "overdue")
    ]
    owner = await make_account(db, SystemRole.reseller_owner)
    foreign = await client.get(f"{url}/orders/", headers=await login_headers(client, owner))
    assert foreign.status_code == 404
