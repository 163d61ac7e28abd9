"""Pure ASGI middleware (no per-request task or body buffering), outermost first:
request context (id, log line, metrics, last-resort 500), security headers, body size limit."""

from __future__ import annotations

import logging
import re
import time
import uuid

import sentry_sdk
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response
from api.metrics import ApiMetrics
from core.logging import request_id_var

logger = logging.getLogger("simdesk.http")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    # Unmatched paths share one label so scanners can't blow up metric cardinality.
    return getattr(route, "path", None) or "<unmatched>"


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, metrics: ApiMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("x-request-id", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        response_status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal response_status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                response_status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            logger.exception("unhandled error", extra={"path": scope["path"]})
            sentry_sdk.capture_exception(exc)
            if response_started:
                raise
            response = error_response(
                500,
                "internal_error",
                "Something went wrong on our side. Quote the request id when reporting it.",
            )
            await response(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_template(scope)
            self.metrics.observe(scope["method"], route, response_status, elapsed)
            logger.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "route": route,
                    "status": response_status,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
            request_id_var.reset(token)


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                # HSTS over plain HTTP is ignored by browsers and breaks local development.
                if scope.get("scheme") == "https":
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimitMiddleware:
    """Refuses bodies over the limit: at once when Content-Length says so, otherwise as soon as
    the streamed body passes it (raised as an HTTPException so FastAPI renders the envelope)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._too_large()(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, limited_receive, send)

    def _message(self) -> str:
        return f"The request body is larger than {self.max_bytes} bytes."

    def _too_large(self) -> ASGIApp:
        return error_response(413, "payload_too_large", self._message())


MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Token refreshes happen on every page load and change nothing a person did: not logged.
UNLOGGED_PATHS = frozenset({"/api/auth/token/refresh/"})
# Friendlier names for the actions people search the log for.
NAMED_ACTIONS = {
    "/api/auth/login/": "login",
    "/api/auth/login/2fa/": "login",
    "/api/auth/logout/": "logout",
}


class ActivityLogMiddleware:
    """Records every mutating API request after its response, with who made it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in MUTATING
            or not scope["path"].startswith("/api/")
            or scope["path"] in UNLOGGED_PATHS
        ):
            await self.app(scope, receive, send)
            return
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            self._record(scope, status)

    @staticmethod
    def _record(scope: Scope, status: int) -> None:
        state = scope.get("state", {})
        principal = state.get("principal")
        route = _route_template(scope)
        headers = Headers(scope=scope)
        client = scope.get("client")
        scope["app"].state.resources.activity.record(
            {
                "account_id": principal.account_id if principal else state.get("account_id"),
                "user_type": principal.kind.value
                if principal
                else state.get("user_type", "anonymous"),
                "action": NAMED_ACTIONS.get(route, f"{scope['method']} {route}"),
                "method": scope["method"],
                "path": scope["path"][:500],
                "status_code": status,
                "ip_address": client[0] if client else None,
                "user_agent": headers.get("user-agent", "")[:1000],
                "request_id": request_id_var.get() or "",
                "description": "",
            }
        )
