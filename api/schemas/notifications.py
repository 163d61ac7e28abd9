from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from api.schemas import ReadModel


class NotificationRead(ReadModel):
    id: int
    category: str
    title: str
    body: str
    data: dict[str, Any]
    read_at: datetime | None
    created_at: datetime


class UnreadCount(BaseModel):
    unread: int


class MarkedRead(BaseModel):
    marked: int
