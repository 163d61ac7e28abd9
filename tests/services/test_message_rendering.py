"""Message templates render with Jinja2 in a sandbox: conditionals and filters work, a missing
variable is an error even in a branch not taken, and Python internals stay out of reach."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError

from services.messaging import rendering
from services.messaging.templates import EMAIL, Template


def test_a_template_renders_conditionals_and_filters() -> None:
    template = Template(
        "{% if total %}Order {{ order_number }}{% else %}Free order{% endif %}",
        "Hello {{ name | title }},\n{% if total %}{{ total }} {{ currency }}{% endif %}\n",
    )
    paid = {"order_number": "ORD-1", "name": "ada lovelace", "total": "5.00", "currency": "EUR"}
    assert template.render(paid) == ("Order ORD-1", "Hello Ada Lovelace,\n5.00 EUR\n")
    assert template.render({**paid, "total": ""}) == ("Free order", "Hello Ada Lovelace,\n\n")


def test_a_missing_variable_is_an_error_even_in_a_branch_not_taken() -> None:
    template = Template("Hi", "{% if name %}{{ name }}{% else %}{{ link }}{% endif %}")
    with pytest.raises(rendering.RenderFailed, match="template variables missing: link"):
        template.render({"name": "Ada"})
    with pytest.raises(rendering.RenderFailed, match="missing: link, name"):
        EMAIL["password_reset"].render({})


def test_a_subject_stays_one_line() -> None:
    assert EMAIL["password_reset"].render({"name": "x", "link": "y"})[0] == (
        "Reset your simdesk password"
    )
    assert rendering.render_subject("For {{ name }}", {"name": "Ada\r\nBcc: x"}) == "For Ada Bcc: x"


@pytest.mark.parametrize(
    "text",
    [
        "{{ name.__class__.__mro__ }}",
        "{{ name | attr('__class__') }}",
        "{{ name.__init__.__globals__ }}",
        "{{ name.__len__() }}",
    ],
)
def test_the_sandbox_keeps_python_internals_out_of_reach(text: str) -> None:
    with pytest.raises(rendering.RenderFailed) as failed:
        rendering.render(text, {"name": "Ada"})
    assert isinstance(failed.value.__cause__, SecurityError)


def test_a_template_sees_no_globals() -> None:
    assert rendering.variables("{{ range(3) }} {{ lipsum() }} {{ name }}") == {
        "range",
        "lipsum",
        "name",
    }
    with pytest.raises(rendering.RenderFailed, match="'range' is undefined"):
        rendering.render("{{ range(3) }}", {})


def test_problems_name_the_line_of_a_syntax_error() -> None:
    sample = {"name": "Ada"}
    assert rendering.problems("body.body", "Hi\n\n{{ name }", sample) == [
        {"field": "body.body", "message": "line 3: unexpected '}'", "type": "syntax_error"}
    ]
    assert rendering.problems("body.body", "{% if name %}{{ name }}{% endif %}", sample) == []
