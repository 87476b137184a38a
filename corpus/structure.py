"""What the three readers share: assembling extracted text, the title, and list lead-ins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from corpus.cleaning import collapse_whitespace
from corpus.models import Block, BlockKind
from corpus.sentences import sentences


@dataclass(frozen=True)
class Piece:
    """A block found by a markup reader, before it has a place in the document text.

    Attributes:
        kind: heading, paragraph or list item.
        text: its text, whitespace already collapsed.
        line: the source line where it starts.
        level: the heading level, 0 for other blocks.
        lead_in: for a table's row, the row of its column headings.
    """

    kind: BlockKind
    text: str
    line: int = 1
    level: int = 0
    lead_in: str | None = None


BULLET = "• "


def assemble(pieces: Iterable[Piece]) -> tuple[str, list[Block]]:
    """Join the pieces into one plain text, a blank line apart, with exact spans; list
    items get a bullet that their spans leave out."""
    parts: list[str] = []
    blocks: list[Block] = []
    position = 0
    for piece in pieces:
        if not piece.text:
            continue
        if parts:
            parts.append("\n\n")
            position += 2
        if piece.kind is BlockKind.LIST_ITEM:
            parts.append(BULLET)  # so that the text shows a list as a list
            position += len(BULLET)
        parts.append(piece.text)
        blocks.append(
            Block(
                piece.kind,
                position,
                position + len(piece.text),
                piece.line,
                piece.level,
                piece.lead_in,
            )
        )
        position += len(piece.text)
    return "".join(parts), blocks


def mark_title(text: str, blocks: list[Block], title: str | None) -> list[Block]:
    """Turn the first block into the title when it is a heading that can serve as one.

    It serves when no title is known yet, or when it says the same as the known title.
    """
    if not blocks or blocks[0].kind is not BlockKind.HEADING:
        return blocks
    first = blocks[0]
    heading = collapse_whitespace(text[first.start : first.end])
    if title is not None and heading.casefold() != collapse_whitespace(title).casefold():
        return blocks
    return [replace(first, kind=BlockKind.TITLE, level=0), *blocks[1:]]


def attach_lead_ins(text: str, blocks: list[Block]) -> list[Block]:
    """Give each list item the last sentence of the paragraph just before its list."""
    result: list[Block] = []
    lead_in: str | None = None
    before: Block | None = None  # the block before the current list, if any
    for block in blocks:
        if block.kind is BlockKind.LIST_ITEM:
            # Found once per list: most paragraphs have no list after them, and splitting
            # them all into sentences was a tenth of a large build.
            if before is not None:
                lead_in = _last_sentence(text, before)
                before = None
            result.append(replace(block, lead_in=lead_in))
            continue
        lead_in, before = None, block
        result.append(block)
    return result


def _last_sentence(text: str, block: Block) -> str | None:
    """The last sentence of a paragraph; None for any other block."""
    if block.kind is not BlockKind.PARAGRAPH:
        return None
    found = sentences(text[block.start : block.end])
    return collapse_whitespace(found[-1]) if found else None
