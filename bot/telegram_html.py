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
from urllib.parse import urlsplit

from bot.rendering import NO_ANSWER, nearest_line, reread
from corpus.models import BlockKind, Passage
from corpus.sentences import sentence_spans
from retrieval.answering import Answer, Hit

MAX_CHARS = 4096
MAX_ENTITIES = 100
# The longest a heading or a note may be, and the answer line, before they are cut.
MAX_LINE = 300
MAX_DIRECT = 1000
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


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def visible_length(markup: str) -> int:
    """The length Telegram counts: the text without tags, in UTF-16 code units."""
    return _utf16(html.unescape(_TAG.sub("", markup)))


def entity_count(markup: str) -> int:
    """How many entities the message will have: its tags, and what Telegram detects itself."""
    text = html.unescape(_TAG.sub("", markup))
    return len(_OPENING_TAG.findall(markup)) + len(_AUTO_ENTITY.findall(text))


def fits(markup: str) -> bool:
    """Whether a message is within Telegram's limits."""
    return visible_length(markup) <= MAX_CHARS and entity_count(markup) <= MAX_ENTITIES


def link(text: str, url: str) -> str:
    """A link to a web page, or the plain text when the URL is not an http(s) address:
    Telegram refuses URLs it cannot parse, and a tg:// link could ping someone."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        return escape(text)
    return f'<a href="{html.escape(url, quote=True)}">{escape(text)}</a>'


def lines_html(head: str, lines: Sequence[str]) -> str:
    """A heading and as many lines (already HTML) as fit one message, "…" for the rest."""
    for count in range(len(lines), -1, -1):
        candidate = "\n".join([head, *lines[:count], *(["…"] if count < len(lines) else [])])
        if fits(candidate):
            return candidate
    return _plain_to_fit(head)


def _marked(text: str, bold: tuple[int, int], italics: Sequence[tuple[int, int]]) -> str:
    """``text`` with one bold span and italic spans inside or outside it, properly nested."""
    marks: list[tuple[int, int, str]] = []
    for start, end in italics:
        if start >= end:
            continue
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


def _capped(text: str, limit: int) -> str:
    """At most ``limit`` characters of a line that is not the passage itself (a heading, a
    note), so that a malformed corpus cannot crowd the passage out of the message."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def citation_html(hit: Hit) -> str:
    """``— title › section``, linked to the document."""
    return f"— {link(_capped(hit.passage.citation, MAX_LINE), hit.passage.url)}"


def hit_html(hit: Hit, limit: int | None = None) -> str:
    """One passage: best sentence in bold, matched words in italics, then its citation.

    With ``limit``, the passage is cut after the last whole sentence within that many
    characters, or at ``limit`` if even its first sentence is longer.
    """
    text = hit.passage.text
    cut = len(text) if limit is None else _sentence_cut(text, limit)
    bold = (min(hit.best_span[0], cut), min(hit.best_span[1], cut))
    italics = [(a, b) for a, b in hit.highlights if b <= cut]
    body = _marked(text[:cut], bold, italics) + (" …" if cut < len(text) else "")
    # A table's row says what its numbers are only under its column headings.
    headings = hit.passage.column_headings
    head = f"<i>{escape(_capped(headings, MAX_LINE))}</i>\n" if headings else ""
    return f"[{hit.rank}] {head}{body}\n{citation_html(hit)}"


def _notes(answer: Answer) -> list[str]:
    notes = [f"<i>{escape(_capped(str(e), MAX_LINE))}</i>" for e in answer.expansions]
    if reread(answer):
        notes.append(f"<i>Read as: {escape(_capped(answer.understood, MAX_LINE))}</i>")
    return notes


