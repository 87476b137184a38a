"""Building the index in shards, one process each: the index equals the one-pass build's."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import shutil
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.errors import BuildCancelled, CorpusError, DocumentError
from corpus.loading import document_paths
from corpus.models import BlockKind, Passage
from corpus.progress import until
from retrieval import shards
from retrieval.answer_types import passage_types
from retrieval.indexing import CorpusSettings, Index, build
from retrieval.passage_table import PassageTable
from retrieval.postings import Postings
from retrieval.shards import plan
from tests.conftest import SEED_ACRONYMS, SEED_TEXT

# Documents of every kind the loader reads, so that shards differ in what they hold: an
# acronym defined in the first document and written in lower case in the last, which only
# the merged survey can tell is an acronym; a shouted page; accents, ligatures and typographic
# apostrophes; front matter, a sidecar, lists and a repeated paragraph.
DOCUMENTS = {
    "a-cites.txt": "CITES\n\nThe Convention on International Trade in Endangered Species "
    "(CITES) regulates the wildlife trade. The WCO's officers and NGOs help.\n",
    "b-shout.txt": "NOTICE\n\nTHE UNODC AND WCO MET IN VIENNA IN 2019.\n",
    "c-notes.md": "---\ntitle: Field notes\nurl: https://example.org/notes\n---\n\n"
    "# Field notes\n\n"
    "Café staff don’t ﬁle reports; they file them twice.\n\n- First item about rhinos\n"
    "- Second item, 1,200 tusks\n\nCafé staff don’t ﬁle reports; they file them twice.\n",
    "d-page.html": "<html lang='fr'><head><title>Page</title></head><body><h1>Page</h1>"
    "<p>Unlike poaching, logging is often legal. INTERPOL works with the WHO.</p>"
    "<ul><li>Forests</li><li>Rivers</li></ul></body></html>",
    "e-lower.txt": "Trade rules\n\nThe cites secretariat, unlike the who or the wco, meets in "
    "Geneva.\n",
    "f-sidecar.txt": "Sidecar page\n\nA page whose publisher comes from its sidecar.\n",
    "f-sidecar.yaml": "publisher: UNODC\ntitle: Sidecar page\n",
}


@pytest.fixture
def varied(tmp_path: Path) -> CorpusSettings:
    documents = tmp_path / "documents"
    documents.mkdir()
    for name, text in DOCUMENTS.items():
        (documents / name).write_text(text, encoding="utf-8")
    shutil.copy(SEED_TEXT, documents / "g-seed.txt")
    acronyms = tmp_path / "acronyms.yaml"
    shutil.copy(SEED_ACRONYMS, acronyms)
    return CorpusSettings(documents, acronyms, tmp_path / "index.npz")


def assert_same_index(built: Index, expected: Index) -> None:
    assert built.fingerprint == expected.fingerprint
    assert built.documents == expected.documents
    assert built.postings == expected.postings
    assert built.acronyms == expected.acronyms
    assert list(built.acronyms) == list(expected.acronyms)
    assert built.protected == expected.protected
    assert list(built.words.items()) == list(expected.words.items())
    assert list(built.claims) == list(expected.claims)
    ours, theirs = built.passages.arrays(""), expected.passages.arrays("")
    assert ours.keys() == theirs.keys()
    for name, array in theirs.items():
        assert np.array_equal(ours[name], array), name
        assert ours[name].dtype == array.dtype, name


@pytest.mark.parametrize("workers", [2, 3, 6])
def test_an_index_built_in_worker_processes_equals_the_one_built_in_one_pass(
    varied: CorpusSettings, workers: int
) -> None:
    assert len(plan(document_paths(varied.documents), workers)) == workers
    assert_same_index(build(varied, workers=workers), build(varied, workers=1))


def _rows(postings: Postings) -> list[Counter[str]]:
    """Each row's terms and their counts, whatever the order of the vocabulary."""
    rows: list[Counter[str]] = [Counter() for _ in range(postings.size)]
    for number, term in enumerate(postings.vocabulary):
        start, end = postings.indptr[number], postings.indptr[number + 1]
        for row, count in zip(postings.docs[start:end], postings.counts[start:end], strict=True):
            rows[row][term] = int(count)
    return rows


