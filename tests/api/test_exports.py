"""/api/export/: each list's filters and tenancy, as CSV, JSON or XLSX."""

from __future__ import annotations

import csv
import io
import uuid

from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

from models import PublicUser, ResellerStatus
from models.identity import SystemRole
from tests.factories import (
    grant,
    login_headers,
    make_account,
    make_order,
    make_reseller,
    make_staff,
)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_resellers_with_the_lists_filters_in_each_format(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    tag = uuid.uuid4().hex[:8]
    kept = await make_reseller(db, business_name=f"Kept {tag}", phone="+14155550199")
    await make_reseller(db, business_name=f"Gone {tag}", status=ResellerStatus.suspended)
    filters = {"search": tag, "status": "active"}

    response = await client.get("/api/export/resellers/", headers=auth, params=filters)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="resellers-')
    rows = _rows(response.text)
    assert [(r["id"], r["business_name"], r["phone"], r["credit_limit"]) for r in rows] == [
        (str(kept.id), f"Kept {tag}", "+14155550199", "5000.00")
    ]

    as_json = await client.get(
        "/api/export/resellers/", headers=auth, params={**filters, "format": "json"}
    )
    assert [(r["id"], r["status"]) for r in as_json.json()] == [(kept.id, "active")]
    as_xlsx = await client.get(
        "/api/export/resellers/", headers=auth, params={**filters, "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(as_xlsx.content), read_only=True).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    assert (table[0][:2], table[1][:2], len(table)) == (("id", "business_name"),
                                                        (kept.id, f"Kept {tag}"), 2)  # fmt: skip

    unknown = await client.get("/api/export/resellers/", headers=auth, params={"colour": "red"})
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (400, "unknown_parameter")
    bad_value = await client.get("/api/export/resellers/", headers=auth, params={"status": "x"})
    assert bad_value.status_code == 422
    bad_format = await client.get("/api/export/plans/", headers=auth, params={"format": "pdf"})
    assert bad_format.status_code == 422
    bad_range = await client.get(
        "/api/export/orders/", headers=auth, params={"amount_min": 5, "amount_max": 1}
    )
    assert bad_range.status_code == 422


async def test_users_export_leaves_out_the_kyc_number(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    tag = uuid.uuid4().hex[:8]
    person = PublicUser(
        full_name=f"Ana {tag}", email=f"{tag}@example.org", phone="+351912009999", city="Porto",
        id_document_type="passport", id_document_number="gAAAA-ciphertext-stand-in-0000000",
    )  # fmt: skip
    db.add(person)
    await db.commit()
    response = await client.get("/api/export/users/", headers=auth, params={"search": tag})
    rows = _rows(response.text)
    assert [(r["full_name"], r["id_document_type"]) for r in rows] == [(f"Ana {tag}", "passport")]
    assert "id_document_number" not in rows[0]
    assert "ciphertext" not in response.text


async def test_a_reseller_exports_only_its_own_orders_whatever_the_filter(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    assert owner.reseller_id is not None
    other = await make_reseller(db)
    mine = await make_order(db, reseller_id=owner.reseller_id)
    await make_order(db, reseller_id=other.id)
    await grant(db, SystemRole.reseller_owner, "data:export")
    auth = await login_headers(client, owner)

    own = await client.get("/api/export/orders/", headers=auth)
    assert [r["order_number"] for r in _rows(own.text)] == [mine.order_number]
    theirs = await client.get("/api/export/orders/", headers=auth, params={"reseller_id": other.id})
    assert _rows(theirs.text) == []
    # data:export does not open a list the role cannot read.
    users = await client.get("/api/export/users/", headers=auth)
    assert (users.status_code, users.json()["error"]["details"]) == (
        403,
        {"permission": "users:read"},
    )


async def test_exporting_needs_the_export_permission(client: AsyncClient, db: AsyncSession) -> None:
    support = await login_headers(client, await make_staff(db, SystemRole.support))
    for resource in ("resellers", "clients", "users", "plans", "orders"):
        response = await client.get(f"/api/export/{resource}/", headers=support)
        assert response.status_code == 403, resource
    assert (await client.get("/api/export/orders/")).status_code == 401
