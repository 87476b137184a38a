"""Reading a corpus directory: every document, in any of the supported formats, with metadata.

Metadata for ``NAME.EXT`` comes from, in rising order of precedence: what the
document says itself (its first heading, or an HTML page's ``<title>``, canonical
link and ``lang``), a YAML front matter block at the top of a text or Markdown
file, and a sidecar file ``NAME.yaml`` beside it.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.changes import leads_inside
from corpus.errors import CorpusError, DocumentError, require
from corpus.metadata import check_id, read_sidecar, slugify, split_front_matter
from corpus.models import Block, BlockKind, Document, DocumentMeta
from corpus.progress import Progress, quietly
from corpus.read_text import joined_words, read_text
from corpus.structure import assemble, attach_lead_ins, mark_title

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
SIDECAR_SUFFIX = ".yaml"


@dataclass(frozen=True)
class ReadSettings:
    """How documents are read.

    Attributes:
        heading_max_chars: in plain text, the longest line that can be a heading.
    """

    heading_max_chars: int = 120

    def __post_init__(self) -> None:
        require(self.heading_max_chars >= 10, "heading_max_chars", "must be 10 or more")


def _decode(raw: bytes, path: Path) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DocumentError(path, f"not valid UTF-8 (byte {error.start})", line) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _first_heading(text: str, blocks: list[Block]) -> str | None:
    for block in blocks:
        if block.kind in (BlockKind.HEADING, BlockKind.TITLE):
            # A title a PDF's layout wrapped is one line.
            return " ".join(text[block.start : block.end].split())
    return None


def read_document(
    path: Path, settings: ReadSettings, source: str | None = None, root: Path | None = None
) -> Document:
    """Read one document file and the sidecar beside it. For a document of the corpus
    directory ``root``, a sidecar that links outside it is not read, just as a document that
    links outside is not: what lies outside the corpus never reaches the index."""
    suffix = path.suffix.casefold()
    if suffix not in SUFFIXES:
        raise DocumentError(
            path, f"unsupported file type {suffix or '(none)'!r}; use {', '.join(sorted(SUFFIXES))}"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DocumentError(path, f"cannot read: {error.strerror or error}") from None

    fields: dict[str, str] = {}
    if suffix in HTML_SUFFIXES:
        # Imported here: lxml and trafilatura take a fifth of a second to load, which every
        # command would pay, `qabot ask` on a built index included, for pages it never reads.
        from corpus.read_html import UnreadableHtml, read_html

        try:
            page = read_html(raw)
        except UnreadableHtml as error:
            raise DocumentError(path, f"cannot read it as HTML: {error}") from None
        text, blocks = assemble(page.pieces)
        found = {
            "title": page.title,
            "url": page.url,
            "language": page.language,
            "publisher": page.publisher,
        }
        fields.update({key: value for key, value in found.items() if value})
    else:
        body = _decode(raw, path)
        front, offset = split_front_matter(body, path)
        fields.update(front)
        first_line = body.count("\n", 0, offset) + 1
        if suffix in MARKDOWN_SUFFIXES:
            # Imported here too: markdown-it is a twentieth of a second of every command.
            from corpus.read_markdown import read_markdown

            text, blocks = assemble(read_markdown(body[offset:], first_line))
        else:
            text = joined_words(body[offset:])
            blocks = read_text(text, settings.heading_max_chars, first_line)

    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    readable = root is None or leads_inside(sidecar, root)
    if readable and sidecar.is_file():
        fields.update(read_sidecar(sidecar))
    elif readable and (sidecar.is_symlink() or sidecar.exists()):
        # Metadata that cannot be read is an error, not metadata quietly lost.
        raise DocumentError(sidecar, f"cannot read metadata: {_not_a_file(sidecar)}")

    blocks = mark_title(text, blocks, fields.get("title"))
    title = fields.get("title") or _first_heading(text, blocks) or path.stem
    meta = DocumentMeta(
        id=check_id(fields.get("id") or slugify(path.stem), path),
        title=title,
        url=fields.get("url", ""),
        publisher=fields.get("publisher", ""),
        language=fields.get("language", "en"),
    )
    return Document(meta, text, tuple(attach_lead_ins(text, blocks)), source or path.name)


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (a broken link, a directory, a pipe), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return error.strerror or str(error)
    if stat.S_ISDIR(mode):
        return "it is a directory"
    return None if stat.S_ISREG(mode) else "not a regular file"


def document_paths(directory: Path) -> list[Path]:
    """The document files of a corpus directory, sorted: sidecars, hidden files and links that
    lead outside the directory left out.

    A document's name on something that cannot be read (a broken link, a directory, a pipe)
    is an error: dropping it quietly would serve an index without that document.
    """
    if not directory.is_dir():
        raise CorpusError(f"corpus directory {directory} does not exist")
    root = directory.resolve()
    found = []
    for path in directory.rglob("*"):
        if path.suffix.casefold() not in SUFFIXES or path.name.startswith("."):
            continue
        # rglob does not go into linked directories, so only a link itself can lead out.
        if path.is_symlink() and not leads_inside(path, root):
            continue
        problem = _not_a_file(path)
        if problem is not None:
            raise DocumentError(path, f"cannot read: {problem}")
        found.append(path)
    return sorted(found)


def corpus_manifest(directory: Path, extra_files: tuple[Path, ...] = ()) -> str:
    """A cheap summary of the corpus files (names, sizes, change times), to notice a change
    without reading every file."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")) + list(extra_files):
        if path.name.startswith(".") or not path.is_file():
            continue
        status = path.stat()
        digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def read_documents(
    directory: Path, paths: Sequence[Path], settings: ReadSettings, progress: Progress = quietly
) -> tuple[list[Document], DocumentError | None]:
    """The documents at ``paths`` in the corpus ``directory``, in order, up to the first that
    cannot be read; and that one's error, or None."""
    documents: list[Document] = []
    try:
        for path in progress(paths, len(paths), "reading documents"):
            source = path.relative_to(directory).as_posix()
            documents.append(read_document(path, settings, source, root=directory))
    except DocumentError as error:
        return documents, error
    return documents, None


