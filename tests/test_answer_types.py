"""Answer types: when, how many and what-is-the-difference questions favour fitting passages."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.answer_sentences import (
    asked_acronym,
    asked_definition,
    asked_player,
    defines,
    holds_person_in_post,
    spells,
)
from retrieval.answer_types import NUMBER_THEN, passage_types, question_types
from retrieval.answering import Engine
from retrieval.tokenizing import Tokenizer


@pytest.mark.parametrize(
    ("question", "types"),
    [
        ("since when do they cooperate?", ["#date"]),
        ("What year did it start", ["#date"]),
        ("how many members are there", ["#number"]),
        ("how big is the fund", ["#number"]),
        ("what's the difference between A and B", ["#contrast"]),
        ("how does it compare to UNODC", ["#contrast"]),
        ("who runs AIRCOP", []),
        ("what was the mmpp called before it got its current name", ["#renamed"]),
        ("whats the old name of gpe", ["#renamed"]),
        ("what is the reef fund called in french", []),
    ],
)
def test_questions_name_the_answer_type_they_want(question: str, types: list[str]) -> None:
    assert question_types(question) == types


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("We engaged in a closer partnership from 2015.", ["#date", "#number"]),
        ("The five member organizations provide support.", ["#number"]),
        ("While A does research, B takes a more operational approach.", ["#contrast"]),
        ("A general sentence about cooperation.", []),
        ("Formerly: Reef Rescue Initiative", ["#renamed"]),
        ("It was relaunched under its present name.", ["#renamed"]),
        ("Until March 2022 it was called the Dune Fund.", ["#date", "#number", "#renamed"]),
        ("The meeting was called by the chair.", []),
        ("Write your name on the form.", []),
    ],
)
def test_passages_are_marked_with_the_answer_types_they_hold(text: str, types: list[str]) -> None:
    assert types_of(text) == types


def types_of(text: str) -> list[str]:
    return passage_types(Tokenizer().words(text)[1], text)


def test_a_former_name_asked_in_the_question_s_own_words_is_answered_where_a_name_changed(
    make_engine: Callable[..., Engine],
) -> None:
    # No passage says "called" or "current": the page's "Formerly:" line answers.
    engine = make_engine(
        {
            "reef.md": (
                "# Reef Protection Platform\n\n- Abbreviation: RPP\n- Type: Regional platform\n"
                "- Formerly: Reef Rescue Initiative (2015–2019)\n- Region: Coral Sea\n\n"
                "The Reef Protection Platform (RPP) links the rescue centres of the Coral "
                "Sea.\n"
            )
        }
    )
    answer, _ = engine.ask("what was the rpp called before it got its current name")
    assert not answer.no_answer
    assert answer.hits[0].passage.text.startswith("Formerly:")


def test_a_when_question_prefers_the_passage_with_a_year(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "a.txt": (
                "Ocean Shield works on port security with coastal states and their navies.\n\n"
                "Ocean Shield began its port security work with coastal states in 2019.\n"
            )
        }
    )
    answer, _ = engine.ask("since when does ocean shield do port security?")
    assert "2019" in answer.hits[0].passage.text


def test_how_big_asks_for_a_number_and_is_no_word_of_the_topic(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "a.txt": (
                "Reef Results Fund (RRF)\n\n"
                "The RRF pays island utilities for every solar site that works.\n\n"
                "Key facts\n\nCapital: USD 42 million\n"
            )
        }
    )
    answer, _ = engine.ask("how big is the RRF")
    assert not answer.no_answer
    assert "42" in answer.hits[0].passage.text


def test_when_something_began_is_answered_by_its_earliest_date(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "ReefWatch\n\nTimeline\n\n2021: ReefWatch 3.0 launched.\n\n"
                "About\n\nReefWatch was launched in 2012 by three coastal states to count "
                "coral bleaching along their shores.\n"
            )
        }
    )
    answer, _ = engine.ask("when was reefwatch launched")
    assert "2012" in answer.hits[0].passage.text
    # A question about something else than its beginning keeps the ranking's order.
    answer, _ = engine.ask("when was reefwatch 3.0 released")
    assert "2021" in answer.hits[0].passage.text


def test_a_question_about_a_beginning_is_answered_by_any_word_of_a_beginning(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "ReefWatch\n\nKey facts\n\nDuration: 2014–2019\n\n"
                "History\n\nReefWatch was established in 2011 within the coral unit of the "
                "regional sea office.\n"
            ),
            # "created" is a word of the corpus, on another page.
            "dunes.txt": "Dune Trust\n\nThe Dune Trust was created for the coast.\n",
        }
    )
    answer, _ = engine.ask("when was reefwatch created")
    assert "2011" in answer.hits[0].passage.text


def test_a_beginning_said_in_other_words_beats_the_question_s_word_without_a_date(
    make_engine: Callable[..., Engine],
) -> None:
    # "started" ranks first, as the question says "start", but says no when; the sentence
    # with a year says it with "set up".
    engine = make_engine(
        {
            "reef.txt": (
                "Reef Data Programme\n\nMoney\n\nThe Reef Data Programme started with money "
                "from Sweden and Japan.\n\nHistory\n\nThe Reef Data Programme was set up in "
                "2013 to help island states count fish.\n\nOffices\n\nIn 2021 the Reef Data "
                "Programme opened a regional office in Suva, the capital of Fiji, which now "
                "trains the fish counters of nine island states.\n"
            )
        }
    )
    answer, _ = engine.ask("when did the reef data programme start")
    assert "set up in 2013" in answer.hits[0].passage.text


def test_a_beginning_of_the_subject_in_other_words_beats_another_s_in_the_question_s_word(
    make_engine: Callable[..., Engine],
) -> None:
    # The reef page's timeline line has the question's "created" and a year, but it is of
    # another programme: "Coral Fund" is only named elsewhere on its page.
    engine = make_engine(
        {
            "reef.txt": (
                "Reef Data Programme\n\nTimeline\n\n2001 – The Reef Data Programme is "
                "formally created.\n\nMoney\n\nIts first grant came from the Coral Fund.\n"
            ),
            "coral.txt": (
                "Coral Fund\n\nHistory\n\nThe Coral Fund was set up in 2006 by four island "
                "states to pay for reef surveys and for the boats that carry them out.\n\n"
                "Money\n\nThe Coral Fund spends most of its money on reef surveys.\n"
            ),
        }
    )
    answer, _ = engine.ask("when was the coral fund created")
    assert "set up in 2006" in answer.hits[0].passage.text


def test_a_beginning_said_of_the_project_on_its_page_answers_a_question_that_describes_it(
    make_engine: Callable[..., Engine],
) -> None:
    # The question describes the project in the words of its long name, which only the
    # page's first paragraph holds, with the question's "start" but no year; the page says
    # when "the project" began without its name.
    engine = make_engine(
        {
            "kelp.txt": (
                "About KELPWATCH\n\nWhat we do\n\nKELPWATCH, short for Keeping Europe's "
                "Lagoons and Kelp forests Watched, started as a way to count the kelp of the "
                "lagoons of Europe, and the project still counts it.\n\nHistory\n\nThe "
                "project began work in 2017 as a three-year action paid for by the Sea Fund."
                "\n\nPartners\n\nThe Tidewater Institute leads the divers; the Harbour "
                "Office lends boats; the Lagoon Agency keeps the records.\n\nResults\n\n"
                "Divers counted the kelp of forty lagoons and trained two hundred wardens.\n"
            ),
            "reef.txt": "Reef Count\n\nReef Count was launched in 2005 to count reef fish.\n",
            "dune.txt": "Dune Project\n\nThe Dune Project plants grass on the dunes of Europe.\n",
        }
    )
    answer, _ = engine.ask("when did the europe lagoons kelp project start")
    assert "began work in 2017" in answer.hits[0].passage.text


def test_what_an_acronym_stands_for_is_answered_where_a_sentence_spells_it_out(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "RDCN\n\nMoney\n\nRDCN gets its money from RDCN members and from the RDCN "
                "trust.\n\nHistory\n\nRDCN was founded in 1999. The name stood for the Reef "
                "Data Collection Network, a club of island fisheries offices.\n"
            )
        }
    )
    answer, _ = engine.ask("what does rdcn stand for")
    assert "Reef Data Collection Network" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    ("sentence", "acronym", "spelled"),
    [
        ("The name stood for the Consultative Group on International Research.", "CGIR", True),
        (
            "Its name stands for Synthetics Monitoring: Analyses, Reporting and Trends.",
            "SMART",
            True,
        ),
        ("the United Nations Office on Drugs and Crime", "UNODC", True),
        ("CGIR is a partnership of research centres.", "CGIR", False),
        ("Consultative Group meetings are held in Rome.", "CGIR", False),
    ],
)
def test_a_sentence_spells_an_acronym_by_the_initials_of_a_run_of_capitalized_words(
    sentence: str, acronym: str, spelled: bool
) -> None:
    assert spells(sentence, acronym) is spelled


@pytest.mark.parametrize(
    ("question", "acronym"),
    [
        ("what does cgiar stand for", "cgiar"),
        ("wat does UNICRI mean", "UNICRI"),
        ("what is gavi short for", "gavi"),
        ("the full name of the WCO?", "WCO"),
        ("what does cgiar do", None),
    ],
)
def test_a_question_asks_what_an_acronym_stands_for(question: str, acronym: str | None) -> None:
    assert asked_acronym(question) == acronym


def test_how_many_prefers_a_number_that_counts_what_is_asked(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "ReefWatch\n\nStories\n\nReefWatch countries take part in stories: in Fiji, "
                "753 villages of ReefWatch countries count corals.\n\nMembers\n\nThe member "
                "states number 65 countries in all, on three oceans.\n"
            )
        }
    )
    answer, _ = engine.ask("how many countries are part of reefwatch")
    assert "65 countries" in answer.hits[0].passage.text


def test_how_many_prefers_a_count_of_more_than_one(
    make_engine: Callable[..., Engine],
) -> None:
    # "one coach's idea" speaks of a coach and counts none.
    engine = make_engine(
        {
            "coach.txt": (
                "Reef Coaching\n\nWorries\n\nMany coaches say it should not hang on one "
                "coach's idea.\n\nNumbers\n\nThe programme now has 96 cluster coaches who "
                "support 1,850 teachers in 640 schools of four provinces, with a budget that grew "
                "each year since the start.\n"
            )
        }
    )
    answer, _ = engine.ask("how many coaches are there in reef coaching")
    assert "96 cluster coaches" in answer.hits[0].passage.text


def test_how_many_is_answered_by_a_key_fact_whose_label_names_what_is_counted(
    make_engine: Callable[..., Engine],
) -> None:
    # The count follows its label, as in a fact box: "Farmers trained by 2024: 3,400".
    engine = make_engine(
        {
            "seed.txt": (
                "Seed Savers\n\nAbout\n\nSeed Savers trains farmers in 12 districts to keep "
                "their own seed, and farmers trained by the project lend it to others.\n\n"
                "Key facts\n\nFarmers trained by 2024: 3,400\n"
            )
        }
    )
    answer, _ = engine.ask("how many farmers have been trained by seed savers")
    assert "3,400" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("65 SUN Countries signed", ["SUN Countries signed"]),
        ("on 11 volcanoes.", ["volcanoes"]),
        ("three agencies", ["agencies"]),
        ("In 2019 the volcano watch met", []),
        ("a budget of 1,500 dollars", ["dollars"]),
    ],
)
def test_a_number_counts_the_words_after_it_and_a_year_counts_nothing(
    text: str, counted: list[str]
) -> None:
    assert [found.group(1) for found in NUMBER_THEN.finditer(text)] == counted


def test_how_many_is_answered_by_a_count_of_what_the_title_names(
    make_engine: Callable[..., Engine],
) -> None:
    # Every word of the question is in the page's title: only the count says what is asked.
    engine = make_engine(
        {
            "watch.txt": (
                "Kestrel Volcano Watch\n\nHistory\n\nThe Kestrel Volcano Watch is often "
                "confused with an older volcano programme that closed in 1998.\n\nStations\n\n"
                "From 2020 to 2024 it installed 38 seismic stations on 11 volcanoes of the "
                "region.\n"
            )
        }
    )
    answer, _ = engine.ask("how many volcanos does the kestrel volcano watch cover")
    assert "11 volcanoes" in answer.hits[0].passage.text


def test_how_many_is_answered_by_a_count_of_a_synonym_of_what_is_asked(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "homes.txt": (
                "Healthy Homes Programme\n\nWhere\n\nThe Healthy Homes Programme has improved "
                "life in 212 communities of Tarija, where most homes have earth walls.\n\n"
                "Results\n\nBy March 2025, 6,480 houses had been improved.\n"
            )
        }
    )
    answer, _ = engine.ask("how many homes has the healthy homes programme improved")
    assert "6,480 houses" in answer.hits[0].passage.text


def test_how_many_reads_past_the_fifth_passage_when_the_ranking_cannot_tell_them_apart(
    make_engine: Callable[..., Engine],
) -> None:
    # Every passage gets the question's words from the page's title; the one that counts ranks
    # seventh, a hair below six short ones that say "volcano" twice.
    others = "".join(
        f"{heading}\n\nIn {year} the volcano watch met in {city} on volcano alerts.\n\n"
        for heading, year, city in [
            ("Meetings", 2019, "Manila"),
            ("Reviews", 2020, "Jakarta"),
            ("Training", 2021, "Bandung"),
            ("Data", 2022, "Cebu"),
            ("Alerts", 2023, "Davao"),
            ("Budget", 2024, "Medan"),
        ]
    )
    engine = make_engine(
        {
            "watch.txt": (
                f"Kestrel Volcano Watch\n\n{others}Stations\n\nFrom its first years the "
                "partners of the region installed 38 seismic stations and 24 GPS stations on 11 "
                "volcanoes.\n"
            ),
            "harbour.txt": "Harbour Trust\n\nThe trust keeps the harbour clean.\n",
        }
    )
    answer, _ = engine.ask("how many volcanos does the kestrel volcano watch cover")
    assert "11 volcanoes" in answer.hits[0].passage.text


def test_how_many_is_answered_by_the_best_pages_count_when_no_best_passage_counts_it(
    make_engine: Callable[..., Engine],
) -> None:
    # Short passages say "storage boxes" and "the project" without counting them; the one that
    # counts them ranks below them all.
    using = "".join(
        f"<p>{sentence}</p>"
        for sentence in [
            "Storage boxes from the project are bolted to a wall of the farm house.",
            "Each storage box the project hands out has two keys, one for each adult.",
            "The project hands out storage boxes only after a home visit.",
            "Shop owners trained by the project remind buyers to use their storage boxes.",
            "Storage boxes handed out by the project carry a poison warning in two languages.",
            "The project handed out storage boxes first in the villages with most poisonings.",
        ]
    )
    engine = make_engine(
        {
            "boxes.html": (
                "<html><head><title>Farm Chemical Safety Project</title></head><body><main>"
                "<h1>Farm Chemical Safety Project</h1><p>The Farm Chemical Safety Project keeps "
                "pesticides out of reach in farm homes of the dry zone.</p><h2>Partners</h2>"
                "<p>The project works with:</p><ul><li>Green Village Network – village work and "
                "handing out of storage boxes</li><li>District health offices – training of "
                "nurses</li></ul><h2>Storage boxes</h2><p>The lockable storage boxes are made "
                "by a steel works in the north, under a tender won in 2022.</p>"
                f"<h2>Using the boxes</h2>{using}<h2>Results</h2><p>By June 2025 the project "
                "had handed out 54,300 storage boxes in three districts, trained 1,860 shop "
                "owners and trained 940 nurses in 46 hospitals.</p></main></body></html>"
            )
        }
    )
    answer, _ = engine.ask("how many storage boxes has the farm chemical safety project handed out")
    assert "54,300 storage boxes" in answer.hits[0].passage.text


def test_how_much_is_answered_by_an_amount_of_money(make_engine: Callable[..., Engine]) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "ReefWatch\n\nCountries\n\nReefWatch works in 13 countries.\n\nBudget\n\n"
                "The total budget of the ReefWatch action, for all of its four years, was about "
                "EUR 11 million.\n"
            ),
            # "cost" is a word of the corpus, on another page.
            "dunes.txt": "Dune Trust\n\nThe Dune Trust keeps the cost of the coast low.\n",
        }
    )
    answer, _ = engine.ask("how much did reefwatch cost")
    assert "EUR 11 million" in answer.hits[0].passage.text


def test_where_is_answered_by_a_sentence_that_names_a_place(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "ReefWatch\n\nThe secretariat\n\nThe ReefWatch secretariat plans the surveys "
                "of the secretariat and trains divers.\n\nOffices\n\nIts staff are based in "
                "Suva, Fiji.\n"
            )
        }
    )
    answer, _ = engine.ask("where is the reefwatch secretariat based")
    assert "Suva" in answer.hits[0].passage.text


# The definition of what a passage holds, as one regex per answer type. Words are what the
# tokenizer finds: runs of letters and digits, which an underscore ends.
_START, _END = r"(?<![^\W_])", r"(?![^\W_])"
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    "hundred|hundreds|thousand|thousands|million|millions|dozens?"
)
_DEFINITIONS = {
    "#date": re.compile(rf"{_START}(?:1[5-9]|20)\d\d{_END}"),
    "#contrast": re.compile(
        r"\b(?:while|whereas|unlike|however|in\s+contrast|rather\s+than|on\s+the\s+other\s+hand|"
        r"more\s+\w+\s+than)\b",
        re.IGNORECASE,
    ),
    "#number": re.compile(rf"{_START}(?:\d[\d,.]*|{_NUMBER_WORDS}){_END}", re.IGNORECASE),
}
_PIECES = st.sampled_from(
    [
        "1999",
        "2015",
        "1499",
        "20150",
        "G20",
        "20th",
        "1,000",
        "3.5",
        "x3",
        "1_000",
        "1990's",
        "don't",
        "Two",
        "٢٠١٥",
        "one",
        "Ones",
        "dozen",
        "DOZENS",
        "while",
        "Whereas",
        "however",
        "in contrast",
        "in  Contrast",
        "rather than",
        "rather",
        "than",
        "on the other hand",
        "other hand",
        "more efficient than",
        "more than",
        "words",
        "the",
        ".",
        ",",
        "-",
        "\n",
        " ",
        "_",
    ]
)


@settings(max_examples=400)
@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_passage_types_are_those_the_regular_expressions_define(text: str) -> None:
    expected = [marker for marker, holds in _DEFINITIONS.items() if holds.search(text)]
    assert types_of(text) == expected


def test_when_was_x_created_is_answered_where_the_corpus_says_formed_and_only_there(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "peat.txt": (
            "Peatlands Initiative\n\n"
            "Two agencies teamed up to form the Peatlands Initiative (PI) in Marrakech in 2016.\n"
        ),
        "forests.txt": "Forest Watch\n\nForest Watch (FW) maps tree cover from space.\n\n"
        + "".join(
            f"Region {n}\n\nUnits of region {n} send reports every week.\n\n" for n in range(12)
        ),
    }
    engine = make_engine(pages)
    answer, _ = engine.ask("when was the pi created")
    assert not answer.no_answer
    assert "2016" in answer.hits[0].passage.text
    unsaid, _ = engine.ask("when was fw created")
    assert unsaid.no_answer


@pytest.mark.parametrize(
    ("sentence", "holds"),
    [
        ("Ana Reyes of Fiji has been Executive Director since 2019.", True),
        ("Chief Executive Officer: Dr Tomas Lindqvist", True),
        ("The Panel elected a new Bureau, with Mele Tupou of Tonga as its Chair.", True),
        # Bodies, not people, stand next to these posts.
        ("Each Working Group and the Task Force has two Co-Chairs.", False),
        ("A Country Director supports the Reef Country Coordinating Mechanism.", False),
        ("The Executive Director reports to the Board.", False),
    ],
)
def test_a_sentence_names_a_person_in_a_post_by_a_name_that_is_no_body(
    sentence: str, holds: bool
) -> None:
    assert holds_person_in_post(sentence) is holds


@pytest.mark.parametrize(
    ("question", "player"),
    [
        ("what role does unicef play in the vaccine alliance", "unicef"),
        ("what is the role of the World Bank in CREWS?", "World Bank"),
        ("what does interpol do in enact", "interpol"),
        ("what does enact do", None),
        ("who runs enact", None),
    ],
)
def test_a_question_may_ask_what_part_an_organisation_plays(
    question: str, player: str | None
) -> None:
    assert asked_player(question) == player


def test_what_part_an_organisation_plays_is_answered_by_a_sentence_it_opens(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "ReefWatch\n\nPartners\n\nCore partners: UNICEF, the Reef Bank, FAO\n\n"
                "How they work\n\nUNICEF buys and ships the survey kits to every island, and "
                "keeps spare kits in its regional warehouse for the next survey season.\n"
            )
        }
    )
    answer, _ = engine.ask("what role does unicef play in reefwatch")
    assert "buys and ships" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("what is containercomm", "containercomm"),
        ("What's the IOFMC?", "IOFMC"),
        ("what is aim in the malaria fight", "aim"),
        ("what is the codex trust fund for", "codex trust fund"),
        ("what is the world bank involved in", None),
        ("who runs containercomm", None),
        ("what does enact do", None),
    ],
)
def test_a_question_may_ask_what_something_is(question: str, name: str | None) -> None:
    assert asked_definition(question) == name


@pytest.mark.parametrize(
    ("sentence", "says"),
    [
        ("KelpCOMM, a secure messaging tool built by the Tide Office, links ports.", True),
        ("Its framework, Action and Investment for Kelp (AIK), was written in 2015.", True),
        ("KelpCOMM is a tool that wardens use.", True),
        ("KelpCOMM (Kelp Communication) is one of the tools of the programme.", True),
        ("Secure messaging | KelpCOMM, developed and hosted by the Tide Office", False),
        ("KelpCOMM is used in forty ports.", False),
        ("The wardens use KelpCOMMS every day.", False),
        ("Pre-KelpCOMM is a tool of the past.", False),
        ("The tool ( KelpCOMM ) links ports.", True),
    ],
)
def test_a_sentence_may_say_what_a_name_is(sentence: str, says: bool) -> None:
    name = "aik" if "AIK" in sentence else "kelpcomm"
    assert defines(sentence, name) is says


def _defines_by_pattern(sentence: str, name: str) -> bool:
    """What ``defines`` says, as patterns of the name: the meaning it keeps."""
    written = r"\s+".join(re.escape(word) for word in name.split())
    return bool(
        re.search(rf"\(\s*{written}\s*\)", sentence, re.IGNORECASE)
        or re.search(
            rf"(?<![\w-]){written}(?![\w-])(?:\s*\([^)]*\))?"
            r"(?:\s*,\s+(?:short\s+for|an?|the)|\s+(?:is|was|are|were)\s+(?:an?|the|one\s+of))\b",
            sentence,
            re.IGNORECASE,
        )
    )


_DEFINITION_PIECES = st.sampled_from(
    [
        "Kelp",
        "KELP",
        "kelp",
        "comm",
        "(",
        ")",
        ",",
        " ",
        "  ",
        "\n",
        "is",
        "an",
        "a",
        "the",
        "one of",
        "short for",
        "-",
        "_",
        "tool",
        "Kelp Comm",
        "was",
        "x",
        "(Kelp)",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_DEFINITION_PIECES, max_size=12).map(" ".join),
    st.lists(_DEFINITION_PIECES, max_size=12).map("".join),
    st.sampled_from(["kelp", "Kelp Comm", "kelp  comm", "KELP"]),
)
def test_a_sentence_says_what_a_name_is_as_the_patterns_of_the_name_would(
    spaced: str, joined: str, name: str
) -> None:
    for sentence in (spaced, joined):
        assert defines(sentence, name) is _defines_by_pattern(sentence, name)


def test_what_something_is_is_answered_by_a_sentence_that_says_it(
    make_engine: Callable[..., Engine],
) -> None:
    # Every passage names the tool once; the table rows come first on the page.
    engine = make_engine(
        {
            "kelp.html": (
                "<html><head><title>Kelp Port Programme</title></head><body><main>"
                "<h1>Kelp Port Programme</h1><h2>Tools</h2><table><tr><th>Tool</th>"
                "<th>What</th></tr><tr><td>Secure messaging</td><td>KelpCOMM, developed and "
                "hosted by the Tide Office</td></tr><tr><td>Training</td><td>Courses for new "
                "port units</td></tr></table><h2>Partners</h2><table><tr><th>Partner</th>"
                "<th>Gives</th></tr><tr><td>Tide Office</td><td>Standards, risk training, "
                "KelpCOMM</td></tr><tr><td>Harbour Agency</td><td>Boats</td></tr></table>"
                "<h2>How the units work</h2><ul><li><strong>Risk profiles</strong> help the "
                "units pick boats to inspect.</li><li><strong>KelpCOMM</strong>, a secure "
                "messaging tool built by the Tide Office, lets the units exchange alerts on "
                "risky boats with one another and with partner port offices around the "
                "region.</li></ul></main></body></html>"
            ),
            "reef.txt": "Reef Count\n\nReef Count was launched in 2005 to count reef fish.\n",
        }
    )
    answer, _ = engine.ask("what is kelpcomm")
    assert "a secure messaging tool" in answer.hits[0].passage.text
