"""Embedded Redis, Temporal, localstripe and the SMTP sink, each on free ports."""

from __future__ import annotations

import asyncio
import smtplib
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
import redis
import stripe

from devstack.process import port_answers
from devstack.redis import ensure_redis
from devstack.smtp import read_messages, start_smtp_sink
from devstack.stripe import deliver_webhooks_to, start_localstripe
from devstack.temporal import start_temporal, temporal_binary

pytestmark = pytest.mark.devstack


def test_embedded_redis_answers_ping_and_stops(scratch: Path, free_port: Callable[[], int]) -> None:
    port = free_port()
    server = ensure_redis(f"redis://127.0.0.1:{port}/3", scratch / "redis")
    try:
        assert server.started
        client = redis.Redis(host="127.0.0.1", port=port, db=3)
        assert client.ping()
        client.set("k", "v")
        assert client.get("k") == b"v"
        client.close()
    finally:
        server.stop()
    assert not port_answers("127.0.0.1", port)


def test_running_redis_is_reused(scratch: Path) -> None:
    if not port_answers("127.0.0.1", 6379):
        pytest.skip("no Redis on 127.0.0.1:6379 on this machine")
    server = ensure_redis("redis://127.0.0.1:6379/0", scratch / "redis-reuse")
    assert not server.started
    server.stop()
    assert port_answers("127.0.0.1", 6379)


def test_temporal_dev_server_serves_the_default_namespace(
    scratch: Path, free_port: Callable[[], int]
) -> None:
    from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest
    from temporalio.client import Client

    assert temporal_binary().is_file()
    port, ui_port = free_port(), free_port()
    server = start_temporal(
        f"127.0.0.1:{port}", f"http://127.0.0.1:{ui_port}", scratch / "temporal" / "t.db"
    )

    async def describe() -> str:
        client = await Client.connect(f"127.0.0.1:{port}")
        request = DescribeNamespaceRequest(namespace="default")
        return (await client.workflow_service.describe_namespace(request)).namespace_info.name

    try:
        assert server.started
        assert asyncio.run(describe()) == "default"
        assert port_answers("127.0.0.1", ui_port)
    finally:
        server.stop()
    assert not port_answers("127.0.0.1", port)


def test_localstripe_takes_a_payment_intent_through_the_stripe_sdk(
    scratch: Path, free_port: Callable[[], int]
) -> None:
    base = f"http://127.0.0.1:{free_port()}"
    server = start_localstripe(base, data_dir=scratch / "stripe")
    try:
        client = stripe.StripeClient("sk_test_simdesk_local", base_addresses={"api": base})
        intents = client.v1.payment_intents
        intent = intents.create(
            params={
                "amount": 1999,
                "currency": "eur",
                "payment_method": "pm_card_visa",
                "capture_method": "manual",
                "metadata": {"order": "o-1"},
            }
        )
        assert intent.status == "requires_confirmation"
        assert intents.confirm(intent.id).status == "requires_capture"
        assert intents.capture(intent.id).status == "succeeded"
        assert intents.retrieve(intent.id).metadata["order"] == "o-1"
        deliver_webhooks_to(base, "http://127.0.0.1:9/api/webhooks/stripe/", "whsec_test")
        with pytest.raises(httpx.HTTPStatusError):  # localstripe checks what it is given
            deliver_webhooks_to(base, "", "whsec_test")

        with pytest.raises(stripe.AuthenticationError):  # localstripe wants sk_… keys
            stripe.StripeClient("bad", base_addresses={"api": base}).v1.payment_intents.create(
                params={"amount": 100, "currency": "eur"}
            )
    finally:
        server.stop()
    # state is kept per port under data_dir, never in localstripe's shared /tmp file
    assert list((scratch / "stripe").glob("localstripe-*.pickle"))


def test_smtp_sink_stores_each_message_as_an_eml_file(
    scratch: Path, free_port: Callable[[], int]
) -> None:
    port = free_port()
    maildir = scratch / "mail"
    server = start_smtp_sink("127.0.0.1", port, maildir)
    try:
        message = EmailMessage()
        message["From"] = "simdesk <no-reply@simdesk.local>"
        message["To"] = "customer@example.com"
        message["Subject"] = "Your eSIM is ready ✓"
        message.set_content("Scan the QR code.")
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            smtp.send_message(message)
    finally:
        server.stop()

    assert len(list(maildir.glob("*.eml"))) == 1
    (stored,) = read_messages(maildir)
    assert stored["Subject"] == "Your eSIM is ready ✓"
    assert stored["X-Envelope-To"] == "customer@example.com"
    assert "Scan the QR code." in stored.get_body().get_content()  # type: ignore[union-attr]
