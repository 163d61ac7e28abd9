"""Password reset, registration and contact verification, end to end through the outbox."""

from __future__ import annotations

import re

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, OutboundMessage, PublicUser, PublicUserStatus
from tests.factories import PASSWORD, make_staff

NEW_PASSWORD = "violet lighthouse at dawn"


async def _messages(db: AsyncSession, recipient: str) -> list[OutboundMessage]:
    result = await db.execute(
        select(OutboundMessage)
        .where(OutboundMessage.recipient == recipient)
        .order_by(OutboundMessage.id)
    )
    return list(result.scalars())


def _token(message: OutboundMessage) -> str:
    match = re.search(r"/(?:reset-password|verify-email)/([A-Za-z0-9_-]+)", message.body)
    assert match, message.body
    return match.group(1)


async def test_password_reset_end_to_end(client: AsyncClient, db: AsyncSession) -> None:
    account = await make_staff(db)
    email = account.email
    old_session = (
        await client.post("/api/auth/login/", json={"login": email, "password": PASSWORD})
    ).json()
    asked = await client.post("/api/auth/password/reset/", json={"email": email.upper()})
    assert asked.status_code == 202
    [mail] = await _messages(db, email)
    assert mail.template == "password_reset"
    assert "http://127.0.0.1:8000/reset-password/" in mail.body
    token = _token(mail)

    confirmed = await client.post(
        "/api/auth/password/reset/confirm/", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert confirmed.status_code == 204
    again = await client.post(
        "/api/auth/password/reset/confirm/",
        json={"token": token, "new_password": "another fine passphrase"},
    )
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "invalid_token"
    me = await client.get(
        "/api/auth/user/", headers={"Authorization": f"Bearer {old_session['access_token']}"}
    )
    assert me.status_code == 401
    relogin = await client.post("/api/auth/login/", json={"login": email, "password": NEW_PASSWORD})
    assert relogin.status_code == 200


async def test_reset_for_unknown_email_looks_the_same_and_sends_nothing(
    client: AsyncClient, db: AsyncSession
) -> None:
    response = await client.post("/api/auth/password/reset/", json={"email": "nobody@example.org"})
    assert response.status_code == 202
    assert response.json() == {
        "detail": "If the address has an account, a reset link is on its way."
    }
    assert await _messages(db, "nobody@example.org") == []


async def test_a_newer_reset_link_retires_the_older_one(
    client: AsyncClient, db: AsyncSession
) -> None:
    account = await make_staff(db)
    email = account.email
    await client.post("/api/auth/password/reset/", json={"email": email})
    await client.post("/api/auth/password/reset/", json={"email": email})
    first, second = [_token(mail) for mail in await _messages(db, email)]
    stale = await client.post(
        "/api/auth/password/reset/confirm/", json={"token": first, "new_password": NEW_PASSWORD}
    )
    assert stale.status_code == 400
    fresh = await client.post(
        "/api/auth/password/reset/confirm/", json={"token": second, "new_password": NEW_PASSWORD}
    )
    assert fresh.status_code == 204


async def test_reset_confirm_refuses_weak_passwords_and_garbage(
    client: AsyncClient, db: AsyncSession
) -> None:
    account = await make_staff(db)
    await client.post("/api/auth/password/reset/", json={"email": account.email})
    [token] = [_token(mail) for mail in await _messages(db, account.email)]
    weak = await client.post(
        "/api/auth/password/reset/confirm/", json={"token": token, "new_password": "short"}
    )
    assert weak.status_code == 422
    assert weak.json()["error"]["code"] == "weak_password"
    # A refused password does not spend the link.
    ok = await client.post(
        "/api/auth/password/reset/confirm/", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert ok.status_code == 204
    garbage = await client.post(
        "/api/auth/password/reset/confirm/", json={"token": "x" * 43, "new_password": NEW_PASSWORD}
    )
    assert garbage.status_code == 400


async def test_reset_requests_are_throttled_per_ip(client: AsyncClient) -> None:
    statuses = [
        (
            await client.post("/api/auth/password/reset/", json={"email": f"p{i}@example.org"})
        ).status_code
        for i in range(11)
    ]
    assert statuses == [202] * 10 + [429]


async def test_registration_and_verification(client: AsyncClient, db: AsyncSession) -> None:
    body = {
        "full_name": "Amina Diallo",
        "email": "Amina.Diallo@example.org",
        "phone": "+33 6 12 34 56 78",
        "password": NEW_PASSWORD,
        "city": "Lyon",
    }
    response = await client.post("/api/auth/register/", json=body)
    assert response.status_code == 202
    person = (
        await db.execute(select(PublicUser).where(PublicUser.email == "amina.diallo@example.org"))
    ).scalar_one()
    assert (person.phone, person.status) == ("+33612345678", PublicUserStatus.pending_verification)
    [verification] = await _messages(db, "amina.diallo@example.org")
    [sms] = await _messages(db, "+33612345678")
    code = re.search(r"\b(\d{6})\b", sms.body)
    assert code

    assert (
        await client.post("/api/auth/verify-email/", json={"token": _token(verification)})
    ).status_code == 204
    tokens = (
        await client.post(
            "/api/auth/login/", json={"login": "amina.diallo@example.org", "password": NEW_PASSWORD}
        )
    ).json()
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    me = (await client.get("/api/auth/user/", headers=auth)).json()
    assert (me["kind"], me["role"]) == ("public", "customer")

    wrong = "000000" if code.group(1) != "000000" else "111111"
    assert (
        await client.post("/api/auth/verify-phone/", headers=auth, json={"code": wrong})
    ).status_code == 400
    assert (
        await client.post("/api/auth/verify-phone/", headers=auth, json={"code": code.group(1)})
    ).status_code == 204
    await db.refresh(person)
    assert person.status is PublicUserStatus.active
    assert person.email_verified_at is not None and person.phone_verified_at is not None


async def test_duplicate_registration_reveals_nothing(
    client: AsyncClient, db: AsyncSession
) -> None:
    account = await make_staff(db)
    body = {
        "full_name": "Copy Cat",
        "email": account.email,
        "phone": "+14155550123",
        "password": NEW_PASSWORD,
    }
    response = await client.post("/api/auth/register/", json=body)
    assert response.status_code == 202
    assert response.json()["detail"] == "Check your email and phone to confirm your account."
    [mail] = await _messages(db, account.email)
    assert mail.template == "registration_attempt"
    accounts = await db.scalar(
        select(func.count()).select_from(Account).where(Account.email == account.email)
    )
    assert accounts == 1


async def test_registration_bad_input(client: AsyncClient, db: AsyncSession) -> None:
    base = {
        "full_name": "Kim Lee",
        "email": "kim@example.org",
        "phone": "+14155550123",
        "password": NEW_PASSWORD,
    }
    cases = [
        ({**base, "email": "not-an-email"}, 422, "body.email"),
        ({**base, "phone": "555-0123"}, 422, "body.phone"),
        ({**base, "full_name": "K"}, 422, "body.full_name"),
        ({**base, "is_staff": True}, 422, "body.is_staff"),
    ]
    for body, status, field in cases:
        response = await client.post("/api/auth/register/", json=body)
        assert response.status_code == status, body
        assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    weak = await client.post("/api/auth/register/", json={**base, "password": "kim@example.org!"})
    assert weak.status_code == 422
    assert weak.json()["error"]["code"] == "weak_password"
    assert (
        await db.scalar(
            select(func.count())
            .select_from(PublicUser)
            .where(PublicUser.email == "kim@example.org")
        )
        == 0
    )
