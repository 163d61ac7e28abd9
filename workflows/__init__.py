"""Temporal workflow definitions: orchestration only, deterministic, no I/O.

Modules here must do nothing at import time: the workflow sandbox re-imports them."""
