"""Health, readiness, request ids, security headers, CORS, docs and metrics."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from api.main import create_app
from core.settings import Settings


async def test_health(client: AsyncClient) -> None:
    response = await client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_when_every_dependency_answers(client: AsyncClient) -> None:
    response = await client.get("/api/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "postgres": True,
        "redis": True,
        "temporal": True,
    }


async def test_ready_names_the_failing_dependency(settings: Settings, database_url: str) -> None:
    broken = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    app = create_app(broken)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client,
    ):
        response = await client.get("/api/ready")
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "not_ready"
    assert error["message"] == "Not ready: redis unavailable."
    assert error["details"]["redis"]["ok"] is False
    assert error["details"]["redis"]["setting"] == "REDIS_URL"
    assert error["details"]["postgres"]["ok"] is True


async def test_request_id_is_generated_or_echoed(client: AsyncClient) -> None:
    generated = (await client.get("/api/health")).headers["x-request-id"]
    assert len(generated) == 32
    echoed = await client.get("/api/health", headers={"X-Request-ID": "support-case-4711"})
    assert echoed.headers["x-request-id"] == "support-case-4711"
    # A header that could forge log lines is replaced, not trusted.
    forged_id = 'x" level="error" message="forged'
    forged = await client.get("/api/health", headers={"X-Request-ID": forged_id})
    assert forged.headers["x-request-id"] not in {forged_id, generated}
    assert len(forged.headers["x-request-id"]) == 32


async def test_security_headers(client: AsyncClient) -> None:
    headers = (await client.get("/api/health")).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "strict-transport-security" not in headers


async def test_hsts_only_over_https(app: FastAPI) -> None:
    async with AsyncClient(
        transport=ASGITransport(app=app), base_url="https://simdesk.example"
    ) as c:
        headers = (await c.get("/api/health")).headers
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"


async def test_cors_allows_only_configured_origins(settings: Settings, database_url: str) -> None:
    app = create_app(settings.model_copy(update={"cors_origins": ["https://panel.example"]}))
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client,
    ):
        allowed = await client.get("/api/health", headers={"Origin": "https://panel.example"})
        other = await client.get("/api/health", headers={"Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://panel.example"
    assert "access-control-allow-origin" not in other.headers


async def test_openapi_and_offline_docs(client: AsyncClient) -> None:
    schema = (await client.get("/api/openapi.json")).json()
    assert schema["info"]["title"] == "simdesk"
    assert "/api/health" in schema["paths"]
    docs = await client.get("/api/docs")
    assert docs.status_code == 200
    assert "/api/docs/assets/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    asset = await client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200


async def test_metrics_record_latency_per_route(client: AsyncClient) -> None:
    await client.get("/api/health")
    await client.get("/api/nope")
    text = (await client.get("/metrics")).text
    health = 'method="GET",route="/api/health",status="200"'
    assert f"simdesk_http_request_duration_seconds_count{{{health}}} 1.0" in text
    assert 'simdesk_http_errors_total{method="GET",route="<unmatched>",status="404"} 1.0' in text
    assert "simdesk_db_pool_size 10.0" in text
