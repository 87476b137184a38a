"""How a question is read on pages written by others: acronyms that are also English words,
words joined or left apart, and long names spelled out in the question."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.answering import Engine
from retrieval.questions import (
    as_question,
    asked_part,
    asked_post,
    asked_task,
    asked_verb,
    asks_for_a_person,
    asks_for_names,
    asks_who_runs,
    named_spans,
    role_verb,
)
from retrieval.synonyms import alternatives
from retrieval.tokenizing import stem

HEALTH = {
    "health.txt": (
        "Vaccine Partnership\n\n"
        "The World Health Organization (WHO) sets the norms. The programme was set up in 2000 "
        "by four founders. Who we are: a partnership.\n\n"
        "Peacekeeping\n\n"
        "Peacekeeping missions protect the cold chain in conflict zones.\n\n"
        "Smuggling\n\n"
        "The Smuggling of Migrants (SOM) protocol covers migrant routes. Wing-body tests and "
        "wind tunnel tests were run on the wing and the body.\n\n"
        "Trade\n\n"
        "The CITES Secretariat checks permits; IT systems at the UNODC track them.\n"
    )
}


@pytest.fixture
def engine(make_engine: Callable[..., Engine]) -> Engine:
    return make_engine(HEALTH)


@pytest.mark.parametrize(
    "question", ["who sets the norms?", "who runs it", "can it help", "is it one of us"]
)
def test_an_acronym_that_is_an_english_word_is_not_read_into_a_question_in_lower_case(
    engine: Engine, question: str
) -> None:
    query = engine.searcher.analyze(question)
    assert query.expansions == ()
    assert "who" not in query.weights and "it" not in query.weights


def test_an_acronym_in_capitals_is_the_acronym(engine: Engine) -> None:
    query = engine.searcher.analyze("what does WHO set")
    assert [str(e) for e in query.expansions] == ["WHO = World Health Organization"]
    assert "who" in query.content


def test_an_acronym_in_lower_case_that_is_no_english_word_is_the_acronym(engine: Engine) -> None:
    assert "unodc" in engine.searcher.analyze("what does unodc track").content


def test_an_acronym_in_lower_case_is_the_acronym_where_the_corpus_lacks_the_word(
    engine: Engine,
) -> None:
    # "cites" is an English word, but this corpus has it only as CITES.
    query = engine.searcher.analyze("what does the cites secretariat check")
    assert "cites" in query.content and "cite" not in query.content


def test_a_word_in_lower_case_is_the_acronym_the_corpus_uses_more_than_the_word(
    make_engine: Callable[..., Engine],
) -> None:
    # The corpus spells CREWS out and uses it on most of its passages; "crews" the word once.
    corpus = {
        "crews.txt": (
            "CREWS\n\n"
            "The Climate Risk and Early Warning Systems (CREWS) initiative funds forecasters.\n\n"
            "Partners\n\nCREWS works with weather services.\n"
        ),
        "ships.txt": "Ships\n\nShip crews train at sea every spring.\n",
    }
    query = make_engine(corpus).searcher.analyze("who implements crews")
    assert "crews" in query.content and "crew" not in query.content
    # With the word on more passages than the acronym, the word is read.
    corpus["boats.txt"] = "Boats\n\nBoat crews sail at dawn.\n\nLife\n\nCrews rest at noon.\n"
    corpus["docks.txt"] = "Docks\n\nDock crews load cargo.\n"
    query = make_engine(corpus).searcher.analyze("who implements crews")
    assert "crew" in query.content and "crews" not in query.content


GREEN = {
    "green.txt": (
        "Green Economy Partnership\n\n"
        "The Partnership for Action on Green Economy (PAGE) helps countries plan green jobs.\n\n"
        "Secretariat\n\nThe PAGE secretariat is hosted by the Lagoon Science Agency.\n\n"
        "Members\n\nFiji and Samoa were the first countries to join.\n"
    )
}


@pytest.mark.parametrize(
    ("question", "acronym"),
    [
        ("where is page secretariat based", True),
        ("which countries were first to join page", True),
        ("what does the page say about green jobs", False),
        ("is there a page on green jobs", False),
    ],
)
def test_a_word_that_shapes_questions_is_the_acronym_where_no_article_makes_it_a_noun(
    make_engine: Callable[..., Engine], question: str, acronym: bool
) -> None:
    query = make_engine(GREEN).searcher.analyze(question)
    assert bool(query.expansions) is acronym
    assert ("page" in query.content) is acronym


@pytest.mark.parametrize(
    ("question", "acronym"),
    [
        ("who funds find", True),
        ("what does find do in tb reach", True),
        ("where can i find cheap flights to nairobi", False),
        ("how do we find green jobs", False),
        ("which donors give money to find", True),
    ],
)
def test_a_word_that_shapes_questions_is_no_acronym_where_a_subject_makes_it_a_verb(
    make_engine: Callable[..., Engine], question: str, acronym: bool
) -> None:
    corpus = {
        "find.txt": (
            "Diagnostics\n\nThe Foundation for Innovative New Diagnostics (FIND) tests new "
            "TB tools with TB REACH.\n"
        )
    }
    query = make_engine(corpus).searcher.analyze(question)
    assert bool(query.expansions) is acronym
    assert ("find" in query.content) is acronym


OCEAN = {
    "ocean.txt": (
        "Ocean Fund\n\nThe Ocean Fund pays for reef surveys. Island states fund the boats, "
        "and survey groups fund their own divers.\n"
    )
}


def test_a_past_tense_or_a_search_is_no_topic_of_a_question(
    make_engine: Callable[..., Engine],
) -> None:
    corpus = {"reef.txt": "Reef Watch\n\nReef Watch was managed by UNEP. Divers used boats.\n"}
    searcher = make_engine(corpus).searcher
    assert searcher.analyze("who used to manage reef watch").content == ("reef", "watch")
    assert searcher.analyze("where can i find reef watch").content == ("reef", "watch")


def test_an_unknown_short_form_that_is_no_english_word_stands_for_the_words_it_begins(
    make_engine: Callable[..., Engine],
) -> None:
    corpus = {
        "cron.txt": (
            "About CRON\n\nThe Coral Reef Observation Network (CRON) trains fishermen to count"
            " reef species.\n\nFunding\n\nCRON is financed by the Lagoon Trust.\n"
        ),
        "other.txt": "Reef Fund\n\nThe Reef Fund is financed by the Tide Office.\n",
    }
    engine = make_engine(corpus)
    query = engine.searcher.analyze("who pays for the coral reef obs network")
    assert "observ" in query.implied["ob"]
    answer, _ = engine.ask("who pays for the coral reef obs network")
    assert answer.named == ("the Lagoon Trust",), answer.direct
    # An English word is itself, however many corpus words it begins: "fish" is no short form
    # of "fishermen".
    assert "fish" not in engine.searcher.analyze("how many fish does cron count").implied


def test_a_short_form_is_no_typo_of_another_word(make_engine: Callable[..., Engine]) -> None:
    # "desal" is one letter from "deal", and the start of "desalination".
    corpus = {
        "water.txt": (
            "Atoll Water\n\nUnits\n\nSolar desalination units on four islands were paid for "
            "by the Lagoon Trust.\n\nTerms\n\nThe deal with the islands runs to 2030.\n"
        ),
        "other.txt": "Reef Fund\n\nThe Reef Fund is financed by the Tide Office.\n",
    }
    answer, _ = make_engine(corpus).ask("who paid for the solar desal units in atoll water")
    assert answer.corrections == ()
    assert "desalination" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    "question",
    [
        "who implements reef watch on the ground",
        "who manages reef watch day to day",
        "who runs reef watch day-to-day",
        "who runs reef watch in practice",
        "who implemented reef watch in the first place",
    ],
)
def test_how_a_part_is_played_is_no_topic_of_a_question(
    make_engine: Callable[..., Engine], question: str
) -> None:
    corpus = {"reef.txt": "Reef Watch\n\nReef Watch is implemented by the Lagoon Office.\n"}
    engine = make_engine(corpus)
    assert engine.searcher.analyze(question).content == ("reef", "watch")
    assert engine.ask(question)[0].named == ("the Lagoon Office",)


@pytest.mark.parametrize(
    ("question", "in_name"),
    [
        ("who funds the ocean fund", True),  # the page writes "The Ocean Fund"
        ("who gives money to the ocean fund?", True),
        ("which island states fund the boats", False),  # never written as a name
        ("which survey groups fund divers", False),
    ],
)
def test_a_word_that_shapes_questions_is_a_word_of_a_name_the_pages_write_with_it(
    make_engine: Callable[..., Engine], question: str, in_name: bool
) -> None:
    query = make_engine(OCEAN).searcher.analyze(question)
    assert (query.in_names == (("ocean", "fund"),)) is in_name
    assert ("fund" in query.content) is in_name


def test_a_known_wording_of_a_part_that_does_not_fit_the_one_asked_gives_no_line(
    make_engine: Callable[..., Engine],
) -> None:
    # "is hosted by" says nothing of who joined.
    answer, _ = make_engine(GREEN).ask("who joined PAGE")
    assert answer.direct is None
    assert answer.hits[0].passage.text.startswith("Fiji and Samoa")


@pytest.mark.parametrize(
    ("question", "joined"),
    [
        ("when was it set up", False),
        ("were wind tunnel tests run", False),
        ("were wing-body tests run", False),
        ("what do peace keeping missions protect", True),
    ],
)
def test_two_words_become_one_only_where_they_are_no_words_of_their_own(
    engine: Engine, question: str, joined: bool
) -> None:
    corrections = engine.searcher.analyze(question).corrections
    assert bool(corrections) is joined, corrections


RIVERS = {
    "rivers.txt": (
        "River Basin Programme\n\n"
        "The programme works along the river in the Centre-Est region for a long time. It pays "
        "for health care in river towns.\n"
    )
}


@pytest.mark.parametrize(
    ("question", "split"),
    [
        ("what is the longest river", None),  # "long" and a region's "Est": no two words
        ("who pays for healthcare", "health care"),
        ("who funds rivertowns", "river towns"),
    ],
)
def test_one_unknown_word_becomes_two_the_corpus_knows_only_if_an_english_word_splits_into_words(
    make_engine: Callable[..., Engine], question: str, split: str | None
) -> None:
    corrections = make_engine(RIVERS).searcher.analyze(question).corrections
    assert [c.corrected for c in corrections] == ([split] if split else [])


def test_a_long_name_gets_its_acronym_only_when_the_question_spells_it_out_in_order(
    engine: Engine,
) -> None:
    assert engine.searcher.analyze("what is migrant smuggling").expansions == ()
    spelled = engine.searcher.analyze("what is the smuggling of migrants protocol")
    assert [e.short for e in spelled.expansions] == ["SOM"]
    # One name is one thing asked about, however many words it has.
    assert spelled.names == (("smuggl", "migrant"),)


def test_a_question_answered_on_a_page_that_defines_who_is_not_refused_for_it(
    engine: Engine,
) -> None:
    answer, _ = engine.ask("who set up the vaccine partnership?")
    assert not answer.no_answer
    assert "set up in 2000" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("who hosts the reef fund", True),
        ("Whose money pays for it?", True),
        ("which two UN agencies run it", True),
        ("which countries fund it", True),
        ("reef fund donors", True),
        ("and who are its partners", True),
        ("who's in charge of the reef fund", True),
        ("the reef fund, who runs it?", True),
        ("how is the reef fund run", False),
        ("is Sweden a donor of the reef fund", False),
        ("since when are they partners", False),
        ("what kind of projects do the partners run", False),
        ("when was the reef fund set up", False),
        ("which international lender co-finances the reef fund", True),
        ("which bank lends the money", True),
        ("what does the world bank fund", False),
        ("reef fund - which bank lends the money", True),
        ("which un fund pays for the farmers in the delta", True),
        ("what does the global fund fund", False),
    ],
)
def test_a_question_asks_for_names_only_when_it_asks_who_or_which_bodies(
    question: str, asks: bool
) -> None:
    assert asks_for_names(question) is asks


@pytest.mark.parametrize(
    "question",
    ["which countries fund it", "which governments pay for it", "which agencies run it"],
)
def test_which_names_with_a_verb_of_running_or_paying_reads_the_known_wordings_too(
    question: str,
) -> None:
    # The nouns that ask for names are the same for both readings of the question.
    assert asks_for_names(question) and asks_who_runs(question)


@pytest.mark.parametrize(
    ("term", "written"),
    [("7th", "seventh"), ("1st", "first"), ("12th", "twelfth"), ("seventh", "7th"), ("3rd", None)],
)
def test_an_ordinal_the_corpus_lacks_is_found_written_the_other_way(
    term: str, written: str | None
) -> None:
    corpus = {"seventh", "first", "twelfth", "7th"}
    assert alternatives(term, corpus.__contains__) == ((written,) if written else ())


def test_a_question_with_an_ordinal_in_digits_is_answered_where_the_page_writes_it_out(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "Reef Fund\n\nMoney\n\nThe Seventh Replenishment of the Reef Fund raised "
                "USD 15 million in 2022.\n"
            )
        }
    )
    answer, _ = engine.ask("how much did the 7th replenishment raise")
    assert not answer.no_answer and "Seventh" in answer.hits[0].passage.text


def test_a_word_of_choosing_the_corpus_lacks_is_found_as_another_of_its_group(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "Reef Fund\n\nMeetings\n\nThe members of the Reef Board meet twice a year."
                "\n\nGovernance\n\nThe members of the Reef Board are appointed by the "
                "Secretary-General for three years, and may serve two terms.\n"
            )
        }
    )
    answer, _ = engine.ask("who picks the members of the reef board")
    assert not answer.no_answer and "appointed" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    ("question", "stems"),
    [
        ("who leads the 2nd component of the cold chain project", ("compon",)),
        ("who does the seed testing part of the reef programme", ("seed", "test")),
        ("who runs the cold chain thing in the andes", ()),
        ("who are the partners of reefwatch", ()),
        ("who runs the one health partnership in the horn of africa", ()),
        ("who chairs the board of the reef fund", ()),
        # What the question's verb is done to, a thing of what it names.
        ("who runs the training courses for reefwatch", ("cours",)),
        ("who pays the salaries of the reefwatch staff", ("salari",)),
        ("who hosts the secretariat of reefwatch", ()),
        ("who runs the programme of reefwatch", ()),
        # An event of it, which its own sponsors pay for.
        ("who sponsored the bohicon launch of the reef programme", ("launch",)),
    ],
)
def test_a_question_may_ask_about_a_part_of_what_it_names(
    question: str, stems: tuple[str, ...]
) -> None:
    assert asked_part(question) == stems


@pytest.mark.parametrize(
    ("question", "activity"),
    [
        ("who buys the vaccines in the reef project", "buy"),
        ("who trains the pilots of reefwatch", "train"),
        ("which agencies deliver reefwatch", "deliv"),
        ("which un agencies deliver reefwatch", "deliv"),
        ("who runs reefwatch", None),
        ("who gives money to reefwatch", None),
        ("which organisations make up reefwatch", None),
        ("who does the surveys for reefwatch", None),
        # The part a subject's name holds is not asked: "partnership" names the subject.
        ("who trains the volunteers in the reef health partnership", "train"),
        ("who buys the vaccines for the reef immunization partnership", "buy"),
        # A part said by the verb's phrase is.
        ("who set up the reef partnership", None),
        ("who gave the seed money to set up reefwatch", None),
        ("which countries take part in reefwatch", None),
        ("who co-finances reefwatch", None),
        # An activity may be asked by its gerund.
        ("who does the gold fingerprinting for reefwatch", "fingerprint"),
        ("who did the monitoring in reefwatch", "monitor"),
        ("which agency does forest monitoring and mrv in reefwatch", "monitor"),
        ("who does something for reefwatch", None),
        # An adverb before the verb is not the verb.
        ("which countries first got help from reefwatch", None),
        ("who also trains the divers of reefwatch", "train"),
        ("who used to train the divers of reefwatch", "train"),
        ("who used to run reefwatch", None),
        # A phrasal verb of running is no activity of its own.
        ("who looks after the reefwatch pooled fund", None),
        ("who takes care of reefwatch", None),
        ("which agencies supply the divers of reefwatch", "suppli"),
        # Giving is said as donating, supplying or funding: no activity of its own.
        ("which agency gave the boats for reefwatch", None),
        ("who gave the seed money to set up reefwatch", None),
        ("who puts money into the reefwatch fund", None),
        # A kind of body asked for by "which".
        ("which company underwrites the reefwatch insurance", "underwrit"),
        # The subject first, then the question.
        ("reefwatch divers, who trains them?", "train"),
        ("reefwatch, who runs it?", None),
        # A word of a part that only describes what the verb is done to asks nothing of it.
        ("who audits the reefwatch donor registry", "audit"),
    ],
)
def test_a_who_question_may_ask_about_an_activity_by_its_verb(
    question: str, activity: str | None
) -> None:
    verb = asked_verb(question)
    assert (stem(verb) if verb else None) == activity


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("who chairs the reefwatch board", "chairs"),
        ("who co-chairs the reefwatch steering committee", "co-chairs"),
        ("who hosts the secretariat of reefwatch", "hosts"),
        # Verbs of running and paying are question words already; "governs" may name the
        # thing asked of ("the board that governs X").
        ("who governs reefwatch", None),
        ("who funds reefwatch", None),
        ("who trains the divers of reefwatch", None),
    ],
)
def test_a_verb_that_names_a_post_says_what_is_asked(question: str, verb: str | None) -> None:
    assert role_verb(question) == verb


@pytest.mark.parametrize(
    ("question", "task"),
    [
        ("who makes the payments for reefwatch now", "payments"),
        ("who did the reading assessments for reefwatch in laos", "assessments"),
        ("who carries out the audits of reefwatch", "audits"),
        ("who used to do the youth outreach for reefwatch", "outreach"),
        ("who does the environmental and social audits for reefwatch", "audits"),
        # A gerund asks a verb; a share of the work names no task.
        ("who does the gold fingerprinting for reefwatch", None),
        ("who does the seed certification part of reefwatch", None),
        ("who makes up reefwatch", None),
        ("who runs reefwatch", None),
    ],
)
def test_a_who_question_may_ask_about_a_task_by_its_noun(question: str, task: str | None) -> None:
    assert asked_task(question) == task


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("who funds the andean water security programme", ["andean water security"]),
        ("Who hosts the Turan Lowland Irrigation Project?", ["Turan Lowland Irrigation"]),
        ("who chairs the board of the mekong fisheries fund", ["mekong fisheries"]),
        ("what is the role of unicef in the vaccine alliance", ["vaccine"]),
        ("which donors support Project Kestrel", []),
        # The kind of body asked for, a plural, a noun after a verb alone: no name.
        ("which un agency runs reefwatch", []),
        ("who runs the big investment projects", []),
        ("does norway fund reefwatch", []),
        ("who runs the programme", []),
        # A comma ends a name.
        ("in peru, water programme staff", []),
    ],
)
def test_a_question_names_its_subject_by_the_words_before_a_noun_of_a_programme_or_body(
    question: str, names: list[str]
) -> None:
    assert [question[start:end] for start, end in named_spans(question)] == names


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab ,'-", "the ", "fund ", "of ", "who ", "Reef "])).map("".join))
def test_named_spans_are_whole_words_of_the_question_in_order(question: str) -> None:
    spans = named_spans(question)
    ends = [0]
    for start, end in spans:
        assert ends[-1] <= start < end <= len(question)
        assert question[start:end] == question[start:end].strip()
        assert "fund" not in question[start:end].split()
        ends.append(end)


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("who is the head of reefwatch", True),
        ("whats the name of the reefwatch programme coordinator", True),
        ("what is the name of the manager of reefwatch", True),
        ("whats the name of the independent chair of the reefwatch committee", True),
        ("what is the name of the agency that runs reefwatch", False),
        ("what is the name of the coordinating agency", False),
        ("who coordinates reefwatch", False),
    ],
)
def test_a_question_may_ask_for_the_person_in_a_post_by_the_post_s_name(
    question: str, person: bool
) -> None:
    assert asks_for_a_person(question) is person


def test_an_acronym_with_a_hyphen_is_one_acronym_in_a_question(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "inns.txt": (
                "Partners - Steppe Inns Partnership for Central Asia\n\n"
                "Our partners\n\n"
                "The Steppe Inns Partnership for Central Asia (SIP-CA) restores roadside inns.\n\n"
                "Funding\n\n"
                "The work is paid for by the Government of Korea.\n"
            ),
            "power.txt": (
                "Combined Heat and Power (CHP)\n\n"
                "CHP plants in Central Asia are funded by the Steppe Energy Bank.\n"
            ),
        }
    )
    answer, _ = engine.ask("who pays for sip-ca")
    assert answer.named == ("the Government of Korea",), answer.direct
    assert [e.short for e in answer.expansions] == ["SIP-CA"]


@pytest.mark.parametrize(
    "question",
    ["which ngos are in reefwatch", "which universities take part in reefwatch"],
)
def test_a_question_may_ask_for_organisations_by_their_kind(question: str) -> None:
    assert asks_for_names(question)


def test_a_word_typed_without_its_accents_is_the_corpus_s_accented_word(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "paramo.txt": (
                "Andean Páramo Fund\n\nThe Andean Páramo Fund protects high wetlands. Its "
                "trustee is the Lagoon Trust Company.\n"
            ),
            "other.txt": "Other\n\nThe Lagoon Trust Company also keeps other funds.\n",
        }
    )
    answer, _ = engine.ask("who is the trustee of the andean paramo fund")
    assert ("paramo", "páramo") in [(c.typed, c.corrected) for c in answer.corrections]
    assert answer.hits[0].passage.title == "Andean Páramo Fund"


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("how many tanks have gone in on kiribati", "gone"),
        ("how many tanks went in on kiribati", "went"),
        ("how much money is the EU putting into atoll tanks", "put"),
        ("how many tanks has the project given out", "given"),
    ],
)
def test_light_verbs_of_a_question_shape_it_and_name_no_topic(
    make_engine: Callable[..., Engine], question: str, verb: str
) -> None:
    # The light verbs are words of the corpus too: the question's topic must not want them.
    engine = make_engine(
        {
            "tanks.txt": "Atoll Rain Tanks\n\nKiribati: 2,115 household tanks installed\n",
            "pier.txt": (
                "Pier Trust\n\nThe old pier has gone; a new one was put up and went on. It was "
                "given a new name.\n"
            ),
        }
    )
    query = engine.searcher.analyze(question)
    assert "tank" in query.content
    assert verb not in query.content


def test_an_unknown_short_word_is_explained_by_the_words_whose_initials_it_gives(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "bay.txt": (
                "Bay Port Inspection Partnership\n\nTraining\n\nPort state control officers of "
                "all member authorities are trained by the Maritime Academy in Malmö.\n"
            ),
            "reef.txt": "Reef Trust\n\nThe Reef Trust trains divers and officers.\n",
            **{
                f"h{n}.txt": f"Harbour {n}\n\nThe harbour {n} office keeps boats.\n"
                for n in range(5)
            },
        }
    )
    answer, _ = engine.ask("who trains psc officers")
    assert not answer.no_answer
    assert "Port state control" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("executing agency of the reef fund", "who is the executing agency of the reef fund"),
        ("reef fund executing agency?", "who is the reef fund executing agency?"),
        ("Trustee for the reef fund?", "who is the Trustee for the reef fund?"),
        # Not what an organisation takes part in, nor a topic, nor a question already.
        ("world bank trust funds", "world bank trust funds"),
        ("reef fund donors", "reef fund donors"),
        ("crimjust funding", "crimjust funding"),
        ("who is the trustee of the reef fund", "who is the trustee of the reef fund"),
    ],
)
def test_a_bare_message_naming_a_post_asks_who_holds_it(message: str, question: str) -> None:
    assert as_question(message) == question


@pytest.mark.parametrize(
    ("message", "question"),
    [
        (
            "procurement for the reef fund, who does it",
            "who does the procurement for the reef fund",
        ),
        ("the audits of reefwatch - who did that?", "who does the audits of reefwatch"),
        ("boats for reefwatch", "boats for reefwatch"),
        # The subject and its task first, then the question, and when it asks about.
        (
            "reefwatch technical assistance, who did it before the lagoon office",
            "who did the reefwatch technical assistance before the lagoon office",
        ),
    ],
)
def test_a_task_named_first_and_asked_after_asks_who_does_it(message: str, question: str) -> None:
    assert as_question(message) == question


def test_a_task_asked_at_the_question_s_end_is_its_noun() -> None:
    assert asked_task("who did the reefwatch technical assistance before the lagoon office") == (
        "assistance"
    )
    assert asked_task("who does the audits?") == "audits"


def test_a_bare_message_naming_a_post_gets_the_line_of_who_holds_it(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.md": (
                "# Reef Fund\n\n## About\n\nThe Reef Fund pays for coral surveys in nine island "
                "states.\n\n## Key facts\n\n- Executing agency: Lagoon Conservation Trust\n"
                "- Donor: New Zealand\n"
            ),
            **{
                f"h{n}.txt": f"Harbour {n}\n\nThe harbour {n} office keeps boats.\n"
                for n in range(3)
            },
        }
    )
    answer, _ = engine.ask("executing agency of the reef fund?")
    assert answer.named == ("the Lagoon Conservation Trust",), answer.direct


def test_a_word_the_corpus_writes_as_typed_keeps_its_letters_though_another_has_accents(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "tanks.txt": (
                "Atoll Rain Tanks\n\nKiribati: 2,115 household tanks installed in 2024.\n\n"
                "The agency is Centrul de Tehnologii Informaționale în Finanțe.\n"
            )
        }
    )
    answer, _ = engine.ask("how many tanks are in kiribati")
    assert not answer.corrections
    assert "2,115" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    ("question", "post"),
    [
        ("who was principal recipient of the reef grant", "principal recipient"),
        (
            "whos the principal recipient of the global fund money for reef watch",
            "principal recipient",
        ),
        ("who's the fiscal agent for reef watch", "fiscal agent"),
        ("whos in charge of reef watch", None),
        ("whos the head of reef watch", None),
    ],
)
def test_a_who_question_names_the_post_it_asks_the_holder_of(
    question: str, post: str | None
) -> None:
    assert asked_post(question) == post
