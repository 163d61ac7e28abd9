"""/api/auth/user/saved-views/: the signed-in person's saved views of the panel's lists."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from api.deps import SessionDep
from api.listing import only_params
from api.schemas.saved_views import SavedViewCreate, SavedViewRead, SavedViewUpdate
from api.security import AUTHENTICATED, require
from core.errors import ValidationFailed
from services import saved_views
from services.auth.principal import Principal

router = APIRouter(prefix="/api/auth/user/saved-views", tags=["auth"])
Authenticated = Annotated[Principal, require(AUTHENTICATED)]
ListKey = Annotated[
    str, Query(alias="list", pattern=saved_views.LIST_KEY_PATTERN, description="The list's key")
]


@router.get("/", response_model=list[SavedViewRead], dependencies=[only_params("list")])
async def list_saved_views(
    list_key: ListKey, principal: Authenticated, db: SessionDep
) -> list[SavedViewRead]:
    """One's views of one list, oldest first."""
    views = await saved_views.list_views(db, principal.account_id, list_key)
    return [SavedViewRead.model_validate(view) for view in views]


@router.post("/", response_model=SavedViewRead, status_code=201)
async def save_view(
    body: SavedViewCreate, principal: Authenticated, db: SessionDep, response: Response
) -> SavedViewRead:
    """Save the list's parameters under a name: 201 with a new view, or 200 when the list
    already has a view of that name (in any letter case), whose parameters and name it
    replaces. At most 50 views per list."""
    view, created = await saved_views.save(
        db, principal.account_id, body.list_key, body.name, body.params
    )
    if not created:
        response.status_code = 200
    return SavedViewRead.model_validate(view)


@router.patch("/{view_id}/", response_model=SavedViewRead)
async def update_saved_view(
    view_id: int, body: SavedViewUpdate, principal: Authenticated, db: SessionDep
) -> SavedViewRead:
    """Rename a view (409 `view_exists` when another view of the list has the name) and/or
    replace its parameters."""
    changes: dict[str, Any] = body.model_dump(exclude_unset=True, exclude_none=True)
    if not changes:
        raise ValidationFailed("Nothing to change.", code="empty_update")
    view = await saved_views.update(db, principal.account_id, view_id, **changes)
    return SavedViewRead.model_validate(view)


@router.delete("/{view_id}/", status_code=204)
async def delete_saved_view(view_id: int, principal: Authenticated, db: SessionDep) -> Response:
    await saved_views.delete(db, principal.account_id, view_id)
    return Response(status_code=204)
