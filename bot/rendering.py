"""Answers as plain text for a terminal, and as JSON."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

from retrieval.answering import Answer

NO_ANSWER = "I can't find that in the corpus."
WIDTH = 100


def nearest_line(nearest: Sequence[str]) -> str:
    """Where the corpus comes nearest to a question it does not cover."""
    if not nearest:
        return "Nothing in the corpus comes near it."
    listed = "; ".join(f"“{citation}”" for citation in nearest)
    return f"The nearest it comes: {listed}."


def reread(answer: Answer) -> bool:
    """Whether the question was read as something other than what was typed: a typo corrected
    or a follow-up resolved, not merely an acronym spelled out (that has its own line)."""
    understood = answer.understood
    for expansion in answer.expansions:
        understood = understood.replace(f" ({expansion.long})", "").replace(
            f" ({expansion.short})", ""
        )
    return " ".join(understood.split()) != " ".join(answer.question.split())


def understood_line(answer: Answer) -> str | None:
    """How the question was read, when that differs from how it was typed."""
    return f"Understood as: {answer.understood}" if reread(answer) else None


def render_text(answer: Answer) -> str:
    """A readable reply: the answer line, the passages, then their sources."""
    lines: list[str] = []
    if answer.note:
        lines.append(answer.note)
    elif answer.no_answer:
        lines += [NO_ANSWER, nearest_line(answer.nearest)]
    if answer.direct:
        lines += [answer.direct, ""]
    for hit in answer.hits:
        # A table's row says what its numbers are only under its column headings.
        headings = hit.passage.column_headings
        text = f"({headings}) {hit.passage.text}" if headings else hit.passage.text
        body = textwrap.fill(text, WIDTH, initial_indent=f"[{hit.rank}] ", subsequent_indent="    ")
        lines += [body, f"    — {hit.passage.citation}", ""]
    notes = [understood_line(answer)]
    notes += [f"Acronym: {expansion}" for expansion in answer.expansions]
    lines += [note for note in notes if note]
    if answer.hits:
        lines += ["", "Sources:", *answer.citations]
    return "\n".join(lines).strip()


def answer_to_json(answer: Answer) -> dict[str, Any]:
    """The ``qabot ask --json`` object."""
    return {
        "question": answer.question,
        "understood": answer.understood,
        "answer": answer.direct,
        # What the answer line names: the organisations of a who-answer, or the programmes of
        # "what does A take part in".
        "answer_names": list(answer.named),
        "no_answer": answer.no_answer,
        "passages": [
            {
                "rank": hit.rank,
                "id": hit.passage.id,
                "text": hit.passage.text,
                "score": round(hit.score, 6),
                "document": hit.passage.doc_id,
                "title": hit.passage.title,
                "section": hit.passage.section,
                "url": hit.passage.url,
                "citation": hit.citation,
                "best_sentence": hit.best_sentence,
                "matched_terms": list(hit.matched_terms),
                "lead_in": hit.passage.lead_in,
            }
            for hit in answer.hits
        ],
        "expansions": [str(expansion) for expansion in answer.expansions],
        "corrections": [{"typed": c.typed, "corrected": c.corrected} for c in answer.corrections],
        "note": answer.note
        or (f"{NO_ANSWER} {nearest_line(answer.nearest)}" if answer.no_answer else None),
    }


# Line breaks that JSON leaves raw but str.splitlines() and some readers split on.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def json_line(data: dict[str, Any]) -> str:
    """One JSON object on one line, whatever line-breaking characters its text holds."""
    line = json.dumps(data, ensure_ascii=False)
    # Looking is quicker than translating, and most answers hold none of them.
    if "\u2028" in line or "\u2029" in line or "\x85" in line:
        line = line.translate(_LINE_BREAKS)
    return line


def error_to_json(question: str, message: str) -> dict[str, Any]:
    """The JSON line for a question that could not be asked."""
    return {
        "question": question,
        "understood": None,
        "answer": None,
        "no_answer": True,
        "passages": [],
        "error": message,
    }
