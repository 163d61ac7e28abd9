"""`python -m api`: check the configuration, build the app, then serve it with uvicorn.

A bad setting stops here with one line naming it, instead of a traceback from the factory."""

from __future__ import annotations

import sys

import uvicorn

from api.main import create_app
from core import heap
from core.settings import ConfigurationError, load_settings


def main() -> int:
    try:
        settings = load_settings()
    except ConfigurationError as exc:
        print(f"api: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    app = create_app(settings)
    heap.settle()
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        proxy_headers=True,
        log_config=None,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
