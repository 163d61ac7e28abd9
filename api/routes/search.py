"""/api/search/: one box that finds orders, app users, resellers, clients, plans and tickets."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import ResourcesDep, SessionDep
from api.listing import only_params
from api.schemas.search import SearchResults
from api.security import require
from services import search
from services.auth.principal import Principal
from services.search.query import MAX_QUERY_LENGTH, parse

router = APIRouter(prefix="/api/search", tags=["search"])


async def search_engine(resources: ResourcesDep) -> search.SearchEngine:
    return resources.search_engine


@router.get("/", response_model=SearchResults, dependencies=[only_params("q", "types", "limit")])
async def search_everything(
    principal: Annotated[Principal, require("search:read")],
    db: SessionDep,
    engine: Annotated[search.SearchEngine, Depends(search_engine)],
    q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH)] = "",
    types: Annotated[
        str | None, Query(max_length=200, description="Comma-separated, e.g. orders,users")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=search.MAX_LIMIT, description="Hits per type")] = 5,
) -> SearchResults:
    """Hits grouped by type, best first, each with highlights. Only the types the caller may
    read are searched, and only the rows the caller may see (a reseller its own)."""
    text = parse(q)
    requested = [t.strip() for t in types.split(",") if t.strip()] if types else None
    readable = search.readable_types(principal, requested)
    groups = await search.search(db, engine, principal, text, readable, limit)
    return SearchResults.model_validate(
        {"query": q, "engine": engine.name, "groups": [asdict(g) for g in groups]}
    )
