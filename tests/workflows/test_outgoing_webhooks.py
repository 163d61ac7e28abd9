"""Outgoing webhooks end to end: an endpoint registered through the API, a delivery started
by the commit that enqueued it, signed, retried after a 500 with the same delivery id, failed
when retries run out, and retried by hand."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest
from temporalio.client import Client

from models.identity import SystemRole
from services.messaging.dispatch import Kind
from tests.factories import login_headers, make_staff
from tests.receiver import Answer, Received, http_receiver
from tests.workflows.conftest import Stack, poll
from workflows import queues
from workflows.deliveries import DeliveryStarter

pytestmark = [
    pytest.mark.stack_settings(delivery_retry_initial_seconds=0.1, delivery_max_attempts=3),
    pytest.mark.stack_queues(queues.NOTIFICATIONS),
]
URL = "/api/settings/webhooks/"


def _verified(received: Received, secret: str) -> dict[str, Any]:
    """The receiver's side: check X-Simdesk-Signature as documented, return the event."""
    parts = dict(p.split("=", 1) for p in received.headers["x-simdesk-signature"].split(","))
    expected = hmac.new(
        secret.encode(), f"{parts['t']}.".encode() + received.body, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(parts["v1"], expected)
    event: dict[str, Any] = json.loads(received.body)
    return event


async def _settled(stack: Stack, auth: dict[str, str], endpoint: int) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def done() -> bool:
        log = await stack.api.get(f"{URL}{endpoint}/deliveries/", headers=auth)
        seen.update(log.json()["items"][0])
        return bool(seen["status"] != "pending")

    assert await poll(done, timeout=30), seen
    return seen


async def test_a_delivery_is_signed_and_retried_with_the_same_id(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(stack.api, admin)
    with http_receiver(Answer(500, b"oops"), Answer(200, b"ok")) as receiver:
        created = await stack.api.post(
            URL, headers=auth,
            json={"url": f"{receiver.url}/hooks", "event_types": ["order.status_changed"]},
        )  # fmt: skip
        assert created.status_code == 201
        endpoint = created.json()
        secret = endpoint["secret"]
        assert secret.startswith("whsec_")
        assert endpoint["secret_prefix"] == secret[:12]
        shown = await stack.api.get(f"{URL}{endpoint['id']}/", headers=auth)
        assert "secret" not in shown.json()

        pinged = await stack.api.post(f"{URL}{endpoint['id']}/ping/", headers=auth)
        assert pinged.status_code == 202
        delivery = await _settled(stack, auth, endpoint["id"])

        assert [r.path for r in receiver.received] == ["/hooks", "/hooks"]
        first, second = receiver.received
        ids = {r.headers["x-simdesk-delivery"] for r in receiver.received}
        assert ids == {pinged.json()["delivery_id"]}
        assert _verified(first, secret) == _verified(second, secret)
        event = _verified(second, secret)
        assert event["id"] == pinged.json()["delivery_id"]
        assert event["type"] == "ping"
        assert event["data"] == {"endpoint_id": endpoint["id"]}
        assert second.headers["x-simdesk-event"] == "ping"
        assert delivery["status"] == "delivered"
        assert delivery["attempts"] == 2
        assert delivery["last_status_code"] == 200
        assert delivery["last_error"] == ""
        assert delivery["delivered_at"] is not None

        async def client() -> Client:
            return stack.temporal

        starter = DeliveryStarter(client, stack.settings)
        await stack.replay(starter.workflow_id(Kind.webhook, delivery["delivery_id"]))

        # A manual retry sends it again, with the same delivery id.
        retried = await stack.api.post(
            f"{URL}{endpoint['id']}/deliveries/{delivery['id']}/retry/", headers=auth
        )
        assert retried.status_code == 202
        again = await _settled(stack, auth, endpoint["id"])
        assert again["status"] == "delivered"
        assert again["attempts"] == 3
        assert len(receiver.received) == 3
        assert receiver.received[2].headers["x-simdesk-delivery"] == delivery["delivery_id"]


async def test_a_delivery_fails_when_retries_run_out(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(stack.api, admin)
    with http_receiver(Answer(503, b"down for maintenance")) as receiver:
        created = await stack.api.post(
            URL, headers=auth, json={"url": receiver.url, "event_types": ["payment.captured"]}
        )
        endpoint = created.json()["id"]
        await stack.api.post(f"{URL}{endpoint}/ping/", headers=auth)
        delivery = await _settled(stack, auth, endpoint)
    assert delivery["status"] == "failed"
    assert delivery["attempts"] == 3
    assert delivery["last_status_code"] == 503
    assert delivery["last_error"] == "HTTP 503: down for maintenance"
    assert delivery["next_attempt_at"] is None
    assert len(receiver.received) == 3
    failed = await stack.api.get(f"{URL}{endpoint}/deliveries/?status=failed", headers=auth)
    assert failed.json()["total"] == 1
