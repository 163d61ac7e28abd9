"""Dependency aliases used by every router."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from api.resources import Resources
from core.settings import Settings
from models.session import unit_of_work
from services.messaging.notifier import Notifier


def get_resources(request: Request) -> Resources:
    resources: Resources = request.app.state.resources
    return resources


ResourcesDep = Annotated[Resources, Depends(get_resources)]


def get_settings_dep(resources: ResourcesDep) -> Settings:
    return resources.settings


async def get_session(resources: ResourcesDep) -> AsyncIterator[AsyncSession]:
    """One session per request: commit if the handler returns, roll back if it raises."""
    async with resources.sessionmaker() as session, unit_of_work(session):
        yield session


def get_redis(resources: ResourcesDep) -> Redis:
    return resources.redis


def get_notifier(resources: ResourcesDep) -> Notifier:
    return resources.notifier


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
RedisDep = Annotated[Redis, Depends(get_redis)]
NotifierDep = Annotated[Notifier, Depends(get_notifier)]
