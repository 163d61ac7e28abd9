"""A local fake Meilisearch: answers the calls integrations/meilisearch.py makes (every task
succeeds at once, every search finds id 7) and records each request as (method, path, body)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Request = tuple[str, str, Any]
WHEN = "2026-01-01T00:00:00Z"


class FakeMeili(BaseHTTPRequestHandler):
    requests: list[Request]

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body: Any = json.loads(self.rfile.read(length)) if length else None
        self.requests.append((self.command, self.path, body))
        path = self.path.split("?")[0]
        task = {
            "taskUid": 1,
            "indexUid": "x",
            "status": "enqueued",
            "type": "t",
            "enqueuedAt": WHEN,
        }
        if path.startswith("/tasks/"):
            answer: Any = {
                "uid": 1, "indexUid": "x", "status": "succeeded", "type": "t", "details": {},
                "duration": "PT0S", "enqueuedAt": WHEN, "startedAt": WHEN, "finishedAt": WHEN,
            }  # fmt: skip
        elif path.endswith("/search"):
            answer = {
                "hits": [{"id": 7, "_rankingScore": 0.75}], "query": body["q"],
                "processingTimeMs": 1, "limit": body["limit"], "offset": 0,
                "estimatedTotalHits": 1,
            }  # fmt: skip
        elif self.command == "GET" and path.startswith("/indexes/"):
            answer = {"uid": path.split("/")[2], "primaryKey": "id", "createdAt": WHEN,
                      "updatedAt": WHEN}  # fmt: skip
        else:
            answer = task
        payload = json.dumps(answer).encode()
        self.send_response(200 if self.command == "GET" or path.endswith("/search") else 202)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serve_fake_meili() -> Iterator[tuple[str, list[Request]]]:
    """The fake's URL and the list its requests are appended to."""
    recorded: list[Request] = []
    handler = type("Handler", (FakeMeili,), {"requests": recorded})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", recorded
    finally:
        server.shutdown()
        server.server_close()
