"""`python -m api`: what it serves, and how it refuses a bad configuration."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from api.__main__ import main
from core.heap import YOUNG_GENERATION_THRESHOLD


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """What `main` hands uvicorn, with the collector put back as it was afterwards."""
    seen: dict[str, Any] = {}

    def run(app: Any, **_: Any) -> None:
        seen.update(app=app, frozen=gc.get_freeze_count(), threshold=gc.get_threshold())

    threshold = gc.get_threshold()
    monkeypatch.setattr(uvicorn, "run", run)
    yield seen
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_the_app_is_served_with_start_up_objects_frozen(served: dict[str, Any]) -> None:
    gc.unfreeze()
    assert main() == 0
    assert isinstance(served["app"], FastAPI)
    # Everything alive before serving (the app's routes and schemas among it) is out of the
    # collector's reach, and young collections wait for more allocations.
    assert served["frozen"] > 10_000
    assert served["threshold"][0] == YOUNG_GENERATION_THRESHOLD


def test_a_bad_setting_stops_before_anything_is_built(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/simdesk")
    assert main() == 2
    assert served == {}
    assert capsys.readouterr().err.startswith("api: invalid configuration: DATABASE_URL")
