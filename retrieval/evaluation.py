"""The gold questions: reading them, asking them, and scoring the answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from corpus.cleaning import collapse_whitespace
from corpus.errors import ConfigError
from corpus.metadata import safe_load
from retrieval.answering import Answer, Engine
from retrieval.conversation import Conversation
from retrieval.questions import is_more

METRICS = (
    "r_at_1",
    "r_at_3",
    "mrr",
    "direct_answers",
    "right_names",
    "programme_lines",
    "programmes_found",
    "right_programmes",
    "answerable_answered",
    "out_of_scope_refused",
    "follow_ups",
)
RANKING_DEPTH = 10


@dataclass(frozen=True)
class GoldQuestion:
    """One gold question.

    Attributes:
        q: the question, worded as a user would.
        passages: snippets of the passages that answer it, any of which counts: usually one;
            more where a page says the same thing twice. None for "more".
        orgs: for who-runs questions, the organisations the answer line must name;
            "A|B" accepts either name.
        subjects: for questions about what an organisation takes part in, the programmes
            the answer must name; "A|B" accepts either name.
    """

    q: str
    passages: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gold:
    """A gold file.

    Attributes:
        questions: answerable questions, each asked in a fresh conversation.
        out_of_scope: questions the corpus does not answer.
        conversations: runs of turns asked in one conversation.
        thresholds: metric name → the least value that passes.
    """

    questions: tuple[GoldQuestion, ...]
    out_of_scope: tuple[str, ...] = ()
    conversations: tuple[tuple[GoldQuestion, ...], ...] = ()
    thresholds: Mapping[str, float] = field(default_factory=dict)


def _question(raw: Any, where: str) -> GoldQuestion:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("q"), str):
        raise ConfigError(f"{where}: each question needs a 'q' text")
    unknown = set(raw) - {"q", "passage", "orgs", "subjects"}
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    names = {key: raw.get(key) or [] for key in ("orgs", "subjects")}
    for key, value in names.items():
        if not isinstance(value, list) or not all(isinstance(o, str) for o in value):
            raise ConfigError(f"{where}: '{key}' must be a list of names")
    passages = raw.get("passage") or []
    passages = [passages] if isinstance(passages, str) else passages
    if not isinstance(passages, list) or not all(isinstance(p, str) and p for p in passages):
        raise ConfigError(f"{where}: 'passage' must be a snippet or a list of snippets")
    return GoldQuestion(raw["q"], tuple(passages), tuple(names["orgs"]), tuple(names["subjects"]))


def load_gold(path: Path) -> Gold:
    """Read and check a gold file."""
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read gold file {path}: {error}") from None
    if not isinstance(raw, Mapping):
        raise ConfigError(
            f"{path}: expected keys questions, out_of_scope, conversations, thresholds"
        )
    thresholds = raw.get("thresholds") or {}
    unknown = set(thresholds) - set(METRICS)
    if unknown:
        raise ConfigError(
            f"{path}: unknown thresholds {sorted(unknown)}; known: {', '.join(METRICS)}"
        )
    return Gold(
        questions=tuple(
            _question(q, f"{path} questions[{i}]") for i, q in enumerate(raw.get("questions") or ())
        ),
        out_of_scope=tuple(str(q) for q in raw.get("out_of_scope") or ()),
        conversations=tuple(
            tuple(_question(q, f"{path} conversations[{i}]") for q in turns)
            for i, turns in enumerate(raw.get("conversations") or ())
        ),
        thresholds={str(k): float(v) for k, v in thresholds.items()},
    )


def _relevant(answer: Answer, snippets: Sequence[str]) -> list[int]:
    wanted = [_cells_joined(snippet) for snippet in snippets]
    return [
        hit.rank for hit in answer.hits if any(w in _cells_joined(hit.passage.text) for w in wanted)
    ]


def _cells_joined(text: str) -> str:
    """A passage's text with a table row's cells joined by spaces, as a gold snippet may give
    the row ("Sika Pa Equipment Ltd Supplies shaking tables") or as the index does ("Sika Pa
    Equipment Ltd | Supplies shaking tables")."""
    return collapse_whitespace(text.replace(" | ", " "))


def is_named(name: str, orgs: Sequence[str]) -> bool:
    """Whether a name an answer gives is one of the organisations asked for, by any of its
    names ("A|B"), either holding the other: "the World Bank" is "World Bank"."""
    given = name.casefold()
    aliases = [alias.casefold() for org in orgs for alias in org.split("|")]
    return any(alias in given or given.removeprefix("the ") in alias for alias in aliases)


def names_all(line: str | None, orgs: Sequence[str]) -> bool:
    """Whether an answer line names every organisation (any of "A|B")."""
    if not line:
        return False
    lowered = line.casefold()
    return all(any(name.casefold() in lowered for name in org.split("|")) for org in orgs)


@dataclass
class _Tally:
    values: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in METRICS})
    failures: list[str] = field(default_factory=list)

    def add(self, metric: str, ok: float, what: str) -> None:
        self.values[metric].append(ok)
        if ok < 1:
            self.failures.append(f"{metric}: {what}")


