"""Which engine serves search: Meilisearch when MEILI_URL is set, else PostgreSQL."""

from __future__ import annotations

from core.settings import Settings
from services.search import PostgresEngine, SearchEngine


def engine_for(settings: Settings) -> SearchEngine:
    if settings.meili_url:
        from services.search.meili import MeiliEngine

        return MeiliEngine.from_settings(settings)
    return PostgresEngine()
