"""The scoring benchmark: qabot's exact BM25 against rank-bm25, bm25s and tantivy, on synthetic
corpora.

The engines, each given the same already-tokenized passages and queries:

- ``rank-bm25``, the naive way: ``BM25Okapi.get_scores`` scores every passage in Python, then
  ``argpartition`` picks the top 10, with the passages that tie the tenth so that ties go in
  passage order as in qabot's ranking (one more pass over the scores). Slow enough that it
  runs only some of the queries on the larger corpora (``naive_query_count``).
- ``qabot``: ``Postings.from_ids`` and ``Scorer`` from ``retrieval.scoring``, then
  ``Scorer.top(query, 10)``; the scores are rank-bm25's, exactly.
- ``bm25s``: ``BM25(method="robertson")``, Okapi's formula without rank-bm25's idf floor, which
  no mid-frequency query term reaches, indexed from token ids, and ``retrieve(k=10)`` with its
  NumPy backend (no numba, no JAX). Its scores are rank-bm25's divided by k1 + 1, in float32.
- ``tantivy``, the Rust search engine (PyPI ``tantivy``): the passages' terms indexed in memory
  in one text field split on whitespace, with term frequencies, by one indexing thread, merged
  into one segment; each query a boolean query of its terms, each one "should", searched for
  its top 10 without counting the matches, so that its block-max WAND skips what cannot reach
  the top 10. Its BM25 is its own, k1 = 1.2 and b = 0.75 (its Python API sets neither): the
  same work per query, other scores.

The first three use k1 = 1.5 and b = 0.75, the defaults that rank-bm25 and bm25s share
(Okapi's epsilon 0.25 for the two that have it).

Each engine at each size runs in a process of its own (spawned, not forked), so that one
engine's memory never counts against another's. The process generates the corpus, prepares the
engine's input, then measures:

- build: the seconds to build the index from that input;
- peak: the highest resident memory during the build, less the resident memory before it.
  On Linux the high-water mark is reset just before the build (``/proc/self/clear_refs``) and
  read from ``/proc/self/status``. ``ru_maxrss`` is not used there: a spawned process starts
  with its parent's high-water mark;
- resident: the resident memory after the build, less the same baseline;
- latency: each query timed alone, one after another on one core, after a few untimed
  warm-up queries; qabot and bm25s go through the queries ``REPEATS`` times;
- for qabot, the exact bytes of the index's arrays and the seconds to save it with
  ``numpy.savez`` (uncompressed); then, in another fresh process, as a bot starts, the seconds
  to load it with ``numpy.load(allow_pickle=False)`` and to build a ``Scorer`` from it, and
  that process's resident memory for it. The file is read warm from the page cache.
"""

from __future__ import annotations

import dataclasses
import gc
import math
import multiprocessing
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import bm25s
import numpy as np
import psutil
from rank_bm25 import BM25Okapi

from benchmarks.reporting import Latency, machine, ratio, read_memory, size_label, table, times
from benchmarks.synthetic import (
    DEFAULT_SEED,
    FREQUENT_SHARE,
    FREQUENT_TERMS,
    MAX_LENGTH,
    MID_FREQUENCY,
    MIN_LENGTH,
    QUERY_TERMS,
    VOCABULARY_SIZE,
    ZIPF_EXPONENT,
    Corpus,
    generate_corpus,
    generate_queries,
)
from retrieval.postings import Postings
from retrieval.scoring import BM25Settings, Scorer

NAIVE, QABOT, BM25S, TANTIVY = "rank-bm25", "qabot", "bm25s", "tantivy"
ENGINES = (NAIVE, QABOT, BM25S, TANTIVY)
DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)
DEFAULT_QUERIES = 200
TOP_K = 10
SETTINGS = BM25Settings(variant="okapi", k1=1.5, b=0.75, epsilon=0.25)
# qabot and bm25s answer in milliseconds: repeating the queries gives p99 enough samples.
REPEATS = 5
WARM_UP = 5
# The longest one engine may take at one size, build and queries; rank-bm25 at 1M is the
# slowest, at a few minutes.
JOB_TIMEOUT_SECONDS = 3600.0
# How long a process that has sent its result may take to free its memory and exit.
EXIT_GRACE_SECONDS = 60.0
# Scores that differ by less are the same score computed in another order.
SAME_SCORE = 1e-9
MB = 1e6