def answer_html(answer: Answer) -> str:
    """The reply to a question: the answer line, the passages, then the notes.

    Too long or too rich for one message, it loses passages from the end, then the notes,
    then its one passage is cut at a sentence; as a last resort it is plain text, cut.
    """
    if answer.note:
        return escape(answer.note)
    if answer.no_answer:
        return f"{escape(NO_ANSWER)}\n{escape(nearest_line(answer.nearest))}"
    head = [f"<b>{escape(_capped(answer.direct, MAX_DIRECT))}</b>"] if answer.direct else []

    def message(hits: list[str], notes: list[str]) -> str:
        return "\n\n".join([*head, *hits, *(["\n".join(notes)] if notes else [])])

    notes = _notes(answer)
    if answer.direct and len(answer.hits) > 1:
        # A line may cite every passage shown ("A takes part in X [1], Y [2] … Z [11]"): they
        # are cut to their first sentences before any is dropped.
        whole = message([hit_html(hit) for hit in answer.hits], notes)
        if fits(whole):
            return whole
        share = MAX_CHARS // (len(answer.hits) + 1)
        candidate = message([hit_html(hit, share) for hit in answer.hits], notes)
        if fits(candidate):
            return candidate
    for count in range(len(answer.hits), 0, -1):
        candidate = message([hit_html(hit) for hit in answer.hits[:count]], notes)
        if fits(candidate):
            return candidate
    first, size = answer.hits[0], len(answer.hits[0].passage.text)
    for kept in (notes, []):
        candidate = _longest_fitting(
            lambda limit, kept=kept: message([hit_html(first, limit)], kept), size
        )
        if fits(candidate):
            return candidate
    return _plain_to_fit(candidate)


def _sentence_cut(text: str, limit: int) -> int:
    """Where to cut ``text`` to keep at most ``limit`` characters: after the last whole
    sentence that fits, or at ``limit`` if even the first sentence is longer."""
    if limit >= len(text):
        return len(text)
    ends = [end for _, end in sentence_spans(text) if end <= limit]
    return max(ends) if ends else limit


def _longest_fitting(render: Callable[[int], str], size: int) -> str:
    """``render(limit)`` for the largest limit up to ``size`` whose result fits a message;
    ``render(1)`` when none does."""
    low, high = 1, size
    best = render(1)
    while low <= high:
        middle = (low + high) // 2
        candidate = render(middle)
        if fits(candidate):
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def _cut_until(text: str, good: Callable[[str], bool]) -> str:
    """``text``, cut from the end (marked "…") until ``good`` accepts it."""
    while not good(text) and text:
        text = text[: len(text) * 9 // 10].rstrip() + "…" if len(text) > 1 else ""
    return text


def _plain_to_fit(markup: str) -> str:
    """The message's text without markup, escaped, cut until it fits."""
    text = _cut_until(html.unescape(_TAG.sub("", markup)), lambda t: fits(escape(t)))
    return escape(text)


def section_html(passages: Sequence[Passage]) -> str:
    """A whole section: its heading, then its passages in order; what does not fit one
    message is left out, the last passage kept being cut at a sentence."""
    if not passages:
        return escape("That section is no longer in the corpus.")
    first = passages[0]
    head = f"<b>{link(_capped(first.citation, MAX_LINE), first.url)}</b>"
    texts = [f"• {p.text}" if p.kind is BlockKind.LIST_ITEM else p.text for p in passages]

    def message(parts: Sequence[str], more: bool) -> str:
        return "\n\n".join([head, *(escape(t) for t in parts), *(["…"] if more else [])])

    for count in range(len(texts), 0, -1):
        candidate = message(texts[:count], count < len(texts))
        if fits(candidate):
            return candidate
    text = texts[0]
    best = _longest_fitting(
        lambda limit: message([text[: _sentence_cut(text, limit)]], True), len(text)
    )
    return best if fits(best) else _plain_to_fit(best)


def plain_fallback(markup: str) -> str:
    """The same message without markup, cut to fit, for when Telegram refuses the HTML."""
    return _cut_until(html.unescape(_TAG.sub("", markup)), lambda text: _utf16(text) <= MAX_CHARS)
