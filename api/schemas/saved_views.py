from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from api.schemas import ReadModel, WriteModel
from services.saved_views import (
    LIST_KEY_PATTERN,
    MAX_NAME_LENGTH,
    MAX_PARAMS,
    MAX_PARAMS_BYTES,
    PARAM_NAME_PATTERN,
)

ViewName = Annotated[str, Field(min_length=1, max_length=MAX_NAME_LENGTH, examples=["Unpaid"])]
ViewParams = Annotated[
    dict[Annotated[str, StringConstraints(pattern=PARAM_NAME_PATTERN)], str],
    Field(
        max_length=MAX_PARAMS,
        description=f"The list's URL query parameters (filters and `sort`), strings only; "
        f"at most {MAX_PARAMS} of them and {MAX_PARAMS_BYTES} bytes as JSON",
        examples=[{"status": "pending", "sort": "-created_at"}],
    ),
]


class SavedViewCreate(WriteModel):
    list_key: str = Field(
        pattern=LIST_KEY_PATTERN,
        description="The panel list the view belongs to",
        examples=["orders"],
    )
    name: ViewName
    params: ViewParams


class SavedViewUpdate(WriteModel):
    name: ViewName | None = None
    params: ViewParams | None = None


class SavedViewRead(ReadModel):
    id: int
    list_key: str
    name: str
    params: dict[str, str]
    created_at: datetime
    updated_at: datetime
