"""TOTP two-factor authentication with single-use recovery codes.

The secret is stored encrypted. A code is accepted for the current 30-second step and one step
either side (clock drift), and each step's code works only once per account: a code seen over
someone's shoulder cannot be replayed within its window."""

from __future__ import annotations

import base64
import io
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import pyotp
import segno
from redis.asyncio import Redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import FieldCipher
from core.errors import Conflict, ValidationFailed
from core.settings import Settings
from core.tokens import hash_secret
from models import Account, RecoveryCode

ISSUER = "simdesk"
RECOVERY_CODE_COUNT = 10
STEP_SECONDS = 30
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (0/o, 1/l/i)


@dataclass(frozen=True)
class Enrolment:
    secret: str
    otpauth_uri: str
    qr_svg_data_url: str


def _normalise_recovery(code: str) -> str:
    return code.strip().lower().replace("-", "").replace(" ", "")


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


async def start_enrolment(db: AsyncSession, settings: Settings, account: Account) -> Enrolment:
    if account.two_factor_enabled:
        raise Conflict("Two-factor authentication is already on.", code="2fa_already_enabled")
    secret = pyotp.random_base32()
    account.totp_secret = FieldCipher(settings).encrypt(secret)
    await db.flush()
    uri = pyotp.TOTP(secret).provisioning_uri(name=account.email, issuer_name=ISSUER)
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=4)
    data_url = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
    return Enrolment(secret=secret, otpauth_uri=uri, qr_svg_data_url=data_url)


def _matching_step(secret: str, code: str, now: float) -> int | None:
    if not (len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    for offset in (0, -1, 1):
        moment = now + offset * STEP_SECONDS
        if secrets.compare_digest(totp.at(moment), code):
            return int(moment // STEP_SECONDS)
    return None


async def _consume_totp(redis: Redis, settings: Settings, account: Account, code: str) -> bool:
    if account.totp_secret is None:
        return False
    secret = FieldCipher(settings).decrypt(account.totp_secret)
    step = _matching_step(secret, code.strip(), time.time())
    if step is None:
        return False
    # SET NX: the first use of this step's code wins; a replay finds the key taken.
    key = f"auth:totp-used:{account.id}:{step}"
    return bool(await redis.set(key, "1", nx=True, ex=STEP_SECONDS * 4))


async def confirm_enrolment(
    db: AsyncSession, redis: Redis, settings: Settings, account: Account, code: str
) -> list[str]:
    """Turn 2FA on once the user proves their app has the secret; returns the recovery codes,
    shown this once and stored only as hashes."""
    if account.two_factor_enabled:
        raise Conflict("Two-factor authentication is already on.", code="2fa_already_enabled")
    if account.totp_secret is None:
        raise Conflict("Start the enrolment first.", code="2fa_not_started")
    if not await _consume_totp(redis, settings, account, code):
        raise ValidationFailed("The code is not valid.", code="invalid_2fa_code")
    account.two_factor_enabled = True
    await _retire_recovery_codes(db, account)
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    db.add_all(
        RecoveryCode(account_id=account.id, code_hash=hash_secret(_normalise_recovery(c)))
        for c in codes
    )
    await db.flush()
    return codes


async def _retire_recovery_codes(db: AsyncSession, account: Account) -> None:
    await db.execute(
        update(RecoveryCode)
        .where(RecoveryCode.account_id == account.id, RecoveryCode.used_at.is_(None))
        .values(used_at=datetime.now(UTC))
    )


async def _consume_recovery_code(db: AsyncSession, account: Account, code: str) -> bool:
    result = await db.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.account_id == account.id,
            RecoveryCode.code_hash == hash_secret(_normalise_recovery(code)),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=datetime.now(UTC))
        .returning(RecoveryCode.id)
    )
    return result.scalar_one_or_none() is not None


async def verify_second_factor(
    db: AsyncSession, redis: Redis, settings: Settings, account: Account, code: str
) -> bool:
    """A current TOTP code, or one of the unused recovery codes."""
    if await _consume_totp(redis, settings, account, code):
        return True
    return await _consume_recovery_code(db, account, code)


async def disable(
    db: AsyncSession, redis: Redis, settings: Settings, account: Account, code: str
) -> None:
    if not account.two_factor_enabled:
        raise Conflict("Two-factor authentication is not on.", code="2fa_not_enabled")
    if not await verify_second_factor(db, redis, settings, account, code):
        raise ValidationFailed("The code is not valid.", code="invalid_2fa_code")
    account.two_factor_enabled = False
    account.totp_secret = None
    await _retire_recovery_codes(db, account)
    await db.flush()
