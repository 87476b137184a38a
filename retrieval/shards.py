"""Building the index in shards: runs of consecutive documents, each read, split and indexed on
its own, then joined into the index that one pass over the whole corpus would make.

A shard is built in two steps, because how a word is indexed depends on the whole corpus: a
word written as an acronym anywhere is kept whole everywhere. The survey reads the shard's
documents and reports their words; the caller merges every shard's survey and hands each shard
the words to keep whole; the shard then tokenizes its passages.

A large corpus is built by one process per core, each holding one shard from its survey to its
postings, so that only the results cross between processes, never the documents.
"""

from __future__ import annotations

import array
import itertools
import logging
import multiprocessing
import os
import signal
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import numpy as np

from corpus.acronyms import aliases, definitions
from corpus.errors import CorpusError, DocumentError
from corpus.loading import ReadSettings, read_documents
from corpus.models import Document, DocumentMeta, Passage
from corpus.progress import Progress, quietly
from corpus.splitting import SplitSettings, split_corpus
from retrieval.answer_types import passage_types
from retrieval.passage_table import PassageTable, Strings
from retrieval.postings import Postings
from retrieval.role_reading import claims
from retrieval.roles import encode
from retrieval.tokenizing import Tokenizer

log = logging.getLogger(__name__)

# Below this many bytes of documents per process, starting the processes and sending their
# results back costs more than the second core saves.
MIN_SHARD_BYTES = 8_000_000
# How many progress reports a process sends per step: enough for a smooth bar, few messages.
_REPORTS_PER_STEP = 200
# How long a worker that has sent its part may take to exit.
_EXIT_SECONDS = 5.0
# Distinct words as written whose term ids a shard keeps, before it starts over.
_WORDS_REMEMBERED = 1_000_000
SURVEY_STEPS = ("reading documents", "splitting", "reading words")
INDEX_STEP = "indexing passages"


@dataclass(frozen=True)
class Survey:
    """What a shard's documents hold, before any passage is tokenized.

    Attributes:
        documents: the metadata of the documents read, in order.
        problem: the error of the first document that could not be read, or None; the
            documents after it were not read.
        passages: how many passages the documents make.
        words: every word, lower-cased, with its count (``Tokenizer.survey``).
        capitalised: the words written as acronyms somewhere (``Tokenizer.survey``).
        definitions: the ``(ACRONYM, Long Name)`` pairs the documents define, in order.
        aliases: the ``(ACRONYM, Other Name)`` pairs they give besides (``corpus.acronyms``).
    """

    documents: tuple[DocumentMeta, ...]
    problem: DocumentError | None
    passages: int
    words: Counter[str]
    capitalised: frozenset[str]
    definitions: tuple[tuple[str, str], ...]
    aliases: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Part:
    """A shard's share of the index, each postings over the shard's own vocabulary.

    Attributes:
        passages: its passages.
        postings: the terms of each passage's text and answer types.
        sections: the terms of each section's context, sections in the order they first
            appear: the page's title, the heading and the publisher.
        pages: the terms of each document as a whole, in corpus order: its title, publisher,
            headings and text.
        claims: each passage's claims of who plays which part (``roles.encode``).
    """

    passages: PassageTable
    postings: Postings
    sections: Postings
    pages: Postings
    claims: Strings


