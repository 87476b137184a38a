"""The build benchmark: ``qabot index build`` on synthetic plain-text corpora, timed whole.

It writes documents as ``qabot bench --bot`` does (front matter, headings, paragraphs of
pseudo-words drawn by Zipf's law), with longer paragraphs: 5 to 9 sentences of 6 to 14 words,
30 to 126 words each, about the 40 to 120 tokens of the scoring benchmark's passages. Then it
rebuilds the index as ``qabot index build`` does (``retrieval.maintenance.rebuild``: read,
split, tokenize with stemming, index, save), with the same progress bars, and loads the saved
index back. The target: a million passages built within 90 s on this project's 2-core machine.
"""

from __future__ import annotations

import contextlib
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.bot import write_documents
from benchmarks.reporting import machine, read_memory, size_label, table
from corpus.loading import document_paths
from corpus.progress import Progress
from retrieval.indexing import CorpusSettings, load
from retrieval.maintenance import rebuild
from retrieval.shards import plan

DEFAULT_SIZES = (100_000, 1_000_000)
SENTENCES = (5, 9)
TARGET_SIZE = 1_000_000
TARGET_SECONDS = 90.0


@dataclass(frozen=True)
class BuildRun:
    """One corpus built.

    Attributes:
        size: the paragraphs written; a paragraph longer than a passage makes two.
        documents: documents in the corpus.
        corpus_bytes: their size on disk.
        passages: passages in the index.
        processes: the processes that read and indexed the documents.
        steps: each step's name and the seconds its progress bar was shown.
        build_seconds: the whole rebuild, from the first file read to the index saved.
        index_bytes: the saved index's size.
        load_seconds: loading the saved index back.
        peak_bytes: this process's high-water mark of resident memory during the build.
        worker_peak_bytes: the largest high-water mark of a worker process so far.
    """

    size: int
    documents: int
    corpus_bytes: int
    passages: int
    processes: int
    steps: tuple[tuple[str, float], ...]
    build_seconds: float
    index_bytes: int
    load_seconds: float
    peak_bytes: int
    worker_peak_bytes: int


@dataclass(frozen=True)
class PipelineReport:
    """A whole run of the build benchmark."""

    runs: tuple[BuildRun, ...]
    seed: int
    seconds: float
    machine: str


def _timing(steps: list[tuple[str, float]], bars: Progress) -> Progress:
    """``bars``, which also records how long each step's bar was shown."""

    def timed(items: Iterable[Any], total: int, what: str) -> Iterator[Any]:
        started = time.perf_counter()
        yield from bars(items, total, what)
        steps.append((what, time.perf_counter() - started))

    return timed


def _reset_peak() -> None:
    """Start this process's high-water mark of resident memory afresh, where Linux lets it."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _worker_peak() -> int:
    maximum = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return maximum if sys.platform == "darwin" else maximum * 1024


def build_once(root: Path, size: int, seed: int, bars: Progress) -> BuildRun:
    """Write a corpus of ``size`` paragraphs under ``root``, rebuild its index, load it."""
    documents = root / "documents"
    count = write_documents(documents, size, seed, SENTENCES)
    settings = CorpusSettings(documents, root / "acronyms.yaml", root / "index.npz")
    steps: list[tuple[str, float]] = []
    paths = document_paths(documents)
    _reset_peak()
    report = rebuild(settings, _timing(steps, bars))
    peak = read_memory()[1]
    started = time.perf_counter()
    index = load(settings.index)
    load_seconds = time.perf_counter() - started
    return BuildRun(
        size=size,
        documents=count,
        corpus_bytes=sum(path.stat().st_size for path in paths),
        passages=len(index.passages),
        processes=len(plan(paths)),
        steps=tuple(steps),
        build_seconds=report.seconds,
        index_bytes=report.bytes,
        load_seconds=load_seconds,
        peak_bytes=peak,
        worker_peak_bytes=_worker_peak(),
    )


def run(
    sizes: Sequence[int],
    seed: int,
    bars: Progress,
    say: Callable[[str], None] = lambda message: None,
) -> PipelineReport:
    """Build a corpus of each size in turn, in a temporary directory removed afterwards."""
    started = time.perf_counter()
    measured_on = machine()
    runs = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="qabot-bench-build-") as directory:
            say(f"{size_label(size)}: writing the documents, then building their index")
            runs.append(build_once(Path(directory), size, seed, bars))
    return PipelineReport(tuple(runs), seed, time.perf_counter() - started, measured_on)


def target(report: PipelineReport) -> BuildRun | None:
    """The run the target applies to, if the report has one."""
    return next((run for run in report.runs if run.size == TARGET_SIZE), None)


def render(report: PipelineReport, markdown: bool = False) -> str:
    names = [what for what, _ in report.runs[0].steps] if report.runs else []
    header = (
        "paragraphs",
        "documents",
        "corpus MB",
        "passages",
        "processes",
        *(f"{name} s" for name in names),
        "build s",
        "index MB",
        "load s",
        "peak MB",
        "worker peak MB",
    )
    rows = [
        (
            size_label(run.size),
            f"{run.documents:,}",
            f"{run.corpus_bytes / 1e6:,.0f}",
            f"{run.passages:,}",
            str(run.processes),
            *(f"{seconds:.1f}" for _, seconds in run.steps),
            f"{run.build_seconds:.1f}",
            f"{run.index_bytes / 1e6:,.0f}",
            f"{run.load_seconds:.2f}",
            f"{run.peak_bytes / 2**20:,.0f}",
            f"{run.worker_peak_bytes / 2**20:,.0f}",
        )
        for run in report.runs
    ]
    lines = [
        f"qabot index build of synthetic plain-text corpora; {report.machine}; "
        f"seed {report.seed}; {report.seconds:.0f} s in all.",
        "",
        table(header, rows, markdown),
        "",
        target_line(report),
    ]
    return "\n".join(lines)


def target_line(report: PipelineReport) -> str:
    run = target(report)
    if run is None:
        return f"(the {TARGET_SECONDS:.0f} s target applies at {size_label(TARGET_SIZE)})"
    verdict = "PASS" if run.build_seconds <= TARGET_SECONDS else "FAIL"
    return (
        f"{verdict}  {size_label(TARGET_SIZE)}: build ≤ {TARGET_SECONDS:.0f} s: "
        f"{run.build_seconds:.1f} s for {run.passages:,} passages"
    )


def to_json(report: PipelineReport) -> dict[str, Any]:
    return {**asdict(report), "target": target_line(report)}
