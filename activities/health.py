from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity


class DatabaseProbe(BaseModel):
    server_version: str
    database: str


class HealthActivities:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker

    @activity.defn
    async def probe_database(self) -> DatabaseProbe:
        async with self._sessionmaker() as session:
            row = (
                await session.execute(
                    text("SELECT current_setting('server_version'), current_database()")
                )
            ).one()
        return DatabaseProbe(server_version=row[0], database=row[1])
