"""Shared fixtures: the real seed corpus, small corpora in temporary directories, and a local
Bot API server."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from retrieval.answering import AnswerSettings, Engine
from retrieval.indexing import CorpusSettings, Index, build
from tests.fake_bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parent.parent
SEED_DOCUMENTS = ROOT / "corpus" / "documents"
SEED_ACRONYMS = ROOT / "corpus" / "acronyms.yaml"
SEED_TEXT = SEED_DOCUMENTS / "cooperation-with-united-nations-entities.txt"


def seed_site(tmp_path: Path, **corpus: Any) -> Path:
    """A config over a writable copy of the seed corpus in ``tmp_path``, its state kept there
    too, with ``corpus`` keys on top of the configured ones; returns the config file."""
    documents = tmp_path / "corpus" / "documents"
    shutil.copytree(SEED_DOCUMENTS, documents)
    shutil.copy(SEED_ACRONYMS, tmp_path / "corpus" / "acronyms.yaml")
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["corpus"].update(
        documents="corpus/documents",
        acronyms="corpus/acronyms.yaml",
        index="state/index.json",
        **corpus,
    )
    config["telegram"]["store"] = "state/bot.sqlite3"
    config["eval"]["gold"] = str(ROOT / "tests" / "gold" / "questions.yaml")
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """The index of the shipped corpus, built once."""
    index_path = tmp_path_factory.mktemp("index") / "index.json"
    return build(CorpusSettings(SEED_DOCUMENTS, SEED_ACRONYMS, index_path))


@pytest.fixture(scope="session")
def engine(seed_index: Index) -> Engine:
    """An engine over the shipped corpus with the default settings."""
    return Engine(seed_index, AnswerSettings())


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """An empty corpus directory."""
    directory = tmp_path / "documents"
    directory.mkdir()
    return directory


@pytest.fixture
def seeded_corpus(tmp_path: Path) -> CorpusSettings:
    """A writable copy of the shipped corpus, with its acronyms file and an index path."""
    documents = tmp_path / "documents"
    shutil.copytree(SEED_DOCUMENTS, documents)
    acronyms = tmp_path / "acronyms.yaml"
    shutil.copy(SEED_ACRONYMS, acronyms)
    return CorpusSettings(documents, acronyms, tmp_path / "index" / "index.json")


@pytest.fixture
def make_engine(tmp_path: Path) -> Callable[[dict[str, str]], Engine]:
    """Build an engine over documents given as {file name: content}."""

    def make(files: dict[str, str], settings: AnswerSettings | None = None) -> Engine:
        documents = tmp_path / "made"
        documents.mkdir(exist_ok=True)
        for name, content in files.items():
            (documents / name).write_text(content, encoding="utf-8")
        corpus = CorpusSettings(documents, tmp_path / "none.yaml", tmp_path / "made-index.json")
        return Engine(build(corpus), settings or AnswerSettings())

    return make


@pytest.fixture(scope="module")
def api() -> Iterator[FakeBotApi]:
    """A local Bot API server for one test module's bots."""
    server = FakeBotApi().start()
    yield server
    server.stop()
