"""The OpenAPI document, annotated with each operation's permission (`x-permission`) so the
admin panel and integrators can see who may call what."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from api.security import PERMISSION_KEY, route_permission


def iter_api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """Every APIRoute, including those of included routers (which FastAPI keeps nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (included := getattr(route, "original_router", None)) is not None:
            routes_of_included: Iterable[BaseRoute] = included.routes
            yield from iter_api_routes(routes_of_included)


def install_openapi(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            for route in iter_api_routes(app.routes):
                if not route.include_in_schema:
                    continue
                permission = route_permission(route)
                for method in route.methods or ():
                    operation = schema["paths"][route.path_format].get(method.lower())
                    if operation is not None and permission is not None:
                        operation[PERMISSION_KEY] = permission
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