@dataclass(frozen=True)
class Report:
    """The figures of one evaluation run.

    Attributes:
        metrics: metric name → value, for the metrics that had questions.
        counts: metric name → how many questions it was measured on.
        thresholds: metric name → least passing value.
        failures: one line per question that missed, for reading.
    """

    metrics: dict[str, float]
    counts: dict[str, int]
    thresholds: Mapping[str, float]
    failures: tuple[str, ...]

    @property
    def below(self) -> list[str]:
        """The metrics under their thresholds."""
        return [m for m, t in self.thresholds.items() if self.metrics.get(m, 0.0) < t]


def _judged(named: Sequence[str], wanted: Sequence[str]) -> list[tuple[str, bool]]:
    """Each name an answer gives, and whether it is one of those wanted (``is_named``); a
    wanted one named again ("NATF" after "the Nutrition Accelerator Trust Fund (NATF)") is
    one right answer, counted once."""
    judged: list[tuple[str, bool]] = []
    credited: set[str] = set()
    for name in named:
        match = next((w for w in wanted if is_named(name, [w])), None)
        if match is None:
            judged.append((name, False))
        elif match not in credited:
            credited.add(match)
            judged.append((name, True))
    return judged


def _score_answer(tally: _Tally, answer: Answer, gold: GoldQuestion) -> bool:
    """Record one answerable question; returns whether its best passage was right."""
    ranks = _relevant(answer, gold.passages)
    first = min(ranks) if ranks else None
    label = f"{gold.q!r} → {answer.hits[0].passage.text[:70] if answer.hits else '(no answer)'!r}"
    tally.add("answerable_answered", float(not answer.no_answer), label)
    tally.add("r_at_1", float(first == 1), label)
    tally.add("r_at_3", float(first is not None and first <= 3), label)
    tally.add("mrr", 1.0 / first if first else 0.0, label)
    if gold.orgs:
        tally.add(
            "direct_answers",
            float(names_all(answer.direct, gold.orgs)),
            f"{gold.q!r} → {answer.direct!r}",
        )
        # A wrong name is worse than none: every name a line gives must be one asked for.
        for name, right in _judged(answer.named, gold.orgs):
            tally.add("right_names", float(right), f"{gold.q!r} → {name!r}")
    if gold.subjects:
        line = f"{gold.q!r} → {answer.direct!r}"
        tally.add("programme_lines", float(names_all(answer.direct, gold.subjects)), line)
        # Each programme, named by the line or by one of the first three passages.
        shown = " ".join([answer.direct or "", *(h.passage.text for h in answer.hits[:3])])
        for name, right in _judged(answer.named, gold.subjects):
            tally.add("right_programmes", float(right), f"{line}: {name}")
        for programme in gold.subjects:
            tally.add(
                "programmes_found", float(names_all(shown, [programme])), f"{line}: {programme}"
            )
    return first == 1 and (not gold.orgs or names_all(answer.direct, gold.orgs))


def evaluate(engine: Engine, gold: Gold) -> Report:
    """Ask every gold question and score the answers."""
    tally = _Tally()
    for question in gold.questions:
        answer, _ = engine.ask(question.q, top_k=RANKING_DEPTH)
        _score_answer(tally, answer, question)
    for question in gold.out_of_scope:
        answer, _ = engine.ask(question)
        shown = answer.hits[0].passage.text[:70] if answer.hits else ""
        tally.add("out_of_scope_refused", float(answer.no_answer), f"{question!r} → {shown!r}")
    for turns in gold.conversations:
        state = Conversation()
        shown = 0
        for number, turn in enumerate(turns):
            answer, state = engine.ask(turn.q, state, now=float(number))
            if is_more(turn.q):
                ok = bool(answer.hits) and answer.hits[0].rank == shown + 1
                tally.add("follow_ups", float(ok), f"{turn.q!r} after {shown} passages")
            elif number == 0:
                _score_answer(tally, answer, turn)
            else:
                ok = _score_answer(tally, answer, turn)
                tally.add("follow_ups", float(ok), f"{turn.q!r} read as {answer.understood!r}")
            shown = answer.hits[-1].rank if answer.hits else shown
    metrics = {m: sum(v) / len(v) for m, v in tally.values.items() if v}
    counts = {m: len(v) for m, v in tally.values.items() if v}
    return Report(metrics, counts, gold.thresholds, tuple(tally.failures))
