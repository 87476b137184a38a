"""What maintainers do to the corpus: add, update, remove, list, show, and rebuild the index.

Each change holds the corpus lock, writes its files with ``corpus.changes.Change``, rebuilds
the index from the changed corpus and saves it; if anything fails on the way (an unreadable
file, a duplicate id, a full disk) the files are put back and the index is left as it was.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from corpus.changes import Change
from corpus.errors import CorpusError, DocumentError
from corpus.fetching import Fetched, FetchError, FetchSettings, fetch, is_http_url
from corpus.loading import (
    HTML_SUFFIXES,
    SIDECAR_SUFFIX,
    SUFFIXES,
    document_paths,
    read_document,
)
from corpus.locking import locked
from corpus.metadata import FETCH_KEYS, check_id, read_sidecar, slugify
from corpus.models import Document, DocumentMeta, Passage
from corpus.progress import Progress, quietly
from corpus.splitting import split_document
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


def _sidecar(meta: DocumentMeta, page: Fetched | None = None) -> bytes:
    fields = {key: value for key, value in dataclasses.asdict(meta).items() if value}
    if page is not None:
        provenance = (page.fetched, page.etag, page.last_modified)
        fields.update({k: v for k, v in zip(FETCH_KEYS, provenance, strict=True) if v})
    header = "# Metadata of this document; edit it by hand, or with qabot corpus update.\n"
    return (header + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)).encode()


def _documents_of(settings: CorpusSettings) -> dict[str, tuple[Path, Document]]:
    """Document id → its file and the document read from it, for the documents now in the
    corpus."""
    found = {}
    for path in document_paths(settings.documents):
        document = read_document(path, settings.read, root=settings.documents)
        found[document.meta.id] = (path, document)
    return found


def _files_of(settings: CorpusSettings) -> dict[str, Path]:
    """Document id → its file, for the documents now in the corpus."""
    return {doc_id: path for doc_id, (path, _) in _documents_of(settings).items()}


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


@dataclass(frozen=True)
class Refreshed:
    """What ``corpus refresh`` did to one document.

    Attributes:
        doc_id: the document.
        outcome: "unchanged", "updated" or "failed" (kept as it was).
        detail: the passages added and removed, or why it failed.
    """

    doc_id: str
    outcome: str
    detail: str = ""


def fetch_pages(urls: Sequence[str], settings: FetchSettings) -> list[Fetched]:
    """Fetch pages to import; the first that fails stops them all, before anything is written."""
    return [fetch(url, settings) for url in urls]


@contextmanager
def _saved(pages: Sequence[Fetched]) -> Iterator[dict[Path, Fetched]]:
    """The fetched pages as files in a scratch directory, for the readers of files."""
    with tempfile.TemporaryDirectory(prefix="qabot-fetched-") as work:
        saved: dict[Path, Fetched] = {}
        for number, page in enumerate(pages):
            path = Path(work) / f"page-{number}.html"
            path.write_bytes(page.body or b"")
            saved[path] = page
        yield saved


def _refuse(path: Path, page: Fetched | None, reason: str) -> None:
    """Refuse a document, named by its URL if it was fetched, else by its file."""
    if page is not None:
        raise FetchError(f"{page.url}: {reason}")
    raise DocumentError(path, reason)


def _read_page(path: Path, settings: CorpusSettings, page: Fetched | None) -> Document:
    """A document to import; a fetched page is refused when it has no main content."""
    try:
        document = read_document(path, settings.read)
    except DocumentError as error:
        if page is None:
            raise
        _refuse(path, page, error.reason)
    if page is not None and not document.text.strip():
        _refuse(path, page, "no main content found on the page")
    return document


def add(
    settings: CorpusSettings,
    paths: Sequence[Path],
    title: str | None = None,
    url: str | None = None,
    doc_id: str | None = None,
    replace: bool = False,
    pages: Sequence[Fetched] = (),
) -> tuple[list[DocumentMeta], Index]:
    """Import documents, from files and from fetched pages; a document's id defaults to a slug
    of its title. A fetched page keeps its URL (after redirects), the time it was fetched and
    its validators in its sidecar, for ``refresh``."""
    if doc_id is not None:
        check_id(doc_id, Path(doc_id or "--id"))
    with _saved(pages) as fetched:
        files = [*(sources(paths) if paths else []), *fetched]
        if len(files) > 1 and (title or url or doc_id):
            raise CorpusError("--title, --url and --id apply to one document; give one file")
        with locked(settings.documents):
            existing = _files_of(settings)
            change = Change(settings.documents)
            added: list[DocumentMeta] = []
            for path in files:
                page = fetched.get(path)
                meta = _read_page(path, settings, page).meta
                own_id = meta.id if page is None and _has_own_id(path) else slugify(meta.title)
                new_id = check_id(doc_id or own_id, path)
                meta = dataclasses.replace(
                    meta,
                    id=new_id,
                    title=title or meta.title,
                    url=url or (page.url if page is not None else meta.url),
                )
                if new_id in {m.id for m in added}:
                    _refuse(path, page, f"two documents in this import have the id {new_id!r}")
                if new_id in existing:
                    if not replace:
                        _refuse(
                            path,
                            page,
                            f"a document with id {new_id!r} exists ({existing[new_id].name}); "
                            "pass --replace to replace it, or --id to choose another id",
                        )
                    _remove_files(change, settings, existing[new_id])
                change.write(f"{new_id}{path.suffix.casefold()}", _read(path))
                change.write(f"{new_id}{SIDECAR_SUFFIX}", _sidecar(meta, page))
                added.append(meta)
            return added, _commit(settings, change)


def _has_own_id(path: Path) -> bool:
    """Whether a file's own metadata names its id (a sidecar or front matter says ``id:``)."""
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    texts = [sidecar.read_text(encoding="utf-8", errors="replace")] if sidecar.is_file() else []
    if path.suffix.casefold() not in HTML_SUFFIXES:
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


