from __future__ import annotations

from pydantic import BaseModel, Field


class ProviderEventsAck(BaseModel):
    received: int = Field(description="Events in the request")
    duplicates: int = Field(description="Events received before: acknowledged and ignored")
    applied: int = Field(description="Events that settled a message's delivery status")
