"""What maintainers do to the corpus: add, update, remove, list, show, and rebuild the index.

Each change holds the corpus lock, writes its files with ``corpus.changes.Change``, rebuilds
the index from the changed corpus and saves it; if anything fails on the way (an unreadable
file, a duplicate id, a full disk) the files are put back and the index is left as it was.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from corpus.changes import Change
from corpus.errors import CorpusError, DocumentError
from corpus.loading import SIDECAR_SUFFIX, SUFFIXES, document_paths, read_document
from corpus.locking import locked
from corpus.metadata import check_id, slugify
from corpus.models import DocumentMeta, Passage
from corpus.progress import Progress, quietly
from retrieval.indexing import CorpusSettings, Index, build, load_or_build, save


@dataclass(frozen=True)
class DocumentInfo:
    """A document as ``corpus list`` shows it.

    Attributes:
        meta: its metadata.
        source: its file, relative to the corpus directory.
        passages: how many passages it has.
        changed: when its file last changed, in Unix seconds.
    """

    meta: DocumentMeta
    source: str
    passages: int
    changed: float


@dataclass(frozen=True)
class BuildReport:
    """What ``index build`` reports.

    Attributes:
        documents: documents indexed.
        passages: passages indexed.
        vocabulary: distinct index terms.
        seconds: time taken.
        bytes: size of the saved index.
    """

    documents: int
    passages: int
    vocabulary: int
    seconds: float
    bytes: int


def sources(paths: Sequence[Path]) -> list[Path]:
    """The document files that some paths name: files as given, directories' documents."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(document_paths(path))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise DocumentError(path, "no such file or directory")
    if not found:
        raise CorpusError(
            f"no documents ({', '.join(sorted(SUFFIXES))}) in {', '.join(map(str, paths))}"
        )
    return found


def _sidecar(meta: DocumentMeta) -> bytes:
    fields = {key: value for key, value in dataclasses.asdict(meta).items() if value}
    header = "# Metadata of this document; edit it by hand, or with qabot corpus update.\n"
    return (header + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)).encode()


def _files_of(settings: CorpusSettings) -> dict[str, Path]:
    """Document id → its file, for the documents now in the corpus."""
    return {
        read_document(path, settings.read, root=settings.documents).meta.id: path
        for path in document_paths(settings.documents)
    }


def _remove_files(change: Change, settings: CorpusSettings, path: Path) -> None:
    name = path.relative_to(settings.documents).as_posix()
    change.delete(name)
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    if sidecar.exists():
        change.delete(sidecar.relative_to(settings.documents).as_posix())


def _commit(settings: CorpusSettings, change: Change) -> Index:
    """Apply a change and index the result; undo it all if either fails."""
    try:
        change.apply()
    except OSError as error:
        raise CorpusError(
            f"could not change the corpus: {error.strerror or error}; the corpus is unchanged"
        ) from None
    try:
        index = build(settings)
        save(index, settings.index)
    except OSError as error:
        change.rollback()
        raise CorpusError(
            f"could not save the index to {settings.index}: {error.strerror or error}; "
            "the corpus is unchanged"
        ) from None
    except BaseException:
        change.rollback()
        raise
    change.commit()
    return index


def add(
    settings: CorpusSettings,
    paths: Sequence[Path],
    title: str | None = None,
    url: str | None = None,
    doc_id: str | None = None,
    replace: bool = False,
) -> tuple[list[DocumentMeta], Index]:
    """Import documents; a document's id defaults to a slug of its title."""
    if doc_id is not None:
        check_id(doc_id, Path(doc_id or "--id"))
    files = sources(paths)
    if len(files) > 1 and (title or url or doc_id):
        raise CorpusError("--title, --url and --id apply to one document; give one file")
    with locked(settings.documents):
        existing = _files_of(settings)
        change = Change(settings.documents)
        added: list[DocumentMeta] = []
        for path in files:
            document = read_document(path, settings.read)
            meta = document.meta
            new_id = check_id(
                doc_id or (meta.id if _has_own_id(path) else slugify(meta.title)), path
            )
            meta = dataclasses.replace(
                meta, id=new_id, title=title or meta.title, url=url or meta.url
            )
            if new_id in {m.id for m in added}:
                raise DocumentError(path, f"two documents in this import have the id {new_id!r}")
            if new_id in existing:
                if not replace:
                    raise DocumentError(
                        path,
                        f"a document with id {new_id!r} exists ({existing[new_id].name}); "
                        "pass --replace to replace it, or --id to choose another id",
                    )
                _remove_files(change, settings, existing[new_id])
            change.write(f"{new_id}{path.suffix.casefold()}", _read(path))
            change.write(f"{new_id}{SIDECAR_SUFFIX}", _sidecar(meta))
            added.append(meta)
        return added, _commit(settings, change)


