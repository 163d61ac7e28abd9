"""Base classes for request and response bodies."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

T = TypeVar("T")

# Amounts leave the API as strings with exactly two decimals ("12.50"): never floats.
MoneyOut = Annotated[Decimal, PlainSerializer(lambda v: f"{v:.2f}", return_type=str)]


class WriteModel(BaseModel):
    """Request bodies refuse unknown fields: a typo in a field name is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    """One page of a list. `total_exact` is false when the total is PostgreSQL's estimate,
    which large lists use instead of counting millions of rows on every page."""

    items: list[T]
    total: int
    total_exact: bool = True
    page: int
    page_size: int
    has_more: bool = Field(description="Whether a next page exists")
    next_cursor: str | None = Field(
        default=None,
        description="Lists paged by cursor (orders, transactions): pass as `cursor` for the "
        "next page; null on the last",
    )