def naive_query_count(size: int, wanted: int) -> int:
    """How many queries rank-bm25 runs: all up to 10k passages, 50 up to 100k, 10 beyond,
    since it reads every passage for every query term."""
    if size <= 10_000:
        return wanted
    return min(wanted, 50 if size <= 100_000 else 10)


@dataclass(frozen=True)
class Job:
    """One engine at one corpus size, as a child process receives it.

    Attributes:
        engine: ``rank-bm25``, ``qabot`` or ``bm25s``.
        size: passages in the corpus.
        seed: the corpus's seed.
        queries: the queries to time, as terms.
        repeats: how many times the queries are timed.
        save_to: qabot only: the ``.npz`` file to save the index to.
    """

    engine: str
    size: int
    seed: int
    queries: tuple[tuple[str, ...], ...]
    repeats: int
    save_to: Path | None = None


@dataclass(frozen=True)
class Loading:
    """Loading a saved index in a fresh process, as a bot does when it starts.

    Attributes:
        load_seconds: ``numpy.load(allow_pickle=False)`` and ``Postings.from_arrays``.
        ready_seconds: the load, then a ``Scorer``: what a bot waits for.
        resident_bytes: the process's resident memory then, less what it held before.
    """

    load_seconds: float
    ready_seconds: float
    resident_bytes: int


@dataclass(frozen=True)
class QabotFigures:
    """What only qabot reports: its index's exact size, and saving and loading it.

    Attributes:
        index_bytes: the bytes of every array the scorer holds, postings included.
        postings_bytes: the bytes of the arrays that are saved.
        file_bytes: the size of the ``.npz`` file.
        save_seconds: ``numpy.savez``, uncompressed.
        loading: loading the file back; None until it is measured, or if that failed.
    """

    index_bytes: int
    postings_bytes: int
    file_bytes: int
    save_seconds: float
    loading: Loading | None = None


@dataclass(frozen=True)
class Measurement:
    """One engine at one corpus size.

    Attributes:
        engine: the engine's name.
        size: passages in the corpus.
        build_seconds: building the index from the prepared input.
        peak_bytes: the highest resident memory during the build, over the baseline.
        resident_bytes: the resident memory after the build, over the baseline.
        queries: how many distinct queries were timed.
        latency: the timings of the top-10 queries.
        top: for each distinct query, the top-10 passages and their scores, best first.
        qabot: qabot's own figures; None for the other engines.
    """

    engine: str
    size: int
    build_seconds: float
    peak_bytes: int
    resident_bytes: int
    queries: int
    latency: Latency
    top: tuple[tuple[tuple[int, ...], tuple[float, ...]], ...]
    qabot: QabotFigures | None = None


@dataclass(frozen=True)
class Failure:
    """An engine that did not finish at a size.

    Attributes:
        engine: the engine's name.
        size: passages in the corpus.
        reason: what went wrong.
    """

    engine: str
    size: int
    reason: str


Result = Measurement | Failure


class Engine(Protocol):
    """An engine under test: its input is prepared when it is made, untimed."""

    def build(self) -> None:
        """Build the index from the prepared input."""

    def query(self, terms: tuple[str, ...]) -> Any:
        """A query in the form that ``search`` takes."""

    def search(self, query: Any) -> tuple[np.ndarray, np.ndarray]:
        """The top 10 passages and their scores, best first."""


