"""Message templates by name. Variables are `{name}` placeholders; a missing one is an error
at render time, never a message sent with a hole in it."""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter


@dataclass(frozen=True)
class Template:
    subject: str
    body: str

    def variables(self) -> set[str]:
        return {
            name
            for text in (self.subject, self.body)
            for _, name, _, _ in Formatter().parse(text)
            if name
        }

    def render(self, context: dict[str, str]) -> tuple[str, str]:
        missing = self.variables() - context.keys()
        if missing:
            raise KeyError(f"template variables missing: {', '.join(sorted(missing))}")
        return self.subject.format_map(context), self.body.format_map(context)


EMAIL: dict[str, Template] = {
    "password_reset": Template(
        "Reset your simdesk password",
        "Hello {name},\n\nSomeone asked to reset the password of your simdesk account. If it was "
        "you, open this link within an hour:\n\n{link}\n\nIf it was not you, ignore this email: "
        "your password stays as it is.",
    ),
    "email_verification": Template(
        "Confirm your email address",
        "Hello {name},\n\nWelcome to simdesk. Confirm your email address by opening this link "
        "within 24 hours:\n\n{link}",
    ),
    "registration_attempt": Template(
        "Someone tried to register with your email",
        "Hello,\n\nSomeone tried to create a simdesk account with this email address, which "
        "already has one. If it was you, log in or reset your password instead. Otherwise you "
        "can ignore this email.",
    ),
    "registration_phone_taken": Template(
        "We could not finish your registration",
        "Hello {name},\n\nThe phone number you gave is already registered to another account. "
        "Contact support if it is yours.",
    ),
}

SMS: dict[str, Template] = {
    "phone_verification": Template(
        "", "Your simdesk verification code is {code}. It expires in 10 minutes."
    ),
}
