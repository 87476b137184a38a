"""Structure from plain text: headings, paragraphs and bullet lists, by layout alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.english import english_words
from corpus.furniture import is_furniture
from corpus.models import Block, BlockKind

_BLANK_LINES = re.compile(r"\n[ \t\f\v]*\n\s*")
_BULLET = re.compile(r"[ \t]*(?:[•◦▪▫‣⁃●○■□·*+\-–—]|\d{1,3}[.)]|[a-z]\))[ \t]+(?=\S)")
_FINAL_PUNCTUATION = tuple(".!?,;:…")
# Cells of a table copied as text: a tab between two of them, or two runs of spaces between
# three, as a PDF's table converted to text lays them out ("Germany   21.5   61.4%"); not the two
# spaces after a sentence's full stop.
_TABLE_ROW = re.compile(r"\S\t+\S|[^\s.!?] {2,}\S[^\n]*?[^\s.!?] {2,}\S")
# No hard-wrapped line is longer: writers and tools wrap text at 72 to 100 characters. A run
# of lines with a longer one is a scrape, copied from a browser or a converter, that puts each
# of the page's blocks on a line of its own and no blank line between them.
MAX_WRAPPED_LINE = 120


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the runs of text between blank lines."""
    start = 0
    for gap in _BLANK_LINES.finditer(text):
        yield start, gap.start()
        start = gap.end()
    yield start, len(text)


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    position = start
    while position < end:
        stop = text.find("\n", position, end)
        stop = end if stop == -1 else stop
        yield position, stop
        position = stop + 1


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Lines of a scraped page that are no heading: three items or more between separators
# ("English | Français | Español", "Home > About > Us"; a title may be "Page | Site"), or a
# label with a date, a figure or a list ("Last updated: 5 May 2024", "Donors: Japan, Sweden").
_NOT_A_HEADING = re.compile(r"\s[|>»·]\s.*\s[|>»·]\s|:\s.*[\d,]")


def _looks_like_heading(line: str, max_chars: int) -> bool:
    stripped = line.strip()
    return (
        0 < len(stripped) <= max_chars
        and not stripped.endswith(_FINAL_PUNCTUATION)
        and any(ch.isalpha() for ch in stripped)
        and not _BULLET.match(line)
        and not _NOT_A_HEADING.search(stripped)
        # Furniture under a heading is left out with its section: a line that only looks like
        # a heading ("Print | Download the brochure") must not take the text after it along.
        and not is_furniture(stripped)
    )


def _chunk_blocks(text: str, start: int, end: int) -> Iterator[tuple[BlockKind, int, int]]:
    """Paragraphs and list items of one run of wrapped lines, as (kind, start, end)."""
    current: tuple[BlockKind, int, int] | None = None
    for line_start, line_end in _lines(text, start, end):
        bullet = _BULLET.match(text, line_start, line_end)
        if _TABLE_ROW.search(text, line_start, line_end):
            # A row of a table copied as text is a block of its own, as an HTML row is.
            if current is not None:
                yield current
            yield (BlockKind.PARAGRAPH, line_start, line_end)
            current = None
        elif bullet:
            if current is not None:
                yield current
            current = (BlockKind.LIST_ITEM, bullet.end(), line_end)
        elif current is None:
            current = (BlockKind.PARAGRAPH, line_start, line_end)
        else:
            # A wrapped line continues its paragraph or its list item.
            current = (current[0], current[1], line_end)
    if current is not None:
        yield current


def _is_unwrapped(text: str, start: int, end: int) -> bool:
    return any(b - a > MAX_WRAPPED_LINE for a, b in _lines(text, start, end))