def _has_own_id(path: Path) -> bool:
    """Whether a file's own metadata names its id (a sidecar or front matter says ``id:``)."""
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    texts = [sidecar.read_text(encoding="utf-8", errors="replace")] if sidecar.is_file() else []
    if path.suffix.casefold() not in {".html", ".htm"}:
        head = _read(path)[:4096].decode("utf-8", errors="replace")
        if head.startswith("---\n"):
            texts.append(head)
    return any(line.startswith("id:") for text in texts for line in text.splitlines())


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DocumentError(path, f"cannot read: {error.strerror or error}") from None


def update(
    settings: CorpusSettings,
    doc_id: str,
    path: Path,
    title: str | None = None,
    url: str | None = None,
) -> tuple[DocumentMeta, Index]:
    """Replace a document's text, keeping its id and metadata unless told otherwise."""
    with locked(settings.documents):
        existing = _files_of(settings)
        if doc_id not in existing:
            raise CorpusError(f"no document with id {doc_id!r}; see qabot corpus list")
        old = read_document(existing[doc_id], settings.read, root=settings.documents).meta
        read_document(path, settings.read)  # refuse an unreadable file before changing anything
        meta = dataclasses.replace(old, title=title or old.title, url=url or old.url)
        change = Change(settings.documents)
        _remove_files(change, settings, existing[doc_id])
        change.write(f"{doc_id}{path.suffix.casefold()}", _read(path))
        change.write(f"{doc_id}{SIDECAR_SUFFIX}", _sidecar(meta))
        return meta, _commit(settings, change)


def remove(settings: CorpusSettings, doc_id: str) -> tuple[DocumentMeta, Index]:
    """Take a document out of the corpus."""
    with locked(settings.documents):
        existing = _files_of(settings)
        if doc_id not in existing:
            raise CorpusError(f"no document with id {doc_id!r}; see qabot corpus list")
        meta = read_document(existing[doc_id], settings.read, root=settings.documents).meta
        change = Change(settings.documents)
        _remove_files(change, settings, existing[doc_id])
        return meta, _commit(settings, change)


def listing(settings: CorpusSettings) -> list[DocumentInfo]:
    """Every document, with its passage count and last change."""
    index = load_or_build(settings)
    counts: dict[str, int] = {}
    for passage in index.passages:
        counts[passage.doc_id] = counts.get(passage.doc_id, 0) + 1
    files = _files_of(settings)
    return [
        DocumentInfo(
            meta=meta,
            source=files[meta.id].relative_to(settings.documents).as_posix(),
            passages=counts.get(meta.id, 0),
            changed=os.path.getmtime(files[meta.id]),
        )
        for meta in index.documents
        if meta.id in files
    ]


def passages_of(settings: CorpusSettings, doc_id: str) -> list[Passage]:
    """A document's passages, exactly as the index holds them."""
    index = load_or_build(settings)
    if doc_id not in {meta.id for meta in index.documents}:
        raise CorpusError(f"no document with id {doc_id!r}; see qabot corpus list")
    return [index.passages[p] for p in index.passages.of_document(doc_id)]


def rebuild(settings: CorpusSettings, progress: Progress = quietly) -> BuildReport:
    """Build the index from scratch and save it, whatever is saved now."""
    started = time.monotonic()
    with locked(settings.documents):
        index = build(settings, progress=progress)
        try:
            save(index, settings.index)
        except OSError as error:
            raise CorpusError(
                f"could not save the index to {settings.index}: {error.strerror or error}"
            ) from None
    return BuildReport(
        documents=len(index.documents),
        passages=len(index.passages),
        vocabulary=len(index.postings.vocabulary),
        seconds=time.monotonic() - started,
        bytes=settings.index.stat().st_size,
    )


def first_passages(index: Index, doc_id: str, count: int = 3) -> Iterable[Passage]:
    """The first passages of a document, to show what an import produced."""
    return [index.passages[p] for p in index.passages.of_document(doc_id)[:count]]
