"""Domain errors. Services raise these; the API turns each into the standard error envelope
`{"error": {"code", "message", "details", "request_id"}}` with the status code given here."""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(
        self, message: str, *, details: Any = None, code: str | None = None, persist: bool = False
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        # True when the refusal is itself an outcome to keep (a lockout and its audit row).
        self.persist = persist
        if code is not None:
            self.code = code


class ValidationFailed(AppError):
    status_code = 422
    code = "validation_error"


class NotAuthenticated(AppError):
    status_code = 401
    code = "not_authenticated"


class PermissionDenied(AppError):
    status_code = 403
    code = "permission_denied"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class FileTooLarge(AppError):
    status_code = 413
    code = "file_too_large"


class UnsupportedFileType(AppError):
    status_code = 415
    code = "unsupported_file_type"


class RateLimited(AppError):
    status_code = 429
    code = "rate_limited"

    def __init__(
        self, message: str, *, retry_after: int, details: Any = None, persist: bool = False
    ) -> None:
        super().__init__(message, details=details, persist=persist)
        self.retry_after = retry_after


class ServiceUnavailable(AppError):
    status_code = 503
    code = "service_unavailable"


def readable(error: AppError) -> str:
    """The refusal with its field problems, as one line a person can act on (a failed job's
    reason, a bulk row's error)."""
    details = error.details if isinstance(error.details, list) else []
    problems = "; ".join(
        f"{d['field']}: {d.get('message', '')}"
        for d in details
        if isinstance(d, dict) and "field" in d
    )
    return f"{error.message} {problems}".strip()
