"""``qabot corpus check``: what is wrong, or doubtful, in the corpus, with file and line.

Errors are what makes a document unusable or misleading (unreadable, empty, untitled,
duplicated, mojibake); warnings are what the pipeline copes with but a maintainer may want to
fix (a repeated leading fragment, a sentence too long for one passage, an acronym never spelled
out).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from corpus.acronyms import acronym_table, is_acronym, read_overrides
from corpus.cleaning import collapse_whitespace, leading_repeat_end
from corpus.errors import DocumentError
from corpus.loading import ReadSettings, document_paths, read_document
from corpus.models import BlockKind, Document
from corpus.sentences import sentence_spans
from corpus.splitting import SplitSettings, split_document

# Fewer words than this and a document answers nothing.
MIN_WORDS = 20
# UTF-8 read as Latin-1 or Windows-1252, the commonest mojibake: "Ã©", "â€™", "Â ".
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]|â€[\u0080-\u00bf™œ˜“”–—]|�")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s$")


class Level(str, Enum):
    """How bad a finding is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem.

    Attributes:
        level: error or warning.
        path: the file.
        line: the line, where one applies.
        message: what is wrong, and what to do.
    """

    level: Level
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.level.value}: {self.message}"


def _line_of(document: Document, offset: int) -> int:
    """The source line of an offset in ``Document.text``, from the block that holds it."""
    line = 1
    for block in document.blocks:
        if block.start > offset:
            break
        line = block.line + document.text.count("\n", block.start, offset)
    return line


def _document_findings(path: Path, document: Document, split: SplitSettings) -> list[Finding]:
    found: list[Finding] = []
    meta = document.meta

    def add(level: Level, offset: int | None, message: str) -> None:
        line = _line_of(document, offset) if offset is not None else None
        found.append(Finding(level, path, line, message))

    words = len(_WORD.findall(document.text))
    if words < MIN_WORDS:
        add(Level.ERROR, None, f"near-empty document: {words} word(s), at least {MIN_WORDS} needed")
    if meta.title == path.stem:
        add(Level.ERROR, None, "no title: add `title:` to its .yaml sidecar or front matter")
    if not meta.url:
        add(Level.WARNING, None, "no URL: citations of it cannot link to the source")
    for match in _MOJIBAKE.finditer(document.text):
        add(Level.ERROR, match.start(), f"mojibake {match.group()!r}: wrongly decoded text")
        break
    for offset, char in enumerate(document.text):
        if unicodedata.category(char) in ("Cc", "Cs") and char not in "\n\t\r":
            add(Level.ERROR, offset, f"stray control character U+{ord(char):04X}")
            break
    for block in document.blocks:
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            repeat = leading_repeat_end(document.block_text(block))
            if repeat:
                fragment = collapse_whitespace(document.block_text(block)[:repeat])
                add(
                    Level.WARNING,
                    block.start,
                    f"scrape artifact: the paragraph starts with a repeated fragment "
                    f"{fragment!r} (qabot drops it)",
                )
    for block in document.blocks:
        for start, end in sentence_spans(document.block_text(block)):
            if end - start > split.max_chars:
                add(
                    Level.WARNING,
                    block.start + start,
                    f"a sentence of {end - start} characters, over the passage limit of "
                    f"{split.max_chars}: it is cut mid-sentence",
                )
    seen: set[str] = set()
    for passage in split_document(document, split):
        if passage.text in seen:
            add(Level.WARNING, passage.start, f"duplicate passage {passage.text[:60]!r}")
        seen.add(passage.text)
    return found


def check(
    directory: Path, acronyms: Path, read: ReadSettings, split: SplitSettings
) -> list[Finding]:
    """Every finding in a corpus, errors first, each kind in file order."""
    findings: list[Finding] = []
    documents: list[tuple[Path, Document]] = []
    for path in document_paths(directory):
        try:
            document = read_document(path, read, root=directory)
        except DocumentError as error:
            findings.append(Finding(Level.ERROR, error.path, error.line, error.reason))
            continue
        documents.append((path, document))
        findings.extend(_document_findings(path, document, split))

    by_text: dict[str, Path] = {}
    by_id: dict[str, Path] = {}
    for path, document in documents:
        text = collapse_whitespace(document.text).casefold()
        if text in by_text:
            findings.append(
                Finding(
                    Level.ERROR, path, None, f"duplicate document: same text as {by_text[text]}"
                )
            )
        by_text.setdefault(text, path)
        if document.meta.id in by_id:
            findings.append(
                Finding(
                    Level.ERROR,
                    path,
                    None,
                    f"duplicate id {document.meta.id!r}, also {by_id[document.meta.id]}",
                )
            )
        by_id.setdefault(document.meta.id, path)

    try:
        overrides = read_overrides(acronyms)
    except DocumentError as error:
        findings.append(Finding(Level.ERROR, error.path, error.line, error.reason))
        overrides = {}
    table = acronym_table((d.text for _, d in documents), overrides)
    publishers = {d.meta.publisher for _, d in documents}
    reported: set[str] = set()
    for path, document in documents:
        for match in _WORD.finditer(document.text):
            word = _POSSESSIVE.sub("", match.group())
            if (
                is_acronym(word)
                and word not in table
                and word not in publishers
                and word not in reported
            ):
                reported.add(word)
                findings.append(
                    Finding(
                        Level.WARNING,
                        path,
                        _line_of(document, match.start()),
                        f"acronym {word} is used but never spelled out: write 'Long Name ({word})' "
                        f"once, or add '{word}: Long Name' to {acronyms.name}",
                    )
                )
    return sorted(findings, key=lambda f: f.level is not Level.ERROR)