@dataclass(frozen=True)
class _Update:
    """A refreshed page to write: the document's file as it was read, the new page, the
    document's metadata, and the report of the change."""

    path: Path
    was: bytes
    page: Fetched
    meta: DocumentMeta
    report: Refreshed


def refresh(
    settings: CorpusSettings, doc_ids: Sequence[str] = ()
) -> tuple[list[Refreshed], Index | None]:
    """Fetch again the web pages of the corpus (every HTML document with an http(s) URL, and
    every document imported from the web), or the documents named, and update those that
    changed, all in one change of the corpus. A page that fails is reported and kept as it was;
    the index is None when nothing changed. A text or Markdown document is fetched only when
    named: its URL is where it was copied from, not a page to replace it with.

    The pages are fetched without the corpus lock, so that a slow site never holds up the bot
    or another maintainer; a document that changed meanwhile is not overwritten."""
    documents = _documents_of(settings)
    unknown = [doc_id for doc_id in doc_ids if doc_id not in documents]
    if unknown:
        raise CorpusError(f"no document with id {unknown[0]!r}; see qabot corpus list")
    considered = list(doc_ids) or list(documents)
    fields = {doc_id: _fields(documents[doc_id][0]) for doc_id in considered}
    targets = list(doc_ids) or [
        doc_id for doc_id in considered if _is_web_page(*documents[doc_id], fields[doc_id])
    ]
    checked = [_refetch(settings, *documents[doc_id], fields[doc_id]) for doc_id in targets]
    results = [r for r in checked if isinstance(r, Refreshed)]
    updates = [u for u in checked if isinstance(u, _Update)]
    if not updates:
        return results, None
    with locked(settings.documents):
        change = Change(settings.documents)
        for update in updates:
            doc_id = update.report.doc_id
            if not update.path.is_file() or update.path.read_bytes() != update.was:
                results.append(Refreshed(doc_id, "failed", "it changed while it was fetched"))
                continue
            _remove_files(change, settings, update.path)
            change.write(f"{doc_id}.html", update.page.body or b"")
            change.write(f"{doc_id}{SIDECAR_SUFFIX}", _sidecar(update.meta, update.page))
            results.append(update.report)
        index = _commit(settings, change) if change.writes else None
    order = {doc_id: n for n, doc_id in enumerate(targets)}
    return sorted(results, key=lambda r: order[r.doc_id]), index


def _is_web_page(path: Path, document: Document, fields: dict[str, str]) -> bool:
    """Whether a document is a web page to refresh: imported from the web (its sidecar's
    ``fields`` say when it was fetched), or an HTML page with an http(s) URL."""
    if "fetched" in fields:
        return True
    return path.suffix.casefold() in HTML_SUFFIXES and is_http_url(document.meta.url)


def _fields(path: Path) -> dict[str, str]:
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    return read_sidecar(sidecar) if sidecar.is_file() else {}


def _refetch(
    settings: CorpusSettings, path: Path, old: Document, fields: dict[str, str]
) -> Refreshed | _Update:
    """Fetch one document's page again (its sidecar's ``fields`` hold the validators): what
    came of it, or the update to write."""
    doc_id = old.meta.id
    if not is_http_url(old.meta.url):
        return Refreshed(doc_id, "failed", "it has no http(s) URL to fetch it from")
    was = _read(path)
    try:
        page = fetch(old.meta.url, settings.fetch, fields.get("etag"), fields.get("last_modified"))
        if page.body is None:
            return Refreshed(doc_id, "unchanged", "not modified")
        with _saved([page]) as saved:
            (new_path,) = saved
            new = _read_page(new_path, settings, page)
    except (FetchError, DocumentError) as error:
        return Refreshed(doc_id, "failed", str(error))
    if new.text == old.text:
        return Refreshed(doc_id, "unchanged", "same content")
    before = Counter(p.text for p in split_document(old, settings.split))
    after = Counter(p.text for p in split_document(new, settings.split))
    added, removed = sum((after - before).values()), sum((before - after).values())
    report = Refreshed(doc_id, "updated", f"{added} passage(s) added, {removed} removed")
    return _Update(path, was, page, dataclasses.replace(old.meta, url=page.url), report)


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
