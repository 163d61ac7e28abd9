"""The app factory: `uvicorn api.main:create_app --factory`."""

from __future__ import annotations

import sentry_sdk
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.docs import OPENAPI_URL, install_docs
from api.errors import ERROR_RESPONSES, install_error_handlers
from api.idempotency import REPLAYED_HEADER, install_idempotency
from api.metrics import ApiMetrics
from api.middleware import (
    ActivityLogMiddleware,
    BodySizeLimitMiddleware,
    RequestContextMiddleware,
    SecurityHeadersMiddleware,
)
from api.openapi import install_openapi
from api.panel import install_panel
from api.rate_limit import RATE_LIMIT_HEADERS, RATE_LIMITED, RateLimitHeadersMiddleware
from api.resources import lifespan
from api.routes import (
    admin,
    api_keys,
    auth,
    campaigns,
    catalog,
    clients,
    dashboard,
    exports,
    files,
    health,
    imports,
    inventory,
    jobs,
    kyc,
    live,
    logs,
    notifications,
    onboarding,
    orders,
    payments,
    privacy,
    provider_webhooks,
    reports,
    resellers,
    saved_views,
    search,
    support,
    transactions,
    users,
    webhook_endpoints,
)
from api.routes import settings as settings_routes
from core.logging import configure_logging
from core.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)
    if settings.sentry_dsn:
        sentry_sdk.init(dsn=settings.sentry_dsn, environment=settings.environment.value)

    app = FastAPI(
        title="simdesk",
        version="0.1.0",
        description="Back office for SIM card and eSIM sales, direct and through resellers.",
        openapi_url=OPENAPI_URL,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
        dependencies=[RATE_LIMITED],
    )
    app.state.settings = settings
    metrics = ApiMetrics()
    app.state.metrics = metrics

    install_error_handlers(app)
    install_idempotency(app)
    install_docs(app)
    install_openapi(app)
    app.include_router(health.router)
    app.include_router(auth.router)
    app.include_router(saved_views.router)
    app.include_router(campaigns.router)
    app.include_router(admin.router)
    app.include_router(logs.router)
    app.include_router(resellers.router)
    app.include_router(onboarding.router)
    app.include_router(clients.router)
    app.include_router(users.router)
    app.include_router(support.router)
    app.include_router(notifications.router)
    app.include_router(catalog.router)
    app.include_router(inventory.router)
    app.include_router(orders.router)
    app.include_router(dashboard.router)
    app.include_router(payments.router)
    app.include_router(provider_webhooks.router)
    app.include_router(webhook_endpoints.router)
    app.include_router(settings_routes.router)
    app.include_router(api_keys.router)
    app.include_router(files.router)
    app.include_router(transactions.router)
    app.include_router(reports.router)
    app.include_router(search.router)
    app.include_router(live.router)
    app.include_router(imports.router)
    app.include_router(jobs.router)
    app.include_router(exports.router)
    app.include_router(privacy.router)
    app.include_router(kyc.router)

    async def prometheus_metrics(request: Request) -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    # A plain route: the app-wide API dependencies (rate limits, callers) are not for scrapers.
    app.add_route("/metrics", prometheus_metrics, include_in_schema=False)

    install_panel(app)

    # add_middleware wraps: the last added is the outermost.
    app.add_middleware(RateLimitHeadersMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["X-Request-ID", "Retry-After", *RATE_LIMIT_HEADERS, REPLAYED_HEADER],
        )
    app.add_middleware(ActivityLogMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    return app
