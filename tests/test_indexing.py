"""The saved index: plain arrays and JSON, reused while the corpus is unchanged, rebuilt
otherwise."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import os
import pickle
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corpus.errors import BuildCancelled, IndexFormatError
from corpus.progress import Progress, quietly, until
from retrieval import indexing
from retrieval.indexing import CorpusSettings, Index, build, load, load_or_build, save

Builds = list[CorpusSettings]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Builds:
    """Every call that ``load_or_build`` makes to ``build``."""
    calls: Builds = []
    real = indexing.build

    def counting(
        settings: CorpusSettings, key: str | None = None, progress: Progress = quietly
    ) -> Index:
        calls.append(settings)
        return real(settings, key, progress)

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
    assert loaded.passages and loaded.postings.vocabulary and loaded.acronyms and loaded.words
    # The relation table: the seed page says who implements AIRCOP and CRIMJUST.
    assert sum(1 for stored in loaded.claims if stored) >= 2


def test_saved_index_is_an_npz_of_plain_arrays_and_json(
    seeded_corpus: CorpusSettings, tmp_path: Path
) -> None:
    path = tmp_path / "index.npz"
    save(build(seeded_corpus), path)
    meta, arrays = parts_of(path)
    assert meta["format"] == "qabot-index"
    assert meta["version"] == indexing.FORMAT_VERSION
    assert arrays and all(array.dtype != object for array in arrays.values())


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


Parts = tuple[Any, dict[str, np.ndarray]]


def parts_of(path: Path) -> Parts:
    """The JSON part and the arrays of a saved index."""
    with np.load(path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    return json.loads(arrays.pop("meta").tobytes()), arrays


def saved_parts(settings: CorpusSettings) -> Parts:
    load_or_build(settings)
    return parts_of(settings.index)


def packed(meta_data: Any, arrays: dict[str, np.ndarray], **changes: np.ndarray | None) -> bytes:
    """An index file of these parts; a change of None leaves that array out."""
    text = np.frombuffer(json.dumps(meta_data).encode(), dtype=np.uint8)
    contents = {"meta": text, **arrays, **changes}
    buffer = io.BytesIO()
    np.savez(buffer, **{name: array for name, array in contents.items() if array is not None})
    return buffer.getvalue()


def _meta(parts: Parts, **changes: Any) -> bytes:
    meta, arrays = parts
    return packed({**meta, **changes}, arrays)


def _without_meta(parts: Parts, key: str) -> bytes:
    meta, arrays = parts
    return packed({k: v for k, v in meta.items() if k != key}, arrays)


def _document(parts: Parts, **changes: Any) -> bytes:
    documents = [dict(d) for d in parts[0]["documents"]]
    documents[0].update(changes)
    return _meta(parts, documents=documents)


def _array(parts: Parts, name: str, change: Callable[[np.ndarray], np.ndarray]) -> bytes:
    meta, arrays = parts
    return packed(meta, arrays, **{name: change(arrays[name].copy())})


def _dropped(parts: Parts, name: str) -> bytes:
    return packed(*parts, **{name: None})


def _set(array: np.ndarray, at: int, value: Any) -> np.ndarray:
    array[at] = value
    return array


def _genuine(parts: Parts) -> bytes:
    return packed(*parts)


# Each takes the genuine saved index (whose fingerprint matches the corpus) and corrupts it,
# so that only the format checks, not the fingerprint, can tell that the file is bad.
CORRUPTIONS: dict[str, Callable[[Parts], bytes]] = {
    "garbage bytes": lambda parts: b"\x00\xff\xfe\x80garbage\x9c",
    "empty file": lambda parts: b"",
    "truncated archive": lambda parts: _genuine(parts)[: len(_genuine(parts)) // 2],
    "index of the JSON format": lambda parts: json.dumps({**parts[0], "version": 1}).encode(),
    "meta a list": lambda parts: packed([], parts[1]),
    "meta null": lambda parts: packed(None, parts[1]),
    "meta not JSON": lambda parts: packed(*parts, meta=np.frombuffer(b"{'x", np.uint8)),
    "no meta": lambda parts: _dropped(parts, "meta"),
    "other format": lambda parts: _meta(parts, format="something-else"),
    "other version": lambda parts: _meta(parts, version=indexing.FORMAT_VERSION + 1),
    "version as text": lambda parts: _meta(parts, version=str(indexing.FORMAT_VERSION)),
    "no words": lambda parts: _without_meta(parts, "words"),
    "documents not a list": lambda parts: _meta(parts, documents=5),
    "document title null": lambda parts: _document(parts, title=None),
    "class key in a document": lambda parts: _document(parts, __class__="os.system"),
    "acronyms not strings": lambda parts: _meta(parts, acronyms={"UN": ["United", "Nations"]}),
    "aliases not strings": lambda parts: _meta(parts, aliases={"Reef Network": 3}),
    "no aliases": lambda parts: _without_meta(parts, "aliases"),
    "words not counts": lambda parts: _meta(parts, words={"crime": "many"}),
    "protected not a list": lambda parts: _meta(parts, protected="un"),
    "no passage texts": lambda parts: _dropped(parts, "passages.text.data"),
    "unknown passage kind": lambda parts: _array(parts, "passages.kinds", lambda a: a + 7),
    "passage spans of the wrong shape": lambda parts: _array(
        parts, "passages.spans", lambda a: a.ravel()
    ),
    "passage spans as text": lambda parts: _array(parts, "passages.spans", lambda a: a.astype(str)),
    "text offsets past the end": lambda parts: _array(
        parts, "passages.text.offsets", lambda a: a * 2
    ),
    "text offsets going back": lambda parts: _array(
        parts, "passages.text.offsets", lambda a: _set(a, 1, a[2] + 1)
    ),
    "text not UTF-8": lambda parts: _array(parts, "passages.text.data", lambda a: _set(a, 0, 255)),
    "section code out of range": lambda parts: _array(
        parts, "passages.section.codes", lambda a: a + 1000
    ),
    "fewer passages than postings": lambda parts: _array(
        parts, "postings.lengths", lambda a: np.append(a, 3)
    ),
    "posting beyond the passages": lambda parts: _array(
        parts, "postings.docs", lambda a: _set(a, 0, 10**6)
    ),
    "posting count zero": lambda parts: _array(parts, "postings.counts", lambda a: a * 0),
    "postings pointers going back": lambda parts: _array(
        parts, "postings.indptr", lambda a: _set(a, 1, a[-1])
    ),
    "postings as floats": lambda parts: _array(
        parts, "postings.docs", lambda a: a.astype(np.float64)
    ),
    "vocabulary not UTF-8": lambda parts: _array(
        parts, "postings.vocabulary", lambda a: _set(a, 0, 255)
    ),
    "vocabulary one term short": lambda parts: _array(
        parts, "postings.vocabulary", lambda a: a[: a.tobytes().rindex(b"\x00")]
    ),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_corrupted_index_is_detected_and_rebuilt(
    seeded_corpus: CorpusSettings,
    builds: Builds,
    corrupt: Callable[[Parts], bytes],
    caplog: pytest.LogCaptureFixture,
) -> None:
    parts = saved_parts(seeded_corpus)
    genuine = load(seeded_corpus.index)
    seeded_corpus.index.write_bytes(corrupt(parts))
    with pytest.raises(IndexFormatError):
        load(seeded_corpus.index)
    with caplog.at_level(logging.WARNING, logger="retrieval.indexing"):
        rebuilt = load_or_build(seeded_corpus)
    assert len(builds) == 2
    assert rebuilt == genuine
    assert load(seeded_corpus.index) == genuine  # the bad file was replaced
    assert "rebuilding" in caplog.text


def test_an_untouched_repacked_index_loads_so_the_corruptions_are_what_fails(
    seeded_corpus: CorpusSettings,
) -> None:
    parts = saved_parts(seeded_corpus)
    genuine = load(seeded_corpus.index)
    seeded_corpus.index.write_bytes(_genuine(parts))
    assert load(seeded_corpus.index) == genuine


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


def test_pickled_object_array_inside_the_archive_is_never_executed(
    seeded_corpus: CorpusSettings, builds: Builds, tmp_path: Path
) -> None:
    genuine = load_or_build(seeded_corpus)
    sentinel = tmp_path / "executed"
    meta, arrays = parts_of(seeded_corpus.index)
    payload = np.array([_MakesDirectory(sentinel)], dtype=object)
    seeded_corpus.index.write_bytes(packed(meta, arrays, **{"postings.docs": payload}))
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


def test_a_build_told_to_stop_gives_up_and_leaves_the_saved_index_as_it_was(
    seeded_corpus: CorpusSettings,
) -> None:
    load_or_build(seeded_corpus)
    saved = seeded_corpus.index.read_bytes()
    (seeded_corpus.documents / "nova.txt").write_text(
        "Project Nova\n\nProject Nova is run by INTERPOL.\n", encoding="utf-8"
    )
    stop = threading.Event()
    stop.set()
    with pytest.raises(BuildCancelled, match="stopped while reading documents"):
        load_or_build(seeded_corpus, until(stop))
    assert seeded_corpus.index.read_bytes() == saved


def test_until_hands_the_items_on_until_told_to_stop_then_stops_at_the_next() -> None:
    stop, seen = threading.Event(), []
    with pytest.raises(BuildCancelled, match="stopped while counting"):
        for item in until(stop)(range(10), 10, "counting"):
            seen.append(item)
            if item == 3:
                stop.set()
    assert seen == [0, 1, 2, 3]
