"""Detail routes feed the "recently viewed": `dependencies=[viewed("order", "order_id")]`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from fastapi import Depends, Request

from api.deps import RedisDep
from api.security import CurrentPrincipal
from services.recent import RecentlyViewed


def viewed(kind: str, path_param: str) -> Any:
    """Remember that the caller opened this item, once the route has answered it (a 404 or a
    refusal is not a view)."""

    async def remember(
        request: Request, principal: CurrentPrincipal, redis: RedisDep
    ) -> AsyncIterator[None]:
        yield
        item_id = int(request.path_params[path_param])
        await RecentlyViewed(redis).remember(principal.account_id, kind, item_id)

    return Depends(remember, scope="function")