def check_ids(paths: Sequence[Path], metas: Iterable[DocumentMeta]) -> None:
    """Refuse the first document, in corpus order, whose id an earlier one already has;
    ``metas`` belong to ``paths``, one for one."""
    seen: dict[str, Path] = {}
    for path, meta in zip(paths, metas, strict=False):
        if meta.id in seen:
            raise DocumentError(
                path, f"duplicate document id {meta.id!r}, also used by {seen[meta.id]}"
            )
        seen[meta.id] = path


def load_corpus(
    directory: Path, settings: ReadSettings, progress: Progress = quietly
) -> tuple[Document, ...]:
    """Every document of a corpus directory; ids must be unique. The first problem in
    corpus order, an unreadable document or a repeated id, is raised."""
    paths = document_paths(directory)
    documents, problem = read_documents(directory, paths, settings, progress)
    check_ids(paths, (document.meta for document in documents))
    if problem is not None:
        raise problem
    return tuple(documents)


def corpus_fingerprint(directory: Path, extra_files: tuple[Path, ...] = ()) -> str:
    """A hash of every file that shapes the corpus, to tell when an index is stale."""
    digest = hashlib.sha256()
    paths = document_paths(directory)
    sidecars = [p.with_suffix(SIDECAR_SUFFIX) for p in paths]
    for path in [*paths, *sidecars, *extra_files]:
        if not path.is_file():
            continue
        name = path.relative_to(directory) if path.is_relative_to(directory) else path.name
        digest.update(str(name).encode())
        digest.update(b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as error:
            raise DocumentError(path, f"cannot read: {error.strerror or error}") from None
    return digest.hexdigest()
