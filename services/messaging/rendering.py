"""Jinja2 rendering of message text, ours or written by staff (template overrides, custom
emails): `{{ name }}` inserts a variable, filters and `{% if %}` shape it. Staff text runs in an
immutable sandbox, so it can read its variables but never reach Python internals; a variable
without a value is an error, never a message sent with a hole in it. Subjects and bodies are
plain text: nothing is HTML-escaped."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, meta
from jinja2 import Template as Compiled
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

_ENV = ImmutableSandboxedEnvironment(
    undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
)
# A template sees its own variables and nothing else: no range(), lipsum(), cycler...
_ENV.globals.clear()


class RenderFailed(Exception):
    """The text cannot be rendered with these values."""


@lru_cache(maxsize=512)
def _compiled(text: str) -> Compiled:
    return _ENV.from_string(text)


@lru_cache(maxsize=512)
def variables(text: str) -> frozenset[str]:
    """The variables the text reads; it must parse."""
    return frozenset(meta.find_undeclared_variables(_ENV.parse(text)))


def render(text: str, context: Mapping[str, str]) -> str:
    try:
        return _compiled(text).render(context)
    # A filter applied to the wrong value fails with whatever Python raises.
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        line = _template_line(exc)
        raise RenderFailed(f"line {line}: {exc}" if line else str(exc)) from exc


def render_subject(text: str, context: Mapping[str, str]) -> str:
    # A value with a line break (a name, say) must not break the subject header in two.
    return " ".join(render(text, context).splitlines())


def problems(field: str, text: str, sample: Mapping[str, str]) -> list[dict[str, str]]:
    """What is wrong with text written by staff, as error details of `field`: a syntax error
    (with its line), a variable other than the sample's, or a failure to render the sample
    values (an attribute the sandbox refuses, a filter that does not fit the value)."""
    try:
        used = variables(text)
        _compiled(text)  # compiling finds what parsing does not, such as an unknown filter
    except TemplateSyntaxError as exc:
        message = f"line {exc.lineno}: {exc.message or 'invalid syntax'}"
        return [{"field": field, "message": message, "type": "syntax_error"}]
    unknown = sorted(used - sample.keys())
    if unknown:
        message = (
            f"unknown variable(s): {', '.join(unknown)}; "
            f"allowed: {', '.join(sorted(sample)) or 'none'}"
        )
        return [{"field": field, "message": message, "type": "unknown_variable"}]
    try:
        render(text, sample)
    except RenderFailed as exc:
        unsafe = isinstance(exc.__cause__, SecurityError)
        return [
            {
                "field": field,
                "message": f"{'not allowed' if unsafe else 'does not render'}: {exc}",
                "type": "unsafe" if unsafe else "render_error",
            }
        ]
    return []


def _template_line(exc: BaseException) -> int | None:
    """The template line a render error came from (Jinja2 adds it to the traceback)."""
    line, frame = None, exc.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename == "<template>":
            line = frame.tb_lineno
        frame = frame.tb_next
    return line
