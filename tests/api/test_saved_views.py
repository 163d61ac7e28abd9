"""Saved views of the panel's lists: one's own, per list, bounded, replaced by name."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, SavedView
from models.identity import SystemRole
from services.saved_views import MAX_VIEWS_PER_LIST
from tests.factories import login_headers, make_account, make_staff

URL = "/api/auth/user/saved-views/"
UNPAID = {"payment_status": "pending", "sort": "-created_at"}


async def _signed_in(client: AsyncClient, db: AsyncSession) -> tuple[Account, dict[str, str]]:
    account = await make_staff(db)
    return account, await login_headers(client, account)


def _summary(views: list[dict[str, Any]]) -> list[tuple[str, str, dict[str, str]]]:
    return [(v["list_key"], v["name"], v["params"]) for v in views]


async def test_save_list_rename_and_delete_views(client: AsyncClient, db: AsyncSession) -> None:
    _, auth = await _signed_in(client, db)
    created = await client.post(
        URL, headers=auth, json={"list_key": "orders", "name": " Unpaid ", "params": UNPAID}
    )
    assert created.status_code == 201, created.text
    unpaid = created.json()
    assert _summary([unpaid]) == [("orders", "Unpaid", UNPAID)]
    other = await client.post(
        URL, headers=auth, json={"list_key": "orders", "name": "Mine", "params": {"search": "a"}}
    )
    assert other.status_code == 201
    elsewhere = await client.post(
        URL, headers=auth, json={"list_key": "reseller-orders", "name": "Unpaid", "params": {}}
    )
    assert elsewhere.status_code == 201

    # The same name in other letters replaces that view, in its place.
    replaced = await client.post(
        URL, headers=auth, json={"list_key": "orders", "name": "UNPAID", "params": {"sort": "id"}}
    )
    assert replaced.status_code == 200
    assert replaced.json()["id"] == unpaid["id"]
    listed = await client.get(URL, headers=auth, params={"list": "orders"})
    assert listed.status_code == 200
    assert _summary(listed.json()) == [
        ("orders", "UNPAID", {"sort": "id"}),
        ("orders", "Mine", {"search": "a"}),
    ]

    renamed = await client.patch(
        f"{URL}{unpaid['id']}/", headers=auth, json={"name": "Oldest first"}
    )
    assert renamed.status_code == 200, renamed.text
    assert _summary([renamed.json()]) == [("orders", "Oldest first", {"sort": "id"})]
    reparamed = await client.patch(
        f"{URL}{unpaid['id']}/", headers=auth, json={"params": {"status": "paid"}}
    )
    assert _summary([reparamed.json()]) == [("orders", "Oldest first", {"status": "paid"})]
    # Only the letter case changes: still the same view.
    recased = await client.patch(
        f"{URL}{unpaid['id']}/", headers=auth, json={"name": "OLDEST first"}
    )
    assert recased.status_code == 200

    deleted = await client.delete(f"{URL}{unpaid['id']}/", headers=auth)
    assert deleted.status_code == 204
    again = await client.delete(f"{URL}{unpaid['id']}/", headers=auth)
    assert (again.status_code, again.json()["error"]["code"]) == (404, "not_found")
    listed = await client.get(URL, headers=auth, params={"list": "orders"})
    assert [v["name"] for v in listed.json()] == ["Mine"]


async def test_renaming_onto_another_views_name_is_refused(
    client: AsyncClient, db: AsyncSession
) -> None:
    _, auth = await _signed_in(client, db)
    for name in ("Unpaid", "Paid"):
        body = {"list_key": "orders", "name": name, "params": {"status": name.lower()}}
        assert (await client.post(URL, headers=auth, json=body)).status_code == 201
    paid = (await client.get(URL, headers=auth, params={"list": "orders"})).json()[1]
    clash = await client.patch(f"{URL}{paid['id']}/", headers=auth, json={"name": "unpaid"})
    assert clash.status_code == 409
    error = clash.json()["error"]
    assert (error["code"], error["message"]) == (
        "view_exists",
        "You already have a view of this list named “Unpaid”.",
    )
    empty = await client.patch(f"{URL}{paid['id']}/", headers=auth, json={})
    assert (empty.status_code, empty.json()["error"]["code"]) == (422, "empty_update")
    listed = (await client.get(URL, headers=auth, params={"list": "orders"})).json()
    assert [v["name"] for v in listed] == ["Unpaid", "Paid"]


async def test_views_are_their_owners_only(client: AsyncClient, db: AsyncSession) -> None:
    owner, auth = await _signed_in(client, db)
    reseller = await make_account(db, SystemRole.reseller_agent)
    theirs = await login_headers(client, reseller)
    view = (
        await client.post(
            URL, headers=auth, json={"list_key": "orders", "name": "Unpaid", "params": UNPAID}
        )
    ).json()
    # Any signed-in account keeps views of its own, under the same names.
    own = await client.post(
        URL, headers=theirs, json={"list_key": "orders", "name": "Unpaid", "params": {}}
    )
    assert own.status_code == 201
    assert _summary((await client.get(URL, headers=theirs, params={"list": "orders"})).json()) == [
        ("orders", "Unpaid", {})
    ]
    for method, body in (("PATCH", {"name": "Taken"}), ("DELETE", None)):
        response = await client.request(method, f"{URL}{view['id']}/", headers=theirs, json=body)
        assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    assert _summary((await client.get(URL, headers=auth, params={"list": "orders"})).json()) == [
        ("orders", "Unpaid", UNPAID)
    ]

    # Deleting an account deletes its views.
    await db.execute(delete(Account).where(Account.id == reseller.id))
    assert await db.scalar(select(func.count()).select_from(SavedView)) == 1
    assert owner.id == (await db.scalar(select(SavedView.account_id)))


async def test_a_list_holds_a_bounded_number_of_views(
    client: AsyncClient, db: AsyncSession
) -> None:
    account, auth = await _signed_in(client, db)
    db.add_all(
        SavedView(account_id=account.id, list_key="orders", name=f"View {n}", params={})
        for n in range(MAX_VIEWS_PER_LIST)
    )
    await db.commit()
    one_more = await client.post(
        URL, headers=auth, json={"list_key": "orders", "name": "One more", "params": {}}
    )
    assert one_more.status_code == 422
    error = one_more.json()["error"]
    assert (error["code"], error["message"]) == (
        "too_many_views",
        "You have 50 saved views of this list: delete one first.",
    )
    # Replacing one still works, and so does another list.
    replaced = await client.post(
        URL, headers=auth, json={"list_key": "orders", "name": "view 7", "params": UNPAID}
    )
    assert replaced.status_code == 200
    other_list = await client.post(
        URL, headers=auth, json={"list_key": "tickets", "name": "One more", "params": {}}
    )
    assert other_list.status_code == 201


async def test_bad_input_is_refused_naming_the_field(client: AsyncClient, db: AsyncSession) -> None:
    _, auth = await _signed_in(client, db)
    good = {"list_key": "orders", "name": "Unpaid", "params": UNPAID}
    cases: list[tuple[dict[str, Any], str]] = [
        ({**good, "list_key": "Orders"}, "body.list_key"),
        ({**good, "list_key": "orders/../x"}, "body.list_key"),
        ({**good, "list_key": "o" * 51}, "body.list_key"),
        ({**good, "name": "   "}, "body.name"),
        ({**good, "name": "x" * 61}, "body.name"),
        ({**good, "params": {"status": 3}}, "body.params.status"),
        ({**good, "params": {"status": ["a", "b"]}}, "body.params.status"),
        ({**good, "params": ["status"]}, "body.params"),
        ({**good, "params": {"Bad Name": "x"}}, "body.params.Bad Name.[key]"),
        ({**good, "params": {f"p{n}": "x" for n in range(31)}}, "body.params"),
        ({**good, "owner": 2}, "body.owner"),
    ]
    for body, field in cases:
        response = await client.post(URL, headers=auth, json=body)
        assert response.status_code == 422, body
        assert [d["field"] for d in response.json()["error"]["details"]] == [field], body

    oversize = await client.post(URL, headers=auth, json={**good, "params": {"search": "x" * 2100}})
    assert oversize.status_code == 422
    error = oversize.json()["error"]
    assert error["code"] == "params_too_large"
    assert [d["field"] for d in error["details"]] == ["body.params"]

    no_list = await client.get(URL, headers=auth)
    assert [d["field"] for d in no_list.json()["error"]["details"]] == ["query.list"]
    bad_list = await client.get(URL, headers=auth, params={"list": "DROP TABLE"})
    assert [d["field"] for d in bad_list.json()["error"]["details"]] == ["query.list"]
    unknown = await client.get(URL, headers=auth, params={"list": "orders", "owner": "2"})
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (400, "unknown_parameter")
    assert await db.scalar(select(func.count()).select_from(SavedView)) == 0


async def test_views_need_a_login(client: AsyncClient) -> None:
    for method, path in (
        ("GET", f"{URL}?list=orders"),
        ("POST", URL),
        ("PATCH", f"{URL}1/"),
        ("DELETE", f"{URL}1/"),
    ):
        response = await client.request(method, path, json={})
        assert (response.status_code, response.json()["error"]["code"]) == (
            401,
            "not_authenticated",
        ), path
