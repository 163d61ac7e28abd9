"""Every operation of the API either declares a permission or is explicitly public."""

from __future__ import annotations

from httpx import AsyncClient

from api.security import ANY_CALLER, AUTHENTICATED
from services.access import PERMISSIONS

KNOWN = set(PERMISSIONS) | {AUTHENTICATED, ANY_CALLER}


async def test_every_operation_declares_a_permission_or_is_public(client: AsyncClient) -> None:
    schema = (await client.get("/api/openapi.json")).json()
    undeclared, unknown = [], []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            permission = operation.get("x-permission")
            if permission is None and not operation.get("x-public"):
                undeclared.append(f"{method.upper()} {path}")
            elif permission is not None and permission not in KNOWN:
                unknown.append(f"{method.upper()} {path}: {permission}")
    assert undeclared == []
    assert unknown == []


async def test_public_operations_are_the_expected_few(client: AsyncClient) -> None:
    schema = (await client.get("/api/openapi.json")).json()
    public = sorted(
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation.get("x-public")
    )
    assert public == [
        "GET /api/files/{file_id}/",
        "GET /api/health",
        "GET /api/ready",
        "GET /api/reports/shared/{token}/",  # authenticated by the link's signature instead
        "GET /api/settings/public/",
        "POST /api/auth/login/",
        "POST /api/auth/login/2fa/",
        "POST /api/auth/password/reset/",
        "POST /api/auth/password/reset/confirm/",
        "POST /api/auth/register/",
        "POST /api/auth/token/refresh/",
        "POST /api/auth/verify-email/",
        "POST /api/webhooks/sendgrid/",  # authenticated by its signature instead
        "POST /api/webhooks/stripe/",  # authenticated by its signature instead
        "POST /api/webhooks/twilio/",  # authenticated by its signature instead
    ]
