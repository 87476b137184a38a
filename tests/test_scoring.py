"""The scorer: rank-bm25's scores, with a weight per query term, from postings alone."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

from corpus.errors import SettingError
from retrieval import scoring
from retrieval.postings import Postings
from retrieval.scoring import BM25Settings, Scorer

ALPHABET = ["a", "b", "c", "d", "e", "f"]
ABSENT = ["zz", "yy"]
TOLERANCE = 1e-9

# k1 = 0 and b = 1 are left out here: there rank-bm25 itself divides 0 by 0 (see the tests of
# finite scores below).
# Small corpora over a small alphabet: terms repeat within and across documents, some
# documents are empty, and "common" is forced into most documents so that its Okapi idf
# is negative and the epsilon floor applies.
DOCUMENT = st.lists(st.sampled_from(ALPHABET), max_size=10)


@st.composite
def corpora(draw: st.DrawFn) -> list[list[str]]:
    documents = draw(st.lists(DOCUMENT, min_size=1, max_size=8))
    if draw(st.booleans()):
        chosen = draw(st.lists(st.booleans(), min_size=len(documents), max_size=len(documents)))
        documents = [
            [*document, "common"] if pick or i % 3 else document
            for i, (document, pick) in enumerate(zip(documents, chosen, strict=True))
        ]
    if draw(st.booleans()):
        documents.insert(draw(st.integers(0, len(documents))), [])
    assume(any(documents))
    return documents


QUERIES = st.lists(st.sampled_from([*ALPHABET, "common", *ABSENT]), min_size=1, max_size=8)
PARAMETERS = st.fixed_dictionaries(
    {
        "k1": st.sampled_from([0.01, 0.5, 1.2, 2.0]),
        "b": st.sampled_from([0.0, 0.5, 0.75, 0.95]),
        "epsilon": st.sampled_from([0.0, 0.25, 1.0]),
        "delta": st.sampled_from([0.0, 0.5, 1.0, 2.0]),
    }
)


def scorer_of(corpus: list[list[str]], settings: BM25Settings) -> Scorer:
    return Scorer(Postings.from_terms(corpus, len(corpus)), settings)


def reference(corpus: list[list[str]], variant: str, p: dict[str, float], query: list[str]):
    documents = [list(d) for d in corpus]
    if variant == "okapi":
        model = BM25Okapi(documents, k1=p["k1"], b=p["b"], epsilon=p["epsilon"])
    elif variant == "plus":
        model = BM25Plus(documents, k1=p["k1"], b=p["b"], delta=p["delta"])
    else:
        model = BM25L(documents, k1=p["k1"], b=p["b"], delta=p["delta"])
    return model.get_scores(query)


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
@settings(max_examples=100, deadline=None)
@given(corpus=corpora(), query=QUERIES, parameters=PARAMETERS)
def test_scores_equal_rank_bm25_with_query_term_counts_as_weights(
    variant: str, corpus: list[list[str]], query: list[str], parameters: dict[str, float]
) -> None:
    scorer = scorer_of(corpus, BM25Settings(variant=variant, **parameters))
    ours = scorer.scores(dict(Counter(query)))
    theirs = reference(corpus, variant, parameters, query)
    assert ours.shape == (len(corpus),)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
def test_term_in_more_than_half_the_documents_matches_rank_bm25(variant: str) -> None:
    corpus = [["a", "b"], ["a", "c"], ["a"], ["b", "c", "c"], []]
    query = ["a", "a", "c", "zz"]
    ours = scorer_of(corpus, BM25Settings(variant=variant)).scores({"a": 2, "c": 1, "zz": 1})
    theirs = reference(corpus, variant, {"k1": 1.2, "b": 0.5, "epsilon": 0.25, "delta": 1.0}, query)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=TOLERANCE)
    assert ours[0] != ours[2]  # the repeated "a" and the "c" do count


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
@settings(max_examples=50, deadline=None)
@given(
    corpus=corpora(),
    weights=st.dictionaries(
        st.sampled_from(ALPHABET), st.floats(0.0, 10.0, allow_nan=False), min_size=1, max_size=4
    ),
    factor=st.floats(0.0, 10.0, allow_nan=False),
)
def test_weights_scale_term_contributions_linearly(
    variant: str, corpus: list[list[str]], weights: dict[str, float], factor: float
) -> None:
    scorer = scorer_of(corpus, BM25Settings(variant=variant))
    separate = sum(weight * scorer.scores({term: 1.0}) for term, weight in weights.items())
    np.testing.assert_allclose(scorer.scores(weights), separate, rtol=1e-9, atol=TOLERANCE)
    scaled = scorer.scores({term: factor * weight for term, weight in weights.items()})
    np.testing.assert_allclose(scaled, factor * scorer.scores(weights), rtol=1e-9, atol=1e-8)


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
def test_k1_zero_which_settings_accept_gives_finite_scores(variant: str) -> None:
    # BM25Settings accepts k1 = 0; a document without a query term must then score 0, not NaN.
    scorer = scorer_of([["a", "b"], ["b"], ["c"]], BM25Settings(variant=variant, k1=0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = scorer.scores({"a": 1.0})
    assert np.isfinite(scores).all(), scores
    assert scores[0] > scores[1]


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
def test_b_one_which_settings_accept_gives_finite_scores_for_an_empty_passage(
    variant: str,
) -> None:
    # With b = 1 an empty passage has a zero length norm, and rank-bm25 divides 0 by 0.
    scorer = scorer_of([["a", "b"], ["b"], []], BM25Settings(variant=variant, b=1.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = scorer.scores({"a": 1.0})
    assert np.isfinite(scores).all(), scores


def test_zero_weight_term_contributes_nothing() -> None:
    scorer = scorer_of([["a", "b"], ["b"], ["c"]], BM25Settings())
    np.testing.assert_array_equal(scorer.scores({"a": 0.0, "b": 1.0}), scorer.scores({"b": 1.0}))


def test_absent_query_terms_give_zero_scores() -> None:
    scorer = scorer_of([["a", "b"], ["b"], ["c"]], BM25Settings())
    np.testing.assert_array_equal(scorer.scores({"zz": 3.0}), np.zeros(3))


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
def test_empty_corpus_gives_an_empty_score_array(variant: str) -> None:
    scores = scorer_of([], BM25Settings(variant=variant)).scores({"a": 1.0})
    assert isinstance(scores, np.ndarray)
    assert scores.shape == (0,)


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
def test_corpus_of_empty_documents_gives_zeros(variant: str) -> None:
    scores = scorer_of([[], [], []], BM25Settings(variant=variant)).scores({"a": 1.0, "b": 2.0})
    np.testing.assert_array_equal(scores, np.zeros(3))


def test_empty_query_gives_zeros() -> None:
    np.testing.assert_array_equal(scorer_of([["a"], ["b"]], BM25Settings()).scores({}), np.zeros(2))


@pytest.mark.parametrize(
    ("field", "value"),
    [("variant", "bm99"), ("k1", -0.1), ("b", 1.5), ("b", -0.1), ("epsilon", -1), ("delta", -1)],
)
def test_settings_out_of_range_are_refused_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(SettingError) as raised:
        BM25Settings(**{field: value})  # type: ignore[arg-type]
    assert raised.value.field == field


def reference_top(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((np.arange(len(scores)), -scores))[:k]
    return order, scores[order]


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
@settings(max_examples=150, deadline=None)
@given(corpus=corpora(), query=QUERIES, parameters=PARAMETERS, k=st.integers(1, 12))
def test_top_k_ids_and_scores_equal_rank_bm25(
    variant: str, corpus: list[list[str]], query: list[str], parameters: dict[str, float], k: int
) -> None:
    ids, scores = scorer_of(corpus, BM25Settings(variant=variant, **parameters)).top(
        dict(Counter(query)), k
    )
    theirs = reference(corpus, variant, parameters, query)
    expected_ids, expected_scores = reference_top(theirs, k)
    np.testing.assert_allclose(scores, expected_scores, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(theirs[ids], scores, rtol=0, atol=TOLERANCE)
    assert len(set(ids.tolist())) == len(ids) == min(k, len(corpus))
    # Where no two scores are within rounding of each other, the order is the same too.
    gaps = np.diff(np.sort(theirs))
    if not len(gaps) or gaps.min() > 1e-6:
        assert ids.tolist() == expected_ids.tolist()


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
@settings(max_examples=100, deadline=None)
@given(corpus=corpora(), query=QUERIES, k=st.integers(1, 12))
def test_top_k_of_matching_passages_is_the_full_ranking_less_the_rest(
    variant: str, corpus: list[list[str]], query: list[str], k: int
) -> None:
    scorer = scorer_of(corpus, BM25Settings(variant=variant))
    ids, scores = scorer.top(dict(Counter(query)), k, matching=True)
    holding = [i for i, document in enumerate(corpus) if set(document) & set(query)]
    full = scorer.scores(dict(Counter(query)))
    expected = sorted(holding, key=lambda i: (-full[i], i))[:k]
    assert sorted(ids.tolist()) == sorted(expected) or np.allclose(
        sorted(full[ids]), sorted(full[expected]), atol=TOLERANCE
    )
    assert set(ids.tolist()) <= set(holding)
    np.testing.assert_allclose(scores, full[ids], rtol=0, atol=TOLERANCE)


def test_equal_scores_come_in_passage_order() -> None:
    scorer = scorer_of([["b"], ["a"], ["c"], ["a"], ["a"]], BM25Settings())
    ids, scores = scorer.top({"a": 1.0}, 2)
    assert ids.tolist() == [1, 3]
    assert scores[0] == scores[1]


def test_top_of_a_query_the_corpus_lacks_is_the_first_passages_at_the_common_score() -> None:
    scorer = scorer_of([["a"], ["b"], ["c"]], BM25Settings(variant="plus"))
    ids, scores = scorer.top({"zz": 1.0}, 2)
    assert ids.tolist() == [0, 1]
    assert scorer.top({"zz": 1.0}, 2, matching=True)[0].tolist() == []
    np.testing.assert_array_equal(scores, [0.0, 0.0])


def test_top_k_beyond_the_corpus_size_returns_every_passage() -> None:
    ids, _ = scorer_of([["a"], ["b"], ["a", "b"]], BM25Settings()).top({"a": 1.0}, 10)
    assert sorted(ids.tolist()) == [0, 1, 2]


def test_repeated_queries_give_the_same_answer() -> None:
    # The scorer reuses buffers between queries; a query must leave them clean.
    scorer = scorer_of([["a", "b"], ["b", "c"], ["c"], ["a", "a"]], BM25Settings())
    first = scorer.top({"a": 1.0, "c": 2.0}, 3)
    scorer.top({"b": 1.0}, 3)
    again = scorer.top({"a": 1.0, "c": 2.0}, 3)
    np.testing.assert_array_equal(first[0], again[0])
    np.testing.assert_array_equal(first[1], again[1])


@given(corpus=corpora())
def test_postings_know_document_frequency_and_membership(corpus: list[list[str]]) -> None:
    scorer = scorer_of(corpus, BM25Settings())
    for term in [*ALPHABET, "common", *ABSENT]:
        holding = {i for i, document in enumerate(corpus) if term in document}
        assert scorer.document_frequency(term) == len(holding)
        assert {i for i in range(len(corpus)) if scorer.contains(term, i)} == holding


@given(corpus=corpora())
def test_postings_survive_their_arrays(corpus: list[list[str]]) -> None:
    postings = Postings.from_terms(corpus, len(corpus))
    back = Postings.from_arrays(postings.arrays())
    assert back.vocabulary == postings.vocabulary
    for name in ("indptr", "docs", "counts", "lengths"):
        np.testing.assert_array_equal(getattr(back, name), getattr(postings, name))
    assert back.lengths.tolist() == [len(document) for document in corpus]


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
@settings(max_examples=60, deadline=None)
@given(corpus=corpora(), parameters=PARAMETERS, slice_size=st.integers(1, 5))
def test_weights_worked_out_a_slice_of_terms_at_a_time_equal_them_at_once(
    variant: str, corpus: list[list[str]], parameters: dict[str, float], slice_size: int
) -> None:
    settings_ = BM25Settings(variant=variant, **parameters)  # type: ignore[arg-type]
    at_once = scorer_of(corpus, settings_)
    assume(len(at_once._weights) > slice_size)  # more than one slice
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scoring, "_SLICE", slice_size)
        sliced = scorer_of(corpus, settings_)
    assert np.array_equal(sliced._weights, at_once._weights)


@st.composite
def skewed(draw: st.DrawFn) -> tuple[list[list[str]], list[str]]:
    """A corpus with a term in most passages and rarer ones, where MaxScore skips the common
    one, and a query of both."""
    size = draw(st.integers(20, 120))
    rare = draw(st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=4, unique=True))
    documents = []
    for _ in range(size):
        document = ["common"] * draw(st.integers(0, 3)) + ["filler"] * draw(st.integers(0, 4))
        if draw(st.integers(0, 9)) == 0:  # a rare term in one passage of ten
            document += draw(st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=3))
        documents.append(document)
    return documents, ["common", *rare]


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
@settings(max_examples=150, deadline=None)
@given(data=skewed(), k=st.integers(1, 8), matching=st.booleans())
def test_skipping_the_postings_of_a_common_term_gives_the_same_top_k_bit_for_bit(
    variant: str, data: tuple[list[list[str]], list[str]], k: int, matching: bool
) -> None:
    corpus, query = data
    scorer = scorer_of(corpus, BM25Settings(variant=variant))
    weights = dict(Counter(query))
    with pytest.MonkeyPatch.context() as patched:
        _skip_whatever_it_costs(patched)
        ids, scores = scorer.top(weights, k, matching=matching)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(scoring, "_SKIPPED_SHARE", float("inf"))
        whole_ids, whole_scores = scorer.top(weights, k, matching=matching)
    assert ids.tolist() == whole_ids.tolist() and scores.tolist() == whole_scores.tolist()


def _skip_whatever_it_costs(patched: pytest.MonkeyPatch) -> None:
    """Skipping is tried on a common term of any length, and kept however many passages
    must then be looked up: the corpora here are far smaller than those it pays on."""
    patched.setattr(scoring, "_MIN_SKIPPED", 0)
    patched.setattr(scoring, "_LOOKUP_COST", 0)


def test_a_common_term_is_skipped_where_rare_terms_decide_the_top_k(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _skip_whatever_it_costs(monkeypatch)
    corpus = [["common"]] * 200 + [["rare", "common"], ["rare"], ["rare", "other"]]
    scorer = scorer_of(corpus, BM25Settings())
    terms = scorer._terms({"common": 1.0, "rare": 1.0})
    found = scorer._pruned(terms, 2)
    assert found is not None and sorted(found[0].tolist()) == [200, 201, 202]
    ids, _ = scorer.top({"common": 1.0, "rare": 1.0}, 2)
    assert sorted(ids.tolist()) == [200, 201]


def test_a_common_term_is_read_whole_where_skipping_it_saves_too_little() -> None:
    corpus = [["common"]] * 200 + [["rare", "common"], ["rare"], ["rare", "other"]]
    scorer = scorer_of(corpus, BM25Settings())
    assert scorer._pruned(scorer._terms({"common": 1.0, "rare": 1.0}), 2) is None


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(st.integers(0, 30), min_size=0, max_size=600).map(
        lambda drawn: np.array(drawn, dtype=np.float64) / 7
    ),
    k=st.integers(1, 40),
    in_runs=st.booleans(),
)
def test_the_k_best_of_many_values_are_those_a_full_sort_gives(
    values: np.ndarray, k: int, in_runs: bool
) -> None:
    if in_runs:
        values = np.sort(values)  # the highest together, in the last groups
    positions = np.arange(len(values)) * 3
    ids, found = scoring.best(positions, values, k)
    order = np.lexsort((positions, -values))[:k]
    assert ids.tolist() == positions[order].tolist()
    assert found.tolist() == values[order].tolist()


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    size=st.integers(4096, 30_000),
    k=st.integers(1, 3000),
    shape=st.sampled_from(["spread", "ascending", "descending", "few values"]),
)
def test_the_k_best_of_thousands_of_values_are_those_a_full_sort_gives(
    seed: int, size: int, k: int, shape: str
) -> None:
    rng = np.random.default_rng(seed)
    values = rng.random(size) * 20
    if shape == "few values":
        values = np.round(values / 4)  # ties everywhere
    elif shape != "spread":
        values = np.sort(values)[:: 1 if shape == "ascending" else -1]
    positions = rng.permutation(size * 2)[:size]
    ids, found = scoring.best(positions, values, k)
    order = np.lexsort((positions, -values))[:k]
    assert ids.tolist() == positions[order].tolist()
    assert found.tolist() == values[order].tolist()
