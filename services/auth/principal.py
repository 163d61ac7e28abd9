"""Who is making a request, and what they may do: from the access token (or an API key,
services/api_keys.py), the account row and its role's permissions.

The API keeps each account's principal in a `PrincipalCache` under the *identity generation*,
a Redis counter that every commit changing an account, a role or a role's permissions moves on
(the flush hook below; services/generations.py), in whichever process it runs. A request reads
that counter in the same round trip as its session's revocation, so a changed role or a blocked
account applies on the very next request, and a request whose account did not change reads no
database row at all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import chain

from redis.asyncio import Redis
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, UOWTransaction

from core.errors import NotAuthenticated
from core.lru import Lru
from core.settings import Settings
from core.tokens import InvalidToken, TokenType, verify
from models import Account, Permission, Role, after_commit, role_permissions
from models.identity import AccountKind
from services.audit import Actor
from services.auth.sessions import revoked_key

# The after-commit channel of changes that can change a principal (services/generations.py).
IDENTITY_CHANGED = "identity_changed"
IDENTITY_GENERATION_KEY = "identity:generation"
_SHAPES_A_PRINCIPAL = (Account, Role, Permission)


@dataclass(frozen=True)
class Principal:
    account_id: int
    kind: AccountKind
    role: str
    permissions: frozenset[str]
    session_id: str | None
    reseller_id: int | None
    public_user_id: int | None
    # The role must use 2FA (TWO_FACTOR_REQUIRED_ROLES) and this account has not enrolled yet.
    must_enrol_two_factor: bool = False
    # A temporary password or a forced reset: only the account's own pages until changed.
    must_change_password: bool = False
    # Set when the request authenticated with an X-API-Key instead of a login session.
    api_key_id: int | None = None

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    def actor(self, ip: str | None = None) -> Actor:
        return Actor(account_id=self.account_id, actor_type=self.kind.value, ip=ip)


class PrincipalCache:
    """The latest principal of up to `capacity` accounts, each with the identity generation it
    was read under (one per API process)."""

    def __init__(self, capacity: int = 4096) -> None:
        self._entries: Lru[int, tuple[int, Principal]] = Lru(capacity)

    def get(self, account_id: int, generation: int) -> Principal | None:
        entry = self._entries.get(account_id)
        return entry[1] if entry is not None and entry[0] == generation else None

    def put(self, account_id: int, generation: int, principal: Principal) -> None:
        self._entries.put(account_id, (generation, principal))


@event.listens_for(Session, "after_flush")
def _note_identity_changes(session: Session, flush_context: UOWTransaction) -> None:
    changed = chain(session.new, session.dirty, session.deleted)
    if any(isinstance(instance, _SHAPES_A_PRINCIPAL) for instance in changed):
        after_commit.defer(session, IDENTITY_CHANGED, "identity")


def identity_changed(db: AsyncSession | Session) -> None:
    """For writes the flush hook cannot see (Core statements on roles and permissions)."""
    after_commit.defer(db, IDENTITY_CHANGED, "identity")


async def principal_from_token(
    db: AsyncSession,
    redis: Redis,
    settings: Settings,
    token: str,
    cache: PrincipalCache | None = None,
) -> Principal:
    try:
        claims = verify(settings.jwt_secret.get_secret_value(), token, TokenType.access)
    except InvalidToken as exc:
        code = "token_expired" if str(exc) == "token expired" else "invalid_token"
        raise NotAuthenticated("Your access token is not valid. Log in again.", code=code) from None
    if claims.session_id is None:
        raise NotAuthenticated("This session has been signed out.", code="session_revoked")
    revoked, generation = await redis.mget(revoked_key(claims.session_id), IDENTITY_GENERATION_KEY)
    if revoked is not None:
        raise NotAuthenticated("This session has been signed out.", code="session_revoked")
    current = int(generation or 0)
    if cache is not None and (known := cache.get(claims.subject, current)) is not None:
        return replace(known, session_id=claims.session_id)
    principal = await principal_for_account(
        db, settings, claims.subject, session_id=claims.session_id
    )
    if cache is not None:
        cache.put(claims.subject, current, principal)
    return principal


async def principal_for_account(
    db: AsyncSession,
    settings: Settings,
    account_id: int,
    *,
    session_id: str | None = None,
    api_key_id: int | None = None,
    scopes: Iterable[str] | None = None,
) -> Principal:
    """The account's principal with its role's current permissions, narrowed to `scopes` when
    it acts through an API key: a key never grants what the account's role does not."""
    row = (
        await db.execute(
            select(Account, Role.name, func.array_agg(Permission.code))
            .join(Role, Role.id == Account.role_id)
            .outerjoin(role_permissions, role_permissions.c.role_id == Role.id)
            .outerjoin(Permission, Permission.id == role_permissions.c.permission_id)
            .where(Account.id == account_id)
            .group_by(Account.id, Role.name)
        )
    ).one_or_none()
    if row is None or not row[0].is_active:
        raise NotAuthenticated("This account is not active.", code="account_inactive")
    account, role, codes = row
    permissions = frozenset(code for code in codes if code)
    if scopes is not None:
        permissions &= frozenset(scopes)
    return Principal(
        account_id=account.id,
        kind=account.kind,
        role=role,
        permissions=permissions,
        session_id=session_id,
        reseller_id=account.reseller_id,
        public_user_id=account.public_user_id,
        must_enrol_two_factor=role in settings.two_factor_required_roles
        and not account.two_factor_enabled,
        must_change_password=account.must_change_password,
        api_key_id=api_key_id,
    )
