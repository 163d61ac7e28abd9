"""Conventions shared by every list endpoint: pagination and strict query parameters."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query, Request
from pydantic import BaseModel

from core.errors import AppError

MAX_PAGE_SIZE = 100


class Pagination(BaseModel):
    page: int
    page_size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def pagination(
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 25,
) -> Pagination:
    return Pagination(page=page, page_size=page_size)


PaginationDep = Annotated[Pagination, Depends(pagination)]


def only_params(*allowed: str) -> Any:
    """Refuse query parameters the endpoint does not know: a misspelt filter must not silently
    return everything."""
    accepted = frozenset(allowed) | {"page", "page_size"}

    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - accepted)
        if unknown:
            raise AppError(
                f"Unknown query parameter(s): {', '.join(unknown)}.",
                code="unknown_parameter",
                details={"unknown": unknown, "allowed": sorted(accepted)},
            )

    return Depends(check)
