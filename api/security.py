"""Authentication and authorization for routes.

Every route either declares `require("resource:action")` or is marked `public`; a test walks
the whole OpenAPI schema to hold the app to that. The route's permission is also written into
the OpenAPI (`x-permission`) so the admin panel and integrators can see it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.deps import RedisDep, SessionDep, SettingsDep
from core.errors import NotAuthenticated, PermissionDenied
from services.auth.principal import Principal, principal_from_token
from services.auth.sessions import ClientInfo

_bearer = HTTPBearer(auto_error=False, description="Access token from POST /api/auth/login/")

PERMISSION_KEY = "x-permission"
PUBLIC_KEY = "x-public"


async def current_principal(
    request: Request,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise NotAuthenticated("Log in to use this endpoint.", code="not_authenticated")
    principal = await principal_from_token(db, redis, settings, credentials.credentials)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


AUTHENTICATED = "authenticated"


def require(permission: str) -> Any:
    """A dependency that lets the request through only with `permission`
    (`AUTHENTICATED`: any logged-in account, for one's own profile and sessions)."""

    async def check(principal: CurrentPrincipal) -> Principal:
        if permission != AUTHENTICATED and principal.must_change_password:
            raise PermissionDenied(
                "Choose a new password to continue.", code="password_change_required"
            )
        if permission != AUTHENTICATED and principal.must_enrol_two_factor:
            raise PermissionDenied(
                "Your role requires two-factor authentication. Turn it on to continue.",
                code="2fa_setup_required",
            )
        if permission != AUTHENTICATED and not principal.can(permission):
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
