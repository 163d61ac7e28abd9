"""Self-registration of app users. The answer never says whether the email is taken: the
owner of an existing address is told by email instead."""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core.passwords import hash_password
from core.settings import Settings
from models import Account, PublicUser, RegistrationKind
from models.identity import AccountKind, SystemRole
from services.access import ensure_system_roles
from services.analytics import rollups
from services.auth import throttle
from services.auth.accounts import check_new_password
from services.auth.recovery import TOO_MANY, send_email_verification, send_phone_verification
from services.messaging.notifier import Notifier


@dataclass(frozen=True)
class Registration:
    full_name: str
    email: str
    phone: str
    password: str
    city: str = ""


async def register(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    notifier: Notifier,
    data: Registration,
    ip: str | None,
) -> None:
    await throttle.Throttle(redis).hit(
        throttle.subject_key("register-ip", ip or "unknown"), throttle.REGISTER_PER_IP, TOO_MANY
    )
    email = data.email.strip().lower()
    first, _, last = data.full_name.strip().partition(" ")
    draft = Account(email=email, first_name=first, last_name=last)
    check_new_password(draft, data.password)

    if await db.scalar(select(Account.id).where(Account.email == email)):
        await notifier.send_email(db, email, "registration_attempt", {})
        return
    phone_taken = await db.scalar(
        select(PublicUser.id).where(or_(PublicUser.phone == data.phone, PublicUser.email == email))
    )
    if phone_taken:
        await notifier.send_email(db, email, "registration_phone_taken", {"name": first})
        return
    role_ids = await ensure_system_roles(db)
    try:
        async with db.begin_nested():
            person = PublicUser(
                full_name=data.full_name.strip(), email=email, phone=data.phone, city=data.city
            )
            db.add(person)
            await db.flush()
            account = Account(
                kind=AccountKind.public,
                email=email,
                password_hash=hash_password(data.password),
                first_name=first,
                last_name=last,
                phone=data.phone,
                role_id=role_ids[SystemRole.customer],
                public_user_id=person.id,
            )
            db.add(account)
            await db.flush()
            await rollups.registered(db, RegistrationKind.user, person.created_at)
    except IntegrityError:
        # Someone registered the same email or phone a moment ago: same answer as above.
        await notifier.send_email(db, email, "registration_attempt", {})
        return
    await send_email_verification(db, settings, notifier, account)
    await send_phone_verification(db, notifier, account)
