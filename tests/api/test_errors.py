"""Every failure a client can see comes back in the one error envelope, with the request id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI
from httpx import ASGITransport, AsyncClient, Response

from api.main import create_app
from api.schemas import WriteModel
from core.settings import Settings


class PlanDraft(WriteModel):
    name: str
    price: float
    validity_days: int


probe = APIRouter(prefix="/api/_probe")


@probe.post("/plans")
async def create_plan(draft: PlanDraft) -> PlanDraft:
    return draft


@probe.get("/boom")
async def boom() -> None:
    raise RuntimeError("secret internal detail")


@pytest.fixture
async def probe_client(settings: Settings, database_url: str) -> AsyncIterator[AsyncClient]:
    """The production app plus two probe routes: one write endpoint and one that crashes."""
    app: FastAPI = create_app(settings.model_copy(update={"max_body_bytes": 2048}))
    app.include_router(probe)
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app, raise_app_exceptions=False)
        async with AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


def assert_envelope(response: Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert error["request_id"] == response.headers["x-request-id"]
    assert error["message"]
    return error


async def test_unknown_path_is_404_envelope(client: AsyncClient) -> None:
    assert_envelope(await client.get("/api/no-such-thing"), 404, "not_found")


async def test_wrong_method_is_405_envelope(client: AsyncClient) -> None:
    assert_envelope(await client.delete("/api/health"), 405, "method_not_allowed")


async def test_invalid_json_is_400(probe_client: AsyncClient) -> None:
    response = await probe_client.post(
        "/api/_probe/plans",
        content=b'{"name": "x",',
        headers={"content-type": "application/json"},
    )
    assert_envelope(response, 400, "invalid_json")


async def test_wrong_types_name_the_field(probe_client: AsyncClient) -> None:
    response = await probe_client.post(
        "/api/_probe/plans",
        json={"name": "Roam 5GB", "price": "cheap", "validity_days": 30},
    )
    error = assert_envelope(response, 422, "validation_error")
    assert [(d["field"], d["type"]) for d in error["details"]] == [("body.price", "float_parsing")]


async def test_unknown_fields_are_refused(probe_client: AsyncClient) -> None:
    response = await probe_client.post(
        "/api/_probe/plans",
        json={"name": "Roam 5GB", "price": 9.5, "validity_days": 30, "is_admin": True},
    )
    error = assert_envelope(response, 422, "validation_error")
    assert [(d["field"], d["type"]) for d in error["details"]] == [
        ("body.is_admin", "extra_forbidden")
    ]


async def test_valid_body_passes(probe_client: AsyncClient) -> None:
    body = {"name": "Roam 5GB", "price": 9.5, "validity_days": 30}
    response = await probe_client.post("/api/_probe/plans", json=body)
    assert response.status_code == 200
    assert response.json() == body


async def test_declared_oversized_body_is_413(probe_client: AsyncClient) -> None:
    response = await probe_client.post(
        "/api/_probe/plans",
        content=b"x" * 4096,
        headers={"content-type": "application/json"},
    )
    assert_envelope(response, 413, "payload_too_large")


async def test_streamed_oversized_body_is_413(probe_client: AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(8):
            yield b" " * 512

    response = await probe_client.post(
        "/api/_probe/plans",
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert_envelope(response, 413, "payload_too_large")


async def test_unhandled_exception_is_500_without_leaking(
    probe_client: AsyncClient,
) -> None:
    response = await probe_client.get("/api/_probe/boom")
    error = assert_envelope(response, 500, "internal_error")
    assert "secret internal detail" not in response.text
    assert error["details"] is None
