"""Documents into passages: one per paragraph or list item, long ones cut at sentences."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from corpus.cleaning import collapse_whitespace, leading_repeat_end
from corpus.errors import require
from corpus.furniture import is_furniture
from corpus.models import BlockKind, Document, Passage
from corpus.sentences import sentence_spans


@dataclass(frozen=True)
class SplitSettings:
    """How documents become passages.

    Attributes:
        max_chars: a paragraph longer than this is cut at sentence boundaries into
            pieces of about equal length, none longer than this.
    """

    max_chars: int = 700

    def __post_init__(self) -> None:
        require(self.max_chars >= 80, "max_chars", "must be 80 or more")


def _hard_cut(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """Cut a run with no usable sentence boundary at spaces, or anywhere if it has none."""
    while end - start > max_chars:
        space = text.rfind(" ", start + 1, start + max_chars + 1)
        cut = space if space > start else start + max_chars
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def cut_spans(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` no longer than ``max_chars``, cut between sentences."""
    if end - start <= max_chars:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    for a, b in sentence_spans(text[start:end]):
        pieces.extend(_hard_cut(text, start + a, start + b, max_chars))
    target = (end - start) / math.ceil((end - start) / max_chars)
    spans: list[tuple[int, int]] = []
    for a, b in pieces:
        if spans and b - spans[-1][0] <= max_chars and spans[-1][1] - spans[-1][0] < target:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def passage_id(doc_id: str, section: str, text: str, taken: set[str]) -> str:
    """A stable id: it changes only when the passage's own section or text changes."""
    digest = hashlib.blake2b(f"{section}\x1f{text}".encode(), digest_size=4).hexdigest()
    candidate, number = f"{doc_id}:{digest}", 1
    while candidate in taken:
        number += 1
        candidate = f"{doc_id}:{digest}-{number}"
    taken.add(candidate)
    return candidate


def _repeats_title(text: str, title: str) -> bool:
    """Whether a block only says its page's title again, with or without an acronym:
    "Central African Forest Initiative (CAFI)" on that initiative's page."""
    if len(text) > 2 * len(title) + 20:
        return False  # most blocks are far longer than their title, and need no closer look
    bare = collapse_whitespace(re.sub(r"\([^()]*\)", " ", text)).casefold()
    return bool(bare) and bare == collapse_whitespace(title).casefold()


def split_document(document: Document, settings: SplitSettings) -> list[Passage]:
    """The passages of one document, in reading order, without exact repeats, without blocks
    that only repeat its title, and without its furniture: blocks of the web's chrome, and
    sections under a heading of it."""
    meta = document.meta
    section = meta.title
    passages: list[Passage] = []
    taken: set[str] = set()
    seen_texts: set[str] = set()
    # The level of a heading of furniture ("Related content") whose section is being left
    # out, until a heading as high comes.
    furniture_level: int | None = None
    for block in document.blocks:
        if block.kind is BlockKind.TITLE:
            continue
        if block.kind is BlockKind.HEADING:
            if furniture_level is not None and block.level > furniture_level:
                continue
            section = collapse_whitespace(document.block_text(block))
            furniture_level = block.level if is_furniture(section) else None
            continue
        text = document.block_text(block)
        if furniture_level is not None or is_furniture(text) or _repeats_title(text, meta.title):
            continue
        start = block.start + leading_repeat_end(text)
        for a, b in cut_spans(document.text, start, block.end, settings.max_chars):
            text = collapse_whitespace(document.text[a:b])
            if not text or text in seen_texts:
                continue
            seen_texts.add(text)
            passages.append(
                Passage(
                    id=passage_id(meta.id, section, text, taken),
                    doc_id=meta.id,
                    title=meta.title,
                    url=meta.url,
                    section=section,
                    text=text,
                    start=a,
                    end=b,
                    kind=block.kind,
                    lead_in=block.lead_in,
                )
            )
    return passages


def split_corpus(documents: Iterable[Document], settings: SplitSettings) -> list[Passage]:
    """The passages of every document, document by document."""
    return [p for document in documents for p in split_document(document, settings)]
