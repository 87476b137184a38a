"""Ranking passages with their context and page, and deciding that the corpus covers a question,
on pages of the kind maintainers import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.answering import AnswerSettings, Engine
from retrieval.postings import Postings
from retrieval.scoring import BM25Settings, Scorer

PAGES = {
    "reef.txt": (
        "Reef Compact\n\n"
        "The Reef Compact (RC) is a regional programme for coral reefs in the Pacific.\n\n"
        "Name of the programme: Reef Compact (RC)\n\n"
        "History\n\n"
        "It was launched in 2009 in Suva by four island states.\n\n"
        "Funding\n\n"
        "Norway and the European Union pay for the work.\n"
    ),
    "harbour.txt": (
        "Harbour Watch\n\nHarbour Watch trains port police. It started work in 2014 in Lisbon.\n"
    ),
}


def test_a_passage_gets_the_subject_from_its_page_and_the_answer_from_its_text(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(PAGES)
    answer, _ = engine.ask("when did the reef compact start?")
    assert not answer.no_answer
    assert answer.hits[0].passage.text == "It was launched in 2009 in Suva by four island states."


def test_the_page_asked_about_beats_another_page_that_has_the_asked_word(
    make_engine: Callable[..., Engine],
) -> None:
    question = "when did the reef compact start?"
    sections = [h.passage.section for h in make_engine(PAGES).ask(question, top_k=3)[0].hits]
    assert sections.index("History") < sections.index("Harbour Watch")

    def ranked_sections(engine: Engine) -> list[str]:
        ranking = engine.searcher.rank(engine.searcher.analyze(question))
        return [engine.index.passages[r.position].section for r in ranking]

    # The ranking does it, before any sentence that says when is looked for; plain BM25 over
    # the passages alone puts "Harbour Watch ... started work in 2014" first.
    sections = ranked_sections(make_engine(PAGES))
    assert sections.index("History") < sections.index("Harbour Watch")
    plain = AnswerSettings()
    search = replace(plain.search, context_weight=0.0, page_weight=0.0, page_bonus=0.0)
    sections = ranked_sections(make_engine(PAGES, replace(plain, search=search)))
    assert sections.index("History") > sections.index("Harbour Watch")


def test_a_question_word_found_only_elsewhere_on_the_page_counts_in_part(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(PAGES)
    searcher = engine.searcher
    query = searcher.analyze("norway coral")
    position = next(
        n for n, p in enumerate(engine.index.passages) if p.text.startswith("Norway and")
    )
    # "norway" is in the passage; "coral" only elsewhere on its page.
    alone = searcher.coverage(query, position, page_evidence=0.0)
    with_page = searcher.coverage(query, position, page_evidence=0.5)
    assert 0 < alone < with_page < 1


def test_a_long_question_needs_a_smaller_share_than_a_short_one(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(PAGES)
    settings = engine.settings
    short = engine.searcher.analyze("reef funding")
    long = engine.searcher.analyze(
        "reef programme funding island states coral pacific norway union police port lisbon"
    )
    assert engine._needed(short) == settings.min_coverage
    assert engine._needed(long) < settings.min_coverage


def test_a_question_about_something_absent_is_refused_though_it_names_a_subject(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(PAGES)
    assert engine.ask("how do I apply for an internship at harbour watch")[0].no_answer
    assert engine.ask("what is the p3 grade at the reef compact")[0].no_answer


NAMED = {
    "andes.txt": (
        "Andean Cold Chain Initiative\n\n"
        "The Andean Cold Chain Initiative keeps vaccines cold on their way to mountain villages "
        "in Peru and Bolivia. It is funded by the Government of Canada and run by the Pan "
        "American Health Organization.\n\n"
        "How it works\n\n"
        "Solar fridges are fitted in health posts above 3,000 metres.\n"
    ),
    "indus.txt": (
        "Indus Hepatitis C Partnership\n\n"
        "The partnership screens adults for hepatitis C in Sindh and Punjab. Its volunteers are "
        "trained by Aga Khan University. The Global Fund pays for the test kits.\n"
    ),
    "cyber.txt": (
        "Global Cybercrime Programme\n\n"
        "The Global Cybercrime Programme teaches police and prosecutors to handle digital "
        "evidence. In 2023 it trained 1,200 officers. The Netherlands funds the programme.\n"
    ),
    "nile.txt": (
        "Nile Water Security Programme\n\n"
        "The programme helps the basin states share river flow data and runs an anti flood "
        "alert line. Sweden funds it.\n"
    ),
    "mekong.txt": (
        "Mekong River Dolphin Survey\n\n"
        "Boat teams count Irrawaddy dolphins every dry season. WWF pays for the survey.\n"
    ),
    "review.txt": (
        "Office of Drug Review (ODR)\n\n"
        "The Office of Drug Review checks new medicines for the regulators of the region.\n"
    ),
    "pilot.txt": (
        "Joint reviews\n\n"
        "The Office of Drug Review pilot programme is run by the regional health ministers. It "
        "tests joint reviews of generic medicines.\n"
    ),
    "aml.html": (
        "<html><head><title>How we are governed | Lagoon Anti-Money Laundering Watch</title>"
        "</head><body><main><h1>How we are governed</h1><p>The Watch is paid for by the Reef "
        "Bank.</p></main></body></html>"
    ),
    "argan.txt": (
        "Tiwizi Argan\n\n"
        "Tiwizi Argan helps women's cooperatives press and sell argan oil. It has a total "
        "budget of EUR 9.6 million.\n"
    ),
    "solar.txt": (
        "Solar Irrigation Project\n\n"
        "Solar pumps water fields in the Sahel and on Bolivian farms. The project is run by "
        "IFAD.\n"
    ),
}


@pytest.mark.parametrize(
    "question",
    [
        "who funds the andean water security programme",
        "who runs the andean solar irrigation project",
        "who pays for the indus river dolphin partnership",
    ],
)
def test_a_question_naming_something_whose_name_no_covering_page_holds_is_refused(
    make_engine: Callable[..., Engine], question: str
) -> None:
    # Most of each question's words are on a page, but not the whole name it asks about.
    assert make_engine(NAMED).ask(question)[0].no_answer


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("who funds the andean cold chain programme", "Andean Cold Chain Initiative"),
        ("who funds the bolivian cold chain initiative", "Andean Cold Chain Initiative"),
        ("who trains the volunteers of the indus hep c partnership", "Indus Hepatitis C"),
        ("how many officers did the cyber crime programme train", "Global Cybercrime"),
        ("who runs the odr pilot programme", "Joint reviews"),
        ("who pays for the lagoon aml watch programme", "How we are governed"),
        ("how many officers did the anti cyber crime programme train", "Global Cybercrime"),
        ("total budget of the argan women coops programme", "Tiwizi Argan"),
    ],
)
def test_a_name_is_found_in_other_forms_its_page_writes(
    make_engine: Callable[..., Engine], question: str, cited: str
) -> None:
    # A name's words count in any form the page writes: a name of its country ("Bolivia"),
    # the word they make together ("cybercrime"), the word a short form begins ("hepatitis"),
    # in the plural too ("coops" for "cooperatives"),
    # the long name of an acronym ("Office of Drug Review"), the words whose initials a short
    # form spells ("aml" on the site of "… Anti-Money Laundering …"); a prefix written apart
    # ("anti") names nothing.
    answer = make_engine(NAMED).ask(question)[0]
    assert not answer.no_answer
    assert answer.hits[0].passage.title.startswith(cited)


PEOPLE = {
    **PAGES,
    "shelters.txt": (
        "Bay Shelters Programme\n\n"
        "The programme builds cyclone shelters along the coast of the bay.\n\n"
        "Governance\n\n"
        "A board of six ministries meets twice a year.\n\n"
        "Contacts\n\n"
        "Programme Director: Dr Nasima Rahman Chowdhury\n"
    ),
}


def test_a_question_for_a_person_in_a_post_is_refused_where_no_covering_page_names_one(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(PEOPLE)
    assert engine.ask("who is the head of the reef compact")[0].no_answer
    assert engine.ask("who is the executive director of harbour watch")[0].no_answer
    # A page that names someone in a post answers, though the passage shares no word with
    # the question.
    answer = engine.ask("who is the head of the bay shelters programme")[0]
    assert not answer.no_answer


def test_which_countries_is_answered_first_by_a_sentence_that_names_them(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "storm.txt": (
                "Storm Watch\n\n"
                "Storm Watch gives weather services in five countries warnings of lightning.\n\n"
                "Who benefits\n\n"
                "Storm Watch serves the weather offices of Fiji, Samoa, Tonga, Vanuatu and "
                "Tuvalu.\n\n"
                "Results\n\n"
                "Lightning data are shared between the countries of Storm Watch every hour.\n"
            )
        }
    )
    answer = engine.ask("which countries does storm watch help")[0]
    assert answer.hits[0].passage.text.startswith("Storm Watch serves"), answer.hits[0]


def _postings(rows: list[list[str]], extra: tuple[str, ...]) -> Postings:
    """Postings of ``rows`` whose vocabulary also holds ``extra`` terms that no row has, as
    a vocabulary shared with other postings does."""
    vocabulary = list(dict.fromkeys([t for row in rows for t in row] + list(extra)))
    ids = np.array([vocabulary.index(t) for row in rows for t in row], dtype=np.int32)
    return Postings.from_ids(ids, np.array([len(row) for row in rows], np.int32), vocabulary)


_ROWS = st.lists(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=8), min_size=1)


@settings(max_examples=80, deadline=None)
@given(_ROWS, st.sampled_from(["okapi", "plus", "l"]), st.lists(st.sampled_from("abcdefgh")))
def test_terms_no_row_holds_change_no_score(
    rows: list[list[str]], variant: str, query: list[str]
) -> None:
    settings_ = BM25Settings(variant=variant)  # type: ignore[arg-type]
    own = Scorer(Postings.from_terms(rows, len(rows)), settings_)
    shared = Scorer(_postings(rows, ("x", "y", "z")), settings_)
    weights = {term: 1.0 for term in [*query, "x"]}
    assert np.allclose(own.scores(weights), shared.scores(weights))


@settings(max_examples=80, deadline=None)
@given(_ROWS, st.sampled_from("abcdefgh"))
def test_a_term_s_contributions_are_its_part_of_the_scores(
    rows: list[list[str]], term: str
) -> None:
    scorer = Scorer(Postings.from_terms(rows, len(rows)), BM25Settings(variant="okapi"))
    passages = np.arange(len(rows))
    assert np.allclose(scorer.contributions(term, passages), scorer.scores({term: 1.0}))


LAGOON = {
    "lagoon.txt": (
        "Lagoon Guard\n\n"
        "About Lagoon Guard\n\n"
        "Lagoon Guard protects Gulf lagoons. Since 1998 Lagoon Guard wardens have patrolled "
        "every lagoon, and Lagoon Guard boats guard the reefs.\n\n"
        "Milestones\n\n"
        "The programme was launched in 2004 by three ministries.\n"
    )
}


def test_a_when_question_puts_first_the_passage_whose_sentence_says_when_it_happened(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(LAGOON)
    answer, _ = engine.ask("when was lagoon guard launched")
    assert answer.hits[0].passage.text.startswith("The programme was launched in 2004")


def test_a_sentence_with_a_year_on_another_page_does_not_move_above_the_subject(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "compact.txt": (
                "Reef Compact\n\nThe Reef Compact protects the reefs of the Pacific islands.\n"
            ),
            "conference.txt": (
                "Ocean Conference\n\nThe first Ocean Conference started in 2014 in Fiji.\n"
            ),
        }
    )
    answer, _ = engine.ask("when did the reef compact start")
    assert answer.hits[0].passage.doc_id == "compact"


def test_an_abbreviated_month_is_the_month(make_engine: Callable[..., Engine]) -> None:
    # Two rows of one table: only the month tells them apart.
    page = {
        "drills.html": (
            "<html><head><title>Lake alarm drills</title></head><body><main>"
            "<h1>Lake alarm drills</h1><p>The valley holds evacuation drills twice a year.</p>"
            "<table><tr><th>Drill</th><th>Residents</th><th>Time to safety</th></tr>"
            "<tr><td>31 May 2024</td><td>7,600</td><td>22 minutes</td></tr>"
            "<tr><td>14 November 2024</td><td>9,800</td><td>17 minutes</td></tr>"
            "</table></main></body></html>"
        )
    }
    answer, _ = make_engine(page).ask("how long did the lake alarm drill in nov 2024 take")
    assert "17 minutes" in answer.hits[0].passage.text
    assert ("nov", "november") in [(c.typed, c.corrected) for c in answer.corrections]


def test_a_table_s_row_explains_what_its_column_headings_say(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "buses.html": (
            "<html><head><title>School buses</title></head><body><main>"
            "<h1>School buses for rural communities</h1><p>Since village schools merged, "
            "pupils in Syunik and Tavush live far from school.</p><h2>Distribution</h2>"
            "<table><tr><th>Province</th><th>Buses</th><th>Pupils transported daily</th></tr>"
            "<tr><td>Syunik</td><td>46</td><td>3,420</td></tr>"
            "<tr><td>Tavush</td><td>33</td><td>2,610</td></tr></table></main></body></html>"
        ),
        "harbour.txt": (
            "Harbour Watch\n\nHarbour Watch trains port police in twelve countries. Officers "
            "ride patrol boats every day.\n"
        ),
    }
    # The row of Syunik counts what its third column's heading says; the header row only
    # holds the words.
    answer, _ = make_engine(pages).ask("how many pupils are transported daily in syunik")
    assert answer.hits[0].passage.text == "Syunik | 46 | 3,420"


def test_a_row_counts_what_its_column_s_heading_names(
    make_engine: Callable[..., Engine],
) -> None:
    from corpus.models import Passage
    from retrieval.answer_sentences import _counted

    # The counted noun is "hectares", not the "mangroves" they are of.
    assert _counted("how many hectares of mangroves were planted in satkhira") == "hectares"
    # Nor "serbia" in "how many schools in serbia are": a preposition ends the noun.
    assert _counted("how many schools in serbia are in the warm schools programme") == "schools"
    engine = make_engine({"belt.txt": "Green Belt\n\nThe belt grows mangroves.\n"})
    row = Passage(
        "belt:00000001",
        "belt",
        "Green Belt",
        "",
        "Progress",
        "Satkhira | 1,240 | 71%",
        0,
        1,
        lead_in="District | Hectares planted | Survival after one year",
    )
    header = Passage("belt:00000002", "belt", "Green Belt", "", "Progress", row.lead_in or "", 0, 1)
    hectares = {"hectar"}
    # 0: counts it; 2: counts nothing asked ("one year" counts years).
    assert engine._sentences._count_rank(hectares, row) == 0
    assert engine._sentences._count_rank(hectares, header) == 2
