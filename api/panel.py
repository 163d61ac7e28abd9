"""The admin panel (admin-panel/dist, built by `make panel`) served at `/` by the API itself.

Built files are served as they are: hashed assets under /assets/ are cached for a year, the
rest revalidated; a `.gz` twin written at build time is sent to clients that accept gzip. Any
other GET is a page of the single-page app and gets index.html. `/api/*` and `/metrics` are
never answered here, so an unknown API path still gets the JSON error envelope (404) and a
wrong method its 405."""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.routing import Match, Route
from starlette.types import Scope

from core.settings import PROJECT_ROOT

logger = logging.getLogger("simdesk.panel")

PANEL_DIST = PROJECT_ROOT / "admin-panel" / "dist"
RESERVED_PREFIXES = ("/api/", "/metrics/")
RESERVED_PATHS = frozenset({"/api", "/metrics"})
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Requests for these are files: when missing they are a 404, never the app's HTML.
FILE_SUFFIXES = frozenset(
    {".js", ".mjs", ".css", ".map", ".json", ".svg", ".png", ".jpg", ".ico", ".txt", ".woff2"}
)


def _reserved(path: str) -> bool:
    return path in RESERVED_PATHS or path.startswith(RESERVED_PREFIXES)


class PanelRoute(Route):
    """A catch-all GET route that steps aside for the API's paths, so the router's own 404 and
    405 answers (in the error envelope) still apply there."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or _reserved(scope["path"])
        ):
            return Match.NONE, {}
        return super().matches(scope)


def _accepts_gzip(request: Request) -> bool:
    for part in request.headers.get("accept-encoding", "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == "gzip":
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class PanelFiles:
    def __init__(self, dist: Path) -> None:
        self.root = dist.resolve()
        self.index = self.root / "index.html"

    def _file(self, relative: str) -> Path | None:
        if any(part.startswith(".") for part in Path(relative).parts):
            return None  # dotfiles and the build manifest are not for browsers
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate

    def _send(self, request: Request, path: Path, cache: str) -> Response:
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        headers = {"Cache-Control": cache}
        compressed = path.with_name(path.name + ".gz")
        if compressed.is_file():
            headers["Vary"] = "Accept-Encoding"
            if _accepts_gzip(request):
                headers["Content-Encoding"] = "gzip"
                return FileResponse(compressed, media_type=media_type, headers=headers)
        return FileResponse(path, media_type=media_type, headers=headers)

    async def serve(self, request: Request) -> Response:
        relative = request.path_params.get("path", "").strip("/")
        found = self._file(relative) if relative else None
        if found is not None and found != self.index:
            hashed = relative.startswith("assets/")
            return self._send(request, found, IMMUTABLE if hashed else REVALIDATE)
        if relative.startswith("assets/") or Path(relative).suffix.lower() in FILE_SUFFIXES:
            raise HTTPException(404)
        return self._send(request, self.index, REVALIDATE)


def install_panel(app: FastAPI, dist: Path | None = None) -> None:
    """Serve the built panel, if there is one. Call after every other route is registered."""
    dist = dist or PANEL_DIST
    if not (dist / "index.html").is_file():
        logger.info("admin panel not built (run `make panel`); serving the API only")
        return
    files = PanelFiles(dist)
    app.router.routes.append(
        PanelRoute("/{path:path}", files.serve, methods=["GET", "HEAD"], include_in_schema=False)
    )
