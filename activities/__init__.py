"""Temporal activities: thin, idempotent wrappers that call domain services and integrations.

Each is a method of a class built with its clients, so tests hand in real local clients
instead of patching module paths."""