def _best_first(positions: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((positions, -scores))
    return positions[order], scores[order]


class NaiveEngine:
    """rank-bm25: every passage scored in Python, then the top 10 picked."""

    def __init__(self, corpus: Corpus) -> None:
        terms = np.array(corpus.vocabulary, dtype=object)
        # Lists of the vocabulary's own strings, as a tokenizer would give them.
        self.documents = [terms[passage].tolist() for passage in corpus.passages()]
        self.model: BM25Okapi | None = None

    def build(self) -> None:
        self.model = BM25Okapi(
            self.documents, k1=SETTINGS.k1, b=SETTINGS.b, epsilon=SETTINGS.epsilon
        )

    def query(self, terms: tuple[str, ...]) -> list[str]:
        return list(terms)

    def search(self, query: list[str]) -> tuple[np.ndarray, np.ndarray]:
        assert self.model is not None
        scores = self.model.get_scores(query)
        top = np.argpartition(-scores, TOP_K - 1)[:TOP_K]
        # Every passage that ties the tenth score, so that ties go in passage order, as in
        # qabot's ranking, and the two can be compared passage for passage.
        top = np.flatnonzero(scores >= scores[top].min())
        positions, values = _best_first(top, scores[top])
        return positions[:TOP_K], values[:TOP_K]


class QabotEngine:
    """qabot's ``Scorer``, over postings built from the term ids."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.postings: Postings | None = None
        self.scorer: Scorer | None = None

    def build(self) -> None:
        self.postings = Postings.from_ids(
            self.corpus.ids, self.corpus.lengths, self.corpus.vocabulary
        )
        self.scorer = Scorer(self.postings, SETTINGS)

    def query(self, terms: tuple[str, ...]) -> dict[str, float]:
        return dict.fromkeys(terms, 1.0)

    def search(self, query: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        assert self.scorer is not None
        return self.scorer.top(query, TOP_K)

    def figures(self, path: Path) -> QabotFigures:
        """The index's bytes, and saving it to ``path``."""
        assert self.postings is not None and self.scorer is not None
        started = time.perf_counter()
        np.savez(path, **self.postings.arrays())
        return QabotFigures(
            index_bytes=array_bytes([self.scorer]),
            postings_bytes=array_bytes([self.postings]),
            file_bytes=path.stat().st_size,
            save_seconds=time.perf_counter() - started,
        )


class Bm25sEngine:
    """bm25s, indexed from token ids, queried with ``retrieve`` and its NumPy backend."""

    def __init__(self, corpus: Corpus) -> None:
        self.ids = [passage.tolist() for passage in corpus.passages()]
        self.vocabulary = {term: number for number, term in enumerate(corpus.vocabulary)}
        self.model = bm25s.BM25(k1=SETTINGS.k1, b=SETTINGS.b, method="robertson", backend="numpy")

    def build(self) -> None:
        self.model.index((self.ids, self.vocabulary), show_progress=False)

    def query(self, terms: tuple[str, ...]) -> list[list[int]]:
        return [[self.vocabulary[term] for term in terms]]

    def search(self, query: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        found, scores = self.model.retrieve(
            query, k=TOP_K, show_progress=False, backend_selection="numpy"
        )
        return _best_first(found[0], scores[0])


class TantivyEngine:
    """tantivy, indexed in memory from the passages' terms, one segment, searched for the top
    10 without counting the matches."""

    # The indexing thread's memory budget: its documents are flushed to a segment past it.
    HEAP_BYTES = 1_000_000_000

    def __init__(self, corpus: Corpus) -> None:
        import tantivy

        self.tantivy = tantivy
        terms = np.array(corpus.vocabulary, dtype=object)
        self.texts = [" ".join(terms[passage].tolist()) for passage in corpus.passages()]
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("body", tokenizer_name="whitespace", index_option="freq")
        self.schema = builder.build()
        self.searcher: Any = None

    def build(self) -> None:
        tantivy = self.tantivy
        index = tantivy.Index(self.schema)
        writer = index.writer(heap_size=self.HEAP_BYTES, num_threads=1)
        for text in self.texts:
            writer.add_document(tantivy.Document(body=text))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        self.searcher = index.searcher()

    def query(self, terms: tuple[str, ...]) -> Any:
        tantivy = self.tantivy
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "body", term))
                for term in terms
            ]
        )

    def search(self, query: Any) -> tuple[np.ndarray, np.ndarray]:
        hits = self.searcher.search(query, TOP_K, count=False).hits
        positions = np.array([address.doc for _, address in hits], dtype=np.int64)
        return positions, np.array([score for score, _ in hits])


