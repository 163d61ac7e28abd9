"""/api/auth/: login (with 2FA), token refresh, logout, own profile, password, sessions, 2FA."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response, UploadFile
from sqlalchemy import select

from api.deps import (
    NotifierDep,
    RedisDep,
    ResourcesDep,
    SessionDep,
    SettingsDep,
    StorageDep,
    get_onboarding_workflows,
)
from api.routes.files import read_upload
from api.schemas.auth import (
    Accepted,
    LoginRequest,
    PasswordChange,
    PasswordResetConfirm,
    PasswordResetRequest,
    Profile,
    ProfileUpdate,
    RecoveryCodes,
    RefreshRequest,
    RegisterRequest,
    SessionRead,
    Tokens,
    TwoFactorCode,
    TwoFactorDisable,
    TwoFactorEnrolment,
    TwoFactorLoginRequest,
    TwoFactorRequired,
    VerifyEmail,
    VerifyPhone,
)
from api.security import AUTHENTICATED, PUBLIC, ClientInfoDep, require
from core.errors import ValidationFailed
from core.passwords import verify_password
from models import Role
from services import audit, files, onboarding
from services.auth import accounts, login, recovery, registration, sessions, two_factor
from services.auth.principal import Principal

router = APIRouter(prefix="/api/auth", tags=["auth"])
Authenticated = Annotated[Principal, require(AUTHENTICATED)]


def _tokens(pair: sessions.TokenPair, request: Request) -> Tokens:
    # Public route: tell the activity log who just signed in.
    request.state.account_id = pair.account_id
    request.state.user_type = pair.account_kind
    return Tokens(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        expires_in=pair.expires_in,
        session_id=pair.session_id,
    )


@router.post("/login/", response_model=Tokens | TwoFactorRequired, openapi_extra=PUBLIC)
async def log_in(
    body: LoginRequest,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    client: ClientInfoDep,
    request: Request,
) -> Tokens | TwoFactorRequired:
    """Exchange credentials for tokens, or for a 2FA challenge when the account has 2FA on."""
    outcome = await login.login(
        db, redis, settings, body.login, body.password, body.remember_me, client
    )
    if isinstance(outcome, login.TwoFactorChallenge):
        return TwoFactorRequired(
            challenge_token=outcome.challenge_token, expires_in=outcome.expires_in
        )
    return _tokens(outcome, request)


@router.post("/login/2fa/", response_model=Tokens, openapi_extra=PUBLIC)
async def log_in_second_factor(
    body: TwoFactorLoginRequest,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    client: ClientInfoDep,
    request: Request,
) -> Tokens:
    pair = await login.complete_two_factor(
        db, redis, settings, body.challenge_token, body.code, client
    )
    return _tokens(pair, request)


@router.post("/token/refresh/", response_model=Tokens, openapi_extra=PUBLIC)
async def refresh(
    body: RefreshRequest,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    client: ClientInfoDep,
    request: Request,
) -> Tokens:
    """Rotate the refresh token. The old one stops working; replaying it ends the session."""
    return _tokens(await sessions.rotate(db, redis, settings, body.refresh_token, client), request)


@router.post("/logout/", status_code=204)
async def log_out(
    principal: Authenticated, db: SessionDep, redis: RedisDep, settings: SettingsDep
) -> Response:
    if principal.session_id:
        auth_session = await accounts.own_session(db, principal.account_id, principal.session_id)
        await sessions.revoke(db, redis, settings, auth_session, "logout")
    return Response(status_code=204)


async def _profile(db: SessionDep, principal: Principal) -> Profile:
    account = await accounts.get_account(db, principal.account_id)
    return Profile(
        id=account.id,
        kind=account.kind.value,
        email=account.email,
        username=account.username,
        first_name=account.first_name,
        last_name=account.last_name,
        phone=account.phone,
        role=principal.role,
        permissions=sorted(principal.permissions),
        two_factor_enabled=account.two_factor_enabled,
        two_factor_setup_required=principal.must_enrol_two_factor,
        must_change_password=account.must_change_password,
        preferences=account.preferences,
        reseller_id=account.reseller_id,
        public_user_id=account.public_user_id,
        last_login_at=account.last_login_at,
        avatar_url=files.url_of(account.avatar_file_id),
    )


@router.get("/user/", response_model=Profile)
async def read_profile(principal: Authenticated, db: SessionDep) -> Profile:
    return await _profile(db, principal)


@router.patch("/user/", response_model=Profile)
async def update_profile(body: ProfileUpdate, principal: Authenticated, db: SessionDep) -> Profile:
    changes: dict[str, Any] = body.model_dump(exclude_unset=True)
    if not changes:
        raise ValidationFailed("Nothing to change.", code="empty_update")
    account = await accounts.get_account(db, principal.account_id)
    await accounts.update_profile(db, principal.actor(), account, changes)
    return await _profile(db, principal)


@router.post("/user/avatar/", response_model=Profile)
async def upload_avatar(
    file: UploadFile,
    principal: Authenticated,
    db: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
) -> Profile:
    """A PNG, JPEG, WEBP or GIF up to MAX_UPLOAD_BYTES, its type read from its content (not
    its name). Replaces the previous avatar."""
    account = await accounts.get_account(db, principal.account_id)
    await files.set_avatar(
        db, storage, principal.actor(), account, file.filename,
        await read_upload(file, settings), max_bytes=settings.max_upload_bytes,
    )  # fmt: skip
    return await _profile(db, principal)


@router.delete("/user/avatar/", status_code=204)
async def delete_avatar(principal: Authenticated, db: SessionDep, storage: StorageDep) -> Response:
    """Remove one's avatar (and its file); nothing to remove is not an error."""
    account = await accounts.get_account(db, principal.account_id)
    await files.clear_avatar(db, storage, principal.actor(), account)
    return Response(status_code=204)