def test_passages_sections_and_pages_are_indexed_each_under_their_own_terms(
    varied: CorpusSettings,
) -> None:
    index = build(varied, workers=1)
    tokenizer = index.tokenizer
    metas = {meta.id: meta for meta in index.documents}
    # A passage: its words and answer types.
    assert _rows(index.postings) == [
        Counter(tokenizer.terms(p.text) + passage_types(tokenizer.words(p.text)[1], p.text))
        for p in index.passages
    ]
    # A section, in the order sections first appear: its page's title, its heading (unless it
    # is the title) and its publisher.
    sections = dict.fromkeys((p.doc_id, p.section) for p in index.passages)
    assert _rows(index.sections) == [
        Counter(
            tokenizer.terms(metas[doc].title)
            + (tokenizer.terms(section) if section != metas[doc].title else [])
            + tokenizer.terms(metas[doc].publisher)
        )
        for doc, section in sections
    ]
    # A page: its title, publisher, headings and text, every page, with passages or not.
    pages = []
    for meta in index.documents:
        own = [p for p in index.passages if p.doc_id == meta.id]
        headings = dict.fromkeys(p.section for p in own if p.section != meta.title)
        pages.append(
            Counter(
                tokenizer.terms(meta.title)
                + tokenizer.terms(meta.publisher)
                + [t for heading in headings for t in tokenizer.terms(heading)]
                + [t for p in own for t in tokenizer.terms(p.text)]
            )
        )
    assert _rows(index.pages) == pages
    assert any(meta.publisher for meta in index.documents)


def test_an_acronym_that_is_an_english_word_is_kept_whole_only_where_written_in_capitals(
    varied: CorpusSettings,
) -> None:
    index = build(varied, workers=6)
    # "WCO", defined in one shard, is kept whole in another where it is written "wco"; "CITES"
    # is too, written in capitals, but "cites" is an English word.
    assert "wco" in index.protected and "cites" not in index.protected
    written = [p.text for p in index.passages]
    lower = next(n for n, text in enumerate(written) if "cites secretariat" in text)
    terms = _rows(index.postings)[lower]
    assert "wco" in terms and "cite" in terms and "cites" not in terms
    capitals = next(n for n, text in enumerate(written) if "(CITES)" in text)
    assert "cites" in _rows(index.postings)[capitals]


def test_the_first_problem_in_corpus_order_is_raised_whichever_shard_meets_it(
    varied: CorpusSettings,
) -> None:
    # A repeated id early on, and an unreadable document late: the repeat comes first.
    (varied.documents / "b-again.txt").write_text("id: x\n", encoding="utf-8")
    (varied.documents / "b-again.yaml").write_text("id: a-cites\n", encoding="utf-8")
    (varied.documents / "z-broken.txt").write_bytes(b"Broken\n\n\xff\xfe not UTF-8\n")
    for workers in (1, 2, 4):
        with pytest.raises(DocumentError, match=r"b-again\.txt.*duplicate document id 'a-cites'"):
            build(varied, workers=workers)
    # Without the repeat, the unreadable document is the problem, however the corpus is cut.
    (varied.documents / "b-again.yaml").unlink()
    for workers in (1, 2, 4):
        with pytest.raises(DocumentError, match=r"z-broken\.txt.*not valid UTF-8"):
            build(varied, workers=workers)


def test_a_document_error_survives_the_trip_from_a_worker_process() -> None:
    error = DocumentError(Path("/corpus/a.txt"), "not valid UTF-8 (byte 3)", 2)
    context = multiprocessing.get_context("fork")
    mine, theirs = context.Pipe()
    theirs.send(error)
    received = mine.recv()
    assert isinstance(received, DocumentError)
    assert (received.path, received.reason, received.line) == (error.path, error.reason, 2)
    assert str(received) == str(error)


