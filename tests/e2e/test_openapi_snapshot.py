"""The panel's typed API client is generated from admin-panel/openapi.json: that snapshot must be
the schema the app serves now, or the panel compiles against an API that no longer exists."""

from __future__ import annotations

import json

from api.main import create_app
from core.settings import PROJECT_ROOT, Settings

SNAPSHOT = PROJECT_ROOT / "admin-panel" / "openapi.json"
REGENERATE = (
    "cd admin-panel && npm run gen:openapi  (rewrites openapi.json and src/api/schema.d.ts)"
)


def _paths_that_differ(current: dict, committed: dict) -> list[str]:
    names = set(current.get("paths", {})) | set(committed.get("paths", {}))
    return sorted(
        name for name in names if current["paths"].get(name) != committed.get("paths", {}).get(name)
    )


def test_committed_openapi_snapshot_matches_the_app() -> None:
    current = create_app(Settings()).openapi()
    assert SNAPSHOT.is_file(), f"{SNAPSHOT} is missing. Regenerate it: {REGENERATE}"
    committed = json.loads(SNAPSHOT.read_text())
    if current != committed:
        changed = _paths_that_differ(current, committed) or ["(components only)"]
        raise AssertionError(
            "admin-panel/openapi.json is out of date with the API "
            f"(paths that differ: {', '.join(changed)}). Regenerate it: {REGENERATE}"
        )