@router.post("/password/change/", status_code=204)
async def change_password(
    body: PasswordChange,
    principal: Authenticated,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> Response:
    """Change one's password; every other session is signed out."""
    account = await accounts.get_account(db, principal.account_id)
    await accounts.change_password(
        db, redis, settings, principal.actor(), account,
        body.current_password, body.new_password, principal.session_id,
    )  # fmt: skip
    return Response(status_code=204)


@router.get("/sessions/", response_model=list[SessionRead])
async def list_sessions(principal: Authenticated, db: SessionDep) -> list[SessionRead]:
    return [
        SessionRead(
            id=str(s.id),
            device=s.device,
            ip_address=str(s.ip_address) if s.ip_address else None,
            user_agent=s.user_agent,
            created_at=s.created_at,
            last_seen_at=s.last_seen_at,
            expires_at=s.expires_at,
            current=str(s.id) == principal.session_id,
        )
        for s in await sessions.active_sessions(db, principal.account_id)
    ]


@router.delete("/sessions/", status_code=204)
async def revoke_other_sessions(
    principal: Authenticated, db: SessionDep, redis: RedisDep, settings: SettingsDep
) -> Response:
    """Sign out every session of this account except the current one."""
    for auth_session in await sessions.active_sessions(db, principal.account_id):
        if str(auth_session.id) != principal.session_id:
            await sessions.revoke(db, redis, settings, auth_session, "revoked_by_user")
    return Response(status_code=204)


@router.delete("/sessions/{session_id}/", status_code=204)
async def revoke_session(
    session_id: Annotated[uuid.UUID, Path()],
    principal: Authenticated,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> Response:
    auth_session = await accounts.own_session(db, principal.account_id, str(session_id))
    await sessions.revoke(db, redis, settings, auth_session, "revoked_by_user")
    return Response(status_code=204)


@router.post("/2fa/enrol/", response_model=TwoFactorEnrolment)
async def enrol_two_factor(
    principal: Authenticated, db: SessionDep, settings: SettingsDep
) -> TwoFactorEnrolment:
    """Start 2FA: scan the QR code, then confirm with a code from the app."""
    account = await accounts.get_account(db, principal.account_id)
    enrolment = await two_factor.start_enrolment(db, settings, account)
    return TwoFactorEnrolment(**enrolment.__dict__)


@router.post("/2fa/confirm/", response_model=RecoveryCodes)
async def confirm_two_factor(
    body: TwoFactorCode,
    principal: Authenticated,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> RecoveryCodes:
    """Turn 2FA on. The recovery codes are shown this once."""
    account = await accounts.get_account(db, principal.account_id)
    codes = await two_factor.confirm_enrolment(db, redis, settings, account, body.code)
    await audit.record(db, principal.actor(), "account.2fa_enabled", "account", account.id)
    return RecoveryCodes(recovery_codes=codes)


@router.post("/2fa/disable/", status_code=204)
async def disable_two_factor(
    body: TwoFactorDisable,
    principal: Authenticated,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> Response:
    account = await accounts.get_account(db, principal.account_id)
    if not verify_password(account.password_hash, body.password):
        raise ValidationFailed(
            "The password is incorrect.",
            details=[{"field": "password", "message": "Incorrect password."}],
            code="wrong_password",
        )
    role = (await db.execute(select(Role.name).where(Role.id == account.role_id))).scalar_one()
    if role in settings.two_factor_required_roles:
        raise ValidationFailed(
            f"Two-factor authentication is required for the {role} role.", code="2fa_required"
        )
    await two_factor.disable(db, redis, settings, account, body.code)
    await audit.record(db, principal.actor(), "account.2fa_disabled", "account", account.id)
    return Response(status_code=204)


@router.post("/password/reset/", status_code=202, response_model=Accepted, openapi_extra=PUBLIC)
async def request_password_reset(
    body: PasswordResetRequest,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    notifier: NotifierDep,
    client: ClientInfoDep,
) -> Accepted:
    """Always 202: the answer does not reveal whether the address has an account."""
    await recovery.request_password_reset(db, redis, settings, notifier, body.email, client.ip)
    return Accepted(detail="If the address has an account, a reset link is on its way.")


@router.post("/password/reset/confirm/", status_code=204, openapi_extra=PUBLIC)
async def confirm_password_reset(
    body: PasswordResetConfirm, db: SessionDep, redis: RedisDep, settings: SettingsDep
) -> Response:
    await recovery.confirm_password_reset(db, redis, settings, body.token, body.new_password)
    return Response(status_code=204)


@router.post("/register/", status_code=202, response_model=Accepted, openapi_extra=PUBLIC)
async def register(
    body: RegisterRequest,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    notifier: NotifierDep,
    client: ClientInfoDep,
) -> Accepted:
    """Create an app user account, pending email and phone verification."""
    data = registration.Registration(
        full_name=body.full_name,
        email=body.email,
        phone=str(body.phone),
        password=body.password,
        city=body.city,
    )
    await registration.register(db, redis, settings, notifier, data, client.ip)
    return Accepted(detail="Check your email and phone to confirm your account.")


@router.post("/verify-email/", status_code=204, openapi_extra=PUBLIC)
async def verify_email(body: VerifyEmail, db: SessionDep, resources: ResourcesDep) -> Response:
    """Confirm an email address with the link's token; a reseller's onboarding is told (only
    then is the workflow service needed)."""
    account = await recovery.verify_email(db, body.token)
    reseller_id = await onboarding.mark_email_verified(db, account)
    if reseller_id is not None:
        await db.commit()
        await (await get_onboarding_workflows(resources)).email_verified(reseller_id)
    return Response(status_code=204)


@router.post("/verify-phone/", status_code=204)
async def verify_phone(body: VerifyPhone, principal: Authenticated, db: SessionDep) -> Response:
    """Confirm one's phone number with the code sent by SMS."""
    account = await accounts.get_account(db, principal.account_id)
    await recovery.verify_phone(db, account, body.code)
    return Response(status_code=204)
