"""The SendGrid and Twilio adapters, through their real SDKs, against a local HTTP server:
the exact requests they make, and how answers map to sent, refused or retryable."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs

import pytest

from integrations.email import DeliveryRefused, Outgoing, SendGridEmail, Sent
from integrations.sms import TwilioSms
from tests.receiver import Answer, http_receiver

MESSAGE = Outgoing(message_id=42, to="pat@example.org", subject="Hello", body="Line one\nTwo")
SMS = Outgoing(message_id=43, to="+14155550100", subject="", body="Your code is 123456.")
SID = "AC" + "0" * 32


async def test_sendgrid_posts_the_message_and_keeps_its_id() -> None:
    with http_receiver(Answer(202, b"", {"X-Message-Id": "sg-abc123"})) as server:
        sender = SendGridEmail("SG.test-key", "simdesk <no-reply@example.com>", server.url)
        sent = await sender.send(MESSAGE)
    assert sent == Sent("sendgrid", "sg-abc123")
    [request] = server.received
    assert (request.method, request.path) == ("POST", "/v3/mail/send")
    assert request.headers["authorization"] == "Bearer SG.test-key"
    assert json.loads(request.body) == {
        "personalizations": [{"to": [{"email": "pat@example.org"}]}],
        "from": {"email": "no-reply@example.com", "name": "simdesk"},
        "subject": "Hello",
        "content": [{"type": "text/plain", "value": "Line one\nTwo"}],
        "custom_args": {"simdesk_message_id": "42"},
    }


async def test_sendgrid_refusals_are_final_and_outages_retryable() -> None:
    with http_receiver(Answer(400, b'{"errors":[{"message":"bad to"}]}')) as server:
        sender = SendGridEmail("SG.test-key", "no-reply@example.com", server.url)
        with pytest.raises(DeliveryRefused, match="SendGrid answered 400"):
            await sender.send(MESSAGE)
    with http_receiver(Answer(503, b"down")) as server:
        sender = SendGridEmail("SG.test-key", "no-reply@example.com", server.url)
        with pytest.raises(RuntimeError, match="SendGrid answered 503"):
            await sender.send(MESSAGE)


async def test_twilio_creates_the_message_with_a_status_callback() -> None:
    created = json.dumps({"sid": "SM" + "1" * 32, "status": "queued"}).encode()
    with http_receiver(Answer(201, created)) as server:
        sender = TwilioSms(
            SID, "auth-token", "+14155550199", api_base=server.url,
            status_callback="https://simdesk.example.com/api/webhooks/twilio/",
        )  # fmt: skip
        sent = await sender.send(SMS)
    assert sent == Sent("twilio", "SM" + "1" * 32)
    [request] = server.received
    assert (request.method, request.path) == ("POST", f"/2010-04-01/Accounts/{SID}/Messages.json")
    credentials = base64.b64encode(f"{SID}:auth-token".encode()).decode()
    assert request.headers["authorization"] == f"Basic {credentials}"
    assert parse_qs(request.body.decode()) == {
        "To": ["+14155550100"],
        "From": ["+14155550199"],
        "Body": ["Your code is 123456."],
        "StatusCallback": ["https://simdesk.example.com/api/webhooks/twilio/"],
    }


async def test_twilio_refusals_are_final() -> None:
    refusal = json.dumps({"code": 21211, "message": "Invalid 'To' Phone Number", "status": 400})
    with http_receiver(Answer(400, refusal.encode())) as server:
        sender = TwilioSms(SID, "auth-token", "+14155550199", api_base=server.url,
                           status_callback=None)  # fmt: skip
        with pytest.raises(DeliveryRefused, match="21211"):
            await sender.send(SMS)
