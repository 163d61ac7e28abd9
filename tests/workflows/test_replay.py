"""Recorded workflow histories replay on the current code: a change that would make a running
workflow decide differently fails here, and must be guarded with `workflow.patched()`.

histories/<workflow type>.json holds one short happy path per long-running workflow, recorded
by the end-to-end test that calls `Stack.replay` on it (test_order_fulfilment, test_refund,
test_reports, test_reseller_onboarding, test_email_campaigns, test_bulk_jobs,
test_message_delivery, test_outgoing_webhooks). Record fresh ones with
`RECORD_HISTORIES=1 pytest <those tests>`; a recording replaces its type's file."""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory

from tests.workflows.conftest import HISTORIES, REPLAYER


@pytest.mark.parametrize("path", sorted(HISTORIES.glob("*.json")), ids=lambda p: p.stem)
async def test_recorded_history_replays(path: Path) -> None:
    history = WorkflowHistory.from_json(path.stem, path.read_text())
    result = await REPLAYER.replay_workflow(history, raise_on_replay_failure=False)
    assert result.replay_failure is None, result.replay_failure
