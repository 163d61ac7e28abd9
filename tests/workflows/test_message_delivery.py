"""Message delivery end to end: a request writes an email, its commit starts MessageDelivery,
which sends it by SMTP to a real aiosmtpd server this module runs; transient failures are
retried, refusals and exhausted retries fail the message, and nothing is sent twice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from devstack.process import free_port
from models import Channel, DeliveryStatus, OutboundMessage
from models.identity import SystemRole
from services.messaging.dispatch import Kind
from tests.factories import make_account
from tests.workflows.conftest import Stack, poll
from workflows import queues
from workflows.deliveries import DeliveryStarter
from workflows.message_delivery import MessageSweep

SMTP_PORT = free_port()
FAST_RETRIES = {
    "smtp_port": SMTP_PORT,
    "delivery_retry_initial_seconds": 0.1,
    "delivery_max_attempts": 3,
}
pytestmark = [
    pytest.mark.stack_settings(**FAST_RETRIES),
    pytest.mark.stack_queues(queues.NOTIFICATIONS),
]


@dataclass
class Inbox:
    """What the mail server received, and what it answers: a script of DATA replies (the
    last repeats), or a refusal of every recipient."""

    data_replies: list[str] = field(default_factory=lambda: ["250 OK"])
    refuse_recipients: bool = False
    mails: list[Message] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.refuse_recipients:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        reply = self.data_replies.pop(0) if len(self.data_replies) > 1 else self.data_replies[0]
        if reply.startswith("250"):
            self.mails.append(message_from_bytes(envelope.original_content))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return reply


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    yield inbox
    controller.stop()


async def _request_reset(stack: Stack) -> str:
    async with stack.sessionmaker() as db:
        account = await make_account(db, SystemRole.customer)
    asked = await stack.api.post("/api/auth/password/reset/", json={"email": account.email})
    assert asked.status_code == 202
    return account.email


async def _message_to(stack: Stack, recipient: str) -> OutboundMessage:
    async with stack.sessionmaker() as db:
        message = await db.scalar(
            select(OutboundMessage).where(OutboundMessage.recipient == recipient)
        )
    assert message is not None
    return message


async def _settled(stack: Stack, recipient: str) -> OutboundMessage:
    """The message once its workflow has finished with it."""
    message = await _message_to(stack, recipient)
    handle = stack.temporal.get_workflow_handle(
        DeliveryStarter(_client(stack), stack.settings).workflow_id(Kind.message, str(message.id))
    )

    async def started() -> bool:
        try:
            await handle.describe()
        except Exception:
            return False
        return True

    assert await poll(started, timeout=20)
    await handle.result()
    return await _message_to(stack, recipient)


def _client(stack: Stack) -> Any:
    async def client() -> Any:
        return stack.temporal

    return client


async def test_a_committed_email_is_sent_by_smtp_once(stack: Stack, inbox: Inbox) -> None:
    email = await _request_reset(stack)
    message = await _settled(stack, email)

    assert len(inbox.mails) == 1
    mail = inbox.mails[0]
    assert mail["To"] == email
    assert mail["From"] == "simdesk <no-reply@example.com>"
    assert mail["Subject"] == "Reset your simdesk password"
    assert inbox.envelopes == [("no-reply@example.com", [email])]
    body = mail.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert body.decode().replace("\r\n", "\n") == message.body + "\n"
    assert message.delivery_status is DeliveryStatus.sent
    assert message.provider == "smtp"
    assert message.provider_message_id == mail["Message-ID"].strip()
    assert message.provider_message_id == f"<simdesk-message-{message.id}@example.com>"
    assert message.attempts == 1
    assert message.error == ""
    assert message.sent_at is not None

    # Started again (a sweep, a replayed start): the message is sent already, nothing goes out.
    starter = DeliveryStarter(_client(stack), stack.settings)
    workflow_id = starter.workflow_id(Kind.message, str(message.id))
    await starter.start(Kind.message, [str(message.id)])
    assert await stack.temporal.get_workflow_handle(workflow_id).result() == "sent"
    assert len(inbox.mails) == 1
    assert (await _message_to(stack, email)).attempts == 1


async def test_a_transient_failure_is_retried(stack: Stack, inbox: Inbox) -> None:
    inbox.data_replies = ["451 4.3.0 try again later", "250 OK"]
    email = await _request_reset(stack)
    message = await _settled(stack, email)

    assert len(inbox.mails) == 1
    assert message.delivery_status is DeliveryStatus.sent
    assert message.attempts == 2
    assert message.error == ""
    starter = DeliveryStarter(_client(stack), stack.settings)
    await stack.replay(starter.workflow_id(Kind.message, str(message.id)))


@pytest.mark.stack_settings(**{**FAST_RETRIES, "delivery_max_attempts": 2})
async def test_retries_run_out_and_the_message_fails(stack: Stack, inbox: Inbox) -> None:
    inbox.data_replies = ["451 4.3.0 try again later"]
    email = await _request_reset(stack)
    message = await _settled(stack, email)

    assert inbox.mails == []
    assert message.delivery_status is DeliveryStatus.failed
    assert message.attempts == 2
    assert message.sent_at is None
    assert "451" in message.error


async def test_a_refused_recipient_fails_at_once(stack: Stack, inbox: Inbox) -> None:
    inbox.refuse_recipients = True
    email = await _request_reset(stack)
    message = await _settled(stack, email)

    assert inbox.mails == []
    assert message.delivery_status is DeliveryStatus.failed
    assert message.attempts == 1
    assert "550" in message.error


async def test_sms_without_a_provider_stays_in_the_outbox(stack: Stack, inbox: Inbox) -> None:
    async with stack.sessionmaker() as db:
        sms = OutboundMessage(
            channel=Channel.sms, recipient="+14155550100", template="phone_verification",
            body="Your simdesk verification code is 123456.",
        )  # fmt: skip
        db.add(sms)
        await db.commit()
    starter = DeliveryStarter(_client(stack), stack.settings)
    await starter.start(Kind.message, [str(sms.id)])
    handle = stack.temporal.get_workflow_handle(starter.workflow_id(Kind.message, str(sms.id)))
    assert await handle.result() == "skipped"
    stored = await _message_to(stack, "+14155550100")
    assert stored.delivery_status is DeliveryStatus.skipped
    assert stored.sent_at is None
    assert stored.attempts == 0
    assert stored.error.startswith("no SMS provider configured")


async def test_the_sweep_starts_what_no_commit_started(stack: Stack, inbox: Inbox) -> None:
    # Written by a session without a dispatcher, as if the process died after its commit.
    async with stack.sessionmaker() as db:
        lost = OutboundMessage(
            channel=Channel.email, recipient="lost@example.org", template="registration_attempt",
            subject="Someone tried to register with your email", body="Hello,\n\nlost",
        )  # fmt: skip
        fresh = OutboundMessage(
            channel=Channel.email, recipient="fresh@example.org", template="registration_attempt",
            subject="Someone tried to register with your email", body="Hello,\n\nfresh",
        )  # fmt: skip
        db.add_all([lost, fresh])
        await db.flush()
        two_minutes_ago = datetime.now(UTC) - timedelta(minutes=2)
        await db.execute(
            update(OutboundMessage)
            .where(OutboundMessage.id == lost.id)
            .values(created_at=two_minutes_ago)
        )
        await db.commit()
    prefix = stack.settings.temporal_task_queue_prefix
    found = await stack.temporal.execute_workflow(
        MessageSweep.run,
        id=f"{prefix}message-sweep-test",
        task_queue=queues.qualified(prefix, queues.NOTIFICATIONS),
    )
    assert found == 1
    assert (await _settled(stack, "lost@example.org")).delivery_status is DeliveryStatus.sent
    assert [m["To"] for m in inbox.mails] == ["lost@example.org"]
    # Younger than a minute: its own commit is still starting it; the sweep leaves it.
    assert (await _message_to(stack, "fresh@example.org")).delivery_status is (
        DeliveryStatus.pending
    )
