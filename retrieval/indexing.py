"""The index: passages, their terms' postings and the corpus vocabulary, built once and saved.

A saved index is one NumPy ``.npz`` file of plain arrays, its small parts as JSON inside it,
and it is loaded with pickling refused, so loading one can never run code. It records a
fingerprint of the corpus files and of the settings that shaped it; when either changes,
the next load rebuilds it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import tempfile
import types
import typing
import zipfile
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

import corpus
from corpus.acronyms import read_overrides, table_of
from corpus.errors import IndexFormatError
from corpus.fetching import FetchSettings
from corpus.loading import ReadSettings, check_ids, corpus_fingerprint, document_paths
from corpus.locking import locked
from corpus.models import DocumentMeta
from corpus.progress import Progress, quietly
from corpus.splitting import SplitSettings
from retrieval.passage_table import PassageTable, Strings
from retrieval.postings import Postings
from retrieval.shards import Survey, build_parts, plan
from retrieval.spelling import is_english_word
from retrieval.tokenizing import STEMMER, Tokenizer, normalize

FORMAT = "qabot-index"
FORMAT_VERSION = 8

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CorpusSettings:
    """Where the corpus is and how it is read.

    Attributes:
        documents: the directory of documents and their ``.yaml`` sidecars.
        acronyms: the maintainers' acronym file.
        index: where the built index is saved.
        read: how documents are read.
        split: how documents become passages.
        fetch: how web pages are fetched, by ``corpus add URL`` and ``corpus refresh``.
    """

    documents: Path
    acronyms: Path
    index: Path
    read: ReadSettings = field(default_factory=ReadSettings)
    split: SplitSettings = field(default_factory=SplitSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)


@dataclass(frozen=True)
class Index:
    """Everything retrieval needs, derived from the corpus.

    Attributes:
        fingerprint: identifies the corpus files and settings it was built from.
        documents: the metadata of every document.
        passages: every passage, in corpus order.
        postings: which passages hold each index term, and how often. A passage's terms
            are those of its text and the answer types it holds (``#date``, ``#number``).
        sections: the same for each section's context, sections in the order they first
            appear: its page's title, its heading and the page's publisher.
        pages: the same for each document as a whole, in the order of ``documents``: its
            title, publisher, headings and text.
        claims: for each passage, its claims of who plays which part in what
            (``roles.encode``): the relation table both directions of a who-question read.
        acronyms: ACRONYM → Long Name, mined and from the maintainers' file.
        aliases: Other Name → ACRONYM, for the names a page gives an acronym besides its
            long name ("(ROGLAN), or Andean Glacier and Snow Observation Network").
        protected: lower-case words kept whole by the tokenizer: the corpus's acronyms
            that are not common English words.
        words: every word of the corpus, lower-cased, with its count; the
            vocabulary that typos are corrected to.
    """

    fingerprint: str
    documents: tuple[DocumentMeta, ...]
    passages: PassageTable
    postings: Postings
    sections: Postings
    pages: Postings
    claims: Strings
    acronyms: dict[str, str]
    protected: frozenset[str]
    words: dict[str, int]
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def tokenizer(self) -> Tokenizer:
        """The tokenizer that built this index, for the questions asked of it."""
        return Tokenizer(self.protected)


@lru_cache(maxsize=1)
def _code_key() -> str:
    """A hash of the code and data that turn documents into terms: new code, new index."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    sources = [
        *Path(corpus.__file__).parent.rglob("*.py"),
        *here.rglob("*.py"),
        *here.glob("data/*"),
    ]
    for path in sorted(sources):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def corpus_key(settings: CorpusSettings) -> str:
    """What the index depends on: the corpus files, the reading settings, the code."""
    digest = hashlib.sha256()
    digest.update(_code_key().encode())
    digest.update(corpus_fingerprint(settings.documents, (settings.acronyms,)).encode())
    shape = {
        "read": asdict(settings.read),
        "split": asdict(settings.split),
        "v": FORMAT_VERSION,
        "stemmer": STEMMER,
    }
    digest.update(json.dumps(shape, sort_keys=True).encode())
    return digest.hexdigest()


