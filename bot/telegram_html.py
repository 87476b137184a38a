"""Answers as Telegram HTML messages, within Telegram's limits.

Telegram allows 4096 characters (UTF-16 code units, counted after the markup is parsed) and
100 entities per message. An answer that would pass either loses passages from the end, and then
its last passage is cut at a sentence. Every piece of corpus and user text is escaped, and an
``@name`` gets an invisible word joiner so that it never mentions anyone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from bot.rendering import NO_ANSWER, covered_line, reread
from corpus.models import BlockKind, Passage
from corpus.sentences import sentence_spans
from retrieval.answering import Answer, Hit

MAX_CHARS = 4096
MAX_ENTITIES = 100
_TAG = re.compile(r"<[^>]*>")
_OPENING_TAG = re.compile(r"<(?!/)[^>]*>")
# Text that Telegram turns into an entity on its own: links, mentions, hashtags, commands.
_AUTO_ENTITY = re.compile(
    r"https?://\S+|\bwww\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w@#$/])[@#$/][^\W\d]\w*"
)
_MENTION = re.compile(r"@(?=\w)")
_WORD_JOINER = "\u2060"


def escape(text: str) -> str:
    """Text made safe for Telegram HTML: markup escaped, mentions defused."""
    return html.escape(_MENTION.sub("@" + _WORD_JOINER, text), quote=False)


def visible_length(markup: str) -> int:
    """The length Telegram counts: the text without tags, in UTF-16 code units."""
    text = html.unescape(_TAG.sub("", markup))
    return len(text.encode("utf-16-le")) // 2


def entity_count(markup: str) -> int:
    """How many entities the message will have: its tags, and what Telegram detects itself."""
    text = html.unescape(_TAG.sub("", markup))
    return len(_OPENING_TAG.findall(markup)) + len(_AUTO_ENTITY.findall(text))


def fits(markup: str) -> bool:
    """Whether a message is within Telegram's limits."""
    return visible_length(markup) <= MAX_CHARS and entity_count(markup) <= MAX_ENTITIES


def link(text: str, url: str) -> str:
    """A link, or the plain text when there is no URL."""
    if not url:
        return escape(text)
    return f'<a href="{html.escape(url, quote=True)}">{escape(text)}</a>'


def _marked(text: str, bold: tuple[int, int], italics: Sequence[tuple[int, int]]) -> str:
    """``text`` with one bold span and italic spans inside or outside it, properly nested."""
    marks: list[tuple[int, int, str]] = []
    for start, end in italics:
        if end <= bold[0] or start >= bold[1] or bold[0] <= start < end <= bold[1]:
            marks.append((start, end, "i"))
    if bold[1] > bold[0]:
        marks.append((bold[0], bold[1], "b"))
    # At a shared position, closing comes before opening, and the bold opens first.
    events = sorted(
        [(start, 1, 0 if tag == "b" else 1, tag) for start, end, tag in marks]
        + [(end, 0, 1 if tag == "b" else 0, tag) for start, end, tag in marks]
    )
    out: list[str] = []
    position = 0
    for at, opening, _, tag in events:
        out.append(escape(text[position:at]))
        out.append(f"<{tag}>" if opening else f"</{tag}>")
        position = at
    out.append(escape(text[position:]))
    return "".join(out)


def hit_html(hit: Hit, limit: int | None = None) -> str:
    """One passage: best sentence in bold, matched words in italics, then its citation.

    With ``limit``, the passage is cut after the last whole sentence within that many
    characters, or at ``limit`` if even its first sentence is longer.
    """
    text = hit.passage.text
    cut = len(text)
    if limit is not None and limit < len(text):
        ends = [end for _, end in sentence_spans(text) if end <= limit]
        cut = max(ends) if ends else limit
    bold = (min(hit.best_span[0], cut), min(hit.best_span[1], cut))
    italics = [(a, b) for a, b in hit.highlights if b <= cut]
    body = _marked(text[:cut], bold, italics) + (" …" if cut < len(text) else "")
    return f"[{hit.rank}] {body}\n— {link(hit.passage.citation, hit.passage.url)}"


def _notes(answer: Answer) -> list[str]:
    notes = [f"<i>{escape(str(expansion))}</i>" for expansion in answer.expansions]
    if reread(answer):
        notes.append(f"<i>Read as: {escape(answer.understood)}</i>")
    return notes


def answer_html(answer: Answer) -> str:
    """The reply to a question: the answer line, the passages, then the notes."""
    if answer.note:
        return escape(answer.note)
    if answer.no_answer:
        return f"{escape(NO_ANSWER)}\n{escape(covered_line(answer.covered))}"
    head = [f"<b>{escape(answer.direct)}</b>"] if answer.direct else []
    notes = _notes(answer)

    def message(hits: list[str]) -> str:
        return "\n\n".join([*head, *hits, *([("\n".join(notes))] if notes else [])])

    for count in range(len(answer.hits), 0, -1):
        candidate = message([hit_html(hit) for hit in answer.hits[:count]])
        if fits(candidate):
            return candidate
    return _cut_to_fit(lambda limit: message([hit_html(answer.hits[0], limit)]), answer.hits[0])


def _cut_to_fit(render: Callable[[int], str], hit: Hit) -> str:
    """The longest rendering of one passage, cut at a sentence, that fits a message."""
    low, high = 1, len(hit.passage.text)
    best = render(1)
    while low <= high:
        middle = (low + high) // 2
        candidate = render(middle)
        if fits(candidate):
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def section_html(passages: Sequence[Passage]) -> str:
    """A whole section: its heading, then its passages in order, cut to fit one message."""
    if not passages:
        return escape("That section is no longer in the corpus.")
    first = passages[0]
    head = f"<b>{link(first.citation, first.url)}</b>"
    parts: list[str] = []
    for passage in passages:
        text = f"• {passage.text}" if passage.kind is BlockKind.LIST_ITEM else passage.text
        candidate = "\n\n".join([head, *parts, escape(text)])
        if not fits(candidate + "\n…"):
            return "\n\n".join([head, *parts, "…"])
        parts.append(escape(text))
    return "\n\n".join([head, *parts])


def plain_fallback(markup: str) -> str:
    """The same message without markup, for when Telegram refuses the HTML."""
    text = html.unescape(_TAG.sub("", markup))
    while len(text.encode("utf-16-le")) // 2 > MAX_CHARS:
        text = text[: len(text) - (len(text.encode("utf-16-le")) // 2 - MAX_CHARS)]
    return text
