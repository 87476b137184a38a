"""The tokenizer: what text becomes as index terms, for documents and questions alike."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
import snowballstemmer
from hypothesis import example, given, settings
from hypothesis import strategies as st

from retrieval.tokenizing import Tokenizer, american_spelling, stem

TOKENIZER = Tokenizer()


def terms(text: str, protected: frozenset[str] = frozenset()) -> list[str]:
    return Tokenizer(protected).terms(text)


def test_full_width_letters_are_nfkc_normalized() -> None:
    assert terms("ＵＮＯＤＣ works with partners") == ["unodc", "work", "partner"]


def test_case_is_folded() -> None:
    assert terms("Wildlife Crime") == terms("WILDLIFE CRIME") == terms("wildlife crime")
    assert terms("Straße") == terms("strasse")


def test_typographic_apostrophe_possessive_is_dropped() -> None:
    assert terms("INTERPOL’s role") == ["interpol", "role"]
    assert terms("INTERPOL's role") == ["interpol", "role"]
    assert terms("INTERPOLʼs role") == ["interpol", "role"]


def test_stopwords_are_dropped() -> None:
    assert terms("the role of the police in a city") == ["role", "polic", "citi"]


def test_not_and_no_are_kept() -> None:
    assert terms("it is not here") == ["not"]
    assert terms("there is no plan") == ["no", "plan"]


@pytest.mark.parametrize("text", ["don't", "don’t", "doesn't", "can't", "won't", "isn't"])
def test_contracted_negation_becomes_not(text: str) -> None:
    assert "not" in terms(f"they {text} help")


def test_contraction_keeps_its_verb_stem() -> None:
    assert terms("can't help") == terms("can not help")


def test_snowball_stems_merge_inflections() -> None:
    assert terms("agencies") == terms("agency")
    assert terms("trafficking") == terms("trafficked")
    assert terms("cooperates") == terms("cooperation") == terms("cooperating")


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("organisation", "organization"),
        ("organisations", "organizations"),
        ("programme", "program"),
        ("programmes", "programs"),
        ("centre", "center"),
        ("defence", "defense"),
        ("licences", "licenses"),
        ("harmonised", "harmonized"),
        ("analyse", "analyze"),
        ("catalogue", "catalog"),
        ("labour", "labor"),
    ],
)
def test_british_and_american_spellings_share_a_term(british: str, american: str) -> None:
    assert terms(british) == terms(american)
    assert len(terms(british)) == 1


def test_acronym_in_mixed_case_text_is_kept_whole_and_unstemmed() -> None:
    tokens = TOKENIZER.tokens("CITES protects endangered species")
    assert tokens[0].term == "cites"
    assert tokens[0].acronym
    assert terms("the word cites in lower case") == ["word", "cite", "lower", "case"]


def test_shouted_sentence_is_not_a_run_of_acronyms() -> None:
    tokens = TOKENIZER.tokens("THE AGENCIES COOPERATE ON CITES")
    assert not any(token.acronym for token in tokens)
    assert [token.term for token in tokens] == terms("the agencies cooperate on cites")


def test_protected_lower_case_word_is_kept_whole() -> None:
    tokens = Tokenizer(frozenset({"cites"})).tokens("what does cites do")
    cites = [token for token in tokens if token.surface == "cites"]
    assert [token.term for token in cites] == ["cites"]
    assert cites[0].acronym


def test_protected_word_is_kept_even_when_it_is_a_stopword() -> None:
    assert terms("who is in the un", frozenset({"un"})) == ["un"]


def test_plural_of_an_acronym_is_the_acronym() -> None:
    assert terms("NGOs and partners") == ["ngo", "partner"]


def test_token_spans_point_at_the_words() -> None:
    text = "Wildlife crime: INTERPOL’s ICCWC role."
    for token in TOKENIZER.tokens(text):
        assert (
            unicodedata.normalize("NFKC", text[token.start : token.end])
            .casefold()
            .startswith(token.surface.split("'")[0])
        )


def test_keep_stopwords_keeps_them() -> None:
    surfaces = [token.surface for token in TOKENIZER.tokens("the role of it", keep_stopwords=True)]
    assert surfaces == ["the", "role", "of", "it"]


# Arbitrary Unicode, and text built from the characters the tokenizer treats specially.
TRICKY = st.text(
    alphabet=st.sampled_from(list("aAnNtTsS'’ʼ` -_.,½²ﬁＵＮßİΣςǅ\u0301\u00a0éÉ0123")), max_size=40
)
TEXT = st.one_of(st.text(max_size=80), TRICKY)


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_tokenizing_never_raises(text: str) -> None:
    assert isinstance(TOKENIZER.tokens(text), list)
    assert isinstance(Tokenizer(frozenset({"cites", "un"})).tokens(text, keep_stopwords=True), list)


@settings(max_examples=100, deadline=None)
@given(TEXT)
@example("n't")  # a contraction with nothing before the "n"
@example("it isn ’t so")
@example("ʼ")  # U+02BC is a letter to the word pattern, and an apostrophe to the tokenizer
def test_every_term_is_non_empty_and_casefolded(text: str) -> None:
    for term in TOKENIZER.terms(text):
        assert term, f"empty term from {text!r}"
        assert term == term.casefold()


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_every_token_span_lies_inside_the_text(text: str) -> None:
    for token in TOKENIZER.tokens(text, keep_stopwords=True):
        assert 0 <= token.start < token.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_tokenizing_is_deterministic(text: str) -> None:
    assert TOKENIZER.terms(text) == TOKENIZER.terms(text)


@settings(max_examples=100, deadline=None)
@given(TEXT)
@example("½")  # NFKC turns it into "1⁄2", which is two words
@example("re\u0301sume\u0301")  # decomposed accents: NFKC composes them into the word
def test_terms_of_a_text_and_its_nfkc_form_agree(text: str) -> None:
    assert TOKENIZER.terms(text) == TOKENIZER.terms(unicodedata.normalize("NFKC", text))


@settings(max_examples=300)
@given(TEXT, st.sets(st.sampled_from(["un", "cites", "no", "ngo", "aircop"]), max_size=3))
def test_fast_terms_and_word_counts_are_those_of_the_tokens(text: str, protected: set[str]) -> None:
    tokenizer = Tokenizer(frozenset(protected))
    for _ in range(2):  # the second time from the memo
        assert tokenizer.terms(text) == [t.term for t in tokenizer.tokens(text)]
        words, capitalised = tokenizer.survey([text])
        assert words == Counter(t.surface for t in tokenizer.tokens(text, keep_stopwords=True))
        assert capitalised <= set(words)


@settings(max_examples=300)
@given(TEXT, st.sets(st.sampled_from(["un", "cites", "not", "aircop", "fund", "i"]), max_size=3))
def test_the_spans_of_wanted_terms_are_those_of_their_tokens(text: str, wanted: set[str]) -> None:
    tokens = TOKENIZER.tokens(text)
    wanted |= {t.term for t in tokens[::3]}
    found = TOKENIZER.matches(text, wanted)
    assert found == [(t.start, t.end, t.term) for t in tokens if t.term in wanted]


def test_a_word_is_analysed_differently_in_shouted_text() -> None:
    tokenizer = Tokenizer()
    assert tokenizer.terms("NGOs meet here") == ["ngo", "meet"]
    assert tokenizer.terms("NGOS MEET HERE") == ["ngos", "meet"]
    assert tokenizer.terms("Ngos meet here") == ["ngos", "meet"]


def test_survey_finds_the_words_written_in_capitals_only_in_text_with_lower_case() -> None:
    tokenizer = Tokenizer()
    found = tokenizer.survey(["The UNODC and NGOs met the WCO's staff"])[1]
    assert found == {"unodc", "ngo", "wco"}
    assert tokenizer.survey(["THE UNODC AND WCO MET"])[1] == set()


@given(st.lists(TEXT, max_size=4))
def test_a_survey_of_several_texts_adds_up_the_surveys_of_each(texts: list[str]) -> None:
    tokenizer = Tokenizer()
    each = [tokenizer.survey([text]) for text in texts]
    words, capitalised = tokenizer.survey(texts)
    assert words == sum((counts for counts, _ in each), Counter())
    assert capitalised == set().union(*(found for _, found in each))


@pytest.mark.parametrize(
    ("word", "base"),
    [("staffing", "staff"), ("staffed", "staff"), ("sniffing", "sniff"), ("stuffed", "stuff")],
)
def test_a_word_ending_in_ff_keeps_its_stem_before_a_suffix(word: str, base: str) -> None:
    # Snowball undoubles "ff" before "-ing" and "-ed" ("staf"), and not in the word alone.
    assert stem(word) == stem(base)


@given(st.from_regex(r"[a-z]{2,8}(?:ing|ed|s)", fullmatch=True))
def test_the_ff_rule_changes_only_stems_snowball_cut_inside_ff(word: str) -> None:
    snowball = snowballstemmer.stemmer("english").stemWord(american_spelling(word))
    assert stem(word) in {snowball, f"{snowball}f"}
    if stem(word) != snowball:
        assert american_spelling(word).startswith(f"{snowball}f") and snowball.endswith("f")
