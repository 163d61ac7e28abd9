"""The ICCID registry: batch upload (all or nothing), lookups, lifecycle and stock levels."""

from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Sim, SystemSetting
from models.identity import SystemRole
from tests.factories import iccid, login_headers, make_staff


def batch(ref: str, serials: range, sim_type: str = "physical") -> dict[str, object]:
    sims = [{"iccid": iccid(n)} for n in serials]
    if sim_type == "esim":
        sims = [
            {**s, "activation_code": f"LPA:1$smdp.example$CODE{n}"}
            for s, n in zip(sims, serials, strict=True)
        ]
    return {"batch_ref": ref, "network_provider": "Vodafone", "sim_type": sim_type, "sims": sims}


async def test_batch_upload_lookup_and_lifecycle(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    dry = await client.post(
        "/api/inventory/sims/batches/",
        headers=auth,
        params={"dry_run": "true"},
        json=batch("B-1", range(1, 4)),
    )
    assert dry.json() == {"batch_ref": "B-1", "registered": 3, "dry_run": True}
    assert await db.scalar(select(func.count()).select_from(Sim).where(Sim.batch_ref == "B-1")) == 0
    real = await client.post(
        "/api/inventory/sims/batches/", headers=auth, json=batch("B-1", range(1, 4))
    )
    assert real.status_code == 201 and real.json()["registered"] == 3

    sim = (await client.get(f"/api/inventory/sims/{iccid(2)}/", headers=auth)).json()
    assert (sim["state"], sim["batch_ref"]) == ("in_stock", "B-1")
    found = (
        await client.get(
            "/api/inventory/sims/",
            headers=auth,
            params={"number": iccid(2)[:17], "batch_ref": "B-1"},
        )
    ).json()
    assert found["total"] == 3
    reserved = await client.patch(
        f"/api/inventory/sims/{iccid(2)}/state/", headers=auth, json={"state": "reserved"}
    )
    assert reserved.json()["state"] == "reserved"
    illegal = await client.patch(
        f"/api/inventory/sims/{iccid(2)}/state/", headers=auth, json={"state": "active"}
    )
    assert illegal.status_code == 409
    assert illegal.json()["error"]["details"] == {"allowed": ["assigned", "in_stock"]}
    assert (await client.get(f"/api/inventory/sims/{iccid(99)}/", headers=auth)).status_code == 404
    assert (await client.get("/api/inventory/sims/12345/", headers=auth)).status_code == 422


async def test_a_bad_batch_writes_nothing_and_names_every_row(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    await client.post(
        "/api/inventory/sims/batches/", headers=auth, json=batch("B-2", range(10, 11))
    )
    body = batch("B-3", range(20, 23))
    sims = body["sims"]
    assert isinstance(sims, list)
    sims[0]["iccid"] = sims[0]["iccid"][:-1] + str((int(sims[0]["iccid"][-1]) + 1) % 10)
    sims[1]["iccid"] = "89441"
    sims.append({"iccid": sims[2]["iccid"]})
    sims.append({"iccid": iccid(10)})
    response = await client.post("/api/inventory/sims/batches/", headers=auth, json=body)
    assert response.status_code == 422
    assert response.json()["error"]["details"] == [
        {"row": 1, "field": "iccid", "message": "check digit is wrong (Luhn)"},
        {"row": 2, "field": "iccid", "message": "must be 18 to 22 digits"},
        {"row": 3, "field": "iccid", "message": "appears twice in this batch"},
        {"row": 4, "field": "iccid", "message": "appears twice in this batch"},
        {"row": 5, "field": "iccid", "message": "already registered"},
    ]
    assert await db.scalar(select(func.count()).select_from(Sim).where(Sim.batch_ref == "B-3")) == 0
    esim = batch("B-4", range(30, 31), sim_type="esim")
    esim_sims = esim["sims"]
    assert isinstance(esim_sims, list)
    del esim_sims[0]["activation_code"]
    missing = await client.post("/api/inventory/sims/batches/", headers=auth, json=esim)
    assert missing.json()["error"]["details"] == [
        {"row": 1, "field": "activation_code", "message": "required for eSIM"}
    ]


async def test_stock_levels_and_low_stock_flags(client: AsyncClient, db: AsyncSession) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    db.add(
        SystemSetting(
            setting_key="inventory.low_stock_thresholds", setting_value={"Vodafone": 3, "*": 10}
        )
    )
    await db.commit()
    await client.post(
        "/api/inventory/sims/batches/", headers=auth, json=batch("B-5", range(40, 44))
    )
    await client.patch(
        f"/api/inventory/sims/{iccid(40)}/state/", headers=auth, json={"state": "reserved"}
    )
    await client.patch(
        f"/api/inventory/sims/{iccid(41)}/state/", headers=auth, json={"state": "reserved"}
    )
    lines = (await client.get("/api/inventory/stock/", headers=auth)).json()
    vodafone = next(line for line in lines if line["network_provider"] == "Vodafone")
    assert vodafone == {
        "network_provider": "Vodafone",
        "sim_type": "physical",
        "in_stock": 2,
        "reserved": 2,
        "low_stock_threshold": 3,
        "low": True,
    }
