"""Follow-ups: reading a message in the light of the conversation before it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from retrieval.questions import follow_up_subject, is_question_word, refers_back
from retrieval.tokenizing import Token, Tokenizer

_PRONOUN = re.compile(
    r"\b(?:(?:this|that|the)\s+(?:programme|program|project|initiative|entity|organi[sz]ation|office)"
    r"|its|it|they|them|their|this|that)\b",
    re.IGNORECASE,
)
_POSSESSIVES = frozenset({"its", "their"})
_GAP = re.compile(r"[\s-]*(?:(?:of|on|for|and|the|de|in|against|to)\s+)*[\s-]*", re.IGNORECASE)
_BARE_SUBJECT_MAX_WORDS = 3


@dataclass(frozen=True)
class Conversation:
    """What a chat has asked so far, as far as follow-ups need it.

    Attributes:
        question: the last question as understood, or None before the first.
        shown: how many of its passages have been shown.
        updated: when the last message came, in Unix seconds.
    """

    question: str | None = None
    shown: int = 0
    updated: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """Plain data, for a store."""
        return {"question": self.question, "shown": self.shown, "updated": self.updated}

    @classmethod
    def from_json(cls, data: Any) -> Conversation:
        """Back from ``to_json``; anything malformed becomes a fresh conversation."""
        if not isinstance(data, dict):
            return cls()
        question, shown, updated = data.get("question"), data.get("shown"), data.get("updated")
        if not (question is None or isinstance(question, str)):
            return cls()
        if not isinstance(shown, int) or not isinstance(updated, (int, float)):
            return cls()
        return cls(question, max(shown, 0), float(updated))

    def current(self, now: float, idle_seconds: float) -> Conversation:
        """This conversation, or a fresh one if it has been idle too long."""
        return self if now - self.updated <= idle_seconds else Conversation()


def subject_span(
    question: str, tokenizer: Tokenizer, information: Callable[[Token], float]
) -> tuple[int, int] | None:
    """Where a question names its topic: the most informative run of topic words.

    "Which agencies run AIRCOP?" → "AIRCOP"; "what does interpol do with the world
    customs organization" → "world customs organization".
    """
    tokens = [t for t in tokenizer.tokens(question) if t.acronym or not is_question_word(t.surface)]
    if not tokens:
        return None
    best = max(range(len(tokens)), key=lambda i: (information(tokens[i]), i))
    if tokens[best].acronym:
        return tokens[best].start, tokens[best].end

    def joins(left: Token, right: Token, neighbour: Token) -> bool:
        # A name runs on over known words: "world customs organization", not "crimjust cover".
        gap = _GAP.fullmatch(question, left.end, right.start)
        return bool(gap) and not neighbour.acronym and information(neighbour) > 0

    first = last = best
    while first > 0 and joins(tokens[first - 1], tokens[first], tokens[first - 1]):
        first -= 1
    while last + 1 < len(tokens) and joins(tokens[last], tokens[last + 1], tokens[last + 1]):
        last += 1
    return tokens[first].start, tokens[last].end


def resolve(
    message: str,
    conversation: Conversation,
    tokenizer: Tokenizer,
    information: Callable[[Token], float],
    asked_about: Callable[[str], tuple[int, int] | None] = lambda question: None,
) -> str:
    """The question a message asks, once follow-ups are read against the previous question.

    "And CRIMJUST?" after "Which agencies run AIRCOP?" → "Which agencies run CRIMJUST?";
    "what are its goals?" after "what is AIRCOP?" → "what are AIRCOP's goals?". A message
    that stands on its own is returned as it is. ``asked_about`` may say where a question's
    subject is when its form tells ("which programmes is UNODC part of": UNODC); else the
    subject is its most informative words.
    """
    previous = conversation.question
    if previous is None:
        return message
    span = asked_about(previous) or subject_span(previous, tokenizer, information)
    subject = follow_up_subject(message)
    if subject is None and _is_bare_subject(message, tokenizer):
        subject = message.strip().rstrip("?!.").strip()
    if subject is not None and not _PRONOUN.fullmatch(subject):
        if span is None:
            return f"{previous.rstrip('?!. ')} {subject}"
        return previous[: span[0]] + subject + previous[span[1] :]
    if span is not None and refers_back(message) and not _names_something(message, tokenizer):
        name = re.sub(r"['’]s$", "", previous[span[0] : span[1]])
        return _PRONOUN.sub(
            lambda m: f"{name}'s" if m.group().casefold() in _POSSESSIVES else name,
            message,
            count=1,
        )
    return message


def _names_something(message: str, tokenizer: Tokenizer) -> bool:
    """Whether a message names a subject of its own: an acronym or a name the corpus uses."""
    return any(t.acronym or t.surface in tokenizer.protected for t in tokenizer.tokens(message))


def _is_bare_subject(message: str, tokenizer: Tokenizer) -> bool:
    """A message that is only a name, such as "CRIMJUST?" or "the World Bank"."""
    tokens = tokenizer.tokens(message, keep_stopwords=True)
    return 0 < len(tokens) <= _BARE_SUBJECT_MAX_WORDS and all(
        t.acronym or t.surface in tokenizer.protected for t in tokens
    )