def _line_blocks(
    text: str, start: int, end: int, max_chars: int, has_more: bool
) -> Iterator[tuple[BlockKind, int, int]]:
    """The blocks of a run of lines that are a block each: a list item where a list marker
    starts it; a heading where it looks like one and text that is no heading comes after it,
    in the run or after it; a paragraph otherwise. A line with a label ("Membership: open to
    any nation") is a key fact, not a heading, in such a run of them."""
    lines = [_trimmed(text, a, b) for a, b in _lines(text, start, end)]
    lines = [(a, b) for a, b in lines if b > a]
    heading_like = [
        _looks_like_heading(text[a:b], max_chars) and ": " not in text[a:b] for a, b in lines
    ]
    # The last line that is no heading: a heading before it has text after it.
    last_text = max((n for n, like in enumerate(heading_like) if not like), default=-1)
    for number, (a, b) in enumerate(lines):
        bullet = _BULLET.match(text, a, b)
        text_after = has_more or number < last_text
        if bullet and not _TABLE_ROW.search(text, a, b):
            yield (BlockKind.LIST_ITEM, bullet.end(), b)
        elif heading_like[number] and text_after:
            yield (BlockKind.HEADING, a, b)
        else:
            yield (BlockKind.PARAGRAPH, a, b)


# A line that only gives, in brackets, the acronym of the name on the line before it.
_ACRONYM_LINE = re.compile(r"\([A-Z][A-Za-z0-9&.-]{1,11}\)")
# A word split at a line's end by a hyphen, as text converted from a PDF has them: "Develop-" /
# "ment".
_SPLIT_WORD = re.compile(r"([A-Za-z]+)-\n([ \t]*)([a-z]+)(\S*)")


def joined_words(text: str) -> str:
    """A text with each word that a hyphen splits over two lines whole on the first of them:
    "Develop-\nment" is "Development\n", a word of the dictionary, and "state-\nowned" is
    "state-owned\n", which is not. Lines keep their number, so citations keep theirs."""
    if "-\n" not in text:
        return text
    known = english_words()

    def join(found: re.Match[str]) -> str:
        head, indent, tail, stuck = found.groups()
        word = f"{head}{tail}"
        whole = word if known[word.casefold()] else f"{head}-{tail}"
        # What sticks to the word's tail goes up with it: "restora-" / "tion, bringing".
        return f"{whole}{stuck}\n{indent}"

    return _SPLIT_WORD.sub(join, text)


def _one_heading(chunk: str, max_chars: int, single_line: bool) -> bool:
    """Whether a run of lines is one heading: one line that looks like one, or a title that a
    PDF's layout wrapped before its acronym ("PACIFIC ISLANDS POLICING PROGRAMME" / "(PIPBS)")."""
    if single_line:
        return _looks_like_heading(chunk, max_chars)
    first, *rest = chunk.splitlines()
    return (
        _looks_like_heading(" ".join(chunk.split()), max_chars)
        and _looks_like_heading(first, max_chars)
        and all(_ACRONYM_LINE.fullmatch(line.strip()) for line in rest)
    )


def read_text(text: str, heading_max_chars: int, first_line: int = 1) -> list[Block]:
    """Blocks of a plain-text document, with spans into ``text`` itself.

    A heading is a run of one short line without final punctuation that is
    followed by more text; bullets start with a list marker such as "•", "-",
    "1." or "a)". ``first_line`` is where ``text`` starts in its file.
    """
    chunks = [span for span in _chunks(text) if text[span[0] : span[1]].strip()]
    found: list[tuple[BlockKind, int, int]] = []
    for number, (start, end) in enumerate(chunks):
        a, b = _trimmed(text, start, end)
        single_line = "\n" not in text[a:b]
        has_more = number + 1 < len(chunks)
        if has_more and _one_heading(text[a:b], heading_max_chars, single_line):
            found.append((BlockKind.HEADING, a, b))
        elif _is_unwrapped(text, a, b):
            found.extend(_line_blocks(text, a, b, heading_max_chars, has_more))
        else:
            found.extend(_chunk_blocks(text, start, end))
    blocks = []
    line, counted = first_line, 0
    for kind, start, end in found:
        a, b = _trimmed(text, start, end)
        if b > a:
            line, counted = line + text.count("\n", counted, a), a
            blocks.append(Block(kind, a, b, line, level=2 if kind is BlockKind.HEADING else 0))
    return blocks
