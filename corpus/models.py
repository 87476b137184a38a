"""The values that flow from a document on disk to the passages that get indexed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class BlockKind(str, Enum):
    """What a block of a document is, as its reader saw it."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"


@dataclass(frozen=True)
class DocumentMeta:
    """Who a document is and where it came from.

    Attributes:
        id: stable identifier, also the stem of its files in the corpus directory.
        title: human title, used in every citation.
        url: where the original lives; citations link to it.
        publisher: the organisation that published it.
        language: BCP 47 tag such as ``en``.
    """

    id: str
    title: str
    url: str
    publisher: str = ""
    language: str = "en"


@dataclass(frozen=True)
class Block:
    """One structural unit of a document: its text is ``Document.text[start:end]``.

    Attributes:
        kind: title, heading, paragraph or list item.
        start: offset of the first character in ``Document.text``.
        end: offset one past the last character.
        line: the line of the source file where the block starts, for messages.
        level: heading level (1 is the top); 0 for other blocks.
        lead_in: for a list item, the sentence that introduced its list; for a table's row,
            the row of its column headings.
    """

    kind: BlockKind
    start: int
    end: int
    line: int = 1
    level: int = 0
    lead_in: str | None = None


@dataclass(frozen=True)
class Document:
    """A document as read from disk.

    Attributes:
        meta: its metadata.
        text: plain text that the block spans point into: the file itself for plain
            text, the extracted text for Markdown and HTML.
        blocks: its structure, in reading order.
        source: the file it was read from, relative to the corpus directory.
    """

    meta: DocumentMeta
    text: str
    blocks: tuple[Block, ...]
    source: str

    def block_text(self, block: Block) -> str:
        """The text of one of this document's blocks."""
        return self.text[block.start : block.end]


@dataclass(frozen=True)
class Passage:
    """The unit of retrieval and citation.

    Attributes:
        id: stable id ``<document id>:<8 hex digits>``, derived from section and text.
        doc_id: the document it belongs to.
        title: the document's title.
        url: the document's URL.
        section: the heading it sits under (the document title before any heading).
        text: the cleaned passage text.
        start: span start in ``Document.text``.
        end: span end in ``Document.text``.
        kind: ``paragraph`` or ``list_item``.
        lead_in: for a list item, the sentence that introduced its list; for a table's row,
            the row of its column headings.
    """

    id: str
    doc_id: str
    title: str
    url: str
    section: str
    text: str
    start: int
    end: int
    kind: BlockKind = BlockKind.PARAGRAPH
    lead_in: str | None = None

    @property
    def column_headings(self) -> str | None:
        """For a table's row, the row of its column headings; else None."""
        return self.lead_in if self.kind is BlockKind.PARAGRAPH else None

    @property
    def citation(self) -> str:
        """``title › section``, or just the title where the section is the title."""
        if not self.section or self.section == self.title:
            return self.title
        return f"{self.title} › {self.section}"
