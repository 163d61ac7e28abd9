"""GET /api/search/: hits grouped by type, best first."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SearchHitRead(BaseModel):
    type: str
    id: int
    title: str
    subtitle: str
    score: float = Field(description="Relevance: higher is better; comparable within a group")
    highlights: dict[str, str] = Field(
        description="Field → its HTML-escaped value with matched words in <mark>…</mark>"
    )


class SearchGroupRead(BaseModel):
    type: str
    label: str
    hits: list[SearchHitRead]
    has_more: bool


class SearchResults(BaseModel):
    query: str
    engine: str = Field(description="postgresql or meilisearch")
    groups: list[SearchGroupRead]
