"""Long-lived clients the app owns: created once in the lifespan, shared by every request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.settings import Settings
from integrations.storage import LocalStorage, Storage
from integrations.temporal import LazyTemporalClient
from models.session import create_engine, create_sessionmaker, session_scope
from services.activity import ActivityRecorder
from services.messaging.notifier import Notifier, OutboxNotifier
from workflows import search


@dataclass
class Resources:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    redis: Redis
    temporal: LazyTemporalClient
    notifier: Notifier
    activity: ActivityRecorder
    storage: Storage


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    engine = create_engine(settings)
    app.state.metrics.watch_pool(engine)
    redis = Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5)
    sessionmaker = create_sessionmaker(engine)
    activity = ActivityRecorder(
        lambda: session_scope(sessionmaker), flush_seconds=settings.activity_flush_seconds
    )
    app.state.resources = Resources(
        settings=settings,
        engine=engine,
        sessionmaker=sessionmaker,
        redis=redis,
        temporal=LazyTemporalClient(settings, search.ALL),
        notifier=OutboxNotifier(),
        activity=activity,
        storage=LocalStorage(settings.storage_dir),
    )
    activity.start()
    try:
        yield
    finally:
        await activity.close()
        await redis.aclose()
        await engine.dispose()
