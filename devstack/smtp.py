"""A catch-all SMTP server that writes every message it receives to <maildir>/<time>-<id>.eml.

Nothing is relayed: during `make run` people open the .eml files (any mail client or a text
editor), and tests read them back with `read_messages`.
"""

from __future__ import annotations

import argparse
import asyncio
import email
import email.policy
import signal
import sys
import time
import uuid
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from devstack.process import RunningService, format_address, port_answers, start_service

SETTING = "SMTP_HOST/SMTP_PORT"


def start_smtp_sink(
    host: str, port: int, maildir: Path, *, log_dir: Path | None = None
) -> RunningService:
    """Reuse whatever answers on host:port, else start the sink (logs: maildir's dir/logs)."""
    url = f"smtp://{format_address(host, port)}"
    if port_answers(host, port):
        return RunningService("smtp", url)
    maildir = maildir.resolve()
    maildir.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "devstack.smtp", "--host", host, "--port", str(port)]
    return start_service(
        "smtp",
        url,
        [*argv, "--maildir", str(maildir)],
        host=host,
        port=port,
        setting=SETTING,
        log_dir=log_dir or maildir.parent / "logs",
        cwd=Path(__file__).resolve().parent.parent,  # so `-m devstack.smtp` resolves
    )


def read_messages(maildir: Path) -> list[EmailMessage]:
    """Every stored message, oldest first."""
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(maildir.glob("*.eml"))
    ]


class _SaveToMaildir:
    """aiosmtpd handler: accept any recipient, store the raw message."""

    def __init__(self, maildir: Path) -> None:
        self.maildir = maildir

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
        header = (
            f"X-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        tmp = self.maildir / f".{name}.tmp"
        tmp.write_bytes(header + envelope.original_content)
        tmp.replace(self.maildir / name)  # readers never see half a message
        print(f"stored {name}: {envelope.mail_from} -> {', '.join(envelope.rcpt_tos)}", flush=True)
        return "250 Message accepted for delivery"


async def _serve(host: str, port: int, maildir: Path) -> None:
    from aiosmtpd.smtp import SMTP

    handler = _SaveToMaildir(maildir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="simdesk-smtp-sink", enable_SMTPUTF8=True), host, port
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"smtp sink on {format_address(host, port)}, storing into {maildir}", flush=True)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="store every SMTP message as a .eml file")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--maildir", type=Path, required=True)
    args = parser.parse_args()
    args.maildir.mkdir(parents=True, exist_ok=True)
    asyncio.run(_serve(args.host, args.port, args.maildir))
