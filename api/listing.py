"""Conventions shared by every list endpoint: pagination and strict query parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel
from sqlalchemy import ColumnElement, UnaryExpression
from sqlalchemy.orm import InstrumentedAttribute

from api import cursors
from api.schemas import Page
from core.errors import AppError, ValidationFailed
from services.querying import Window

MAX_PAGE_SIZE = 100


class Pagination(BaseModel):
    page: int
    page_size: int
    cursor: str | None = None

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def window(self, order_by: Sequence[Any]) -> Window:
        """The page's rows: by `cursor` when one was given, else by page number."""
        if self.cursor is None:
            return Window(self.page_size, self.offset)
        return Window(self.page_size, after=cursors.rows_after(self.cursor, order_by))


PageNumber = Annotated[int, Query(ge=1, le=100_000)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]


async def pagination(page: PageNumber = 1, page_size: PageSize = 25) -> Pagination:
    return Pagination(page=page, page_size=page_size)


async def keyset_pagination(
    page: PageNumber = 1,
    page_size: PageSize = 25,
    cursor: Annotated[
        str | None,
        Query(
            max_length=1_000,
            description="`next_cursor` of the previous page: the next one, as fast at any "
            "depth as the first (instead of `page`)",
        ),
    ] = None,
) -> Pagination:
    if cursor is not None and page != 1:
        raise ValidationFailed(
            "Page by `page` or by `cursor`, not both.",
            code="page_and_cursor",
            details=[{"field": "query.cursor", "message": "not together with page"}],
        )
    return Pagination(page=page, page_size=page_size, cursor=cursor)


PaginationDep = Annotated[Pagination, Depends(pagination)]
# The lists that reach millions of rows (orders, transactions) also page by cursor.
KeysetPaginationDep = Annotated[Pagination, Depends(keyset_pagination)]


def only_params(*allowed: str) -> Any:
    """Refuse query parameters the endpoint does not know: a misspelt filter must not silently
    return everything."""
    accepted = frozenset(allowed) | {"page", "page_size", "ordering"}

    async def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - accepted)
        if unknown:
            raise AppError(
                f"Unknown query parameter(s): {', '.join(unknown)}.",
                code="unknown_parameter",
                details={"unknown": unknown, "allowed": sorted(accepted)},
            )

    return Depends(check)


T = TypeVar("T")


def page_of(
    items: Sequence[T],
    total: int,
    paging: Pagination,
    *,
    exact: bool = True,
    next_cursor: str | None = None,
) -> Page[T]:
    return Page(
        items=list(items),
        total=total,
        total_exact=exact,
        page=paging.page,
        page_size=paging.page_size,
        has_more=next_cursor is not None if paging.cursor else paging.offset + len(items) < total,
        next_cursor=next_cursor,
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
    async def parse(
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
