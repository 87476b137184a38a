"""The collections that ``qabot eval`` measures, each reported on its own with its thresholds.

Every collection is asked through an ``Engine`` with the configured answer settings, the same
path as ``qabot ask`` and the bot: the seed gold set on the configured corpus; a development
corpus (a directory of documents and gold files, one report per gold file, so that a part never
tuned on is reported beside the tuned one); and the Cranfield collection, written out as a
corpus and indexed like any other.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.errors import ConfigError
from retrieval.answering import AnswerSettings, Engine
from retrieval.indexing import CorpusSettings, build

if TYPE_CHECKING:
    from retrieval.evaluation import Report

DOCUMENTS = "documents"
ACRONYMS = "acronyms.yaml"


@dataclass(frozen=True)
class CranfieldThresholds:
    """The least figures that pass on Cranfield.

    Attributes:
        ndcg_at_10: mean nDCG@10, a refused query counting 0.
        answered: the share of queries answered rather than refused.
    """

    ndcg_at_10: float = 0.40
    answered: float = 0.98


@dataclass(frozen=True)
class Collection:
    """One report of ``qabot eval``.

    Attributes:
        name: what was asked of what, for the heading.
        report: its figures, thresholds and misses.
    """

    name: str
    report: Report


@dataclass(frozen=True)
class EvalSettings:
    """The collections that ``qabot eval`` measures; any may be absent.

    Attributes:
        gold: gold questions about the configured corpus.
        development: directories, each a development corpus with ``documents/``, an optional
            ``acronyms.yaml`` and one gold file per part (``tuned.yaml``, ``untuned.yaml``).
        cranfield: a directory with the three Cranfield files.
        cranfield_thresholds: what Cranfield must reach.
    """

    gold: Path | None = None
    development: tuple[Path, ...] = ()
    cranfield: Path | None = None
    cranfield_thresholds: CranfieldThresholds = field(default_factory=CranfieldThresholds)


def engine_for(documents: Path, corpus: CorpusSettings, answers: AnswerSettings) -> Engine:
    """An engine over a directory of documents, read and indexed with the configured settings;
    the index stays in memory."""
    settings = CorpusSettings(
        documents=documents,
        acronyms=documents.parent / ACRONYMS,
        index=documents.parent / "unused-index.npz",
        read=corpus.read,
        split=corpus.split,
    )
    return Engine(build(settings), answers)


def seed(engine: Engine, gold: Path) -> Collection:
    """The gold questions about the configured corpus."""
    # The measuring modules are imported by what measures: the configuration that holds these
    # settings is read by every command, `qabot ask` among them.
    from retrieval.evaluation import evaluate, load_gold

    return Collection(
        f"gold set {gold.name}, on the configured corpus", evaluate(engine, load_gold(gold))
    )


def development(
    directory: Path, corpus: CorpusSettings, answers: AnswerSettings
) -> list[Collection]:
    """One report per gold file of a development corpus, all on one index of its documents."""
    from retrieval.evaluation import evaluate, load_gold

    parts = sorted(directory.glob("*.yaml"))
    parts = [part for part in parts if part.name != ACRONYMS]
    if not (directory / DOCUMENTS).is_dir() or not parts:
        raise ConfigError(
            f"{directory}: a development corpus needs a {DOCUMENTS}/ directory and gold files"
        )
    engine = engine_for(directory / DOCUMENTS, corpus, answers)
    documents = len(engine.index.documents)
    return [
        Collection(
            f"development corpus {directory.name}, {part.stem} part ({documents} documents)",
            evaluate(engine, load_gold(part)),
        )
        for part in parts
    ]


def of_cranfield(
    directory: Path,
    corpus: CorpusSettings,
    answers: AnswerSettings,
    thresholds: CranfieldThresholds,
) -> Collection:
    """Cranfield's queries asked of its documents, imported as a corpus."""
    from retrieval import cranfield
    from retrieval.evaluation import Report

    collection = cranfield.load_collection(directory)
    with tempfile.TemporaryDirectory(prefix="qabot-cranfield-") as work:
        documents = Path(work) / DOCUMENTS
        cranfield.write_corpus(collection, documents)
        figures = cranfield.evaluate(engine_for(documents, corpus, answers), collection)
    report = Report(
        metrics={
            "ndcg_at_10": figures.ndcg,
            "recall_at_10": figures.recall,
            "answered": figures.answered,
        },
        counts=dict.fromkeys(("ndcg_at_10", "recall_at_10", "answered"), figures.queries),
        thresholds={"ndcg_at_10": thresholds.ndcg_at_10, "answered": thresholds.answered},
        failures=(),
    )
    name = f"Cranfield through qabot ask ({len(collection.documents)} documents)"
    return Collection(name, report)


def every(
    sources: EvalSettings,
    corpus: CorpusSettings,
    answers: AnswerSettings,
    engine: Engine | None = None,
) -> list[Collection]:
    """Every collection that ``sources`` names, in the order seed, development, Cranfield;
    ``engine`` answers from the configured corpus, and is needed only for the seed gold set."""
    found: list[Collection] = []
    if sources.gold is not None:
        if engine is None:
            raise ValueError("the seed gold set needs the configured corpus's engine")
        found.append(seed(engine, sources.gold))
    for directory in sources.development:
        found += development(directory, corpus, answers)
    if sources.cranfield is not None:
        found.append(of_cranfield(sources.cranfield, corpus, answers, sources.cranfield_thresholds))
    return found