def build(
    settings: CorpusSettings,
    key: str | None = None,
    progress: Progress = quietly,
    workers: int | None = None,
) -> Index:
    """Read the corpus and index it; ``key`` is its ``corpus_key`` if already known, and
    ``progress`` wraps each step. A large corpus is built by one process per core, or by
    ``workers`` processes; the index is the same either way."""
    paths = document_paths(settings.documents)
    overrides = read_overrides(settings.acronyms)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The fingerprint reads every file again: it is hashed while the corpus is indexed.
        fingerprint = pool.submit(lambda: key or corpus_key(settings))
        surveys, protected, parts = build_parts(
            settings.documents,
            plan(paths, workers),
            settings.read,
            settings.split,
            lambda surveys: _protected(surveys, paths, overrides),
            progress,
        )
        words: Counter[str] = Counter()
        for survey in surveys:
            words.update(survey.words)
        return Index(
            fingerprint=fingerprint.result(),
            documents=tuple(meta for survey in surveys for meta in survey.documents),
            passages=PassageTable.concat([part.passages for part in parts]),
            postings=Postings.concat([part.postings for part in parts]),
            sections=Postings.concat([part.sections for part in parts]),
            pages=Postings.concat([part.pages for part in parts]),
            claims=Strings.concat([part.claims for part in parts]),
            acronyms=_acronyms(surveys, overrides),
            protected=protected,
            # Sorted, so that the words come in one order however the corpus was cut into
            # shards.
            words=dict(sorted(words.items())),
            aliases=_aliases(surveys),
        )


def _acronyms(surveys: list[Survey], overrides: Mapping[str, str | None]) -> dict[str, str]:
    return table_of((pair for survey in surveys for pair in survey.definitions), overrides)


def _aliases(surveys: list[Survey]) -> dict[str, str]:
    """Other Name → ACRONYM, the first given for each name."""
    found: dict[str, str] = {}
    for survey in surveys:
        for short, name in survey.aliases:
            found.setdefault(name, short)
    return found


def _protected(
    surveys: list[Survey], paths: Sequence[Path], overrides: Mapping[str, str | None]
) -> frozenset[str]:
    """The words the tokenizer keeps whole, decided from every shard's survey: the corpus's
    acronyms, and the words written as acronyms. Raises the corpus's first problem, an
    unreadable document or a repeated id."""
    metas: list[DocumentMeta] = []
    for survey in surveys:
        metas.extend(survey.documents)
        if survey.problem is not None:
            check_ids(paths, metas)
            raise survey.problem
    check_ids(paths, metas)
    acronyms = {normalize(short) for short in _acronyms(surveys, overrides)}
    written = acronyms.union(*(survey.capitalised for survey in surveys))
    # "WHO" is an acronym, "who" a word: an acronym that is also a common English word is kept
    # whole only where it is written in capitals.
    return frozenset(word for word in written if not is_english_word(word))


