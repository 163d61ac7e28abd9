"""What a search text means, the same for every engine and every list: words are runs of
letters and digits (everything else separates them, as in the indexed columns), each word
matches as a prefix, all words must match. Only letters and digits ever reach a tsquery, so
no metacharacter (& | ! ( ) : * ' \\ %) can change its meaning."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from core.errors import ValidationFailed

MAX_QUERY_LENGTH = 200
# Bounds the work one query can ask for, however it is written.
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
# Shorter texts match every row by substring and cannot use a trigram index.
MIN_SUBSTRING_LENGTH = 3
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchText:
    raw: str
    words: tuple[str, ...]
    # Per word, the known words it may be a typo of (an engine's corrections; none by default).
    corrections: tuple[tuple[str, ...], ...] = ()

    @property
    def needle(self) -> str:
        """The whole text, lower-cased: compared with identifiers and searched as a substring."""
        return self.raw.strip().lower()

    @property
    def tsquery(self) -> str:
        """`to_tsquery('simple', …)` input: every word a prefix, all required; a word with
        corrections matches as itself or as any of them (whole known words: exactly)."""
        if not self.corrections:
            return " & ".join(f"{word}:*" for word in self.words)
        return " & ".join(
            "(" + " | ".join((f"{word}:*", *alternatives)) + ")"
            for word, alternatives in zip(self.words, self.corrections, strict=True)
        )

    @property
    def marked(self) -> tuple[str, ...]:
        """The words a hit highlights: those typed and what they were corrected to."""
        return self.words + tuple(w for alternatives in self.corrections for w in alternatives)


def words_of(raw: str) -> tuple[str, ...]:
    found = _WORD.findall(raw[:MAX_QUERY_LENGTH].lower())
    return tuple(dict.fromkeys(w[:MAX_WORD_LENGTH] for w in found))[:MAX_WORDS]


def parse(raw: str, field: str = "query.q") -> SearchText:
    """A search box's text, refused (422) when too long or without a single word."""
    if len(raw) > MAX_QUERY_LENGTH:
        raise ValidationFailed(
            f"A search is at most {MAX_QUERY_LENGTH} characters.",
            details=[{"field": field, "message": f"at most {MAX_QUERY_LENGTH} characters"}],
        )
    words = words_of(raw)
    if not words:
        raise ValidationFailed(
            "Search for at least one letter or digit.",
            details=[{"field": field, "message": "needs at least one letter or digit"}],
        )
    return SearchText(raw=raw, words=words)


def highlight(value: str, words: tuple[str, ...]) -> str | None:
    """`value` HTML-escaped, with every word starting with a searched word in <mark>; None when
    nothing in it matched. Escaped first so a highlighted name can never inject markup."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])({alternatives})", re.IGNORECASE)
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(value):
        parts.append(html.escape(value[position : match.start()]))
        parts.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    if not parts:
        return None
    parts.append(html.escape(value[position:]))
    return "".join(parts)