ENGINE_CLASSES: dict[str, Callable[[Corpus], Engine]] = {
    NAIVE: NaiveEngine,
    QABOT: QabotEngine,
    BM25S: Bm25sEngine,
    TANTIVY: TantivyEngine,
}


def array_bytes(objects: Iterable[object]) -> int:
    """The bytes of the NumPy arrays that ``objects`` hold, through their attributes, each
    array's memory counted once however many views of it there are."""
    seen: set[int] = set()
    counted: set[int] = set()
    total = 0
    stack = list(objects)
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, np.ndarray):
            owner = value
            while isinstance(owner.base, np.ndarray):
                owner = owner.base
            if id(owner) not in counted:
                counted.add(id(owner))
                total += owner.nbytes
        elif hasattr(value, "__dict__"):
            stack.extend(vars(value).values())
    return total


def _resident() -> int:
    return psutil.Process().memory_info().rss


def _reset_peak() -> bool:
    """Start the high-water mark of resident memory afresh; False where the system cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak(reset: bool) -> int:
    """The high-water mark of resident memory, since the reset where there was one."""
    if reset:
        return read_memory()[1]
    maximum = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maximum if sys.platform == "darwin" else maximum * 1024


def measure(job: Job) -> Measurement:
    """Build one engine at one size and time its queries; qabot also saves its index."""
    engine = ENGINE_CLASSES[job.engine](generate_corpus(job.size, job.seed))
    queries = [engine.query(terms) for terms in job.queries]
    gc.collect()
    baseline = _resident()
    reset = _reset_peak()
    started = time.perf_counter()
    engine.build()
    build_seconds = time.perf_counter() - started
    resident = _resident()
    # The high-water mark lags the resident size by a few pages: take the larger.
    peak = max(_peak(reset), resident) - baseline
    resident -= baseline
    for query in queries[: 1 if job.engine == NAIVE else WARM_UP]:
        engine.search(query)
    timings: list[float] = []
    top: list[tuple[tuple[int, ...], tuple[float, ...]]] = []
    for repeat in range(job.repeats):
        for query in queries:
            started = time.perf_counter()
            positions, scores = engine.search(query)
            timings.append(time.perf_counter() - started)
            if repeat == 0:
                top.append((tuple(map(int, positions)), tuple(map(float, scores))))
    figures = None
    if isinstance(engine, QabotEngine) and job.save_to is not None:
        figures = engine.figures(job.save_to)
    return Measurement(
        engine=job.engine,
        size=job.size,
        build_seconds=build_seconds,
        peak_bytes=peak,
        resident_bytes=resident,
        queries=len(queries),
        latency=Latency.of(timings),
        top=tuple(top),
        qabot=figures,
    )


def measure_load(path: Path) -> Loading:
    """Load a saved index and make it ready to score, in this process."""
    gc.collect()
    baseline = _resident()
    started = time.perf_counter()
    with np.load(path, allow_pickle=False) as arrays:
        postings = Postings.from_arrays(arrays)
    loaded = time.perf_counter()
    scorer = Scorer(postings, SETTINGS)
    ready = time.perf_counter()
    resident = _resident() - baseline
    del scorer
    return Loading(loaded - started, ready - started, resident)


class JobFailed(Exception):
    """A measurement that did not finish: it raised, its process died, or it ran too long."""


def _child(function: Callable[[Any], Any], argument: Any, sender: Any) -> None:
    """A spawned process's work: run, and send back the result or why there is none."""
    try:
        outcome = (True, function(argument))
    except Exception as error:  # the parent reports it and goes on with the other engines
        outcome = (False, f"{type(error).__name__}: {error}")
    sender.send(outcome)
    sender.close()


