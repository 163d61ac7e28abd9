"""Keeping Meilisearch current (services/search/sync.py explains how the two cooperate).

SearchSync, run every few seconds by the `search-sync` schedule: drains the outbox a batch at a
time (push the documents, then forget the changes), a bounded number of batches per run so its
history stays small; the next run carries on.

SearchReindex (`search-reindex`, one at a time): builds every index afresh beside the live one,
a page at a time, and swaps it in; searches keep being answered from the old index meanwhile.
Started and followed by `simdesk reindex`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from activities.search import FilledPage, FillPage, SearchActivities, SyncedChanges

from workflows.steps import STEP_RETRY

SYNC_SCHEDULE_ID = "search-sync"
SYNC_EVERY = timedelta(seconds=10)
REINDEX_ID = "search-reindex"
BATCH = 500
MAX_BATCHES_PER_RUN = 20
PAGE = 1000
# Meilisearch indexes a batch before answering: longer than a database step.
INDEXING_TIMEOUT = timedelta(minutes=2)
STEP: dict[str, Any] = {"start_to_close_timeout": INDEXING_TIMEOUT, "retry_policy": STEP_RETRY}


class ReindexProgress(BaseModel):
    type: str = ""
    indexed: int = 0
    done: dict[str, int] = {}


class ReindexResult(BaseModel):
    configured: bool
    indexed: dict[str, int] = {}


@workflow.defn
class SearchSync:
    @workflow.run
    async def run(self) -> int:
        """The number of changes drained (or cleared, without Meilisearch)."""
        drained = 0
        for _ in range(MAX_BATCHES_PER_RUN):
            synced: SyncedChanges = await workflow.execute_activity_method(
                SearchActivities.push_search_changes, BATCH, **STEP
            )
            if synced.cleared or synced.held or not synced.change_ids:
                return drained + synced.cleared
            drained += await workflow.execute_activity_method(
                SearchActivities.forget_search_changes, synced.change_ids, **STEP
            )
            if len(synced.change_ids) < BATCH:
                break
        return drained


@workflow.defn
class SearchReindex:
    def __init__(self) -> None:
        self._progress = ReindexProgress()

    @workflow.query
    def progress(self) -> ReindexProgress:
        return self._progress

    @workflow.run
    async def run(self) -> ReindexResult:
        names: list[str] = await workflow.execute_activity_method(
            SearchActivities.begin_search_reindex, **STEP
        )
        if not names:
            return ReindexResult(configured=False)
        try:
            for name in names:
                await self._rebuild(name)
        finally:
            await workflow.execute_activity_method(SearchActivities.end_search_reindex, **STEP)
        self._progress.type = ""
        return ReindexResult(configured=True, indexed=self._progress.done)

    async def _rebuild(self, name: str) -> None:
        self._progress.type, self._progress.indexed = name, 0
        await workflow.execute_activity_method(SearchActivities.prepare_search_index, name, **STEP)
        last_id: int | None = 0
        while last_id is not None:
            filled: FilledPage = await workflow.execute_activity_method(
                SearchActivities.fill_search_index,
                FillPage(type=name, after_id=last_id, size=PAGE),
                **STEP,
            )
            self._progress.indexed += filled.count
            last_id = filled.last_id
        # Once only: retrying a swap that went through would swap the old index back.
        await workflow.execute_activity_method(
            SearchActivities.swap_search_index,
            name,
            start_to_close_timeout=INDEXING_TIMEOUT,
            retry_policy=RetryPolicy(maximum_attempts=1),
        )
        self._progress.done[name] = self._progress.indexed