def test_a_worker_that_fails_unforeseen_fails_the_build_naming_the_error(
    varied: CorpusSettings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def fail(self: shards.Shard, protected: frozenset[str]) -> None:
        raise ValueError("tokenizer bug")

    monkeypatch.setattr(shards.Shard, "index", fail)
    with pytest.raises(CorpusError, match="worker process: ValueError: tokenizer bug"):
        build(varied, workers=2)
    assert "in fail" in caplog.text  # the worker's traceback, for whoever fixes it
    assert multiprocessing.active_children() == []


def test_a_worker_process_that_dies_fails_the_build_instead_of_hanging(
    varied: CorpusSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def die(self: shards.Shard, protected: frozenset[str]) -> None:
        os._exit(9)

    monkeypatch.setattr(shards.Shard, "index", die)
    with pytest.raises(CorpusError, match="stopped unexpectedly"):
        build(varied, workers=2)
    assert multiprocessing.active_children() == []


def test_a_parallel_build_told_to_stop_stops_and_leaves_no_process(
    varied: CorpusSettings,
) -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(BuildCancelled, match="stopped while reading documents"):
        build(varied, progress=until(stop), workers=2)
    assert multiprocessing.active_children() == []


def test_a_parallel_build_reports_the_same_steps_to_their_totals(varied: CorpusSettings) -> None:
    def seen(workers: int) -> list[tuple[str, int, int]]:
        steps: list[tuple[str, int, int]] = []

        def progress(items: Iterable[Any], total: int, what: str) -> Iterable[Any]:
            count = 0
            for item in items:
                count += 1
                yield item
            steps.append((what, total, count))

        build(varied, progress=progress, workers=workers)
        return steps

    serial = seen(1)
    assert [what for what, _, _ in serial] == [
        "reading documents",
        "splitting",
        "reading words",
        "indexing passages",
    ]
    assert all(total == count for _, total, count in serial)
    assert seen(3) == serial


def test_a_parallel_build_works_from_a_thread_as_the_bot_rebuilds(varied: CorpusSettings) -> None:
    built: list[Index] = []
    thread = threading.Thread(target=lambda: built.append(build(varied, workers=2)))
    thread.start()
    thread.join(timeout=60)
    assert_same_index(built[0], build(varied, workers=1))


def test_runs_cover_the_documents_in_order_with_about_equal_bytes(tmp_path: Path) -> None:
    paths = []
    for number, size in enumerate([5, 1, 1, 1, 1, 1, 5, 3, 2, 4]):
        path = tmp_path / f"{number:02d}.txt"
        path.write_text("x" * size * 1000)
        paths.append(path)
    runs = plan(paths, 3)
    assert [path for run in runs for path in run] == paths
    assert [sum(p.stat().st_size for p in run) for run in runs] == [8000, 7000, 9000]
    assert plan(paths, 30) == [[path] for path in paths]


def _plan_size(paths: list[Path], sender: Any) -> None:
    sender.send(len(plan(paths, 2)))


def test_a_daemonic_process_which_may_not_start_processes_builds_in_itself(
    varied: CorpusSettings,
) -> None:
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    paths = document_paths(varied.documents)
    child = context.Process(target=_plan_size, args=(paths, sender), daemon=True)
    child.start()
    assert receiver.recv() == 1
    child.join()
    assert len(plan(paths, 2)) == 2


def test_a_small_corpus_is_built_in_this_process(varied: CorpusSettings) -> None:
    paths = sorted(varied.documents.iterdir())
    assert plan(paths) == [paths]


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
passages = st.builds(
    Passage,
    id=texts,
    doc_id=st.sampled_from(["a", "b", "c"]),
    title=st.sampled_from(["T", "Ü", ""]),
    url=st.sampled_from(["", "https://example.org/"]),
    section=texts,
    text=texts,
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
    kind=st.sampled_from(list(BlockKind)),
    lead_in=st.none() | texts,
)


def cut(items: list[Any], cuts: list[int]) -> list[list[Any]]:
    bounds = sorted({0, len(items), *(c % (len(items) + 1) for c in cuts)})
    return [items[a:b] for a, b in itertools.pairwise(bounds)] or [items]


@settings(max_examples=150, deadline=None)
@given(st.lists(passages, max_size=12), st.lists(st.integers(0, 12), max_size=4))
def test_passage_tables_joined_equal_the_table_of_all_their_passages(
    rows: list[Passage], cuts: list[int]
) -> None:
    joined = PassageTable.concat([PassageTable.of(part) for part in cut(rows, cuts)])
    whole = PassageTable.of(rows)
    assert list(joined) == rows
    for name, array in whole.arrays("").items():
        assert np.array_equal(joined.arrays("")[name], array), name


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=6), max_size=15),
    st.lists(st.integers(0, 15), max_size=4),
)
def test_postings_joined_equal_the_postings_of_all_their_passages(
    corpus: list[list[str]], cuts: list[int]
) -> None:
    parts = [Postings.from_terms(part, len(part)) for part in cut(corpus, cuts)]
    assert Postings.concat(parts) == Postings.from_terms(corpus, len(corpus))
