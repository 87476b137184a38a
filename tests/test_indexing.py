"""The saved index: plain JSON, reused while the corpus is unchanged, rebuilt otherwise."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from corpus.errors import IndexFormatError
from retrieval import indexing
from retrieval.indexing import CorpusSettings, Index, build, load, load_or_build, save

Builds = list[CorpusSettings]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Builds:
    """Every call that ``load_or_build`` makes to ``build``."""
    calls: Builds = []
    real = indexing.build

    def counting(settings: CorpusSettings, key: str | None = None) -> Index:
        calls.append(settings)
        return real(settings, key)

    monkeypatch.setattr(indexing, "build", counting)
    return calls


def leftovers(directory: Path, keep: str = "index.json") -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name != keep)


def test_save_then_load_round_trips(seeded_corpus: CorpusSettings, tmp_path: Path) -> None:
    index = build(seeded_corpus)
    path = tmp_path / "out" / "index.json"
    save(index, path)
    loaded = load(path)
    assert loaded == index
    assert loaded.passages and loaded.terms and loaded.acronyms and loaded.words


def test_saved_index_is_plain_json(seeded_corpus: CorpusSettings, tmp_path: Path) -> None:
    path = tmp_path / "index.json"
    save(build(seeded_corpus), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "qabot-index"
    assert data["version"] == indexing.FORMAT_VERSION
    assert isinstance(data["passages"], list)


def test_save_leaves_no_temporary_files(seeded_corpus: CorpusSettings, tmp_path: Path) -> None:
    path = tmp_path / "out" / "index.json"
    index = build(seeded_corpus)
    save(index, path)
    save(index, path)  # and over an existing file
    assert leftovers(path.parent) == []
    assert load(path) == index


def test_failed_save_keeps_the_old_file_and_no_temporary(
    seeded_corpus: CorpusSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out" / "index.json"
    index = build(seeded_corpus)
    save(index, path)
    before = path.read_bytes()

    def refuse(*args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(indexing.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        save(dataclasses.replace(index, fingerprint="other"), path)
    assert path.read_bytes() == before
    assert leftovers(path.parent) == []


def test_load_or_build_builds_and_saves_when_there_is_no_index(
    seeded_corpus: CorpusSettings, builds: Builds
) -> None:
    index = load_or_build(seeded_corpus)
    assert len(builds) == 1
    assert load(seeded_corpus.index) == index


def test_load_or_build_reuses_a_matching_index(
    seeded_corpus: CorpusSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_or_build(seeded_corpus)

    def no_rebuild(*args: Any) -> Index:
        raise AssertionError("rebuilt an index that matched the corpus")

    monkeypatch.setattr(indexing, "build", no_rebuild)
    assert load_or_build(seeded_corpus) == first


def edit_document(settings: CorpusSettings) -> None:
    path = next(settings.documents.glob("*.txt"))
    with path.open("a", encoding="utf-8") as stream:
        stream.write("\n\nThe Zanzibarian observatory watches the harbour.\n")


def edit_sidecar(settings: CorpusSettings) -> None:
    path = next(settings.documents.glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("title: Cooperation", "title: Renamed cooperation"), encoding="utf-8"
    )


def edit_acronyms(settings: CorpusSettings) -> None:
    with settings.acronyms.open("a", encoding="utf-8") as stream:
        stream.write("ZZT: Zebra Transit Team\n")


@pytest.mark.parametrize(
    ("edit", "shows"),
    [
        (edit_document, lambda index: "zanzibarian" in index.words),
        (
            edit_sidecar,
            lambda index: (
                index.documents[0].title == "Renamed cooperation with United Nations entities"
            ),
        ),
        (edit_acronyms, lambda index: index.acronyms.get("ZZT") == "Zebra Transit Team"),
    ],
    ids=["document", "sidecar", "acronyms"],
)
def test_load_or_build_rebuilds_when_the_corpus_changes(
    seeded_corpus: CorpusSettings,
    builds: Builds,
    edit: Callable[[CorpusSettings], None],
    shows: Callable[[Index], bool],
) -> None:
    first = load_or_build(seeded_corpus)
    assert not shows(first)
    edit(seeded_corpus)
    second = load_or_build(seeded_corpus)
    assert len(builds) == 2
    assert second.fingerprint != first.fingerprint
    assert shows(second)
    assert load(seeded_corpus.index) == second


def saved_data(settings: CorpusSettings) -> dict[str, Any]:
    load_or_build(settings)
    return json.loads(settings.index.read_text(encoding="utf-8"))


def as_bytes(data: Any) -> bytes:
    return json.dumps(data).encode()


def _with(data: dict[str, Any], **changes: Any) -> bytes:
    return as_bytes({**data, **changes})


def _passage(data: dict[str, Any], **changes: Any) -> bytes:
    passages = [dict(p) for p in data["passages"]]
    passages[0].update(changes)
    return _with(data, passages=passages)


def _document(data: dict[str, Any], **changes: Any) -> bytes:
    documents = [dict(d) for d in data["documents"]]
    documents[0].update(changes)
    return _with(data, documents=documents)


def _without(data: dict[str, Any], key: str) -> bytes:
    return as_bytes({k: v for k, v in data.items() if k != key})


# Each takes the genuine saved JSON (whose fingerprint matches the corpus) and corrupts it, so
# that only the format checks, not the fingerprint, can tell that the file is bad.
CORRUPTIONS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "garbage bytes": lambda data: b"\x00\xff\xfe\x80garbage\x9c",
    "empty file": lambda data: b"",
    "truncated json": lambda data: as_bytes(data)[: len(as_bytes(data)) // 2],
    "json list": lambda data: b"[]",
    "json null": lambda data: b"null",
    "json string": lambda data: b'"qabot-index"',
    "other format": lambda data: _with(data, format="something-else"),
    "other version": lambda data: _with(data, version=indexing.FORMAT_VERSION + 1),
    "version as text": lambda data: _with(data, version=str(indexing.FORMAT_VERSION)),
    "no passages": lambda data: _without(data, "passages"),
    "no words": lambda data: _without(data, "words"),
    "documents not a list": lambda data: _with(data, documents=5),
    "passage not a mapping": lambda data: _with(data, passages=["text", *data["passages"][1:]]),
    "unknown passage kind": lambda data: _passage(data, kind="sonnet"),
    "passage without text": lambda data: _with(
        data, passages=[{k: v for k, v in data["passages"][0].items() if k != "text"}]
    ),
    "terms not strings": lambda data: _with(data, terms=[[1, 2]] * len(data["terms"])),
    "terms and passages differ": lambda data: _with(data, terms=data["terms"][1:]),
    "acronyms not strings": lambda data: _with(data, acronyms={"UN": ["United", "Nations"]}),
    "words not counts": lambda data: _with(data, words={"crime": "many"}),
    "protected not a list": lambda data: _with(data, protected="un"),
    "class key in a document": lambda data: _document(data, __class__="os.system"),
    "reduce key in a passage": lambda data: _passage(data, __reduce__=["os.system", ["id"]]),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_corrupted_index_is_detected_and_rebuilt(
    seeded_corpus: CorpusSettings,
    builds: Builds,
    corrupt: Callable[[dict[str, Any]], bytes],
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = saved_data(seeded_corpus)
    genuine = load(seeded_corpus.index)
    seeded_corpus.index.write_bytes(corrupt(data))
    with pytest.raises(IndexFormatError):
        load(seeded_corpus.index)
    with caplog.at_level(logging.WARNING, logger="retrieval.indexing"):
        rebuilt = load_or_build(seeded_corpus)
    assert len(builds) == 2
    assert rebuilt == genuine
    assert load(seeded_corpus.index) == genuine  # the bad file was replaced
    assert "rebuilding" in caplog.text


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda data: _passage(data, text=42),
        lambda data: _passage(data, start="zero"),
        lambda data: _document(data, title=None),
    ],
    ids=["passage text a number", "passage start text", "document title null"],
)
def test_index_with_fields_of_the_wrong_type_is_rebuilt(
    seeded_corpus: CorpusSettings, builds: Builds, corrupt: Callable[[dict[str, Any]], bytes]
) -> None:
    data = saved_data(seeded_corpus)
    genuine = load(seeded_corpus.index)
    seeded_corpus.index.write_bytes(corrupt(data))
    assert load_or_build(seeded_corpus) == genuine
    assert len(builds) == 2


class _MakesDirectory:
    """Unpickling this makes a directory: proof that the file was executed."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.mkdir, (str(self.path),))