class _TermIds:
    """Index terms as ids into a vocabulary that grows in the order terms first appear, as
    ``Postings.from_terms`` numbers them. A word's ids are worked out once per way of
    writing it: a million passages have far fewer distinct words than words."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocabulary: dict[str, int] = {}
        self._words: tuple[dict[str, tuple[int, ...]], ...] = ({}, {})

    def of(self, terms: Iterable[str]) -> tuple[int, ...]:
        """The ids of ``terms``, new terms numbered as they come."""
        return tuple(self.vocabulary.setdefault(term, len(self.vocabulary)) for term in terms)

    def add_words(self, flat: array.array[int], words: list[str], mixed_case: bool) -> None:
        """Append the ids of the terms of ``words`` (``Tokenizer.words``) to ``flat``."""
        memo = self._words[mixed_case]
        mark = len(flat)
        try:
            # Usually every word is known, and the lookups then run in C.
            flat.extend(itertools.chain.from_iterable(map(memo.__getitem__, words)))
        except KeyError:
            del flat[mark:]
            if len(memo) >= _WORDS_REMEMBERED:
                memo.clear()
            for word in words:
                if word not in memo:
                    memo[word] = self.of(self.tokenizer.word_terms(word, mixed_case))
            flat.extend(itertools.chain.from_iterable(map(memo.__getitem__, words)))


class Shard:
    """Consecutive documents of a corpus, surveyed and then indexed on their own."""

    def __init__(
        self,
        directory: Path,
        paths: Sequence[Path],
        read: ReadSettings,
        split: SplitSettings,
        progress: Progress = quietly,
    ) -> None:
        self._directory = directory
        self._paths = paths
        self._read = read
        self._split = split
        self._progress = progress
        self._documents: list[Document] = []
        self._passages: list[Passage] = []

    def survey(self) -> Survey:
        """Read and split the documents, and count their words."""
        progress = self._progress
        documents, problem = read_documents(self._directory, self._paths, self._read, progress)
        metas = tuple(document.meta for document in documents)
        if problem is not None:
            return Survey(metas, problem, 0, Counter(), frozenset(), ())
        self._documents = documents
        self._passages = split_corpus(progress(documents, len(documents), "splitting"), self._split)
        texts = [document.text for document in documents]
        words, capitalised = Tokenizer().survey(progress(texts, len(texts), "reading words"))
        return Survey(
            metas,
            None,
            len(self._passages),
            words,
            frozenset(capitalised),
            tuple(definitions(texts)),
            tuple(aliases(texts)),
        )

    def index(self, protected: frozenset[str]) -> Part:
        """The postings of the passages, their sections and their documents, with the words in
        ``protected`` kept whole."""
        tokenizer = Tokenizer(protected)
        ids = _TermIds(tokenizer)
        # A passage is indexed under its own words and answer types. What it is about, its
        # page's title and its section's heading, and who speaks in it, its publisher ("we" on
        # INTERPOL's page is INTERPOL), are its section's context, scored on their own: a
        # one-line passage does not outrank a paragraph because it repeats the title.
        passages = self._passages
        # 4 bytes a term: a list would hold tens of millions of int objects.
        flat, section_flat = array.array("i"), array.array("i")
        lengths = np.zeros(len(passages), dtype=np.int32)
        section_lengths: list[int] = []
        sections: set[tuple[str, str]] = set()
        types: dict[tuple[str, ...], tuple[int, ...]] = {}
        documents = {d.meta.id: d.meta for d in self._documents}
        # Each page's title and publisher, which start its page and every section's context.
        heads: dict[str, tuple[int, ...]] = {}
        pages: dict[str, array.array[int]] = {}
        unopened = iter(documents.values())

        def open_pages(through: str | None) -> None:
            """Start the pages of the documents up to ``through`` (all if None), in corpus
            order, so that terms are numbered as one pass over the corpus numbers them."""
            if through in pages:
                return
            for meta in unopened:
                heads[meta.id] = ids.of(tokenizer.terms(f"{meta.title}\n{meta.publisher}"))
                pages[meta.id] = array.array("i", heads[meta.id])
                if meta.id == through:
                    return

        # Who plays which part, read once here rather than at every question (``roles``).
        claim_rows: list[str] = []
        for number, p in enumerate(self._progress(passages, len(passages), INDEX_STEP)):
            open_pages(p.doc_id)
            claim_rows.append(encode(claims(p.text, p.section, _continued(passages, number))))
            mark = len(flat)
            mixed_case, words = tokenizer.words(p.text)
            ids.add_words(flat, words, mixed_case)
            page = pages[p.doc_id]
            page.extend(flat[mark:])
            key = tuple(passage_types(words, p.text))
            if key not in types:
                types[key] = ids.of(key)
            flat.extend(types[key])
            lengths[number] = len(flat) - mark
            if (p.doc_id, p.section) not in sections:
                sections.add((p.doc_id, p.section))
                own = p.section != documents[p.doc_id].title
                heading = ids.of(tokenizer.terms(p.section)) if own else ()
                section_flat.extend(heads[p.doc_id] + heading)
                section_lengths.append(len(heads[p.doc_id]) + len(heading))
                page.extend(heading)
        open_pages(None)
        vocabulary = list(ids.vocabulary)
        page_list = list(pages.values())
        return Part(
            PassageTable.of(passages),
            Postings.from_ids(np.frombuffer(flat, dtype=np.int32), lengths, vocabulary),
            Postings.from_ids(
                np.frombuffer(section_flat, dtype=np.int32),
                np.asarray(section_lengths, dtype=np.int32),
                vocabulary,
            ),
            Postings.from_ids(
                np.frombuffer(array.array("i", itertools.chain.from_iterable(page_list)), np.int32),
                np.array([len(page) for page in page_list], dtype=np.int32),
                vocabulary,
            ),
            Strings.of(claim_rows),
        )


def plan(paths: Sequence[Path], workers: int | None = None) -> list[Sequence[Path]]:
    """The corpus's documents cut into runs of about equal size, one per process: as many as
    ``workers``, or by default as many as there are cores and the corpus is worth."""
    ends = np.cumsum([path.stat().st_size for path in paths], dtype=np.int64)
    total = int(ends[-1]) if len(ends) else 0
    if workers is None:
        workers = min(_cores(), total // MIN_SHARD_BYTES)
    if multiprocessing.current_process().daemon:
        workers = 1  # a daemonic process may not start processes of its own
    workers = max(1, min(workers, len(paths)))
    # Each run ends at the boundary between documents nearest to its share of the bytes.
    shares = total * np.arange(1, workers) / workers
    crossing = np.searchsorted(ends, shares)
    before = np.where(crossing > 0, ends[np.maximum(crossing - 1, 0)], 0)
    nearer = np.where(shares - before <= ends[crossing] - shares, crossing, crossing + 1)
    # Every run has at least one document.
    cuts = [0]
    for number, cut in enumerate(nearer.tolist(), start=1):
        cuts.append(min(max(cut, cuts[-1] + 1), len(paths) - (workers - number)))
    return [paths[a:b] for a, b in itertools.pairwise([*cuts, len(paths)])]


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


Decide = Callable[[list[Survey]], frozenset[str]]


def build_parts(
    directory: Path,
    runs: Sequence[Sequence[Path]],
    read: ReadSettings,
    split: SplitSettings,
    decide: Decide,
    progress: Progress = quietly,
) -> tuple[list[Survey], frozenset[str], list[Part]]:
    """Survey every run of documents, ``decide`` from all the surveys which words to keep
    whole, then index every run: in this process for one run, else one process per run.
    Returns the surveys, the words kept whole and the parts."""
    if len(runs) == 1:
        shard = Shard(directory, runs[0], read, split, progress)
        surveys = [shard.survey()]
        protected = decide(surveys)
        return surveys, protected, [shard.index(protected)]
    with _Crew(directory, runs, read, split) as crew:
        surveys = crew.survey(progress)
        protected = decide(surveys)
        passages = sum(survey.passages for survey in surveys)
        return surveys, protected, crew.index(protected, passages, progress)


def _reporting(link: Connection) -> Progress:
    """A progress reporter that tells the parent process how far each step has come."""

    def report(items: Iterable[Any], total: int, what: str) -> Iterator[Any]:
        every, done = max(1, total // _REPORTS_PER_STEP), 0
        for item in items:
            yield item
            done += 1
            if done == every:
                link.send(("done", what, done))
                done = 0
        link.send(("done", what, done))

    return report


def _serve(
    link: Connection,
    others: list[Connection],
    directory: Path,
    paths: Sequence[Path],
    read: ReadSettings,
    split: SplitSettings,
) -> None:
    """A worker process: survey a shard, wait for the words to keep whole, index it.
    ``others`` are the parent's ends of its pipe and the earlier workers', which the fork
    copied."""
    # Held open here, they would keep a worker waiting after the parent hangs up.
    for other in others:
        other.close()
    # The parent decides what an interrupt or a stop means for the build, and the bot's
    # signal handlers, inherited by the fork, must not run here.
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        shard = Shard(directory, paths, read, split, _reporting(link))
        link.send(("survey", None, shard.survey()))
        protected = link.recv()
        link.send(("part", None, shard.index(protected)))
    except EOFError:
        return  # the parent gave up on the build
    except BaseException as error:
        # Only a description travels: an exception object may not survive pickling.
        summary = f"{type(error).__name__}: {error}"
        link.send(("failed", summary, traceback.format_exc()))


class _Crew:
    """One worker process per run of documents, and the parent's end of their pipes."""

    def __init__(
        self,
        directory: Path,
        runs: Sequence[Sequence[Path]],
        read: ReadSettings,
        split: SplitSettings,
    ) -> None:
        # fork: a worker starts at once, with the code already imported, and needs nothing
        # pickled; it only reads files and computes, so the parent's threads do not matter.
        context = multiprocessing.get_context("fork")
        self._links: list[Connection] = []
        self._processes: list[multiprocessing.process.BaseProcess] = []
        self._done: Counter[str] = Counter()
        self._results: dict[int, Any] = {}
        self.documents = sum(len(run) for run in runs)
        for run in runs:
            mine, theirs = context.Pipe()
            process = context.Process(
                target=_serve,
                args=(theirs, [*self._links, mine], directory, run, read, split),
                daemon=True,
            )
            process.start()
            theirs.close()
            self._links.append(mine)
            self._processes.append(process)

    def __enter__(self) -> _Crew:
        return self

    def __exit__(self, failure: type[BaseException] | None, *details: object) -> None:
        for link in self._links:
            link.close()
        for process in self._processes:
            # A build that failed or was stopped has nothing left to wait for; a finished
            # worker exits on its own once it has sent its part.
            if failure is None:
                process.join(timeout=_EXIT_SECONDS)
            process.kill()
            process.join()

    def survey(self, progress: Progress) -> list[Survey]:
        """Every worker's survey, in the order of the runs."""
        for what in SURVEY_STEPS:
            for _ in progress(self._step(what, self.documents), self.documents, what):
                pass
        return self._collect()

    def index(self, protected: frozenset[str], passages: int, progress: Progress) -> list[Part]:
        """Every worker's part of the index, in the order of the runs."""
        for link in self._links:
            link.send(protected)
        for _ in progress(self._step(INDEX_STEP, passages), passages, INDEX_STEP):
            pass
        return self._collect()

    def _step(self, what: str, total: int) -> Iterator[None]:
        """One item for each one a step of the workers has done, until it is done for all."""
        shown = 0
        while True:
            while shown < min(self._done[what], total):
                shown += 1
                yield None
            # A worker that met an unreadable document ends its survey early.
            if shown >= total or len(self._results) == len(self._links):
                return
            self._pump()

    def _pump(self) -> None:
        """Take in what the workers have sent; wait until one has sent something."""
        waiting = [link for number, link in enumerate(self._links) if number not in self._results]
        for link in wait(waiting):
            try:
                kind, what, payload = link.recv()
            except EOFError:
                raise CorpusError("an indexing worker process stopped unexpectedly") from None
            if kind == "done":
                self._done[what] += payload
            elif kind == "failed":
                log.error("an indexing worker process failed:\n%s", payload)
                raise CorpusError(f"indexing failed in a worker process: {what}")
            else:
                self._results[self._links.index(link)] = payload

    def _collect(self) -> list[Any]:
        while len(self._results) < len(self._links):
            self._pump()
        results = [self._results[number] for number in range(len(self._links))]
        self._results = {}
        return results


def _continued(passages: list[Passage], number: int) -> str:
    """The text of the passage after one, where it goes on with the same paragraph (a long
    one is cut into passages at sentences); else ""."""
    if number + 1 >= len(passages):
        return ""
    here, after = passages[number], passages[number + 1]
    same = after.doc_id == here.doc_id and after.section == here.section
    return (
        after.text if same and after.kind is here.kind and 0 <= after.start - here.end <= 1 else ""
    )
