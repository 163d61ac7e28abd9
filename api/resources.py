"""Long-lived clients the app owns: created once in the lifespan, shared by every request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.live import LiveHub
from core.settings import Settings
from integrations.storage import LocalStorage, Storage
from integrations.temporal import LazyTemporalClient
from models.session import create_engine, create_sessionmaker, session_scope
from services import generations, live
from services.activity import ActivityRecorder
from services.auth.principal import PrincipalCache
from services.messaging import dispatch
from services.messaging.notifier import Notifier, OutboxNotifier
from services.search import SearchEngine
from services.search.engines import engine_for
from workflows import search
from workflows.deliveries import DeliveryStarter


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
    live_hub: LiveHub
    search_engine: SearchEngine
    principals: PrincipalCache


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    engine = create_engine(settings)
    app.state.metrics.watch_pool(engine)
    redis = Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5)
    sessionmaker = create_sessionmaker(engine)
    # Events announced in requests' sessions go out once their transaction commits.
    publisher = live.Publisher(redis, settings.live_channel)
    live.attach(sessionmaker, publisher)
    # Commits that changed rollups or identities move the caches built on them on.
    stop_invalidating = generations.advance_on_commit(redis)
    temporal = LazyTemporalClient(settings, search.ALL)
    # Messages and webhooks written in requests start their delivery once committed.
    deliveries = dispatch.install(sessionmaker, DeliveryStarter(temporal.get, settings))
    activity = ActivityRecorder(
        lambda: session_scope(sessionmaker), flush_seconds=settings.activity_flush_seconds
    )
    app.state.resources = Resources(
        settings=settings,
        engine=engine,
        sessionmaker=sessionmaker,
        redis=redis,
        temporal=temporal,
        notifier=OutboxNotifier(),
        activity=activity,
        storage=LocalStorage(settings.storage_dir),
        live_hub=LiveHub(redis, settings.live_channel),
        search_engine=engine_for(settings),
        principals=PrincipalCache(),
    )
    activity.start()
    publisher.start()
    try:
        yield
    finally:
        await activity.close()
        await deliveries.drain()
        await app.state.resources.live_hub.close()
        await app.state.resources.search_engine.close()
        await publisher.close()
        stop_invalidating()
        await redis.aclose()
        await engine.dispose()