@pytest.mark.parametrize("protocol", [0, pickle.HIGHEST_PROTOCOL])
def test_pickle_file_in_place_of_the_index_is_never_executed(
    seeded_corpus: CorpusSettings, builds: Builds, tmp_path: Path, protocol: int
) -> None:
    genuine = load_or_build(seeded_corpus)
    sentinel = tmp_path / "executed"
    seeded_corpus.index.write_bytes(pickle.dumps(_MakesDirectory(sentinel), protocol=protocol))
    assert load_or_build(seeded_corpus) == genuine
    assert not sentinel.exists()
    assert len(builds) == 2


def test_crafted_json_with_python_hooks_is_never_executed(
    seeded_corpus: CorpusSettings, builds: Builds, tmp_path: Path
) -> None:
    genuine = load_or_build(seeded_corpus)
    sentinel = tmp_path / "executed"
    crafted = {
        "__class__": "os.mkdir",
        "__reduce__": ["os.mkdir", [str(sentinel)]],
        "py/object": "os.mkdir",
        "format": {"__reduce__": ["os.mkdir", [str(sentinel)]]},
    }
    seeded_corpus.index.write_text(json.dumps(crafted), encoding="utf-8")
    assert load_or_build(seeded_corpus) == genuine
    assert not sentinel.exists()
    assert len(builds) == 2


def test_directory_in_place_of_the_index_still_gives_an_index(
    seeded_corpus: CorpusSettings, caplog: pytest.LogCaptureFixture
) -> None:
    seeded_corpus.index.mkdir(parents=True)
    with caplog.at_level(logging.WARNING, logger="retrieval.indexing"):
        index = load_or_build(seeded_corpus)
    assert index == build(seeded_corpus)
    assert seeded_corpus.index.is_dir()
    assert leftovers(seeded_corpus.index.parent) == []
    assert "could not save" in caplog.text


def test_file_in_place_of_the_index_directory_still_gives_an_index(
    seeded_corpus: CorpusSettings, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory", encoding="utf-8")
    settings = dataclasses.replace(seeded_corpus, index=blocker / "index.json")
    assert load_or_build(settings) == build(settings)
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_unwritable_index_directory_still_gives_an_index(
    seeded_corpus: CorpusSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a read-only directory does to mkstemp, also for a test run as root.
    def read_only(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(indexing.tempfile, "mkstemp", read_only)
    assert load_or_build(seeded_corpus) == build(seeded_corpus)
    assert not seeded_corpus.index.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only directories")
def test_read_only_index_directory_still_gives_an_index(seeded_corpus: CorpusSettings) -> None:
    directory = seeded_corpus.index.parent
    directory.mkdir()
    directory.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert load_or_build(seeded_corpus) == build(seeded_corpus)
        assert list(directory.iterdir()) == []
    finally:
        directory.chmod(stat.S_IRWXU)
