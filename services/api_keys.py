"""API keys: created from a login session, shown once, scoped to part of the creator's
permissions, optionally expiring, revocable. A request with `X-API-Key` acts as the key's
account with the key's scopes, narrowed again at every request to what the account's role
grants now, so taking a permission from a role takes it from that role's keys too."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from redis.asyncio import Redis
from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationFailed
from core.settings import Settings
from core.tokens import hash_secret, new_secret
from models import Account, ApiKey
from models.identity import AccountKind
from services import audit
from services.access import PERMISSIONS
from services.auth.principal import Principal, principal_for_account

KEY_PREFIX = "sdk_"
# What lists show of a key: enough to tell keys apart, far too little to guess the rest.
VISIBLE_CHARS = len(KEY_PREFIX) + 8
# last_used_at is written at most this often per key, so busy integrations do not turn every
# request into a row update (and a row lock held until the request commits).
LAST_USED_RESOLUTION_SECONDS = 60
AUDITED_FIELDS = ("name", "prefix", "scopes", "expires_at", "account_id", "revoked_at")


class KeyStatus(StrEnum):
    active = "active"
    expired = "expired"
    revoked = "revoked"


@dataclass(frozen=True)
class CreatedKey:
    row: ApiKey
    secret: str  # the whole key: returned to its creator once, never stored


def status_of(key: ApiKey, now: datetime | None = None) -> KeyStatus:
    if key.revoked_at is not None:
        return KeyStatus.revoked
    if key.expires_at is not None and key.expires_at <= (now or datetime.now(UTC)):
        return KeyStatus.expired
    return KeyStatus.active


def _visible_to(principal: Principal) -> Select[Any]:
    """Staff manage every key (a leaked reseller key must be revocable by the back office);
    a reseller login the keys of its reseller; anyone else only their own."""
    query = select(ApiKey)
    if principal.kind is AccountKind.staff:
        return query
    if principal.kind is AccountKind.reseller:
        return query.join(Account, Account.id == ApiKey.account_id).where(
            Account.reseller_id == principal.reseller_id
        )
    return query.where(ApiKey.account_id == principal.account_id)


async def create(
    db: AsyncSession,
    principal: Principal,
    actor: audit.Actor,
    name: str,
    scopes: Iterable[str],
    expires_at: datetime | None,
) -> CreatedKey:
    if principal.api_key_id is not None:
        # A leaked key must not be able to mint keys that outlive its own revocation.
        raise PermissionDenied(
            "API keys are created from a login session, not with another API key.",
            code="api_key_not_allowed",
        )
    wanted = sorted(set(scopes))
    unknown = [scope for scope in wanted if scope not in PERMISSIONS]
    if unknown:
        raise ValidationFailed(
            f"Unknown scope(s): {', '.join(unknown)}.",
            code="unknown_scope",
            details=[{"field": "body.scopes", "message": f"unknown: {', '.join(unknown)}"}],
        )
    beyond = [scope for scope in wanted if not principal.can(scope)]
    if beyond:
        raise ValidationFailed(
            f"A key cannot have permissions you do not have: {', '.join(beyond)}.",
            code="scope_not_granted",
            details=[{"field": "body.scopes", "message": f"not granted: {', '.join(beyond)}"}],
        )
    if expires_at is not None and expires_at <= datetime.now(UTC):
        raise ValidationFailed(
            "The expiry must be in the future.",
            code="expiry_in_past",
            details=[{"field": "body.expires_at", "message": "must be in the future"}],
        )
    secret = KEY_PREFIX + new_secret(32)
    row = ApiKey(
        account_id=principal.account_id,
        name=name,
        prefix=secret[:VISIBLE_CHARS],
        key_hash=hash_secret(secret),
        scopes=wanted,
        expires_at=expires_at,
    )
    db.add(row)
    await db.flush()
    await audit.record(
        db, actor, "api_key.created", "api_key", row.id, after=audit.snapshot(row, AUDITED_FIELDS)
    )
    return CreatedKey(row=row, secret=secret)


async def list_keys(
    db: AsyncSession, principal: Principal, order_by: Sequence[Any], offset: int, limit: int
) -> tuple[list[ApiKey], int]:
    query = _visible_to(principal)
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await db.scalars(query.order_by(*order_by).offset(offset).limit(limit))
    return list(rows), total


async def revoke(db: AsyncSession, principal: Principal, actor: audit.Actor, key_id: int) -> ApiKey:
    """Idempotent: revoking a revoked key keeps the first revocation (and its one audit row)."""
    key: ApiKey | None = (
        await db.scalars(_visible_to(principal).where(ApiKey.id == key_id))
    ).one_or_none()
    if key is None:
        raise NotFound("No such API key.")
    if key.revoked_at is None:
        before = audit.snapshot(key, AUDITED_FIELDS)
        key.revoked_at = datetime.now(UTC)
        key.revoked_by_id = actor.account_id
        await db.flush()
        await audit.record(
            db, actor, "api_key.revoked", "api_key", key.id,
            before=before, after=audit.snapshot(key, AUDITED_FIELDS),
        )  # fmt: skip
    return key


async def authenticate(
    db: AsyncSession, redis: Redis, settings: Settings, secret: str
) -> Principal:
    key = (
        await db.scalars(select(ApiKey).where(ApiKey.key_hash == hash_secret(secret)))
    ).one_or_none()
    if key is None:
        raise NotAuthenticated("This API key is not valid.", code="invalid_api_key")
    status = status_of(key)
    if status is KeyStatus.revoked:
        raise NotAuthenticated("This API key has been revoked.", code="api_key_revoked")
    if status is KeyStatus.expired:
        raise NotAuthenticated("This API key has expired.", code="api_key_expired")
    principal = await principal_for_account(
        db, settings, key.account_id, api_key_id=key.id, scopes=key.scopes
    )
    await _note_use(db, redis, key.id)
    return principal


async def _note_use(db: AsyncSession, redis: Redis, key_id: int) -> None:
    # Written in the request's transaction: a request that fails and rolls back leaves the
    # previous time, which is acceptable for a "last used around" hint.
    first_this_period = await redis.set(
        f"api_key:used:{key_id}", 1, nx=True, ex=LAST_USED_RESOLUTION_SECONDS
    )
    if first_this_period:
        await db.execute(
            update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=datetime.now(UTC))
        )
