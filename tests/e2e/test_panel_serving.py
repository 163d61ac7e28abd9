"""The API serves the built panel at `/`: files as built, index.html for the app's own pages,
and never in place of `/api/*` or `/metrics`."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

from api import panel
from api.main import create_app
from core.settings import Settings

INDEX = "<!doctype html><title>simdesk</title><div id=root></div>"
SCRIPT = "console.log('panel');" * 100


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "index-abc123.js").write_text(SCRIPT)
    (tmp_path / "assets" / "index-abc123.js.gz").write_bytes(gzip.compress(SCRIPT.encode()))
    (tmp_path / "favicon.svg").write_text("<svg/>")
    (tmp_path / ".vite").mkdir()
    (tmp_path / ".vite" / "manifest.json").write_text("{}")
    return tmp_path


@pytest.fixture
async def client(dist: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[AsyncClient]:
    monkeypatch.setattr(panel, "PANEL_DIST", dist)
    app = create_app(Settings())
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as c:
        yield c


@pytest.mark.parametrize(
    "path", ["/", "/dashboard", "/settings/staff", "/reset-password/abc-DEF_123"]
)
async def test_app_pages_get_index_html(client: AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"


async def test_hashed_assets_are_cached_for_a_year_and_sent_gzipped(client: AsyncClient) -> None:
    response = await client.get("/assets/index-abc123.js", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.text == SCRIPT  # httpx undoes the gzip

    plain = await client.get("/assets/index-abc123.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.text == SCRIPT


async def test_other_files_are_revalidated(client: AsyncClient) -> None:
    response = await client.get("/favicon.svg")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path", ["/assets/missing-123.js", "/theme.css", "/.vite/manifest.json", "/assets/x.js.map"]
)
async def test_missing_or_hidden_files_are_404_not_html(client: AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_paths_outside_the_build_are_never_read(client: AsyncClient) -> None:
    for path in ("/%2e%2e/%2e%2e/pyproject.toml", "/assets/%2e%2e/%2e%2e/README.md"):
        response = await client.get(path)
        assert "simdesk" not in response.text or response.text == INDEX, path
        assert "[project]" not in response.text


@pytest.mark.parametrize("path", ["/api/no-such-thing", "/api", "/api/admin/nope/"])
async def test_api_paths_keep_the_json_404_envelope(client: AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert error["request_id"] == response.headers["x-request-id"]


async def test_api_wrong_method_is_still_405(client: AsyncClient) -> None:
    response = await client.get("/api/auth/login/")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


async def test_metrics_and_docs_are_not_shadowed(client: AsyncClient) -> None:
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain")
    schema = await client.get("/api/openapi.json")
    assert schema.json()["info"]["title"] == "simdesk"


async def test_writes_to_app_pages_are_404(client: AsyncClient) -> None:
    response = await client.post("/dashboard", json={})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_without_a_build_only_the_api_is_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(panel, "PANEL_DIST", tmp_path / "not-built")
    app = create_app(Settings())
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as c:
        assert (await c.get("/")).status_code == 404
        assert (await c.get("/api/nope")).json()["error"]["code"] == "not_found"
