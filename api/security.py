"""Authentication and authorization for routes.

A caller authenticates with `Authorization: Bearer <access token>` or `X-API-Key: <key>`;
both resolve to the same `Principal`, so every permission check and tenancy rule is shared.

Every route either declares `require("resource:action")` or is marked `public`; a test walks
the whole OpenAPI schema to hold the app to that. The route's permission is also written into
the OpenAPI (`x-permission`) so the admin panel and integrators can see it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param

from api.deps import RedisDep, ResourcesDep, SessionDep, SettingsDep
from core.errors import NotAuthenticated, PermissionDenied
from services import api_keys
from services.auth.principal import Principal, principal_from_token
from services.auth.sessions import ClientInfo

_bearer = HTTPBearer(auto_error=False, description="Access token from POST /api/auth/login/")
_api_key = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="A key from POST /api/settings/api-keys/, for integrations (instead of a token)",
)

PERMISSION_KEY = "x-permission"
PUBLIC_KEY = "x-public"

# What the request's credentials say: a principal, the reason they were refused, or nobody.
Caller = Principal | NotAuthenticated | None


async def identify_caller(
    request: Request,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    resources: ResourcesDep,
) -> Caller:
    """Resolved once per request (FastAPI caches it) for both the rate limiter and
    `current_principal`. A refusal is returned rather than raised: public routes and the rate
    limiter must work the same with stale credentials; `current_principal` raises it."""
    scheme, token = get_authorization_scheme_param(request.headers.get("authorization"))
    has_token = scheme.lower() == "bearer" and bool(token)
    api_key = request.headers.get("x-api-key")
    try:
        if has_token and api_key is not None:
            raise NotAuthenticated(
                "Send either a bearer token or an API key, not both.", code="ambiguous_credentials"
            )
        if api_key is not None:
            return await api_keys.authenticate(db, redis, settings, api_key)
        if has_token:
            return await principal_from_token(db, redis, settings, token, resources.principals)
    except NotAuthenticated as refusal:
        return refusal
    return None


async def current_principal(
    request: Request,
    caller: Annotated[Caller, Depends(identify_caller)],
    # Not read: declared so the OpenAPI lists both ways to authenticate.
    _token: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    _key: Annotated[str | None, Depends(_api_key)],
) -> Principal:
    if isinstance(caller, NotAuthenticated):
        raise caller
    if caller is None:
        raise NotAuthenticated("Log in to use this endpoint.", code="not_authenticated")
    request.state.principal = caller
    return caller


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


AUTHENTICATED = "authenticated"
# Any caller, a login or an API key, held to the same password and 2FA rules as a permission;
# the service decides what it may see (bulk jobs: each job by the permission of its kind).
ANY_CALLER = "any_caller"


def require(permission: str) -> Any:
    """A dependency that lets the request through only with `permission`
    (`AUTHENTICATED`: any logged-in account, for one's own profile and sessions;
    `ANY_CALLER`: a login or an API key)."""
    own_account = permission == AUTHENTICATED

    async def check(principal: CurrentPrincipal) -> Principal:
        if own_account and principal.api_key_id is not None:
            # One's own profile, password, sessions and 2FA belong to the person, not to a key.
            raise PermissionDenied(
                "This endpoint needs a login session; an API key cannot use it.",
                code="api_key_not_allowed",
            )
        if not own_account and principal.must_change_password:
            raise PermissionDenied(
                "Choose a new password to continue.", code="password_change_required"
            )
        if not own_account and principal.must_enrol_two_factor:
            raise PermissionDenied(
                "Your role requires two-factor authentication. Turn it on to continue.",
                code="2fa_setup_required",
            )
        if permission not in (AUTHENTICATED, ANY_CALLER) and not principal.can(permission):
            raise PermissionDenied(
                f"You do not have permission to do this ({permission}).",
                details={"permission": permission},
            )
        return principal

    check.permission = permission  # type: ignore[attr-defined]
    return Depends(check)


# Route option for endpoints anyone may call: `@router.post(..., openapi_extra=PUBLIC)`.
PUBLIC: dict[str, Any] = {PUBLIC_KEY: True}


def route_permission(route: APIRoute) -> str | None:
    """The permission a route requires, found in its dependency tree."""
    pending = list(route.dependant.dependencies)
    while pending:
        dependant = pending.pop()
        permission = getattr(dependant.call, "permission", None)
        if permission is not None:
            return str(permission)
        pending.extend(dependant.dependencies)
    return None


def is_public(route: APIRoute) -> bool:
    return bool((route.openapi_extra or {}).get(PUBLIC_KEY))


def client_info(request: Request) -> ClientInfo:
    return ClientInfo(
        ip=request.client.host if request.client else None,
        user_agent=request.headers.get("user-agent", ""),
    )


ClientInfoDep = Annotated[ClientInfo, Depends(client_info)]
