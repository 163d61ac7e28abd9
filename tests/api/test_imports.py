"""/api/import/: row-numbered validation by the create endpoints' own rules, dry runs, all or
nothing, and files that cannot be read."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from httpx import AsyncClient, Response
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import FieldCipher
from core.settings import Settings
from models import AuditLog, PublicUser, Reseller, ResellerClient, SimPlan
from models.identity import SystemRole
from services.bulk_jobs.jobs import INLINE_ROWS
from tests.factories import login_headers, make_reseller, make_staff

RESELLER_HEADER = ["business_name", "contact_person", "email", "phone", "city", "country"]


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def _reseller(n: int, email: str | None = None) -> list[str]:
    return [f"Shop {n}", "Ines Carvalho", email or f"shop{n}@example.org", "+351912345678",
            "Lisbon", "PT"]  # fmt: skip


async def _upload(
    client: AsyncClient,
    auth: dict[str, str],
    resource: str,
    data: bytes,
    *,
    dry_run: bool = False,
    name: str = "rows.csv",
) -> Response:
    return await client.post(
        f"/api/import/{resource}/",
        headers=auth,
        params={"dry_run": "true"} if dry_run else {},
        files={"file": (name, data, "application/octet-stream")},
    )


async def _admin(client: AsyncClient, db: AsyncSession) -> dict[str, str]:
    return await login_headers(client, await make_staff(db, SystemRole.admin))


async def _count(db: AsyncSession, model: type[Any]) -> int:
    return await db.scalar(select(func.count()).select_from(model)) or 0


async def test_templates_name_each_resources_columns(client: AsyncClient, db: AsyncSession) -> None:
    auth = await _admin(client, db)
    headers = {}
    for resource in ("resellers", "clients", "users", "plans"):
        response = await client.get(f"/api/import/{resource}/template/", headers=auth)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        headers[resource] = response.text.strip()
    assert headers == {
        "resellers": "business_name,contact_person,email,phone,city,country,address,state,"
        "credit_limit,commission_rate,currency",
        "clients": "client_name,client_email,client_phone,reseller_id,plan_id,monthly_limit",
        "users": "full_name,email,phone,address,city,state,postal_code,date_of_birth,"
        "id_document_type,id_document_number",
        "plans": "code,name,network_provider,sim_type,validity_days,price,category_id,data_mb,"
        "voice_minutes,sms_count,currency,reseller_price_floor,description,is_active",
    }
    xlsx = await client.get("/api/import/plans/template/", headers=auth, params={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).worksheets[0]
    first = next(sheet.iter_rows(values_only=True))
    assert first[:3] == ("code", "name", "network_provider")
    bad = await client.get("/api/import/plans/template/", headers=auth, params={"format": "pdf"})
    assert bad.status_code == 422
    unknown = await client.get("/api/import/orders/template/", headers=auth)
    assert unknown.status_code == 422


async def test_dry_run_reports_every_bad_row_and_writes_nothing(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    taken = await make_reseller(db, email="taken@example.org")
    data = _csv(
        [
            [*RESELLER_HEADER, "credit_limit"],
            [*_reseller(1), "100"],
            [*_reseller(2, email="not-an-email"), "-5"],
            [*_reseller(3, email="SHOP1@example.org"), ""],
            [*_reseller(4, email=taken.email), ""],
            ["", "Ines Carvalho", "shop5@example.org", "+351912345678", "Lisbon", "PT", ""],
            [*_reseller(6), ""],
        ]
    )
    before = await _count(db, Reseller)
    response = await _upload(client, auth, "resellers", data, dry_run=True)
    assert response.status_code == 200, response.text
    report = response.json()
    assert {k: report[k] for k in ("resource", "dry_run", "rows", "passed", "created")} == {
        "resource": "resellers", "dry_run": True, "rows": 6, "passed": 2, "created": 0,
    }  # fmt: skip
    assert [(e["row"], e["field"], e["type"]) for e in report["errors"]] == [
        (2, "email", "value_error"),
        (2, "credit_limit", "greater_than_equal"),
        (3, "email", "duplicate_in_file"),
        (5, "business_name", "missing"),
        (4, "email", "duplicate_email"),  # found by the service, against the database
    ]
    assert report["errors"][2]["message"] == "Same email as row 1."
    assert report["error_count"] == 5
    assert await _count(db, Reseller) == before

    # The same file for real: refused whole, with the same report, nothing written.
    refused = await _upload(client, auth, "resellers", data)
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "import_rejected"
    assert error["details"]["errors"] == report["errors"]
    assert await _count(db, Reseller) == before


async def test_a_clean_file_is_created_through_the_service_and_audited(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    data = _csv([RESELLER_HEADER, _reseller(1), _reseller(2)])
    dry = await _upload(client, auth, "resellers", data, dry_run=True)
    assert (dry.status_code, dry.json()["passed"], dry.json()["error_count"]) == (200, 2, 0)
    done = await _upload(client, auth, "resellers", data)
    assert done.status_code == 201, done.text
    assert (done.json()["created"], done.json()["errors"]) == (2, [])
    made = (
        await db.scalars(select(Reseller).where(Reseller.email.like("shop_@example.org")))
    ).all()
    assert sorted((r.business_name, r.status.value, r.phone) for r in made) == [
        ("Shop 1", "pending", "+351912345678"),
        ("Shop 2", "pending", "+351912345678"),
    ]
    actions = (
        await db.scalars(
            select(AuditLog.action).where(AuditLog.entity_type.in_(["reseller", "import"]))
        )
    ).all()
    assert sorted(actions) == ["import.completed", "reseller.created", "reseller.created"]
    again = await _upload(client, auth, "resellers", data)
    assert [e["type"] for e in again.json()["error"]["details"]["errors"]] == [
        "duplicate_email", "duplicate_email",
    ]  # fmt: skip


async def test_clients_from_json_need_a_reseller_the_importer_can_see(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    shop = await make_reseller(db)
    rows = [
        {"reseller_id": shop.id, "client_name": "Kim Lee", "client_email": "kim@example.org",
         "client_phone": "+14155550123", "monthly_limit": 5},
        {"reseller_id": 999_999, "client_name": "Al Bo", "client_email": "al@example.org",
         "client_phone": "+14155550124"},
        {"reseller_id": shop.id, "client_name": "Kim Again", "client_email": "KIM@example.org",
         "client_phone": "+14155550125"},
        {"reseller_id": shop.id, "client_name": "Plan Less", "client_email": "pl@example.org",
         "client_phone": "+14155550126", "plan_id": 999_999},
        "not an object",
    ]  # fmt: skip
    response = await _upload(client, auth, "clients", json.dumps(rows).encode(), dry_run=True)
    assert response.status_code == 200, response.text
    assert [(e["row"], e["field"], e["message"]) for e in response.json()["errors"]] == [
        (3, "client_email", "Same reseller_id and client_email as row 1."),
        (5, None, "Input should be a valid dictionary or instance of ClientRow"),
        (2, "reseller_id", "No such reseller."),
        (4, "plan_id", "No such plan."),
    ]
    good = await _upload(client, auth, "clients", json.dumps(rows[:1]).encode())
    assert good.status_code == 201
    kim = (
        await db.scalars(select(ResellerClient).where(ResellerClient.reseller_id == shop.id))
    ).one()
    assert (kim.client_email, kim.monthly_limit) == ("kim@example.org", 5)


async def test_users_keep_the_update_rules_and_an_encrypted_kyc_number(
    client: AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    auth = await _admin(client, db)
    header = ["full_name", "email", "phone", "id_document_type", "id_document_number"]
    data = _csv(
        [
            header,
            ["Ana Lima", "ana@example.org", "+351912000001", "passport", "P1234567"],
            ["Rui Lima", "rui@example.org", "+351912000002", "", "X99999"],
            ["Eva Lima", "eva@example.org", "+351912000001", "", ""],
        ]
    )
    checked = await _upload(client, auth, "users", data, dry_run=True)
    assert [(e["row"], e["field"], e["type"]) for e in checked.json()["errors"]] == [
        (3, "phone", "duplicate_in_file"),
        (2, "id_document_type", "validation_error"),
    ]
    done = await _upload(client, auth, "users", _csv([header, _first(data)]))
    assert done.status_code == 201, done.text
    ana = (await db.scalars(select(PublicUser).where(PublicUser.email == "ana@example.org"))).one()
    assert ana.id_document_number != "P1234567"
    assert FieldCipher(settings).decrypt(ana.id_document_number) == "P1234567"
    assert ana.status.value == "pending_verification"


def _first(data: bytes) -> list[str]:
    return next(iter(list(csv.reader(io.StringIO(data.decode())))[1:]))


async def test_plans_from_xlsx(client: AsyncClient, db: AsyncSession) -> None:
    auth = await _admin(client, db)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "name", "network_provider", "sim_type", "validity_days", "price",
                  "reseller_price_floor"])  # fmt: skip
    sheet.append(["XL-EU-10GB", "Europe 10GB", "Vodafone", "esim", 30, 19.9, 15])
    sheet.append(["XL-EU-20GB", "Europe 20GB", "Vodafone", "esim", 30.0, 10, 12])
    sheet.append(["XL-EU-30GB", "Europe 30GB", "Vodafone", "esim", 30, 0, None])
    buffer = io.BytesIO()
    book.save(buffer)
    checked = await _upload(client, auth, "plans", buffer.getvalue(), dry_run=True, name="p.bin")
    assert [(e["row"], e["field"]) for e in checked.json()["errors"]] == [(2, None), (3, "price")]
    sheet.delete_rows(3, 2)
    buffer = io.BytesIO()
    book.save(buffer)
    done = await _upload(client, auth, "plans", buffer.getvalue())
    assert done.status_code == 201, done.text
    plan = (await db.scalars(select(SimPlan).where(SimPlan.code == "XL-EU-10GB"))).one()
    assert (str(plan.price), str(plan.reseller_price_floor), plan.validity_days) == (
        "19.90", "15.00", 30,
    )  # fmt: skip


async def test_unreadable_files_are_refused_whole(
    client: AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    auth = await _admin(client, db)
    cases = {
        "bad_header": _csv([["business_name", "emial"], ["x", "y"]]),
        "bad_encoding": "business_name,contact_person\nCafé".encode("latin-1"),
        "empty_file": b"  \n",
        "invalid_json": b"[{",
        "bad_json": b'{"business_name": "x"}',
        "bad_xlsx": b"PK\x03\x04 not really a zip",
        # A quote left open swallows the rest of the file into one field, past csv's limit.
        "bad_csv": (",".join(RESELLER_HEADER) + '\n"' + "a" * 200_000).encode(),
    }
    codes = {}
    for expected, data in cases.items():
        response = await _upload(client, auth, "resellers", data, dry_run=True)
        assert response.status_code == 400, (expected, response.text)
        codes[expected] = response.json()["error"]["code"]
    assert codes == {name: name for name in cases}
    header = await _upload(client, auth, "resellers", cases["bad_header"])
    assert header.json()["error"]["details"] == {
        "expected": [*RESELLER_HEADER, "address", "state", "credit_limit", "commission_rate",
                     "currency"],
        "required": RESELLER_HEADER,
        "unknown": ["emial"],
        "missing": ["contact_person", "email", "phone", "city", "country"],
        "repeated": [],
    }  # fmt: skip
    too_big = await _upload(client, auth, "resellers", b"x" * (settings.max_upload_bytes + 1))
    assert too_big.status_code == 413
    many = _csv([RESELLER_HEADER] + [_reseller(n) for n in range(10_001)])
    too_many = await _upload(client, auth, "resellers", many)
    assert (too_many.status_code, too_many.json()["error"]["code"]) == (413, "too_many_rows")


async def test_a_file_of_bad_rows_gets_a_short_answer_fast(
    client: AsyncClient, db: AsyncSession
) -> None:
    # The largest file answered inline; a larger one runs as a bulk job (test_bulk_jobs.py).
    auth = await _admin(client, db)
    rows = INLINE_ROWS
    data = _csv([RESELLER_HEADER] + [_reseller(n, email=f"bad-{n}") for n in range(rows)])
    response = await _upload(client, auth, "resellers", data)
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert (details["rows"], details["error_count"], len(details["errors"])) == (rows, rows, 100)
    assert details["errors"][-1]["row"] == 100


async def test_importing_needs_the_import_and_the_create_permission(
    client: AsyncClient, db: AsyncSession
) -> None:
    moderator = await login_headers(client, await make_staff(db, SystemRole.moderator))
    refused = await _upload(client, moderator, "clients", _csv([RESELLER_HEADER]))
    assert refused.status_code == 403
    template = await client.get("/api/import/clients/template/", headers=moderator)
    assert template.status_code == 403
    anonymous = await _upload(client, {}, "clients", _csv([RESELLER_HEADER]))
    assert anonymous.status_code == 401
