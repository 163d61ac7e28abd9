"""Each role against every operation: whoever lacks an operation's permission gets 403, and no
combination crashes the server."""

from __future__ import annotations

import re

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.security import ANY_CALLER, AUTHENTICATED
from models.identity import SystemRole
from services.access import SYSTEM_ROLES
from tests.factories import login_headers, make_account

PATH_VALUES = {"session_id": "00000000-0000-0000-0000-000000000000"}


def _concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES.get(m.group(1), "1"), path)


async def test_access_matrix(client: AsyncClient, db: AsyncSession) -> None:
    schema = (await client.get("/api/openapi.json")).json()
    operations = [
        (method.upper(), path, op["x-permission"])
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        # Operations open to any caller have no permission to lack.
        if op.get("x-permission") not in (None, AUTHENTICATED, ANY_CALLER)
    ]
    assert len(operations) >= 10
    unexpected: list[str] = []
    for role in SystemRole:
        granted = set(SYSTEM_ROLES[role][2])
        headers = await login_headers(client, await make_account(db, role))
        for method, path, permission in operations:
            response = await client.request(method, _concrete(path), headers=headers, json={})
            label = f"{role.value} {method} {path} -> {response.status_code}"
            if response.status_code >= 500:
                unexpected.append(f"{label} (server error)")
            elif permission not in granted and response.status_code != 403:
                unexpected.append(f"{label} (lacks {permission})")
    assert unexpected == []
