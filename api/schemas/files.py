from __future__ import annotations

from datetime import datetime

from api.schemas import ReadModel


class FileRead(ReadModel):
    id: int
    purpose: str
    original_name: str
    content_type: str
    size_bytes: int
    sha256: str
    created_at: datetime
    url: str