def _meta(index: Index) -> dict[str, Any]:
    """The parts of the index that are not arrays, as JSON data."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "fingerprint": index.fingerprint,
        "documents": [asdict(meta) for meta in index.documents],
        "acronyms": index.acronyms,
        "aliases": index.aliases,
        "protected": sorted(index.protected),
        "words": index.words,
    }


def _record(cls: Any, raw: Any, what: str) -> Any:
    """A frozen dataclass from a JSON object, every field checked against its type."""
    if not isinstance(raw, dict):
        raise IndexFormatError(f"{what} must be an object")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    if set(raw) - set(fields):
        raise IndexFormatError(f"{what} has unknown fields {sorted(set(raw) - set(fields))}")
    values: dict[str, Any] = {}
    for name, field_ in fields.items():
        if name not in raw:
            if field_.default is dataclasses.MISSING:
                raise IndexFormatError(f"{what} lacks {name!r}")
            continue
        if not _is_a(raw[name], hints[name]):
            raise IndexFormatError(f"{what}.{name} has the wrong type")
        values[name] = raw[name]
    return cls(**values)


def _is_a(value: Any, kind: Any) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return any(_is_a(value, option) for option in typing.get_args(kind))
    return isinstance(value, kind)


def _strings(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise IndexFormatError(f"{what} must be a list of strings")
    return value


def _from_parts(data: Any, arrays: Mapping[str, np.ndarray]) -> Index:
    """Rebuild an index from its JSON part and its arrays, checking their shape as it goes."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise IndexFormatError("not a qabot index")
    if data.get("version") != FORMAT_VERSION:
        raise IndexFormatError(
            f"index format version {data.get('version')!r}, need {FORMAT_VERSION}"
        )
    try:
        documents = tuple(_record(DocumentMeta, raw, "document") for raw in data["documents"])
        acronyms = data["acronyms"]
        aliases = data["aliases"]
        words = data["words"]
        for name, table in (("acronyms", acronyms), ("aliases", aliases)):
            if not isinstance(table, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in table.items()
            ):
                raise IndexFormatError(f"{name} must map strings to strings")
        if not isinstance(words, dict) or not all(
            isinstance(k, str) and isinstance(v, int) for k, v in words.items()
        ):
            raise IndexFormatError("words must map strings to counts")
        index = Index(
            fingerprint=str(data["fingerprint"]),
            documents=documents,
            passages=PassageTable.from_arrays(arrays, "passages."),
            postings=_postings(arrays, "postings"),
            sections=_postings(arrays, "sections"),
            pages=_postings(arrays, "pages"),
            claims=Strings(arrays["claims.data"], arrays["claims.offsets"]),
            acronyms=acronyms,
            protected=frozenset(_strings(data["protected"], "protected")),
            words=words,
            aliases=aliases,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise IndexFormatError(f"malformed index: {error}") from None
    if index.postings.size != len(index.passages):
        raise IndexFormatError("malformed index: postings and passages differ in number")
    if len(index.claims) != len(index.passages):
        raise IndexFormatError("malformed index: claims and passages differ in number")
    if index.pages.size != len(index.documents):
        raise IndexFormatError("malformed index: pages and documents differ in number")
    if index.sections.size != _distinct(index.passages.section_keys()):
        raise IndexFormatError("malformed index: sections and passages' sections differ")
    return index


def _distinct(values: np.ndarray) -> int:
    """How many distinct values an array holds. (``np.unique`` would import ``numpy.ma``, a
    sixtieth of a second of every `qabot ask`.)"""
    return int(np.count_nonzero(np.diff(np.sort(values)))) + 1 if values.size else 0


def _postings(arrays: Mapping[str, np.ndarray], name: str) -> Postings:
    return Postings.from_arrays({part: arrays[f"{name}.{part}"] for part in _POSTINGS})


_POSTINGS = ("vocabulary", "indptr", "docs", "counts", "lengths")
_ZIP_MAGIC = b"PK\x03\x04"


def save(index: Index, path: Path) -> None:
    """Write the index atomically: a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    meta = json.dumps(_meta(index), ensure_ascii=False, separators=(",", ":")).encode()
    arrays = {
        "meta": np.frombuffer(meta, dtype=np.uint8),
        **{
            f"{name}.{part}": array
            for name, postings in (
                ("postings", index.postings),
                ("sections", index.sections),
                ("pages", index.pages),
            )
            for part, array in postings.arrays().items()
        },
        **index.passages.arrays("passages."),
        "claims.data": index.claims.data,
        "claims.offsets": index.claims.offsets,
    }
    try:
        # mkstemp makes the file private; the index is no secret, and a bot running as another
        # user than the maintainer must be able to read it.
        os.chmod(temporary, 0o644)
        with os.fdopen(handle, "wb") as stream:
            np.savez(stream, **arrays)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(path: Path) -> Index:
    """Read a saved index; anything that is not one raises ``IndexFormatError``.

    Pickled objects are refused, so a crafted file cannot run code.
    """
    try:
        with path.open("rb") as stream:
            # Anything but a zip archive would reach NumPy's pickle loader, which refuses it,
            # but with a message about pickles that misleads whoever reads the log.
            if stream.read(len(_ZIP_MAGIC)) != _ZIP_MAGIC:
                raise IndexFormatError(f"{path} is not a qabot index (not an .npz archive)")
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        data = json.loads(arrays.pop("meta").tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
        raise IndexFormatError(f"cannot read index {path}: {error}") from None
    return _from_parts(data, arrays)


def load_or_build(settings: CorpusSettings, progress: Progress = quietly) -> Index:
    """The saved index if it matches the corpus; otherwise a fresh one, saved if possible;
    ``progress`` wraps the steps of a build.

    It reads the corpus under a shared lock, so never in the middle of a maintainer's change.
    """
    with locked(settings.documents, shared=True):
        return _load_or_build(settings, progress)


def _load_or_build(settings: CorpusSettings, progress: Progress) -> Index:
    wanted = corpus_key(settings)
    if settings.index.exists():
        try:
            index = load(settings.index)
        except IndexFormatError as error:
            log.warning("rebuilding the index: %s", error)
        else:
            if index.fingerprint == wanted:
                return index
            log.info("the corpus has changed; rebuilding the index")
    index = build(settings, wanted, progress)
    try:
        save(index, settings.index)
    except OSError as error:
        log.warning("could not save the index to %s: %s", settings.index, error)
    return index
