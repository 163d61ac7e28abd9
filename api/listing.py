"""Conventions shared by every list endpoint: pagination and strict query parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel
from sqlalchemy import ColumnElement, UnaryExpression
from sqlalchemy.orm import InstrumentedAttribute

from api.schemas import Page
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
    accepted = frozenset(allowed) | {"page", "page_size", "ordering"}

    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - accepted)
        if unknown:
            raise AppError(
                f"Unknown query parameter(s): {', '.join(unknown)}.",
                code="unknown_parameter",
                details={"unknown": unknown, "allowed": sorted(accepted)},
            )

    return Depends(check)


T = TypeVar("T")


def page_of(items: Sequence[T], total: int, paging: Pagination, *, exact: bool = True) -> Page[T]:
    return Page(
        items=list(items),
        total=total,
        total_exact=exact,
        page=paging.page,
        page_size=paging.page_size,
        has_more=paging.offset + len(items) < total,
    )


def ordering(
    allowed: dict[str, InstrumentedAttribute[Any]],
    default: str,
    tiebreaker: InstrumentedAttribute[Any],
) -> Any:
    """`ordering=-created_at,business_name`: fields from `allowed`, `-` for descending. The
    tiebreaker (the primary key) keeps pages stable when sort values repeat."""

    # A plain default, not Annotated: with postponed annotations a closure variable inside
    # Annotated[...] could not be resolved by FastAPI.
    def parse(
        ordering: str = Query(default, max_length=200, description=f"e.g. {default}"),
    ) -> list[Any]:
        clauses: list[UnaryExpression[Any] | ColumnElement[Any]] = []
        for part in (p.strip() for p in ordering.split(",") if p.strip()):
            name = part.lstrip("-")
            if name not in allowed:
                raise AppError(
                    f"Cannot order by {name!r}.",
                    code="unknown_ordering",
                    details={"allowed": sorted(allowed)},
                )
            clauses.append(allowed[name].desc() if part.startswith("-") else allowed[name].asc())
        descending = bool(clauses) and ordering.strip().startswith("-")
        clauses.append(tiebreaker.desc() if descending else tiebreaker.asc())
        return clauses

    return Depends(parse)
