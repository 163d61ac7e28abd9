"""A retried report generation resumes from its last heartbeat: the chunks it had stored are
kept, the rest are read, and every row lands in the file exactly once."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment

from activities.reports import ReportActivities
from core.settings import Settings
from integrations.storage import LocalStorage
from models import ReportFormat, ReportJob, ReportKind, ReportStatus
from models.session import create_engine, create_sessionmaker
from services.messaging.notifier import OutboxNotifier
from tests.factories import make_order, make_reseller, make_staff

TODAY = datetime.now(UTC).date()


async def test_a_retried_generation_resumes_after_its_last_heartbeat(
    settings: Settings,
    scratch_database_url: str,
    temporal_env: WorkflowEnvironment,
    tmp_path: Path,
) -> None:
    engine = create_engine(settings.model_copy(update={"database_url": scratch_database_url}))
    sessionmaker = create_sessionmaker(engine)
    async with sessionmaker() as db:
        reseller = await make_reseller(db)
        numbers = [(await make_order(db, reseller_id=reseller.id)).order_number for _ in range(5)]
        admin = await make_staff(db)
        job = ReportJob(
            kind=ReportKind.sales,
            format=ReportFormat.csv,
            params={
                "date_from": str(TODAY - timedelta(days=1)),
                "date_to": str(TODAY + timedelta(days=1)),
            },
            status=ReportStatus.running,
            requested_by_id=admin.id,
        )
        db.add(job)
        await db.commit()
    storage = LocalStorage(tmp_path)
    steps = ReportActivities(
        sessionmaker,
        storage,
        OutboxNotifier(),
        temporal_env.client,
        chunk_rows=2,
        base_url="http://testserver",
        link_secret="test-link-secret",
    )

    first_beats: list[Any] = []

    def lost_after_first_chunk(*details: Any) -> None:
        first_beats.append(details[0])
        raise RuntimeError("worker lost")

    first = ActivityEnvironment()
    first.on_heartbeat = lost_after_first_chunk
    with pytest.raises(RuntimeError, match="worker lost"):
        await first.run(steps.generate_report, job.id)
    (state,) = first_beats
    assert (state["rows"], state["total"], len(state["parts"])) == (2, 5, 1)

    retry_beats: list[Any] = []
    retry = ActivityEnvironment()
    retry.info = dataclasses.replace(retry.info, heartbeat_details=[state], attempt=2)
    retry.on_heartbeat = lambda *details: retry_beats.append(details[0])
    done = await retry.run(steps.generate_report, job.id)

    # Two more chunks (rows 3-4, then 5), not three from the start.
    assert [beat["rows"] for beat in retry_beats] == [4, 5]
    assert done.rows == 5
    content = b"".join([chunk async for chunk in await storage.open(done.storage_key)])
    lines = content.decode().splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == numbers
    # The parts were discarded once the file was made: only the report is left.
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [done.storage_key]
    async with sessionmaker() as db:
        recorded = await db.get(ReportJob, job.id)
        assert recorded is not None
        assert (recorded.progress_percent, recorded.rows_processed) == (99, 5)
    await engine.dispose()
