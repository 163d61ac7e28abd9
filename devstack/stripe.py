"""localstripe: a fake Stripe API at STRIPE_API_BASE, reused when its port already answers.

Verified with the real `stripe` SDK (16.x): `StripeClient(key, base_addresses={"api": base})` or
`stripe.api_base = base` both work; PaymentIntent create → confirm → capture succeeds.

Things about localstripe 1.15 to know:
- The secret key must start with `sk_` and be longer than 5 characters (anything else: 401);
  it is never checked otherwise, so `sk_test_simdesk_local` works.
- Its console script binds `::` (every interface, and fails where IPv6 is off) and keeps ALL
  state in the hard-coded /tmp/localstripe.pickle, shared by every instance on the machine.
  So we run it through `python -m devstack.stripe`, which binds the URL's host only and keeps the
  state in <data_dir>/localstripe-<port>.pickle (tests on another port never touch dev data).
- It rejects any parameter it does not model with 400 "Unexpected …": PaymentIntent.create takes
  only amount, currency, customer, payment_method, metadata, payment_method_types,
  capture_method, payment_method_options, confirm, off_session (no `description`,
  no `automatic_payment_methods`). `confirm` with a `payment_method` answers 500 "Not
  implemented": pass the payment method at create time.
- Test payment methods: `pm_card_visa` succeeds; `pm_card_chargeCustomerFail` is declined when
  charged (`pm_card_visa_chargeDeclined` is refused only when attached to a customer).
- Webhooks are sent only after `POST /_config/webhooks/<id>` with url and secret;
  `DELETE /_config/data` wipes all state.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from devstack.process import RunningService, port_answers, start_service

SETTING = "STRIPE_API_BASE"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / ".data"  # = DATA_DIR's default


def start_localstripe(api_base: str, *, data_dir: Path | None = None) -> RunningService:
    """Reuse or start localstripe at api_base; state and logs live under data_dir."""
    parts = urlsplit(api_base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 8420
    if port_answers(host, port):
        return RunningService("localstripe", api_base)
    data_dir = (data_dir or DEFAULT_DATA_DIR).resolve()
    state = data_dir / f"localstripe-{port}.pickle"
    argv = [sys.executable, "-m", "devstack.stripe", "--host", host, "--port", str(port)]
    return start_service(
        "localstripe",
        api_base,
        [*argv, "--state", str(state)],
        host=host,
        port=port,
        setting=SETTING,
        log_dir=data_dir / "logs",
        cwd=Path(__file__).resolve().parent.parent,  # so `-m devstack.stripe` resolves
    )


def deliver_webhooks_to(api_base: str, url: str, secret: str) -> None:
    """Have localstripe send its events, signed with `secret`, to our webhook endpoint."""
    import httpx

    response = httpx.post(
        f"{api_base.rstrip('/')}/_config/webhooks/simdesk",
        data={"url": url, "secret": secret},
        timeout=5,
    )
    response.raise_for_status()


def _serve(host: str, port: int, state: Path) -> None:
    """Run localstripe's aiohttp app on host:port with its state in `state`."""
    import logging
    import pickle

    from aiohttp import web
    from localstripe import resources, server

    def load(store: resources.Store) -> None:
        if state.exists():
            store.clear()
            # our own file, written by dump() below: not untrusted input
            store.update(pickle.loads(state.read_bytes()))  # noqa: S301

    def dump(store: resources.Store) -> None:
        # write-then-rename: a stop in the middle of a dump must not lose the whole store
        tmp = state.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(dict(store), protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(state)

    resources.Store.try_load_from_disk = load
    resources.Store.dump_to_disk = dump
    state.parent.mkdir(parents=True, exist_ok=True)
    resources.store.try_load_from_disk()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    web.run_app(server.app, host=host, port=port, access_log=logging.getLogger("aiohttp.access"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="localstripe bound to one address")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument("--state", type=Path, required=True)
    args = parser.parse_args()
    _serve(args.host, args.port, args.state)