def in_fresh_process(
    function: Callable[[Any], Any], argument: Any, timeout: float = JOB_TIMEOUT_SECONDS
) -> Any:
    """``function(argument)`` in a fresh spawned process, stopped if it takes over ``timeout``.

    Raises:
        JobFailed: it raised, its process died, or it was stopped.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(function, argument, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise JobFailed(f"stopped after {timeout:.0f} s")
        succeeded, result = receiver.recv()
        # Let it exit on its own: stopped now, it would leave its semaphores (tqdm's lock,
        # which bm25s creates) for the resource tracker to complain about.
        process.join(EXIT_GRACE_SECONDS)
    except EOFError:
        process.join()
        raise JobFailed(f"the process died, exit code {process.exitcode}") from None
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
        receiver.close()
    if not succeeded:
        raise JobFailed(result)
    return result


@dataclass(frozen=True)
class Report:
    """A whole run.

    Attributes:
        sizes: the corpus sizes, in passages.
        queries: the queries generated at each size.
        seed: the seed of the corpora and queries.
        results: every engine at every size, in the order run.
        seconds: the run's wall-clock time, corpus generation included.
        machine: the cores, their load and the software versions.
    """

    sizes: tuple[int, ...]
    queries: int
    seed: int
    results: tuple[Result, ...]
    seconds: float
    machine: str

    def measurement(self, engine: str, size: int) -> Measurement | None:
        """The measurement of ``engine`` at ``size``, if it finished."""
        for result in self.results:
            if isinstance(result, Measurement) and (result.engine, result.size) == (engine, size):
                return result
        return None


def run(
    sizes: Sequence[int] = DEFAULT_SIZES,
    queries: int = DEFAULT_QUERIES,
    seed: int = DEFAULT_SEED,
    isolate: bool = True,
    progress: Callable[[str], None] = lambda message: None,
) -> Report:
    """Measure every engine at every size, and qabot's loading of its saved index; ``isolate``
    runs each measurement in a process of its own."""
    started = time.perf_counter()
    measured_on = machine(("rank-bm25", "bm25s", "tantivy"))

    def attempt(function: Callable[[Any], Any], argument: Any) -> Any:
        return in_fresh_process(function, argument) if isolate else function(argument)

    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="qabot-bench-") as directory:
        for size in sizes:
            progress(f"{size_label(size)}: generating the corpus and {queries} queries")
            terms = generate_queries(generate_corpus(size, seed), queries, seed)
            saved = Path(directory) / f"index-{size}.npz"
            for engine in ENGINES:
                count = naive_query_count(size, queries) if engine == NAIVE else queries
                repeats = 1 if engine == NAIVE else REPEATS
                progress(f"{size_label(size)}: {engine}, {count} queries × {repeats}")
                job = Job(
                    engine, size, seed, terms[:count], repeats, saved if engine == QABOT else None
                )
                try:
                    result: Result = attempt(measure, job)
                except JobFailed as error:
                    result = Failure(engine, size, str(error))
                    progress(f"{size_label(size)}: {engine} failed: {error}")
                results.append(result)
                if isinstance(result, Measurement) and result.qabot is not None:
                    progress(f"{size_label(size)}: qabot, loading the saved index")
                    try:
                        loading = attempt(measure_load, saved)
                    except JobFailed as error:
                        results.append(Failure(f"{QABOT} load", size, str(error)))
                    else:
                        figures = dataclasses.replace(result.qabot, loading=loading)
                        results[-1] = dataclasses.replace(result, qabot=figures)
                    saved.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    return Report(tuple(sizes), queries, seed, tuple(results), seconds, measured_on)


# -- What the figures say ----------------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    """Whether a peer returns qabot's top 10.

    Attributes:
        size: passages in the corpus.
        peer: the engine compared with qabot.
        queries: the queries both ran.
        same: queries where the peer gives the same passages in the same order, or the same
            scores, ties put in another order: rank-bm25's scores to within 1e-9, bm25s's,
            which are float32 and divided by k1 + 1, to within float32's precision.
    """

    size: int
    peer: str
    queries: int
    same: int

    @property
    def agrees(self) -> bool:
        """Whether every query agrees."""
        return self.same == self.queries


def agreement(report: Report, size: int, peer: str = NAIVE) -> Agreement | None:
    """How qabot's top 10 compares with ``peer``'s at ``size``, on the queries both ran."""
    ours, theirs = report.measurement(QABOT, size), report.measurement(peer, size)
    if ours is None or theirs is None:
        return None
    scale, rtol, atol = (1.0, 0.0, SAME_SCORE) if peer == NAIVE else (SETTINGS.k1 + 1, 1e-6, 0.0)
    same = 0
    for (our_ids, our_scores), (their_ids, their_scores) in zip(ours.top, theirs.top, strict=False):
        scores = np.asarray(their_scores) * scale
        same += our_ids == their_ids or bool(np.allclose(our_scores, scores, rtol, atol))
    return Agreement(size, peer, min(len(ours.top), len(theirs.top)), same)


@dataclass(frozen=True)
class Target:
    """One of the goals qabot's scorer is held to.

    Attributes:
        goal: what is required.
        measured: what was measured, or why nothing was.
        passed: whether it was met; None when it was not measured.
    """

    goal: str
    measured: str
    passed: bool | None


def targets(report: Report) -> list[Target]:
    """The goals, each met, missed, or not measured in this run."""
    goals: list[Target] = []

    def check(
        goal: str,
        size: int,
        value: Callable[[Measurement], float | None],
        limit: float,
        shown: Callable[[float], str],
    ) -> None:
        ours = report.measurement(QABOT, size)
        figure = None if ours is None else value(ours)
        if figure is None:
            goals.append(Target(goal, f"not measured at {size_label(size)}", None))
            return
        goals.append(Target(goal, shown(figure), figure <= limit))

    def faster(goal: str, peer: str, limit: float) -> None:
        ours, theirs = report.measurement(QABOT, 100_000), report.measurement(peer, 100_000)
        if ours is None or theirs is None:
            goals.append(Target(goal, "not measured at 100k", None))
            return
        value = ratio(theirs.latency.p50_ms, ours.latency.p50_ms)
        goals.append(Target(goal, f"{times(value)} at p50", value >= limit))

    def near(size: int, percentile: str, limit: float) -> None:
        goal = f"{size_label(size)}: {percentile} within {limit:g}× of tantivy's"
        ours, theirs = report.measurement(QABOT, size), report.measurement(TANTIVY, size)
        if ours is None or theirs is None:
            goals.append(Target(goal, f"not measured at {size_label(size)}", None))
            return
        value = getattr(ours.latency, f"{percentile}_ms") / getattr(
            theirs.latency, f"{percentile}_ms"
        )
        goals.append(Target(goal, f"{value:.2f}× tantivy's", value <= limit))

    def ms(value: float) -> str:
        return f"{value:.3f} ms"

    def seconds(value: float) -> str:
        return f"{value:.1f} s"

    check("100k: p50 ≤ 0.2 ms", 100_000, lambda m: m.latency.p50_ms, 0.2, ms)
    check("100k: p99 ≤ 1 ms", 100_000, lambda m: m.latency.p99_ms, 1.0, ms)
    faster("100k: ≥ 500× faster than rank-bm25", NAIVE, 500.0)
    # "Faster" is strictly faster: a ratio over 1, not equal.
    faster("100k: faster than bm25s", BM25S, 1.0 + 1e-9)
    for size in (100_000, 1_000_000):
        near(size, "p50", 1.5)
        near(size, "p99", 2.0)
    check("1M: p50 ≤ 3 ms", 1_000_000, lambda m: m.latency.p50_ms, 3.0, ms)
    check("1M: p99 ≤ 10 ms", 1_000_000, lambda m: m.latency.p99_ms, 10.0, ms)
    check(
        "1M: index ≤ 1.0 KB (1,000 bytes) per passage",
        1_000_000,
        lambda m: _qabot(m).index_bytes / m.size,
        1000.0,
        lambda value: f"{value:,.0f} bytes per passage",
    )
    check("1M: build ≤ 90 s", 1_000_000, lambda m: m.build_seconds, 90.0, seconds)
    check(
        "1M: load ≤ 5 s (npz to a ready Scorer)",
        1_000_000,
        lambda m: None if _qabot(m).loading is None else _qabot(m).loading.ready_seconds,
        5.0,
        seconds,
    )
    return goals


def _qabot(measurement: Measurement) -> QabotFigures:
    assert measurement.qabot is not None
    return measurement.qabot


def comparisons(report: Report, size: int) -> list[str]:
    """How qabot compares with each peer at ``size``, in words."""
    ours = report.measurement(QABOT, size)
    if ours is None:
        return []
    lines = []
    for peer in (NAIVE, BM25S, TANTIVY):
        theirs = report.measurement(peer, size)
        if theirs is None:
            continue
        p50 = ratio(theirs.latency.p50_ms, ours.latency.p50_ms)
        p99 = ratio(theirs.latency.p99_ms, ours.latency.p99_ms)
        build = ratio(theirs.build_seconds, ours.build_seconds)
        memory = ratio(theirs.resident_bytes, ours.resident_bytes)
        lines.append(
            f"{size_label(size)}: qabot is {_compared(p50, 'faster', 'slower')} than {peer} at "
            f"p50 and {_compared(p99, 'faster', 'slower')} at p99; it builds "
            f"{_compared(build, 'faster', 'slower')} and holds "
            f"{_compared(memory, 'less', 'more')} memory"
        )
    return lines


def _compared(value: float, better: str, worse: str) -> str:
    """A ratio in words: 4.0 → "4× faster", 0.25 → "4× slower"."""
    if math.isnan(value):
        return f"n/a {better}"
    return f"{times(value)} {better}" if value >= 1 else f"{times(1 / value)} {worse}"


# -- Output -------------------------------------------------------------------------------------


def _mb(value: float) -> str:
    return f"{value / MB:,.1f}"


def _rows(report: Report) -> list[list[str]]:
    rows = []
    for result in report.results:
        label = size_label(result.size)
        if isinstance(result, Failure):
            rows.append([label, result.engine, f"failed: {result.reason}", *[""] * 6])
            continue
        latency = result.latency
        rows.append(
            [
                label,
                result.engine,
                f"{result.build_seconds:.2f}",
                _mb(result.peak_bytes),
                _mb(result.resident_bytes),
                f"{latency.p50_ms:.3f}",
                f"{latency.p99_ms:.3f}",
                f"{latency.per_second:,.0f}",
                f"{result.queries}×{latency.samples // result.queries}",
            ]
        )
    return rows


def _qabot_rows(report: Report) -> list[list[str]]:
    rows = []
    for size in report.sizes:
        ours = report.measurement(QABOT, size)
        if ours is None:
            continue
        figures = _qabot(ours)
        loading = figures.loading
        rows.append(
            [
                size_label(size),
                f"{figures.index_bytes:,}",
                f"{figures.index_bytes / size:,.0f}",
                f"{ours.resident_bytes / size:,.0f}",
                _mb(figures.file_bytes),
                f"{figures.save_seconds:.2f}",
                "n/a" if loading is None else f"{loading.load_seconds:.2f}",
                "n/a" if loading is None else f"{loading.ready_seconds:.2f}",
                "n/a" if loading is None else _mb(loading.resident_bytes),
            ]
        )
    return rows


HEADER = (
    "passages",
    "engine",
    "build s",
    "peak MB",
    "resident MB",
    "p50 ms",
    "p99 ms",
    "q/s",
    "queries",
)
QABOT_HEADER = (
    "passages",
    "index bytes",
    "bytes/passage",
    "resident/passage",
    "npz MB",
    "save s",
    "load s",
    "ready s",
    "ready MB",
)


def render(report: Report, markdown: bool = False) -> str:
    """The report for people: tables, comparisons, the sanity check and the targets."""
    bullet = "- " if markdown else "  "
    parts = [
        f"BM25 top-{TOP_K}, Okapi k1={SETTINGS.k1} b={SETTINGS.b}; synthetic corpora: Zipf "
        f"{ZIPF_EXPONENT} over {VOCABULARY_SIZE:,} terms, {MIN_LENGTH}-{MAX_LENGTH} tokens per "
        f"passage; {report.queries} queries of {QUERY_TERMS[0]}-{QUERY_TERMS[1]} terms held by "
        f"{MID_FREQUENCY[0]:.1%}-{MID_FREQUENCY[1]:.0%} of passages, {FREQUENT_SHARE:.0%} of "
        f"them with one of the {FREQUENT_TERMS} commonest terms instead; seed {report.seed}; "
        "tantivy with its own BM25 (k1=1.2 b=0.75).",
        f"rank-bm25 runs {', '.join(_naive_counts(report))}, once each; the others run every "
        f"query {REPEATS} times. One core, one query at a time; MB = 10^6 bytes.",
        f"Machine: {report.machine}.",
        "",
        table(HEADER, _rows(report), markdown, left=2),
        "",
        "qabot's index: the exact bytes of its arrays, and the resident memory per passage; "
        "saved as .npz (uncompressed), then loaded in a fresh process with allow_pickle=False "
        "(warm page cache): load is numpy.load and Postings.from_arrays, ready adds the "
        "Scorer, and ready MB is that process's resident memory for it",
        "",
        table(QABOT_HEADER, _qabot_rows(report), markdown),
        "",
    ]
    for size in report.sizes:
        parts += [bullet + line for line in comparisons(report, size)]
    parts.append("")
    for size in report.sizes:
        same = agreement(report, size)
        if same is not None:
            parts.append(
                f"{bullet}sanity {size_label(size)}: qabot and rank-bm25 give the same top-{TOP_K} "
                f"on {same.same}/{same.queries} queries: {'ok' if same.agrees else 'MISMATCH'}"
            )
        near = agreement(report, size, BM25S)
        if near is not None:
            parts.append(
                f"{bullet}{size_label(size)}: bm25s gives qabot's top-{TOP_K} scores on "
                f"{near.same}/{near.queries} queries (float32, times k1 + 1; ties in any order)"
            )
    parts.append("")
    for target in targets(report):
        verdict = {True: "PASS", False: "FAIL", None: "n/a "}[target.passed]
        parts.append(f"{bullet}{verdict}  {target.goal}: {target.measured}")
    parts += ["", f"Total time: {report.seconds:.0f} s"]
    return "\n".join(parts)


def _naive_counts(report: Report) -> list[str]:
    counts = []
    for size in report.sizes:
        naive = report.measurement(NAIVE, size)
        if naive is not None:
            counts.append(f"{naive.queries} queries at {size_label(size)}")
    return counts or ["no queries"]


def to_json(report: Report) -> dict[str, Any]:
    """The report for machines: every figure, the comparisons and the targets."""
    results = []
    for result in report.results:
        data = dataclasses.asdict(result)
        data.pop("top", None)
        data["status"] = "failed" if isinstance(result, Failure) else "ok"
        results.append(data)
    return {
        "settings": {
            **dataclasses.asdict(SETTINGS),
            "top_k": TOP_K,
            "vocabulary": VOCABULARY_SIZE,
            "zipf_exponent": ZIPF_EXPONENT,
            "passage_tokens": [MIN_LENGTH, MAX_LENGTH],
            "query_terms": list(QUERY_TERMS),
            "query_term_document_share": list(MID_FREQUENCY),
            "repeats": REPEATS,
        },
        "sizes": list(report.sizes),
        "queries": report.queries,
        "seed": report.seed,
        "seconds": report.seconds,
        "machine": report.machine,
        "results": results,
        "agreement": [
            dataclasses.asdict(found)
            for size in report.sizes
            for peer in (NAIVE, BM25S)
            if (found := agreement(report, size, peer)) is not None
        ],
        "comparisons": [line for size in report.sizes for line in comparisons(report, size)],
        "targets": [dataclasses.asdict(target) for target in targets(report)],
    }
