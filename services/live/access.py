"""Who may hold a live socket, and what it may watch.

A socket authenticates once with an access token. It then outlives that token (15 minutes) for
as long as the login session does: every heartbeat re-checks that the session was neither
signed out nor expired, that the account is still active, and reloads the role's permissions,
so a revoked session or a narrowed role takes effect within one heartbeat."""

from __future__ import annotations

import uuid

from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import NotAuthenticated, NotFound, PermissionDenied
from core.settings import Settings
from models import AuthSession
from services import support
from services.auth.principal import Principal, principal_for_account, principal_from_token
from services.auth.sessions import SESSION_EXPIRED, is_revoked


def _ensure_unrestricted(principal: Principal) -> None:
    # The same gates `require` applies to every permission-checked route.
    if principal.must_change_password:
        raise PermissionDenied(
            "Choose a new password to continue.", code="password_change_required"
        )
    if principal.must_enrol_two_factor:
        raise PermissionDenied(
            "Your role requires two-factor authentication.", code="2fa_setup_required"
        )


async def authenticate(db: AsyncSession, redis: Redis, settings: Settings, token: str) -> Principal:
    principal = await principal_from_token(db, redis, settings, token)
    _ensure_unrestricted(principal)
    return principal


async def recheck(
    db: AsyncSession, redis: Redis, settings: Settings, principal: Principal
) -> Principal:
    """The socket's principal as of now; raises when the socket must close."""
    session_id = principal.session_id
    if session_id is None or await is_revoked(redis, session_id):
        raise NotAuthenticated("This session has been signed out.", code="session_revoked")
    live = await db.scalar(
        select(AuthSession.id).where(
            AuthSession.id == uuid.UUID(session_id),
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > func.now(),
        )
    )
    if live is None:
        raise NotAuthenticated(SESSION_EXPIRED, code="session_ended")
    fresh = await principal_for_account(db, settings, principal.account_id, session_id=session_id)
    _ensure_unrestricted(fresh)
    return fresh


async def may_watch_ticket(db: AsyncSession, principal: Principal, ticket_id: int) -> bool:
    """Whoever may open the ticket may watch its thread (internal notes: see the audience)."""
    if not principal.can("support:read"):
        return False
    try:
        await support.get_ticket(db, principal, ticket_id)
    except NotFound:
        return False
    return True
