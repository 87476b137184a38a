"""Structure from Markdown, through a CommonMark parser."""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from corpus.cleaning import collapse_whitespace
from corpus.models import BlockKind
from corpus.structure import Piece

_PARSER = MarkdownIt("commonmark").enable("table")
_INLINE_TEXT = frozenset({"text", "code_inline"})
_INLINE_BREAK = frozenset({"softbreak", "hardbreak"})


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in _INLINE_TEXT:
            parts.append(child.content)
        elif child.type in _INLINE_BREAK:
            parts.append(" ")
    return collapse_whitespace("".join(parts))


def read_markdown(text: str, first_line: int = 1) -> Iterator[Piece]:
    """The pieces of a Markdown document; ``first_line`` is where ``text`` starts in its file."""
    list_depth = 0
    heading_level = 0
    row: list[str] | None = None
    row_line = first_line
    headings: str | None = None  # the header row of the table being read, its cells joined
    in_head = False
    for token in _PARSER.parse(text):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "list_item_open":
            list_depth += 1
        elif token.type == "list_item_close":
            list_depth -= 1
        elif token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
        elif token.type == "table_close":
            headings = None
        elif token.type == "tr_open":
            row, row_line = [], line
        elif token.type == "tr_close" and row is not None:
            cells = " | ".join(cell for cell in row if cell)
            # A table's rows carry its header row, whose cells say what theirs count.
            lead_in = None if in_head or len(row) < 2 else headings
            yield Piece(BlockKind.PARAGRAPH, cells, row_line, lead_in=lead_in)
            if in_head:
                headings = " | ".join(row)
            row = None
        elif token.type == "inline":
            content = _inline_text(token)
            if row is not None:
                row.append(content)
            elif heading_level:
                yield Piece(BlockKind.HEADING, content, line, heading_level)
            elif list_depth:
                yield Piece(BlockKind.LIST_ITEM, content, line)
            else:
                yield Piece(BlockKind.PARAGRAPH, content, line)
