"""Making answers faster never changes them: every answer to the seed gold set's questions, and to
questions about a synthetic corpus, with a "more" after each, is the same JSON as `qabot ask
--json` gave before the speed work (ids, scores, answer line, names, text, citations).

The recorded answers are in tests/answers/, as gzipped JSON lines. A change that is meant to
change answers records them again, and its commit says why:

    python tests/test_answer_identity.py
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bot import make_questions, write_documents  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.rendering import answer_to_json  # noqa: E402
from retrieval.answering import Engine  # noqa: E402
from retrieval.conversation import Conversation  # noqa: E402
from retrieval.evaluation import load_gold  # noqa: E402
from retrieval.indexing import CorpusSettings, build  # noqa: E402

RECORDED = Path(__file__).parent / "answers"
SYNTHETIC_PASSAGES = 3_000
SYNTHETIC_QUESTIONS = 150
SEED = 5


def _settings():
    return load_config(ROOT / "config.yaml")


def _answers(engine: Engine, questions: list[str]) -> Iterator[str]:
    """Each question's answer, then the answer to "more" after it, as JSON lines."""
    for number, question in enumerate(questions):
        answer, state = engine.ask(question, Conversation(), now=float(number))
        yield json.dumps(answer_to_json(answer), ensure_ascii=False, sort_keys=True)
        more, _ = engine.ask("more", state, now=float(number))
        yield json.dumps(answer_to_json(more), ensure_ascii=False, sort_keys=True)


def _gold_answers(tmp: Path) -> list[str]:
    config = _settings()
    corpus = CorpusSettings(config.corpus.documents, config.corpus.acronyms, tmp / "seed-index.npz")
    gold = load_gold(config.eval.gold)
    questions = [q.q for q in gold.questions] + list(gold.out_of_scope)
    return list(_answers(Engine(build(corpus), config.answers), questions))


def _synthetic_answers(tmp: Path) -> list[str]:
    documents = tmp / "synthetic"
    write_documents(documents, SYNTHETIC_PASSAGES, SEED)
    acronyms = tmp / "acronyms.yaml"
    acronyms.write_text("{}\n", encoding="utf-8")
    index = build(CorpusSettings(documents, acronyms, tmp / "synthetic-index.npz"))
    questions = make_questions(index, SYNTHETIC_QUESTIONS, SEED)
    return list(_answers(Engine(index, _settings().answers), questions))


def _recorded(name: str) -> list[str]:
    with gzip.open(RECORDED / f"{name}.jsonl.gz", "rt", encoding="utf-8") as recorded:
        return recorded.read().splitlines()


def _first_difference(now: list[str], before: list[str]) -> str | None:
    for number, (mine, theirs) in enumerate(zip(now, before, strict=False)):
        if mine != theirs:
            return f"line {number + 1}:\n  now    {mine}\n  before {theirs}"
    if len(now) != len(before):
        return f"{len(now)} answers now, {len(before)} before"
    return None


def test_the_gold_questions_get_the_answers_they_got_before(tmp_path: Path) -> None:
    assert _first_difference(_gold_answers(tmp_path), _recorded("gold")) is None


def test_questions_about_a_synthetic_corpus_get_the_answers_they_got_before(
    tmp_path: Path,
) -> None:
    assert _first_difference(_synthetic_answers(tmp_path), _recorded("synthetic")) is None


@pytest.mark.parametrize("name", ["gold", "synthetic"])
def test_the_recorded_answers_hold_answers_and_more_turns(name: str) -> None:
    answers = [json.loads(line) for line in _recorded(name)]
    assert len(answers) >= 200
    assert sum(not a["no_answer"] for a in answers[::2]) > len(answers) // 4
    assert sum(bool(a["passages"]) for a in answers[1::2]) > len(answers) // 4


if __name__ == "__main__":
    import tempfile

    RECORDED.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as directory:
        for name, make in (("gold", _gold_answers), ("synthetic", _synthetic_answers)):
            lines = make(Path(directory))
            # No time stamp in the gzip header: the same answers, the same bytes.
            with gzip.GzipFile(RECORDED / f"{name}.jsonl.gz", "wb", mtime=0) as out:
                out.write(("\n".join(lines) + "\n").encode("utf-8"))
            print(f"{name}: {len(lines)} answers recorded")
