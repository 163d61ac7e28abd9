"""Cross-cutting primitives: settings, logging, errors, security helpers."""
