"""Acronyms and their long names: mined from "Long Name (ACRONYM)" and read from a data file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from corpus.errors import DocumentError
from corpus.metadata import YAML_FAILURES, yaml_problem

# The parenthesis must hold one word with at least two capitals: "(UNODC)", "(UNOIOS)", "(CTED)".
_DEFINITION = re.compile(r"\(([^\W\d_][\w&-]{1,11})\)")
# "Teacher Coaching for Early Grades, or TCEG": the acronym after "or", spelled by the name.
_OR_DEFINITION = re.compile(r",?\s+or\s+([A-Z][A-Z&-]{1,11})\b(?!\s+[A-Z])")
_WINDOW_STOP = re.compile(r"[()\[\].;:!?\n]")
_NULLS = frozenset({"~", "null", "Null", "NULL"})


def is_acronym(word: str) -> bool:
    """Written like an acronym: at least two letters, all capitals ("UNODC", "UN", "CITES";
    not "G20" or "A")."""
    return word.isupper() and sum(ch.isalpha() for ch in word) >= 2


def _long_form(short: str, candidate: str) -> str | None:
    """Schwartz and Hearst's shortest long form in ``candidate`` that spells ``short``.

    Every letter of the acronym must appear in order, and its first letter must
    start a word of the long form.
    """
    s, position = len(short) - 1, len(candidate) - 1
    while s >= 0:
        char = short[s].casefold()
        if not char.isalnum():
            s -= 1
            continue
        while position >= 0 and (
            candidate[position].casefold() != char
            or (s == 0 and position > 0 and candidate[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return None
        position -= 1
        s -= 1
    start = candidate.rfind(" ", 0, position + 1) + 1
    long = candidate[start:].strip(" ,")
    return long if len(long) > len(short) and " " in long else None


def mine(text: str) -> list[tuple[str, str]]:
    """``(ACRONYM, Long Name)`` pairs defined in ``text`` as "Long Name (ACRONYM)", or as "Long
    Name, or ACRONYM"."""
    pairs: list[tuple[str, str]] = []
    for match in (*_DEFINITION.finditer(text), *_OR_DEFINITION.finditer(text)):
        short = match.group(1)
        if not is_acronym(short):
            continue
        before = text[: match.start()].rstrip()
        stops = list(_WINDOW_STOP.finditer(before))
        window = before[stops[-1].end() :] if stops else before
        words = window.split()
        window = " ".join(words[-min(len(short) + 5, 2 * len(short)) :])
        long = _long_form(short, window)
        if long is not None:
            pairs.append((short, _whole_name(window, long)))
    return pairs


# Small words that join the words of a name: "Foundation for Administration and Public Policies".
_JOINING = frozenset("and of for on in to the &".split())


def _whole_name(window: str, long: str) -> str:
    """A long form that starts with a small word, as the shortest one may ("for
    Administration and Public Policies" for FIIAPP), taken back to where its name starts:
    "International and Ibero-American Foundation for Administration and Public Policies"."""
    if long.split()[0] not in _JOINING or not window.endswith(long):
        return long
    words = window[: len(window) - len(long)].split()
    start = len(words)
    while start > 0 and (words[start - 1][:1].isupper() or words[start - 1] in _JOINING):
        start -= 1
    while start < len(words) and words[start] in _JOINING:
        start += 1  # a name starts with a word of its own, not "the"
    if start == len(words):
        return long
    return " ".join([*words[start:], long])


def read_overrides(path: Path) -> dict[str, str | None]:
    """The maintainers' pairs: ``ACRONYM: Long Name``, or ``ACRONYM: null`` to drop a mined pair."""
    if not path.is_file():
        return {}
    try:
        # BaseLoader keeps every key a string: "NO" and "ON" are acronyms here, not booleans.
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except (OSError, UnicodeDecodeError) as error:
        raise DocumentError(path, f"cannot read acronyms: {error}") from None
    except YAML_FAILURES as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DocumentError(path, f"bad acronyms file: {yaml_problem(error)}", line) from None
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise DocumentError(path, "the acronyms file must map ACRONYM: Long Name")
    overrides: dict[str, str | None] = {}
    for short, long in raw.items():
        if not isinstance(short, str) or not any(ch.isalpha() for ch in short):
            raise DocumentError(path, f"bad acronym {short!r}: it must be a word")
        if not isinstance(long, str) or not any(ch.isalpha() for ch in long):
            raise DocumentError(path, f"acronym {short!r}: its long name must be text or null")
        overrides[short.strip()] = None if long.strip() in _NULLS else long.strip()
    return overrides


def definitions(texts: Iterable[str]) -> list[tuple[str, str]]:
    """Every ``(ACRONYM, Long Name)`` pair that ``texts`` define, in order."""
    return [pair for text in texts for pair in mine(text)]


# A long name as pages write it in full: capitalized words with the small words and commas
# inside names ("Global Fund to Fight AIDS, Tuberculosis and Malaria"), three words or more.
LONG_NAME = r"[A-Z][\w'’-]*(?:,?\s+(?:(?:to|of|for|on|and|the|against|&)\s+)*[A-Z][\w'’-]*){2,}"
# Another name a text gives an acronym right after defining it, as a translation or alias: "Red
# Andina de Observación de Glaciares y Nieve (ROGLAN), or Andean Glacier and Snow Observation
# Network", "Programa Andino de Semilla de Papa de Calidad (SEMPAPA) – Andean Quality Seed
# Potato Programme", "also known as", "in English": a long name.
_ALIAS = re.compile(
    r"\(([^\W\d_][\w&-]{1,11})\)(?:,?\s+(?:or|also\s+known\s+as|in\s+English)|\s+[–—])\s+"
    rf"(?:the\s+)?({LONG_NAME})"
)


def aliases(texts: Iterable[str]) -> list[tuple[str, str]]:
    """Every ``(ACRONYM, Other Name)`` pair that ``texts`` give (``_ALIAS``), in order."""
    return [
        (found.group(1), found.group(2))
        for text in texts
        if "(" in text
        for found in _ALIAS.finditer(text)
        if is_acronym(found.group(1))
    ]


def table_of(
    defined: Iterable[tuple[str, str]], overrides: Mapping[str, str | None]
) -> dict[str, str]:
    """ACRONYM → Long Name: ``defined`` pairs (first definition wins), then the overrides on
    top."""
    table: dict[str, str] = {}
    for short, long in defined:
        table.setdefault(short, long)
    for short, long in overrides.items():
        if long is None:
            table.pop(short, None)
        else:
            table[short] = long
    return table


def acronym_table(texts: Iterable[str], overrides: Mapping[str, str | None]) -> dict[str, str]:
    """ACRONYM → Long Name: mined pairs (first definition wins), then the overrides on top."""
    return table_of(definitions(texts), overrides)
