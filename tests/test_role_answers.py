"""Who-answers read from evidence: pages worded in ways no known sentence shape covers still
get a one-line answer naming the organisations that play the part asked about, and no line
when the page does not say who plays it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import load_config
from retrieval.answering import AnswerSettings, Engine
from retrieval.eval_sets import engine_for
from retrieval.indexing import Index

# Our own page, worded the way real ones are: a facts block, one partner per sentence, a past
# host and a present one.
REEF = {
    "reefwatch.txt": (
        "ReefWatch Asia\n\n"
        "About ReefWatch Asia\n\n"
        "ReefWatch Asia counts coral bleaching along the coasts of six countries. Three agencies "
        "came together to create it in 2012.\n\n"
        "Hosting\n\n"
        "Since 2019 the programme secretariat has been housed at the Lagoon Science Agency in "
        "Manila. Until 2018 it was hosted by the Coral Research Council.\n\n"
        "Money\n\n"
        "Main donors: Sweden, Japan, the Tidewater Foundation\n\n"
        "Field work\n\n"
        "Survey boats are crewed by volunteers from coastal towns, who log every reef twice a "
        "year.\n"
    )
}


@pytest.fixture
def engine(make_engine: Callable[..., Engine]) -> Engine:
    return make_engine(REEF)


def test_a_labelled_list_of_donors_answers_who_funds_it(engine: Engine) -> None:
    answer, _ = engine.ask("who gives money to reefwatch asia")
    assert answer.named == ("Sweden", "Japan", "the Tidewater Foundation")
    assert answer.direct is not None
    assert answer.direct.startswith("ReefWatch Asia is funded by Sweden, Japan and")


def test_the_present_host_answers_who_hosts_and_the_former_one_who_hosted_before(
    engine: Engine,
) -> None:
    now, _ = engine.ask("who hosts reefwatch asia")
    assert now.named == ("the Lagoon Science Agency",)
    before, _ = engine.ask("who hosted reefwatch asia before the lagoon science agency")
    assert before.named == ("the Coral Research Council",)
    assert before.direct is not None and " was hosted by " in before.direct
    assert now.direct is not None and " is hosted by " in now.direct


WINDOW = {
    "window.txt": (
        "Tonle Single Window\n\n"
        "Who is in charge of the project?\n\n"
        "The executing agency for Phase 2 is the Customs Directorate. A Tonle Single Window "
        "Project Office inside the Customs Directorate runs the project from day to day.\n\n"
        "Who was in charge before?\n\n"
        "During Phase 1 and until June 2021, the project management office was run by the "
        "Overseas Trade Agency (OTA) for the government. Management was handed over to the "
        "Customs Directorate in July 2021.\n"
    )
}


def test_a_question_about_the_past_is_answered_by_what_was_before_what_matches_best(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(WINDOW)
    before, _ = engine.ask("who ran the tonle single window before july 2021")
    assert before.named == ("the Overseas Trade Agency (OTA)",), before.direct
    now, _ = engine.ask("who runs the tonle single window")
    assert now.named is not None and "Customs Directorate" in " ".join(now.named), now.direct


def test_chat_shorthand_is_read_as_the_word_it_stands_for(engine: Engine) -> None:
    before, _ = engine.ask("who hosted reefwatch asia b4 the lagoon science agency")
    assert before.named == ("the Coral Research Council",), before.direct
    assert ("b4", "before") in [(c.typed, c.corrected) for c in before.corrections]


def test_a_verb_in_shorthand_is_a_question_word_and_no_unknown_topic(engine: Engine) -> None:
    answer, _ = engine.ask("which countries hav given money to reefwatch asia so far")
    assert not answer.no_answer
    assert ("hav", "have") in [(c.typed, c.corrected) for c in answer.corrections]


def test_an_abbreviated_committee_is_the_committee(make_engine: Callable[..., Engine]) -> None:
    page = {
        "reef.txt": (
            "Reef Watch\n\nGovernance\n\nThe Reef Watch Steering Committee is co-chaired by"
            " the Lagoon Office and the Tide Council.\n"
        ),
        "other.txt": "Harbour Fund\n\nThe Harbour Fund is financed by the Harbour Bank.\n",
    }
    answer, _ = make_engine(page).ask("who co-chairs the reef watch steering cttee")
    assert answer.named == ("the Lagoon Office", "the Tide Council"), answer.direct
    assert ("cttee", "committee") in [(c.typed, c.corrected) for c in answer.corrections]


NETWORK = {
    "network.txt": (
        "Reef Regulators Training Network\n\n"
        "Members\n\n"
        "The network's partners are the Lagoon Science Agency, the Coral Research Council and "
        "the Atoll Survey Office.\n\n"
        "Training\n\n"
        "Most courses are delivered by the Pacific Diving Institute, which also writes the "
        "manuals.\n"
    ),
    "jobs.txt": (
        "Blue Jobs for Youth\n\n"
        "Blue Jobs for Youth helps young people find work in fisheries. The project is "
        "implemented by the Harbour Skills Agency.\n"
    ),
}


def test_who_runs_a_thing_of_the_subject_is_answered_from_a_passage_that_speaks_of_it(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(NETWORK)
    courses, _ = engine.ask("who runs the training courses for the reef regulators network")
    assert courses.named == ("the Pacific Diving Institute",), courses.direct
    # A word of the page's title names the subject, not a thing of it.
    jobs, _ = engine.ask("who runs the blue jobs for youth project")
    assert jobs.named == ("the Harbour Skills Agency",), jobs.direct


def test_the_line_cites_its_passage_and_that_passage_comes_first(engine: Engine) -> None:
    # The donors' line names no ReefWatch: every passage that does outranks it, yet it is the
    # one that answers.
    for question, said in (
        ("who hosts reefwatch asia", "Lagoon Science Agency"),
        ("who gives money to reefwatch asia", "Main donors: "),
    ):
        answer, _ = engine.ask(question)
        assert answer.direct is not None and answer.direct.endswith(" [1]")
        assert said in answer.hits[0].passage.text


def test_no_line_where_the_page_says_nothing_of_the_part_asked_about(engine: Engine) -> None:
    answer, _ = engine.ask("who chairs reefwatch asia")
    assert answer.direct is None and answer.named == ()


def test_which_countries_are_answered_by_countries_only(engine: Engine) -> None:
    answer, _ = engine.ask("which countries fund reefwatch asia")
    assert answer.named == ("Sweden", "Japan")


BOARD = {
    "board.txt": (
        "ReefWatch Asia\n\n"
        "Board meetings\n\n"
        "The ReefWatch Asia board meets twice a year. The ReefWatch Asia board approves the "
        "ReefWatch Asia budget and the board plan.\n\n"
        "Governance\n\n"
        "The board is chaired by the Coral Research Council.\n"
    )
}


def test_a_passage_that_says_who_plays_the_part_asked_comes_first(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(BOARD)
    answer, _ = engine.ask("who chairs the reefwatch asia board")
    assert answer.hits[0].passage.text == "The board is chaired by the Coral Research Council."
    assert answer.named == ("the Coral Research Council",)


def test_a_line_gives_organisations_and_never_people_or_posts(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef-fund.txt": (
                "Reef Fund\n\n"
                "The Reef Fund is overseen by the Ocean Office of the Secretary-General and the "
                "Deputy Secretary-General, Amina Okoro.\n"
            )
        }
    )
    answer, _ = engine.ask("who oversees the reef fund")
    assert answer.named == ("the Ocean Office of the Secretary-General",)


def test_a_page_whose_title_names_its_programme_otherwise_still_gets_a_line(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "mpf.txt": (
                "Montreal Protocol Facility\n\n"
                "Governance\n\n"
                "The Lagoon Agency serves as treasurer of the ozone fund.\n"
            )
        }
    )
    answer, _ = engine.ask("who is the treasurer of the ozone fund")
    assert answer.direct is not None
    assert answer.direct.startswith("Montreal Protocol Facility is administered by the Lagoon")


def test_the_subject_is_never_one_of_its_own_players_by_its_acronym(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "greenpath.txt": (
                "Partnership for Green Paths (PGP)\n\n"
                "Who we are\n\n"
                "The Partnership for Green Paths (PGP) plants hedges along roads.\n\n"
                "Partners\n\n"
                "Partners of the network: PGP, the Hedge Office and the Verge Agency\n"
            )
        }
    )
    answer, _ = engine.ask("which agencies are part of the partnership for green paths")
    assert "PGP" not in answer.named
    assert "the Hedge Office" in answer.named


def test_a_page_about_many_programmes_names_the_one_asked_about_where_it_speaks_of_it(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "cooperation.txt": (
            "Our cooperation with the Pacific agencies\n\n"
            "Regional dialogue\n\n"
            "Our dialogue with the Pacific agencies led to new work: with the Island Ports "
            "Agency and the Lagoon Science Agency in charge, project TIDELINE trains harbour "
            "inspectors.\n"
        )
    }
    answer, _ = make_engine(page).ask("who runs tideline")
    assert answer.direct is not None
    assert answer.direct.startswith("TIDELINE is run by")
    assert answer.named == ("the Island Ports Agency", "the Lagoon Science Agency")


def test_an_event_the_question_names_is_the_subject_where_its_passage_names_it(
    make_engine: Callable[..., Engine],
) -> None:
    # No title, heading or programme name on the page names the pledging conference.
    page = {
        "reef.txt": (
            "Overview\n\nWho pays for it\n\nMoney is raised in three-year cycles. The Second "
            "Pledging Conference, for 2025–2027, was co-hosted by Norway and Kenya.\n"
        )
    }
    answer, _ = make_engine(page).ask("who hosted the second pledging conference")
    assert answer.named == ("Norway", "Kenya"), answer.direct


def test_the_programme_of_a_sentence_is_the_one_the_sentence_before_names(
    make_engine: Callable[..., Engine],
) -> None:
    # A page under a section's title ("Our work"), on a site named after its publisher: "the
    # facility" is the one named in the sentence before, not the page or its site.
    page = {
        "work.html": (
            "<html><head><title>Our work | Harbour Trust Network</title>"
            '<meta property="og:site_name" content="Harbour Trust Network"></head><body>'
            "<h1>Our work</h1><p>The Coastal Ferry Safety Facility collects grants from "
            "Iceland and Chile and spends them on life jackets for island ferries. The "
            "facility is managed by the Pacific Shipping Office, which reports to the donors "
            "twice a year.</p></body></html>"
        )
    }
    answer, _ = make_engine(page).ask("who manages the ferry safety facility")
    assert answer.named == ("the Pacific Shipping Office",), answer.direct


def test_a_player_the_question_names_is_no_evidence_of_what_the_claim_is_about(
    make_engine: Callable[..., Engine],
) -> None:
    # "tonga" is one of the alliance's members, not what the question asks about.
    pages = {
        "alliance.txt": (
            "Reef Watch Alliance\n\nMembers\n\nMember countries: Fiji, Tonga and Samoa\n"
        ),
        "registry.txt": (
            "Island ID Project\n\nThe Island ID Project helps the civil registry of Tonga give "
            "birth certificates to families on the outer islands. The registration work itself "
            "is done by the registry with help from volunteers.\n"
        ),
    }
    engine = make_engine(pages)
    for question in ("who works in tonga", "who are the members in tonga"):
        answer, _ = engine.ask(question)
        assert answer.direct is None, answer.direct
    answer, _ = engine.ask("who are the members of the reef watch alliance")
    assert answer.named == ("Fiji", "Tonga", "Samoa"), answer.direct


def test_a_news_title_gives_the_line_the_name_it_holds_not_the_whole_sentence(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "news.txt": (
            "Harbour Skills Institute trains pilots in Pacific ports\n\n"
            "The Harbour Skills Institute is a one-year course for harbour pilots in Suva and "
            "Apia. It is run by the Pacific Maritime Office with funding from New Zealand.\n"
        )
    }
    answer, _ = make_engine(page).ask("who runs the harbour skills institute")
    assert answer.direct is not None
    assert answer.direct.startswith("Harbour Skills Institute is run by"), answer.direct


def test_a_headline_that_starts_like_a_question_still_names_the_pages_subject(
    make_engine: Callable[..., Engine],
) -> None:
    # Not the blog that publishes it, which shares a word with the question, nor the
    # headline's first words.
    page = {
        "story.html": (
            "<html><head><title>How Fiji’s reef movement won over 30 villages | Reef Notes – "
            'the reef blog</title><meta property="og:site_name" content="Reef Notes – the reef '
            'blog"></head><body><h1>How Fiji’s reef movement won over 30 villages</h1><p>When '
            "the Reef Movement Fiji started in 2018, only six villages took part.</p><p>The "
            "movement is hosted by the Lagoon Office in Suva. Its current work plan is financed "
            "by the Lagoon Bank and New Zealand.</p></body></html>"
        )
    }
    answer, _ = make_engine(page).ask("who finances the reef movement in fiji")
    assert answer.direct is not None
    assert answer.direct.startswith("How Fiji’s reef movement won"), answer.direct
    assert answer.named == ("the Lagoon Bank", "New Zealand"), answer.direct


def test_a_country_that_a_title_names_first_is_where_and_not_the_lines_subject(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "water.txt": (
            "Cabo Verde – Island Water Security Project (IWSP)\n\nAbout\n\nThe project builds "
            "three desalination plants on Sal, Boa Vista and Maio.\n\nFinancing\n\nThe "
            "project is financed by the African Development Bank (AfDB).\n"
        )
    }
    answer, _ = make_engine(page).ask("who is financing the desalination plants in cabo verde")
    assert answer.direct is not None
    assert answer.direct.startswith("Island Water Security Project"), answer.direct


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        (
            "The project is financed by a loan of EUR 24 million from the Lagoon Bank and a "
            "grant of EUR 8 million from the Grand Duchy of Luxembourg.",
            ("the Lagoon Bank", "the Grand Duchy of Luxembourg"),
        ),
        # What was paid at the start and what is paid since are not one list.
        (
            "It began in 2010 with money from Canada and has since been co-financed by the "
            "Lagoon Bank.",
            ("the Lagoon Bank",),
        ),
    ],
)
def test_funders_one_sentence_names_by_one_cue_are_named_together(
    make_engine: Callable[..., Engine], sentence: str, named: tuple[str, ...]
) -> None:
    page = {"water.txt": f"Island Water Project\n\nFinancing\n\n{sentence}\n"}
    answer, _ = make_engine(page).ask("who funds the island water project")
    assert answer.named == named, answer.direct


def test_a_subject_without_the_rarest_word_of_the_name_asked_is_another_thing(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "iocc.txt": (
            "International Ocean Crime Consortium\n\nThe International Consortium on Ocean "
            "Crime (ICOC) is a collaborative effort of the Reef Council, KRTV and the Lagoon "
            "Trust.\n"
        ),
        "tasman.txt": (
            "About the consortium\n\nThe Tasman Ocean Crime Consortium brings together police "
            "and customs from four island states. The consortium is coordinated by the Tide "
            "Office and also includes KRTV and the Harbour Board as partners.\n"
        ),
    }
    engine = make_engine(pages)
    answer, _ = engine.ask("who coordinates the tasman ocean crime consortium")
    assert answer.named == ("the Tide Office",), answer.direct
    answer, _ = engine.ask("who are the partners of the tasman consortium")
    assert answer.named == ("KRTV", "the Harbour Board"), answer.direct


def test_who_cofinances_is_answered_by_those_who_cofinance(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Seed Programme\n\nMoney\n\nThe Reef Seed Programme trains seed growers on "
            "six islands. The Lagoon Bank pays for the boats, and the Tide Foundation and Norway "
            "cofinance the training.\n"
        )
    }
    answer, _ = make_engine(page).ask("who cofinances the reef seed programme")
    assert answer.named == ("the Tide Foundation", "Norway"), answer.direct


def test_a_question_about_a_part_gets_a_line_only_from_a_passage_about_that_part(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Seed Programme\n\nThe Reef Seed Programme is implemented by the Lagoon Office "
            "together with KRTV.\n\nComponents\n\nThe first component, on nurseries, is led by "
            "the Lagoon Office. The second component, on seed testing, is led by KRTV.\n"
        ),
        "other.txt": (
            "Tide Watch\n\nTide Watch is implemented by the Harbour Board. It has three "
            "pillars of work.\n"
        ),
    }
    engine = make_engine(page)
    answer, _ = engine.ask("who leads the 2nd component of the reef seed programme")
    assert answer.direct is None or "component" in answer.hits[0].passage.text, answer.direct
    answer, _ = engine.ask("who leads the nursery component of tide watch")
    assert answer.direct is None, answer.direct
    answer, _ = engine.ask("who implements tide watch")
    assert answer.named == ("the Harbour Board",), answer.direct


def test_a_question_about_an_activity_gets_no_line_of_who_runs_the_whole(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Health Project\n\nThe Reef Health Project is implemented by the Lagoon "
            "Office.\n\nSurveys\n\nEvery spring divers from KRTV count the corals.\n"
        )
    }
    answer, _ = make_engine(page).ask("who counts the corals in the reef health project")
    assert answer.direct == "Every spring divers from KRTV count the corals [1]"
    assert answer.named == ("KRTV",)
    assert "KRTV" in answer.hits[0].passage.text


def test_an_activity_is_answered_by_the_doers_of_its_verb_not_by_another_part(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "bay.txt": (
            "Bay Shelters Programme\n\nThe Bay Shelters Programme is funded by the Tide "
            "Foundation.\n\nShelters\n\nThe school shelters are built by LGED, the Local "
            "Government Engineering Department, and are paid for by the Tide Foundation.\n\n"
            "Supplies\n\nUNICEF buys the water tanks. Supplying entities: UNICEF, WFP\n"
        )
    }
    engine = make_engine(page)
    answer, _ = engine.ask("who builds the school shelters in the bay shelters programme")
    assert answer.named == ("LGED",), answer.direct
    assert answer.direct == (
        "The school shelters are built by LGED, the Local Government Engineering Department [1]"
    )
    answer, _ = engine.ask("who buys the water tanks for the bay shelters programme")
    assert answer.direct == "UNICEF buys the water tanks [1]"
    answer, _ = engine.ask("which agencies supply the bay shelters programme")
    assert answer.direct == "Supplying entities: UNICEF, WFP [1]"
    # Nobody on the page paints the shelters.
    answer, _ = engine.ask("who paints the school shelters in the bay shelters programme")
    assert answer.direct is None, answer.direct


def test_the_publisher_of_a_page_is_a_body_whatever_its_name(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.html": (
            "<html><head><title>Reef Compact | Tide Tefes</title></head><body><h1>Reef Compact"
            "</h1><p>The Reef Compact restores coral gardens along the Petite Côte with the "
            "fishers who use them.</p><h2>Who is behind it?</h2><p>Tide Tefes leads the "
            "consortium that runs the Reef Compact, working with the Coral Institute (CI).</p>"
            "<p>© 2025 Tide Tefes</p></body></html>"
        )
    }
    answer, _ = make_engine(page).ask("who implements the reef compact")
    assert answer.named == ("Tide Tefes", "the Coral Institute (CI)"), answer.direct


def test_an_activitys_doers_are_those_of_the_time_asked(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Garden Project\n\nTraining\n\nFrom 2019 to 2022 the divers were trained by "
            "the Coral Institute (CI). The Tide Society (TS) – trains the divers who plant the "
            "coral, since January 2023.\n"
        )
    }
    engine = make_engine(page)
    answer, _ = engine.ask("who trains the divers in the reef garden project")
    assert answer.named == ("the Tide Society (TS)",), answer.direct
    answer, _ = engine.ask("who trained the divers of the reef garden project before 2023")
    assert answer.named == ("the Coral Institute (CI)",), answer.direct


def test_what_a_sponsor_gave_besides_adds_no_funders(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "plates.txt": (
            "Local Plates\n\nLaunch\n\nLocal Plates is financed by the Agence Française de "
            "Développement (AFD). The launch ceremony in Bohicon was sponsored by Ecobank Benin, "
            "which also offered 600 sets of cooking utensils to the schools.\n"
        )
    }
    answer, _ = make_engine(page).ask("who sponsored the bohicon launch of local plates")
    assert answer.named == ("Ecobank Benin",), answer.direct


def test_a_task_asked_by_its_noun_is_answered_by_those_who_do_it(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "grant.txt": (
            "Child Grant Top-Up\n\nThe top-up is run by the Ministry of Community "
            "Development and managed with UNICEF, which also advises on targeting.\n\n"
            "Payments\n\nPayments are made by Lusuntha Pay, a mobile money and agent network "
            "company, under a contract signed in June 2024.\n"
        )
    }
    answer, _ = make_engine(page).ask("who makes the payments for the child grant top-up")
    assert answer.named == ("Lusuntha Pay",), answer.direct


def test_an_activitys_doers_may_be_bodies_only_their_description_marks(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "snake.txt": (
            "Lowland Snakebite Care Partnership\n\nTreatment\n\nThe partnership runs 46 "
            "treatment centres in the plains.\n\nSupplies\n\nPolyvalent antivenom for all the "
            "centres is supplied by Vinayak Biologicals, a manufacturer in Hyderabad.\n"
        )
    }
    answer, _ = make_engine(page).ask("who supplies antivenom to the snakebite care partnership")
    assert answer.named == ("Vinayak Biologicals",), answer.direct


def test_before_the_move_a_question_names_the_place_moved_to_is_not_the_answer(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.html": (
            "<html><head><title>Reef Shield | Coast Police</title></head><body><h1>Reef Shield"
            "</h1><table><tr><th>Coordination</th><td>Coast Police Regional Bureau, Suva</td>"
            "</tr><tr><th>Launched</th><td>2016</td></tr></table><h2>History</h2><p>Reef Shield"
            " trains fisheries officers. Until 2019 Reef Shield was coordinated by the Coast "
            "Police Secretariat in Apia; in 2020 coordination moved to the Coast Police Regional "
            "Bureau in Suva.</p></body></html>"
        )
    }
    answer, _ = make_engine(page).ask("who coordinated reef shield before it moved to suva")
    assert answer.named == ("the Coast Police Secretariat in Apia",), answer.direct


def test_where_a_question_says_something_moved_need_not_be_said_by_the_former_claim(
    make_engine: Callable[..., Engine],
) -> None:
    # "It was hosted by B" speaks of the secretariat, never of Washington, where it is now.
    page = {
        "grants.html": (
            "<html><head><title>Governance | Child Growth Grants Fund</title></head><body>"
            "<h1>Governance</h1><p>The Child Growth Grants Fund (CGGF) gives grants for child "
            "nutrition.</p><h2>The Secretariat</h2><p>The Secretariat is hosted by the Global "
            "Health Practice of the Lakeside Bank in Washington, DC, and has eleven staff. From "
            "2015 to 2019 it was hosted by the Children's Relief Agency in New York.</p>"
            "</body></html>"
        )
    }
    answer, _ = make_engine(page).ask(
        "who hosted the cggf secretariat before it moved to washington"
    )
    assert answer.named == ("the Children's Relief Agency",), answer.direct


def test_a_body_sharing_one_word_of_a_long_subject_s_name_is_no_body_of_the_subject(
    make_engine: Callable[..., Engine],
) -> None:
    # "African" is a word of both; the African Union is not the rangers' network.
    page = {
        "rangers.txt": (
            "West African Coastal Rangers Network\n\nGovernance\n\nThe West African Coastal "
            "Rangers Network (WACRN) links the ranger services of nine states. The African "
            "Union chairs the WACRN governing council through its peace and security "
            "department.\n"
        )
    }
    answer, _ = make_engine(page).ask(
        "who chairs the governing council of the west african coastal rangers network"
    )
    assert answer.named == ("the African Union",), answer.direct


def test_a_subject_whose_page_joins_places_before_its_name_is_asked_with_them(
    make_engine: Callable[..., Engine],
) -> None:
    # The acronym stands for "Fair Hiring Corridor"; the question names the two countries too.
    page = {
        "news.txt": (
            "Forum news\n\nUpdate\n\nDelegates heard about the Nepal–Qatar Fair Hiring "
            "Corridor (FHC), which aims to end recruitment fees. The FHC is run by the Migrant "
            "Workers Forum, a network of civil society groups.\n"
        ),
        # Fair hiring and corridors are spoken of elsewhere, the two countries only here.
        "guide.txt": (
            "Hiring guide\n\nFair hiring\n\nFair hiring means no fees. A hiring corridor "
            "links two labour markets. Fair hiring corridors need fair recruiters.\n"
        ),
    }
    answer, _ = make_engine(page).ask("who runs the fair hiring corridor between nepal n qatar")
    assert answer.named == ("the Migrant Workers Forum",), answer.direct


def test_a_question_may_name_the_subject_as_its_page_writes_it_in_full(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "overview.md": (
            "---\ntitle: Overview\npublisher: The Reef Fund\n---\n# Overview\n\nThe Reef Fund "
            "to Fight Coral Bleaching, Overfishing and Pollution pays for island projects.\n\n"
            "## Governance\n\nTrustee | The Lagoon Bank\n"
        )
    }
    engine = make_engine(page)
    answer, _ = engine.ask(
        "who is trustee of the reef fund to fight coral bleaching overfishing and pollution"
    )
    assert answer.named == ("the Lagoon Bank",), answer.direct
    # The name in full ends where the running text begins ("… Pollution pays for …").
    assert engine._who.subjects.full_names(engine.index.passages[0]) == (
        "Reef Fund to Fight Coral Bleaching, Overfishing and Pollution",
    )


def test_a_question_may_name_the_subject_by_the_short_form_its_page_gives_in_brackets(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "joint.md": (
            "---\ntitle: Joint Programme on Reef Health for Island Women\n---\n# Joint "
            "Programme on Reef Health for Island Women\n\nName of the Fund: Joint Programme on "
            "Reef Health for Island Women (JP RHIW)\n\nDonors: Norway, Sweden\n"
        )
    }
    answer, _ = make_engine(page).ask("who funds jp rhiw")
    assert set(answer.named) == {"Norway", "Sweden"}, answer.direct


def test_funders_add_up_where_a_sentence_says_there_are_others(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Carbon Facility\n\nThe Reef Carbon Facility pays island communities to "
            "restore mangroves.\n\nFunding\n\nThe largest contributor to the Facility is "
            "Norway. Sweden and Japan have also contributed.\n"
        ),
        "tide.txt": (
            "Tide Data Hub\n\nThe Tide Data Hub shares sea-level data.\n\nFunding\n\n"
            "The Hub is funded by Denmark. Its data are used by Fiji and Samoa.\n"
        ),
    }
    engine = make_engine(page)
    answer, _ = engine.ask("who funds the reef carbon facility")
    assert set(answer.named) == {"Norway", "Sweden", "Japan"}, answer.direct
    # Without a word that there are others, a sentence's names stay its own.
    answer, _ = engine.ask("who funds the tide data hub")
    assert answer.named == ("Denmark",), answer.direct


def test_funders_add_up_over_the_paragraphs_of_a_section_that_says_there_are_others(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Fund\n\nThe Reef Fund pays island communities to restore coral.\n\n"
            "Our donors\n\nWhen the Reef Fund was launched, three donors signed its charter: "
            "Norway, Sweden and Japan.\n\nThe group has since grown. Canada and Chile have "
            "also joined, bringing the number of contributing donors to five.\n"
        )
    }
    engine = make_engine(page)
    answer, _ = engine.ask("who are the donors behind the reef fund")
    assert set(answer.named) == {"Norway", "Sweden", "Japan", "Canada", "Chile"}, answer.direct


@pytest.mark.parametrize(
    "said",
    [
        "Norway pays for the Kelp Fund, with additional support from Japan.",
        "Most of the grants to the Kelp Fund come from Norway. Japan pays for the boats.",
        "Norway gives grants to the Kelp Fund. A smaller share is paid for by Japan.",
    ],
)
def test_most_of_the_money_says_that_others_pay_the_rest(
    make_engine: Callable[..., Engine], said: str
) -> None:
    page = {"kelp.txt": f"Kelp Fund\n\nThe Kelp Fund replants kelp forests.\n\nFunding\n\n{said}\n"}
    answer, _ = make_engine(page).ask("who funds the kelp fund")
    assert set(answer.named) == {"Norway", "Japan"}, answer.direct


def test_a_post_that_no_cue_names_is_answered_by_its_holder_now_or_before(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Health Grant\n\nThe Reef Health Grant pays for clinics on the outer islands."
            "\n\nGrant management\n\nThe Lagoon Office was principal recipient of the grant "
            "from 2015 until 2020. Since 2021 the Tide Council has been principal recipient.\n"
        )
    }
    engine = make_engine(page)
    answer, _ = engine.ask("who is principal recipient of the reef health grant")
    assert answer.named == ("the Tide Council",), answer.direct
    answer, _ = engine.ask("who was the principal recepient of the reef health grant before 2021")
    assert answer.named == ("the Lagoon Office",), answer.direct
    assert answer.direct == (
        "The Lagoon Office was principal recipient of the grant from 2015 until 2020 [1]"
    )
    # Nobody on the page is its fiscal agent.
    answer, _ = engine.ask("who is the fiscal agent of the reef health grant")
    assert answer.direct is None, answer.direct


def test_a_site_name_that_joins_the_programme_and_its_owner_names_the_programme(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "about.html": (
            "<html><head><title>About the programme</title>"
            '<meta property="og:site_name" content="Reef Container Watch | Lagoon Office">'
            "</head><body><h1>About the programme</h1><h2>Funding</h2><p>The programme is "
            "funded by Norway and the Tide Foundation.</p></body></html>"
        )
    }
    answer, _ = make_engine(page).ask("who funds reef container watch")
    assert answer.direct is not None
    assert answer.direct.startswith("Reef Container Watch is funded by"), answer.direct


def test_a_list_item_speaks_of_the_part_its_lead_in_names(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.html": (
            "<html><head><title>Reef Roads Programme</title></head><body><h1>Reef Roads "
            "Programme</h1><p>The Reef Roads Programme (RRP) makes island roads safer. It is "
            "implemented by the Lagoon Office.</p><h2>Structure</h2><p>The programme is "
            "organised into three pillars:</p><ul><li>Safer roads – barriers and crossings, "
            "paid for by Norway.</li><li>Crash data – led by the Tide Health Office, which "
            "keeps crash registers.</li><li>Road ratings – done by KRTV.</li></ul></body></html>"
        )
    }
    answer, _ = make_engine(page).ask("who leads the crash data pillar of rrp")
    assert answer.named == ("the Tide Health Office",), answer.direct


def test_a_bracketed_acronym_in_a_site_name_is_the_acronym(
    make_engine: Callable[..., Engine],
) -> None:
    # As the sidecar of a page imported before the site's name was read from the title's end.
    page = {
        "reef.md": (
            "---\ntitle: Reef Irrigation Facility\npublisher: (RIF) – Project profile | Ocean "
            "Tracker\n---\n# Reef Irrigation Facility\n\nThe Reef Irrigation Facility (RIF) "
            "lends to island farmers. The Lagoon Bank manages the facility. Component C is a "
            "window run by KRTV.\n"
        )
    }
    answer, _ = make_engine(page).ask("who manages rif")
    assert answer.direct is not None
    assert not answer.direct.startswith("("), answer.direct


def test_who_runs_is_not_answered_by_those_who_pay_and_who_funds_is(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Cold Chain Initiative\n\nThe initiative is implemented by the Lagoon Office "
            "together with KRTV, with financial support from Norway and the Tide Foundation.\n"
        )
    }
    engine = make_engine(page)
    answer, _ = engine.ask("who runs the reef cold chain initiative")
    assert answer.named == ("the Lagoon Office", "KRTV"), answer.direct
    answer, _ = engine.ask("who funds the reef cold chain initiative")
    assert set(answer.named) == {"Norway", "the Tide Foundation"}, answer.direct


def test_a_part_is_answered_by_the_sentence_about_it_not_a_list_of_the_wholes_partners(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Justice Programme\n\nPartners\n\nThe programme's partners are:\n"
            "- KRTV, which coordinates the police component;\n"
            "- the Lagoon Office, which leads the courts component;\n"
            "- the Tide Institute, which is in charge of the prisons component.\n"
        )
    }
    answer, _ = make_engine(page).ask(
        "who is in charge of the prison part of the reef justice programme"
    )
    assert answer.named == ("the Tide Institute",), answer.direct


def test_a_word_of_a_name_is_not_the_name_as_a_lines_subject(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Overview\n\nPartners\n\nAdditionally, the Reef Data Project (RDP) implemented "
            "by the Tide Office, World Ports Office and KRTV, trains harbour inspectors.\n"
        )
    }
    answer, _ = make_engine(page).ask("who runs the world")
    assert answer.direct is None, answer.direct


def test_a_list_named_in_turn_goes_on_into_the_next_passage_of_its_paragraph(
    make_engine: Callable[..., Engine],
) -> None:
    # One paragraph, too long for one passage: the last two partners fall in the next one.
    work = "and writes a yearly report on the state of the reefs of the region for the ministers"
    paragraph = " ".join(
        [
            "Kelp Count brings together five agencies, each of which brings its own skills.",
            f"The Reef Office leads on counting the kelp, trains the divers {work}.",
            f"The Tide Bank buys the boats and the fuel, keeps the accounts {work}.",
            f"The Lagoon Fund lends its divers to every survey, checks the counts {work}.",
            f"The Harbour Agency keeps the survey records, answers the press {work}.",
            f"The Sand Institute designs the courses for the wardens {work}.",
        ]
    )
    assert len(paragraph) > 700
    engine = make_engine({"kelp.txt": f"Kelp Count\n\nThe five partners\n\n{paragraph}\n"})
    answer, _ = engine.ask("who are the partners of kelp count")
    assert answer.named == (
        "the Reef Office",
        "the Tide Bank",
        "the Lagoon Fund",
        "the Harbour Agency",
        "the Sand Institute",
    ), answer.direct


def test_a_list_read_in_turn_beats_a_known_wording_of_one_of_its_names(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "kelp.txt": (
            "Kelp Count\n\nOur founding donors\n\nWhen Kelp Count was launched, three donors "
            "signed its charter. The Reef Union brought its survey boats. Norway put up most of "
            "the first money. Germany committed funds through its development ministry.\n"
        )
    }
    answer, _ = make_engine(page).ask("who are the donors behind kelp count")
    assert answer.named == ("the Reef Union", "Norway", "Germany"), answer.direct


@pytest.mark.parametrize(
    ("sentence", "founders"),
    [
        # Partners who do not found it, with the subject among them: fellow members.
        ("The Reef Network is a collaborative effort of KRTV, the Tide Bank and ReefWatch.", ()),
        ("Its founding partners are KRTV and the Tide Bank.", ("KRTV", "the Tide Bank")),
    ],
)
def test_partners_answer_who_founded_something_only_where_the_sentence_says_they_founded_it(
    make_engine: Callable[..., Engine], sentence: str, founders: tuple[str, ...]
) -> None:
    page = {"reef.txt": f"ReefWatch\n\nOur work\n\nReefWatch counts reef fish. {sentence}\n"}
    answer, _ = make_engine(page).ask("who founded reefwatch")
    assert answer.named == founders, answer.direct


@pytest.mark.parametrize(
    ("title", "text", "question", "names"),
    [
        (
            "Border Forum",
            "The Border Forum brings together ALPHA, BETA and the Kappa Council.",
            "who takes part in the border forum",
            ("ALPHA", "BETA", "the Kappa Council"),
        ),
        (
            "Reef Watch",
            "Implementation of Reef Watch is entrusted to the Kappa Council.",
            "who implements reef watch",
            ("the Kappa Council",),
        ),
        (
            "Reef Watch",
            "Responsibility for managing the programme rests with the Kappa Council.",
            "who manages reef watch",
            ("the Kappa Council",),
        ),
        (
            "Reef Watch",
            "The Kappa Council is responsible for the implementation of Reef Watch.",
            "who runs reef watch",
            ("the Kappa Council",),
        ),
        (
            "Reef Compact",
            "The Reef Compact is a partnership between ALPHA and the Beta Network (BN).",
            "who are the partners of the reef compact",
            ("ALPHA", "the Beta Network (BN)"),
        ),
        (
            "Northern Alliance",
            "The members of the Northern Alliance are ALPHA, BETA and the Delta Fund.",
            "who are the members of the northern alliance",
            ("ALPHA", "BETA", "the Delta Fund"),
        ),
        (
            "Clearwater",
            "Clearwater is a Nordic Council-funded programme, run by a consortium made up of the "
            "Lake Institute, ALPHA and the Delta Foundation.",
            "who funds clearwater",
            ("Nordic Council",),
        ),
        (
            "Clearwater",
            "Clearwater is a Nordic Council-funded programme, run by a consortium made up of the "
            "Lake Institute, ALPHA and the Delta Foundation.",
            "who runs clearwater",
            ("the Lake Institute", "ALPHA", "the Delta Foundation"),
        ),
        (
            "Clearwater Initiative",
            "Funding for the Clearwater Initiative comes from the Nordic Development Fund.",
            "who pays for the clearwater initiative",
            ("the Nordic Development Fund",),
        ),
        (
            "Delta Facility",
            "The Delta Facility operates under the auspices of the River Basin Authority (RBA).",
            "who runs the delta facility",
            ("the River Basin Authority (RBA)",),
        ),
        (
            "Reef Watch",
            "EUR 3 million from the Kappa Council underpins Reef Watch.",
            "who funds reef watch",
            ("the Kappa Council",),
        ),
    ],
)
def test_wordings_that_no_known_wording_reads_are_answered_from_evidence(
    make_engine: Callable[..., Engine], title: str, text: str, question: str, names: tuple[str, ...]
) -> None:
    answer, _ = make_engine({"page.txt": f"{title}\n\n{text}\n"}).ask(question)
    assert answer.named == names, answer.direct


def test_a_known_wording_of_another_part_gives_way_to_evidence_of_the_part_asked(
    make_engine: Callable[..., Engine],
) -> None:
    # Both are read, "is hosted by" as a known wording. Who runs the programme is told by
    # those who implement it, not by its host; who hosts it by its host.
    page = {
        "tidewatch.txt": (
            "TideWatch\n\n"
            "Governance\n\n"
            "The TideWatch Secretariat is hosted by the Lagoon Science Agency in Manila.\n\n"
            "Key facts\n\n"
            "Implementing agencies: the Coral Research Council, the Ocean Data Office\n"
        )
    }
    engine = make_engine(page)
    implemented, _ = engine.ask("who runs tidewatch")
    assert implemented.named == ("the Coral Research Council", "the Ocean Data Office")
    hosted, _ = engine.ask("who hosts tidewatch")
    assert hosted.named == ("the Lagoon Science Agency",)


def test_which_countries_are_answered_by_countries_only_from_a_known_wording_too(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "tidewatch.txt": (
            "TideWatch\n\nMoney\n\n"
            "TideWatch is funded by Sweden, the Tidewater Foundation and Japan. It watches "
            "the tides of eight countries.\n"
        )
    }
    engine = make_engine(page)
    countries, _ = engine.ask("which countries fund tidewatch")
    assert countries.named == ("Sweden", "Japan"), countries.direct
    everyone, _ = engine.ask("who funds tidewatch")
    assert everyone.named == ("Sweden", "the Tidewater Foundation", "Japan")


def test_an_acronym_that_is_an_english_word_is_a_name_in_a_list(
    make_engine: Callable[..., Engine],
) -> None:
    page = {"tidewatch.txt": "TideWatch\n\nKey facts\n\nPartners: FAO, UNEP, WHO, WOAH\n"}
    answer, _ = make_engine(page).ask("who are the partners of tidewatch")
    assert answer.named == ("FAO", "UNEP", "WHO", "WOAH"), answer.direct


def test_a_name_written_as_an_owner_is_what_the_names_play_a_part_in(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Fund\n\nMoney\n\nMost money comes from pledging conferences. The largest "
            "contributors over RF's history include Sweden, Norway and Japan.\n"
        )
    }
    engine = make_engine(page)
    answer, _ = engine.ask("who funds the reef fund")
    assert answer.named == ("Sweden", "Norway", "Japan"), answer.direct
    # The other direction reads the same claim.
    answer, _ = engine.ask("what does norway fund")
    assert answer.named == ("Reef Fund",), answer.direct


@pytest.mark.parametrize(
    ("sentence", "question", "names"),
    [
        (
            "The KRTV–Lagoon Science Agency–PSO initiative TideWatch counts storms.",
            "who is behind tidewatch",
            ("KRTV", "Lagoon Science Agency", "PSO"),
        ),
        (
            "The KRTV-PSO TideWatch Programme counts storms.",
            "who takes part in the tidewatch programme",
            ("KRTV", "PSO"),
        ),
    ],
)
def test_organisations_joined_by_dashes_before_a_programme_are_its_partners(
    make_engine: Callable[..., Engine], sentence: str, question: str, names: tuple[str, ...]
) -> None:
    page = {"tidewatch.txt": f"TideWatch\n\nAbout\n\n{sentence} It began in 2015.\n"}
    answer, _ = make_engine(page).ask(question)
    assert answer.named == names, answer.direct


def test_a_name_of_one_body_written_with_a_dash_names_no_partners(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "forests.txt": (
            "Forest Watch\n\nAbout\n\nThe UN-REDD Programme and the Asia-Pacific office run "
            "Forest Watch.\n"
        )
    }
    answer, _ = make_engine(page).ask("who runs forest watch")
    assert "REDD" not in answer.named and "Asia" not in " ".join(answer.named)


def test_a_question_about_a_post_is_answered_first_by_the_sentence_that_names_its_holder(
    make_engine: Callable[..., Engine],
) -> None:
    # "head" is no word of the page: it says "Executive Director", with the person's name.
    surveys = "".join(
        f"Survey {n}\n\nReefWatch counts coral on reef number {n} for ReefWatch.\n\n"
        for n in range(1, 7)
    )
    people = (
        "People\n\nAna Reyes of Fiji has been Executive Director of ReefWatch since 2019. The "
        "Board meets twice a year, in spring and in autumn, on one of the islands whose reefs "
        "the surveys cover.\n"
    )
    engine = make_engine({"reef.txt": f"ReefWatch\n\n{surveys}{people}"})
    answer, _ = engine.ask("who is the head of reefwatch")
    assert answer.direct is None
    assert "Ana Reyes" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    "question",
    [
        "who is the head of tidewatch",
        "who's the director of tidewatch",
        "who is tidewatch's director",
    ],
)
def test_a_question_about_who_holds_a_post_gets_passages_and_no_line_of_organisations(
    make_engine: Callable[..., Engine], question: str
) -> None:
    page = {
        "tidewatch.txt": (
            "TideWatch\n\nGovernance\n\nTideWatch is run by the Lagoon Science Agency. Its "
            "Executive Director, Ana Reyes, heads the secretariat.\n"
        )
    }
    engine = make_engine(page)
    answer, _ = engine.ask(question)
    assert answer.direct is None and "Ana Reyes" in answer.hits[0].passage.text
    run, _ = engine.ask("who runs tidewatch")
    assert run.named == ("the Lagoon Science Agency",)


# The development corpus's CREWS page: its best claim for "who funds" is "What CREWS funds"
# (CREWS the funder of CREWS); its donors are in a key fact further down the page.
CREWS_PAGE = Path(__file__).parent / "dev" / "documents" / "c-11-crews-initiative.html"


def test_a_claim_naming_only_the_subject_itself_gives_way_to_the_next_on_its_page(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine({"crews.html": CREWS_PAGE.read_text(encoding="utf-8")})
    answer, _ = engine.ask("who funds crews")
    assert answer.direct is not None and "funded by CREWS" not in answer.direct
    assert "Australia" in answer.named and "the United Kingdom" in answer.named


@pytest.mark.parametrize(
    "donors, named",
    [
        ("Iceland, Portugal and Chile", ("Iceland", "Portugal", "Chile")),
        ("Iceland, Trinidad and Tobago", ("Iceland", "Trinidad and Tobago")),
        ("the Bill and Melinda Gates Foundation", ("the Bill and Melinda Gates Foundation",)),
    ],
)
def test_and_between_two_countries_parts_them_and_inside_a_name_does_not(
    make_engine: Callable[..., Engine], donors: str, named: tuple[str, ...]
) -> None:
    page = (
        "About STORM\n\nThe Storm Warning Initiative (STORM) helps small islands warn people "
        f"of cyclones in time.\n\nKey facts\n\nSponsored by: {donors}.\n"
    )
    answer, _ = make_engine({"storm.txt": page}).ask("who sponsors storm")
    assert answer.named == named


def test_countries_asked_for_are_no_part_of_the_subject(
    make_engine: Callable[..., Engine],
) -> None:
    # "countries" in "which countries fund crews" says what the answer is, not what CREWS is
    # called: the line's subject must match "crews" alone.
    engine = make_engine({"crews.html": CREWS_PAGE.read_text(encoding="utf-8")})
    answer, _ = engine.ask("which countries fund crews")
    assert "Australia" in answer.named and "the United Kingdom" in answer.named


def test_the_line_calls_the_subject_by_the_name_the_question_uses_when_the_title_adds_words(
    make_engine: Callable[..., Engine],
) -> None:
    # The page's title is "IPCC Factsheet: What is the IPCC?": asked about "the ipcc", the
    # line is about the IPCC, not about the factsheet.
    page = Path(__file__).parent / "dev" / "documents" / "c-06-ipcc-factsheet"
    files = {
        f"ipcc{suffix}": page.with_suffix(suffix).read_text(encoding="utf-8")
        for suffix in (".md", ".yaml")
    }
    engine = make_engine(files)
    answer, _ = engine.ask("who set up the ipcc")
    assert answer.direct is not None and answer.direct.startswith("IPCC was set up by")


def test_a_line_names_the_subject_as_the_question_does_not_by_its_tables_heading(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef-networks.txt": (
            "Reef Movement\n\n"
            "The three Reef Networks\n\n"
            "Reef Business Network (RBN) | some 300 firms, most of them small; co-convened by "
            "the Lagoon Science Agency and the Harbour Bank\n\n"
            "Reef Science Network (RSN) | forty institutes that share survey data\n"
        )
    }
    answer, _ = make_engine(page).ask("who runs the reef business network")
    assert answer.direct is not None
    assert answer.direct.startswith("Reef Business Network")
    assert answer.named == ("the Lagoon Science Agency", "the Harbour Bank")


# A page whose title says nothing of what it is about; its <title> names the site's programme.
WHO_WE_ARE = (
    "<html><head><title>Who we are | Seabed Mapping Initiative</title></head><body><main>"
    "<h1>Who we are</h1><p>The Seabed Mapping Initiative (SMI) charts the ocean floor of the "
    "Pacific with the help of survey ships and volunteers.</p>"
    "<h2>Our core partners</h2><p>Three organisations steer the initiative together:</p><ul>"
    "<li>Lagoon Science Agency – sets the standards and runs the survey database.</li>"
    "<li>Harbour Bank – the largest private funder, also advising on strategy.</li>"
    "<li>Coral Research Council – lends its ships and trains the crews.</li></ul>"
    "</main></body></html>"
)


@pytest.mark.parametrize(
    "question",
    ["who are the partners of the seabed mapping initiative", "who are the core partners of smi"],
)
def test_a_list_of_partners_on_a_page_about_its_publisher_answers_for_the_publisher(
    make_engine: Callable[..., Engine], question: str
) -> None:
    answer, _ = make_engine({"who-we-are.html": WHO_WE_ARE}).ask(question)
    assert answer.direct is not None
    assert not answer.direct.startswith("Our core partners")
    assert answer.named == (
        "the Lagoon Science Agency",
        "the Harbour Bank (the largest private funder)",
        "the Coral Research Council",
    )


# A fund's own page titled only "Overview", whose donors' sentence names no subject; and
# another programme whose name shares the fund's first word.
REEF_FUND = {
    "reef-fund.txt": (
        "Overview\n\nWhat we do\n\nThe Reef Fund pays for reef surveys in small island "
        "states.\n\nWho pays for it\n\nPublic donors give most of the money. Leading donors "
        "include Sweden, Japan and Chile.\n"
    ),
    "reef-fund.yaml": "title: Overview\npublisher: The Reef Fund\n",
    "reef-programme.txt": (
        "Reef Programme on Coral Mapping\n\nMoney\n\nThe Reef Programme on Coral Mapping is "
        "funded by Norway and Peru.\n"
    ),
}


@pytest.mark.parametrize(
    "question", ["who funds the reef fund", "who are the donors of the reef fund"]
)
def test_a_fund_named_with_a_word_of_paying_is_told_apart_and_its_pages_sentences_are_its_own(
    make_engine: Callable[..., Engine], question: str
) -> None:
    # "fund" in "the reef fund" is a word of its name, as the pages write "The Reef Fund"; and
    # a sentence on the fund's own page that names no subject is about the fund, whose page
    # title says nothing.
    answer, _ = make_engine(REEF_FUND).ask(question)
    assert answer.named == ("Sweden", "Japan", "Chile")


def test_a_passage_that_says_who_plays_the_part_comes_first_from_deep_in_the_ranking(
    make_engine: Callable[..., Engine],
) -> None:
    # Every passage names the Reef Panel; the one on its money shares no word with "who pays".
    work = "".join(
        f"Work {n}\n\nThe Reef Panel (RP) assesses reef survey number {n} for the RP.\n\n"
        for n in range(1, 9)
    )
    money = (
        "Money\n\nThe Panel's work is paid for by a trust. Money comes from annual "
        "contributions by Norway and the Harbour Bank.\n"
    )
    # Read from evidence, a claim must be strong; ranked ninth, it would be too weak.
    strict = AnswerSettings(min_role_evidence=0.9)
    engine = make_engine({"panel.txt": f"Reef Panel\n\n{work}{money}"}, strict)
    answer, _ = engine.ask("who pays for the rp")
    assert answer.named == ("Norway", "the Harbour Bank")
    assert "Harbour Bank" in answer.hits[0].passage.text


def test_a_subject_that_names_part_of_a_name_asked_about_is_another_one(
    make_engine: Callable[..., Engine],
) -> None:
    # "global" alone is not "the global fund": the Reef Programme's funders are not the Reef
    # Fund's, which its page does not give. "fund" is a common word here, "reef" a rarer one.
    engine = make_engine(
        {
            "reef-fund.txt": (
                "Reef Fund\n\nThe Reef Fund pays for reef surveys in small island states.\n"
            ),
            "reef-programme.txt": (
                "Reef Programme on Coral Mapping\n\nMoney\n\nThe Reef Programme on Coral "
                "Mapping is funded by Norway and Peru.\n"
            ),
            "other.txt": (
                "Other funds\n\nA fund for ports.\n\nA fund for roads.\n\nA fund for "
                "schools.\n\nA fund for rivers.\n\nA fund for farms.\n"
            ),
        }
    )
    answer, _ = engine.ask("who funds the reef fund")
    assert "Norway" not in (answer.direct or "")
    # The programme, asked about, still gets its line.
    answer, _ = engine.ask("who funds the reef programme on coral mapping")
    assert answer.named == ("Norway", "Peru")


# A fund's page, written the way real ones are: its full name with an acronym, the money it
# gives as a sentence of its own, and its donors ranked.
REEF_FUND_PAGE = {
    "reef-fund.txt": (
        "Reef Fund\n\nAbout\n\nThe United Nations Secretary-General's Reef Fund (RF) is the "
        "UN's main instrument for financing coastal protection.\n\nDonors\n\nMost money "
        "comes from member states. Germany has been the largest contributor in recent years, "
        "followed by the Netherlands, Sweden and Japan.\n"
    )
}


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("who funds the un reef fund", ("Germany", "the Netherlands", "Sweden", "Japan")),
        ("who gives the most money to the un reef fund", ("Germany",)),
        ("who is the largest donor of the rf", ("Germany",)),
    ],
)
def test_the_first_of_a_ranking_answers_who_gives_the_most_and_the_fund_never_funds_itself(
    make_engine: Callable[..., Engine], question: str, named: tuple[str, ...]
) -> None:
    # "the un reef fund" is the RF, which its page names in full: "The United Nations
    # Secretary-General's Reef Fund (RF)" is the subject, not one who funds it.
    answer, _ = make_engine(REEF_FUND_PAGE).ask(question)
    assert answer.named == named


def test_a_body_named_by_its_acronym_and_then_in_full_is_named_once(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "ReefWatch\n\nAbout\n\nThe Reef Development Foundation (RDF) trains divers in "
                "six island states.\n\nManagement\n\nReefWatch is led by RDF, the Reef "
                "Development Foundation, which manages it from Suva.\n"
            )
        }
    )
    answer, _ = engine.ask("who leads reefwatch")
    assert answer.named == ("RDF",)


def test_a_subject_asked_by_the_long_name_its_page_writes_in_full_gets_its_line(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef-fund.txt": (
                "Overview\n\nWhat we do\n\nThe Reef Fund for Coral and Mangrove Protection "
                "pays for surveys in small island states.\n\nWho pays for it\n\nPublic donors "
                "give most of the money. Leading donors include Sweden, Japan and Chile.\n"
            ),
            "reef-fund.yaml": "title: Overview\npublisher: The Reef Fund\n",
        }
    )
    answer, _ = engine.ask("who funds the reef fund for coral and mangrove protection")
    assert answer.named == ("Sweden", "Japan", "Chile")


# An initiative with a fund of its own, which another body administers.
REEF_INITIATIVE = {
    "reef.txt": (
        "Reef Initiative\n\nPartners\n\n- the Coral Council\n- the Lagoon Agency\n\n"
        "Money\n\nFunds are pooled in the Reef Initiative Fund, a multi-partner trust fund "
        "administered by the Trust Office.\n"
    )
}


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("who manages the reef initiative fund", ("the Trust Office",)),
        ("who is behind the reef initiative", ("the Coral Council", "the Lagoon Agency")),
    ],
)
def test_a_fund_of_an_initiative_is_another_thing_than_the_initiative(
    make_engine: Callable[..., Engine], question: str, named: tuple[str, ...]
) -> None:
    answer, _ = make_engine(REEF_INITIATIVE).ask(question)
    assert answer.named == named


def test_of_two_wordings_about_the_subject_the_one_of_the_part_asked_answers(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "ReefWatch\n\nWhat is ReefWatch?\n\nReefWatch is a cooperation programme of the "
                "European Union. ReefWatch is implemented by the Lagoon Agency and the Coral "
                "Council.\n"
            )
        }
    )
    answer, _ = engine.ask("who manages reefwatch")
    assert answer.named == ("the Lagoon Agency", "the Coral Council")


def test_who_founded_is_answered_where_the_corpus_never_says_founded(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "mangroves.md": (
            "# Mangrove Restoration Alliance\n\n"
            "The Mangrove Restoration Alliance (MRA) replants coastal forests in South-East "
            "Asia.\n\n"
            "## Origins\n\n"
            "In 2015 three organisations – the Harbour Bank, the Lagoon Science Agency and the "
            "Government of Indonesia – joined forces to launch the alliance.\n"
        ),
        # Another page, so that a word the corpus lacks weighs as it does in a real corpus.
        "locusts.txt": "Desert Locust Watch\n\nDesert Locust Watch (DLW) warns of swarms.\n\n"
        + "".join(
            f"Region {n}\n\nNational units of region {n} send field reports every week.\n\n"
            for n in range(12)
        ),
    }
    engine = make_engine(pages)
    founders = ("the Harbour Bank", "the Lagoon Science Agency", "the Government of Indonesia")
    for question in ("who founded the mangrove restoration alliance", "who founded the mra"):
        answer, _ = engine.ask(question)
        assert not answer.no_answer
        assert answer.named == founders
    # Where no passage says who founded it, the word the corpus lacks still refuses it.
    unsaid, _ = engine.ask("who founded dlw")
    assert unsaid.no_answer


def test_a_past_host_named_in_a_clause_that_says_it_is_who_hosted_before(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "mangroves.txt": (
            "Mangrove Alliance\n\n"
            "The Mangrove Alliance replants coastal forests.\n\n"
            "Governance\n\n"
            "Since 2021 the alliance secretariat has been hosted by the Harbour Bank in Manila; "
            "before that it was housed at the Reef Council's regional office in Suva.\n"
        )
    }
    engine = make_engine(page)
    before, _ = engine.ask("who hosted the mangrove alliance secretariat before")
    now, _ = engine.ask("who hosts the mangrove alliance secretariat")
    assert before.named == ("the Reef Council",)
    assert now.named == ("the Harbour Bank",)


def test_a_part_no_cue_reads_gets_no_line_of_another_part(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Watch\n\n"
            "Reef Watch is coordinated by the Lagoon Agency. The Harbour Bank and KRTV sit in "
            "as observers.\n"
        )
    }
    engine = make_engine(page)
    observers, _ = engine.ask("who are the observers of reef watch")
    runs, _ = engine.ask("who coordinates reef watch")
    assert observers.direct is None and observers.hits
    assert runs.named == ("the Lagoon Agency",)


def test_who_the_lenders_are_is_who_funds_by_loans(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "bus.txt": (
            "Quito Zero-Emission Bus Renewal Project\n\nFinancing\n\nThe project is executed by "
            "the Quito Transport Company. The loans come from the Andean Development Bank and "
            "from the European Investment Bank (EIB).\n"
        )
    }
    answer, _ = make_engine(page).ask("who are the lenders for the quito e-bus project")
    assert answer.named == ("the Andean Development Bank", "the European Investment Bank (EIB)")


def test_which_countries_passes_over_funders_that_are_no_countries_and_an_acronym_names_the_page(
    make_engine: Callable[..., Engine],
) -> None:
    page = (
        "<html><head><title>Who we are | Seabed Mapping Initiative</title></head><body><main>"
        "<h1>Who we are</h1><p>The Global Seabed Mapping Initiative (GSMI) charts the ocean "
        "floor of the Pacific.</p>"
        "<h2>Our core partners</h2><p>Two organisations steer the initiative:</p><ul>"
        "<li>Lagoon Science Agency – sets the standards.</li>"
        "<li>Harbour Bank – the largest private funder.</li></ul>"
        "<h2>Funding</h2><table><tr><th>Contributor</th><th>Share</th></tr>"
        "<tr><td>Harbour Bank</td><td>40%</td></tr><tr><td>Norway</td><td>5%</td></tr>"
        "<tr><td>Japan</td><td>4%</td></tr></table>"
        "</main></body></html>"
    )
    answer, _ = make_engine({"who-we-are.html": page}).ask("which countries fund gsmi")
    assert answer.named == ("Norway", "Japan")


def test_a_name_the_page_says_plays_no_part_is_never_given_by_the_evidence(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "air.txt": (
            "Lagoon Clean Air Partnership\n\n"
            "The Lagoon Clean Air Partnership (LCAP) measures air quality in harbour towns.\n\n"
            "LCAP and national schemes\n\n"
            "LCAP is different from the National Reef Air Scheme (NRAS), a government scheme "
            "that gives money to towns for their own plans. LCAP neither receives nor passes "
            "on NRAS money.\n"
        )
    }
    answer, _ = make_engine(page).ask("whos paying for the lagoon clean air partnership")
    assert not any("NRAS" in name for name in answer.named or ()), answer.direct


def test_a_question_about_the_past_is_not_answered_by_a_wording_of_the_present() -> None:
    # A page of the third web corpus: its partners' table says who clears the land now ("are
    # carried out by UXO Lao"), its funding section who managed the money until 2019.
    root = Path(__file__).resolve().parent
    config = load_config(root.parent / "config.yaml")
    engine = engine_for(root / "dev-web3" / "documents", config.corpus, config.answers)
    answer, _ = engine.ask("who managed the safe fields savannakhet funds before 2020")
    assert answer.named == ("the United Nations Development Programme (UNDP)",), answer.direct
    assert engine.ask("who runs safe fields savannakhet")[0].named == ("UXO Lao",)


def test_a_subject_that_begins_the_name_of_its_site_is_what_the_site_is_about(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "partners.html": (
            "<html><head><title>Our partners</title>"
            '<meta property="og:site_name" content="ReefScreen Pacific">'
            "</head><body><h1>Our partners</h1><h2>Lead organisation</h2><p>ReefScreen is led"
            " by the Lagoon Rights Network, a federation of island groups.</p>"
            "<h2>Founding partners</h2><p>The coalition was founded in 2020 by three"
            " organisations:</p><ul><li>Lagoon Rights Network (LRN), Fiji</li>"
            "<li>Tide Helpline Trust, which runs the helpline in Samoa</li>"
            "<li>Coral Schools Forum (CSF), a network of teachers</li></ul></body></html>"
        )
    }
    answer, _ = make_engine(page).ask("who leads reefscreen pacific")
    assert answer.named == ("the Lagoon Rights Network",), answer.direct


def test_a_programme_may_be_asked_by_the_other_name_its_page_gives_its_acronym(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "recovi.txt": (
            "About RECOVI\n\nThe Red Coralina de Vigilancia del Arrecife (RECOVI), or Coral Reef"
            " Watch Network, counts the fish of the reefs of four countries.\n\nFunding\n\n"
            "RECOVI is financed by the Lagoon Trust.\n"
        ),
        "other.txt": "Reef Fund\n\nThe Reef Fund is financed by the Tide Office.\n",
    }
    answer, _ = make_engine(page).ask("who funds the coral reef watch network")
    assert answer.named == ("the Lagoon Trust",), answer.direct


def test_the_evidence_never_names_one_its_passage_says_does_not_play_the_part_asked(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "reef.txt": (
            "Reef Watch\n\nReef Watch counts reef fish in four countries.\n\nFunding\n\n"
            "Reef Watch is paid for by two donors. The Lagoon Office provides core funding for"
            " staff. The Coral Agency (CA) supplies maps and shares alerts, but it does not"
            " fund the programme.\n"
        ),
        "other.txt": "Tide Fund\n\nThe Tide Fund is financed by the Harbour Bank.\n",
    }
    answer, _ = make_engine(page).ask("who funds reef watch")
    assert "the Coral Agency (CA)" not in answer.named, answer.direct
    assert "the Lagoon Office" in answer.named, answer.direct


def test_what_it_is_funded_by_after_a_sentence_about_another_programme_is_that_ones(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "lcp.txt": (
            "Lagoon Care Partnership (LCP)\n\nFunding\n\nThe partnership is paid for by the"
            " Government of Denmark.\n\nNot to be confused\n\nThe same coasts are also served by"
            " the Reef Watch Project, which shares staff with LCP but is a separate project. It"
            " is funded by the Government of Japan.\n"
        ),
        "other.txt": "Tide Fund\n\nThe Tide Fund is financed by the Harbour Bank.\n",
    }
    answer, _ = make_engine(page).ask("who pays for lcp")
    assert answer.named == ("the Government of Denmark",), answer.direct


def test_a_news_story_is_about_the_undertaking_its_lead_names_where_its_headline_shares_a_word(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "story.html": (
            "<html><head><title>Reef partners take stock after a calm season</title>"
            '<meta property="og:site_name" content="Island Health Dispatch"></head><body>'
            "<h1>Reef partners take stock after a calm season</h1><p>Fewer divers were hurt"
            " this year, but boats still ran short.</p><p>Partners of the Lagoon Reef Care"
            " Partnership (LRCP) met on Monday in Suva to review the season.</p>"
            "<h2>Who is behind the partnership</h2><p>The partnership is paid for by the"
            " Government of Denmark and by the Tide Trust.</p><h2>Not to be confused</h2>"
            "<p>The same islands are also served by the Coral Rescue Project, which shares staff"
            " with LRCP. It is funded by the Government of Japan.</p></body></html>"
        ),
        "other.txt": "Harbour Fund\n\nThe Harbour Fund is financed by the Harbour Bank.\n",
    }
    answer, _ = make_engine(page).ask("who pays for the lagoon reef care partnership")
    assert answer.named == ("the Government of Denmark", "the Tide Trust"), answer.direct


def test_a_page_of_key_facts_is_about_the_name_its_name_line_gives(
    make_engine: Callable[..., Engine],
) -> None:
    # The title says what kind of page it is; the name line says what it is about, and a
    # sentence of its financing section that names no programme speaks of that.
    page = {
        "profile.html": (
            "<html><head><title>Project Information</title></head><body>"
            "<h1>Project Information</h1><table><tr><td>Project name</td>"
            "<td>Reef Dams Programme (RDP)</td></tr><tr><td>Country</td><td>Fiji</td></tr>"
            "</table><h2>Background</h2><p>The programme repairs old dams on the main island.</p>"
            "<h2>Financing</h2><p>The Lagoon Bank lends US$40 million for the civil works.</p>"
            "</body></html>"
        ),
        "other.txt": "Harbour Fund\n\nThe Harbour Fund is financed by the Harbour Bank.\n",
    }
    answer, _ = make_engine(page).ask("who lends the money for the reef dams programme")
    assert answer.named == ("the Lagoon Bank",), answer.direct


def test_the_year_a_question_asks_about_is_no_word_of_its_subject(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "haven.txt": (
            "Caribbean Safe Haven Network\n\nThe network runs twenty shelters for women.\n\n"
            "Our funders\n\nThe network is funded by the"
            " Government of Canada.\n\nFrom 2017 to 2020 the network's pilot phase was funded"
            " by the Lagoon Trust Fund.\n"
        ),
        "other.txt": "Harbour Fund\n\nThe Harbour Fund is financed by the Harbour Bank in 2021.\n",
    }
    answer, _ = make_engine(page).ask("who funded the caribbean shelter network before 2021")
    assert answer.named == ("the Lagoon Trust Fund",), answer.direct


# A body named half with the words of the project it serves.
LAKE = {
    "lake.txt": (
        "Lake Chad Border Health Project\n\n"
        "Management\n\n"
        "The coordination unit is hosted in N'Djamena by the Lake Chad Basin Commission. "
        "Its accounts are kept by the Lake Chad Border Health Project itself.\n"
    )
}
# A platform that moved to a new host, which the page names more rarely than the network.
PLATFORM = {
    "air.txt": (
        "Sensors for cleaner air\n\n"
        "About\n\n"
        "The Clean Air Sensor Network (CASN) puts air sensors in schools. It is owned by the "
        "National Weather Agency (NWA).\n\n"
        "Who does what\n\n"
        "Until 2023 the data platform was hosted by the University of Ulaanbaatar. Since then "
        "it has been hosted by NWA's own data centre.\n\n"
        "CASN schools share their readings with parents.\n\n"
        "CASN sends text alerts.\n"
    )
}


def test_a_body_of_a_kind_the_question_does_not_name_is_not_its_subject(
    make_engine: Callable[..., Engine],
) -> None:
    # "Lake Chad Basin Commission" shares half its words with the project, but is a commission.
    answer, _ = make_engine(LAKE).ask(
        "who hosts the coordination unit of the lake chad border health project"
    )
    assert answer.named == ("the Lake Chad Basin Commission",)


def test_where_a_part_is_hosted_is_answered_by_its_host_and_not_about_a_point_of_reference(
    make_engine: Callable[..., Engine],
) -> None:
    answer, _ = make_engine(PLATFORM).ask(
        "where was the casn data platform hosted before nwa took it over"
    )
    assert answer.named == ("the University of Ulaanbaatar",)
    # What the platform moved to is no name of the network.
    assert answer.direct == "CASN was hosted by the University of Ulaanbaatar [1]"


@pytest.mark.parametrize(
    ("sentence", "question", "named"),
    [
        (
            "The Harbour Development Agency (HDA) is financing the programme with a grant.",
            "who pays for the dispatch programme",
            ("the Harbour Development Agency (HDA)",),
        ),
        (
            "Since 2019 the Lagoon Office has been implementing the programme in four districts.",
            "who implements the dispatch programme",
            ("the Lagoon Office",),
        ),
    ],
)
def test_a_verb_in_the_progressive_names_its_doers_before_it(
    make_engine: Callable[..., Engine], sentence: str, question: str, named: tuple[str, ...]
) -> None:
    page = {"dispatch.txt": f"Dispatch Programme\n\nPeople\n\n{sentence}\n"}
    answer, _ = make_engine(page).ask(question)
    assert answer.named == named, answer.direct


def test_a_doers_sentence_says_the_asked_verb_in_any_of_its_forms(
    make_engine: Callable[..., Engine],
) -> None:
    from retrieval.roles import Claim, Role

    engine = make_engine(
        {"aps.txt": "Annual Report\n\nIn brief\n\nAPS is underwritten by Teranga Life.\n"}
    )
    query = engine.searcher.analyze("which company underwrites aps")
    sentence = "APS is underwritten by Teranga Life."
    claim = Claim(("Teranga Life",), Role.RUN, "", sentence, 0, False, "", span=(0, len(sentence)))
    topic = {"underwrit", "aps"}
    # "underwritten" and "underwrites" stem apart; the doers were found by the verb's forms.
    alone = engine._who.roles.share(query, topic, 0, claim)
    said = engine._who.roles.share(query, topic, 0, claim, frozenset({"underwrit"}))
    assert alone < said == 1.0


def test_a_lead_that_says_what_its_first_name_is_names_the_page_s_subject(
    make_engine: Callable[..., Engine],
) -> None:
    # A blog whose title names nothing asked: its lead says what the page is about.
    page = {
        "blog.txt": (
            "Field notes: a week on the boats\n\nBackground\n\nPeople ask what I do all day.\n\n"
            "Tide Keepers (roughly “guardians of the tide”) is the programme I work for. It "
            "trains fishers to record their catch.\n\nMoney\n\nThe whole thing is funded by the "
            "Government of Norway.\n"
        ),
        "other.txt": "Harbour Watch\n\nHarbour Watch trains port police.\n",
    }
    answer, _ = make_engine(page).ask("who pays for tide keepers")
    assert answer.direct == "Tide Keepers is funded by the Government of Norway [1]"


def test_payers_go_on_after_a_remark_and_and_by(make_engine: Callable[..., Engine]) -> None:
    page = {
        "kg.txt": (
            "Little Steps Kindergartens\n\nMoney\n\nThe programme is financed by the Harbour "
            "Bank through a USD 9 million grant from the Island Fund for Prosperous and "
            "Resilient Atolls, and by the Reef Foundation, which contributes USD 3 million for "
            "play materials.\n"
        ),
        "other.txt": "Harbour Watch\n\nHarbour Watch trains port police.\n",
    }
    answer, _ = make_engine(page).ask("who finances the little steps kindergartens")
    assert answer.named is not None
    assert {"the Harbour Bank", "the Reef Foundation"} <= set(answer.named)


def test_payers_go_on_with_co_financing_from(make_engine: Callable[..., Engine]) -> None:
    page = {
        "grid.txt": (
            "Valley Grid Programme\n\nMoney\n\nThe programme is financed by the Harbour Bank, "
            "which has approved loans of USD 240 million, with co-financing from the Reef "
            "Foundation.\n"
        ),
        "other.txt": "Harbour Watch\n\nHarbour Watch trains port police.\n",
    }
    answer, _ = make_engine(page).ask("valley grid programme – who finances it?")
    assert answer.named is not None
    assert {"the Harbour Bank", "the Reef Foundation"} <= set(answer.named)


# A page whose paragraph on money never names the programme, below a line of key facts that
# names it in other words.
HOPPERS = {
    "hoppers.txt": (
        "Steppe Hopper Watch\n\n"
        "Steppe Hopper Watch is a regional project for monitoring grasshopper swarms across "
        "the river plains of the Aral basin.\n\n"
        "Coordination: Regional Plant Protection Office for the Aral basin, Nukus\n\n"
        "How it works\n\n"
        "Scouts walk fixed routes each spring and send counts of hopper bands by phone, so that "
        "spraying is done early and on small areas.\n\n"
        "Money\n\n"
        "Most of the money comes from the Government of Norway. The Caspian Development Bank "
        "(CDB) added a grant in 2023 that bought survey trucks.\n"
    )
}


def test_who_pays_with_no_line_puts_first_the_pages_passage_that_says_who_pays(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(HOPPERS)
    answer, _ = engine.ask("who pays for the grasshopper monitoring project in the aral basin")
    assert answer.hits[0].passage.text.startswith("Most of the money comes from")


def test_a_best_passage_that_speaks_of_the_part_asked_stays_first(seed_index: Index) -> None:
    answer, _ = Engine(seed_index, AnswerSettings()).ask(
        "who at the un does interpol partner with on peacekeeping"
    )
    assert answer.hits[0].passage.text.startswith("INTERPOL works with the Police Division")


# A page whose sentence on who supplies the rats names neither the programme nor its place.
RATS = {
    "rats.txt": (
        "Safe Fields Pailin\n\n"
        "About\n\n"
        "Safe Fields Pailin clears landmines from farmland in Pailin province, Cambodia, with "
        "deminers and mine detection rats.\n\n"
        "Partners\n\n"
        "Mine detection rats are supplied and handled by the Kivu Pouch Foundation, a charity "
        "that trains giant pouched rats to smell explosives.\n\n"
        "Money\n\n"
        "The work is funded by the Lotus Fund.\n"
    )
}


def test_a_sentence_with_the_verb_next_to_its_object_on_the_best_page_says_who_does_it(
    make_engine: Callable[..., Engine],
) -> None:
    answer, _ = make_engine(RATS).ask("who supplies the rats for the cambodia landmine programme")
    assert answer.named == ("the Kivu Pouch Foundation",), answer.direct


# A page with one sentence that says who buys, in words of neither the question's subject nor
# what it asks is bought, and one that says who provides something else.
VANILLA = {
    "vanilla.txt": (
        "Annual report 2024\n\n"
        "About\n\n"
        "Tsara Lavanila helps vanilla farmers in the Sava region of Madagascar cure better "
        "beans and sell them at a fair price through their cooperatives.\n\n"
        "Trade\n\n"
        "Each year the whole harvest is bought by the Grasse Flavour Company under a contract "
        "that sets a floor price.\n\n"
        "Money\n\n"
        "The Lotus Fund provides most of the budget.\n"
    )
}


def test_the_only_doers_of_a_telling_verb_on_the_best_page_say_who_does_it(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(VANILLA)
    answer, _ = engine.ask("who buys the vanilla from the sava cooperatives")
    assert answer.named == ("the Grasse Flavour Company",), answer.direct
    # "Provides" says too little of what is done to be read without the question's words.
    answer, _ = engine.ask("who provides the curing ovens for the sava cooperatives")
    assert answer.direct is None, answer.direct


# A page whose sentence on who trains the volunteers names no body, so that no line is read.
VOLUNTEERS = {
    "volunteers.txt": (
        "Safe Fields Pailin\n\n"
        "About\n\n"
        "Safe Fields Pailin clears landmines from farmland in Pailin province with deminers and "
        "village volunteers, who mark suspected fields for Safe Fields Pailin teams.\n\n"
        "Training\n\n"
        "Each spring the volunteers are trained by senior deminers from the provincial office "
        "in how to report a find.\n"
    ),
    "lagoon.txt": "Lagoon Watch\n\nLagoon Watch teaches fishers to count fish.\n",
}


def test_with_no_line_the_pages_sentence_with_the_verb_next_to_its_object_comes_first(
    make_engine: Callable[..., Engine],
) -> None:
    answer, _ = make_engine(VOLUNTEERS).ask("who trains the volunteers in safe fields pailin")
    assert answer.direct is None
    assert answer.hits[0].passage.text.startswith("Each spring the volunteers are trained")


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("who paid for the pilot of the dune trust", ("the Lagoon Council",)),
        ("who funded the dune trust in 2024", ("the Harbour Office",)),
    ],
)
def test_a_claim_that_says_the_part_or_year_asked_about_names_its_players(
    make_engine: Callable[..., Engine], question: str, named: tuple[str, ...]
) -> None:
    page = {
        "dune.txt": (
            "Dune Trust\n\nFunding\n\nThe Dune Trust restores dunes on three coasts and is "
            "funded by the Tide Bank. A pilot phase from 2016 to 2018 was paid for by the "
            "Lagoon Council. In 2024 the trust was also financed by the Harbour Office.\n"
        ),
        "reef.txt": "Reef Fund\n\nThe Reef Fund is financed by the Coral Bank.\n",
    }
    answer, _ = make_engine(page).ask(question)
    assert answer.named == named, answer.direct


# A programme page whose certifier and builder are named with no word that says they are
# bodies, and whose own name, in its title, also says what it does.
ARGAN = {
    "argan.txt": (
        "Tafyout Argan Futures\n\n"
        "Who does what\n\n"
        "Argan oil sold under the Argane label must be checked by an independent body. For "
        "Tafyout cooperatives this is Certisud Maroc, which certifies the label and the organic "
        "standard.\n\n"
        "Tafyout Argan Futures builds drying sheds for the cooperatives. The new sheds are "
        "built by Atlas Batiment Sud under a contract with the ministry.\n"
    )
}


def test_a_name_no_word_says_is_a_body_does_what_its_sentence_says(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(ARGAN)
    answer, _ = engine.ask("who certifies tafyout argan oil")
    assert answer.named == ("Certisud Maroc",), answer.direct
    # The programme of the page's title is what it is about, not who builds for it.
    answer, _ = engine.ask("who builds the drying sheds for the tafyout cooperatives")
    assert answer.named == ("Atlas Batiment Sud",), answer.direct


# A facts box labels the funder; the page's prose says the same in a sentence.
LAKESIDE = {
    "lakeside.html": (
        "<html><head><title>Lakeside Water Fund</title></head><body><main>"
        "<h1>Lakeside Water Fund</h1>"
        "<h2>At a glance</h2><dl><dt>Funding</dt><dd>Nordic Water Trust</dd>"
        "<dt>Started</dt><dd>2015</dd></dl>"
        "<h2>About the fund</h2>"
        "<p>The Lakeside Water Fund pays for hand pumps and rain tanks in fishing villages on "
        "the northern shore.</p>"
        "<p>Since 2015 the work has been funded by the Nordic Water Trust under a ten-year "
        "agreement, renewed in 2022, which also pays for training the village pump mechanics "
        "and for the yearly water quality survey carried out by district health staff.</p>"
        "</main></body></html>"
    )
}


def test_a_line_read_from_a_label_cites_the_sentence_that_says_the_same_in_full(
    make_engine: Callable[..., Engine],
) -> None:
    answer, _ = make_engine(LAKESIDE).ask("who funds the lakeside water fund")
    assert answer.named == ("the Nordic Water Trust",), answer.direct
    assert answer.hits[0].passage.text.startswith("Since 2015 the work has been funded")


# A table of partners and their parts, two rows naming the co-chairs; the first says where
# its body is.
LAGOON_TABLE = (
    "<html><head><title>Lagoon Data Programme</title></head><body><main>"
    "<h1>Lagoon Data Programme</h1><p>The Lagoon Data Programme (LDP) helps statistics offices "
    "of four coastal states count fishing households.</p><h2>Partners</h2><table><tr>"
    "<th>Partner</th><th>Role</th></tr><tr><td>Coastal Statistics Office (CSO), Ghana</td>"
    "<td>Co-chair of the Steering Committee</td></tr><tr><td>Harbour Planning Commission (HPC)"
    "</td><td>Co-chair of the Steering Committee</td></tr><tr><td>Reef Survey Institute</td>"
    "<td>Field surveys</td></tr></table>"
)
LAGOON_PROSE = (
    "<h2>How it is run</h2><p>Since 2021 the programme has been co-chaired by the Coastal "
    "Statistics Office (CSO) and the Harbour Planning Commission (HPC), which take turns to "
    "host the yearly meeting of its member states.</p>"
)
LAGOON_END = "</main></body></html>"


def test_rows_of_a_table_that_say_one_part_name_all_who_play_it_and_not_where_they_are(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine({"lagoon.html": LAGOON_TABLE + LAGOON_END})
    answer, _ = engine.ask("who co-chairs the ldp steering committee")
    assert set(answer.named) == {
        "Coastal Statistics Office (CSO)",
        "Harbour Planning Commission (HPC)",
    }, answer.direct


def test_a_line_read_from_rows_cites_the_sentence_that_says_the_same_of_them_all(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine({"lagoon.html": LAGOON_TABLE + LAGOON_PROSE + LAGOON_END})
    answer, _ = engine.ask("who co-chairs the ldp steering committee")
    assert len(answer.named) == 2, answer.direct
    assert answer.hits[0].passage.text.startswith("Since 2021 the programme has been co-chaired")


def test_payers_of_one_sentence_each_giving_an_amount_add_up(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "Reef Data Fund\n\nAbout\n\nThe Reef Data Fund pays island fisheries offices to "
                "share catch records.\n\nMoney\n\nThe fund relies on the Harbour Bank, which has "
                "committed USD 12 million, and on Norway, whose development agency is providing "
                "EUR 5 million.\n"
            )
        }
    )
    answer, _ = engine.ask("who funds the reef data fund")
    assert answer.named == ("the Harbour Bank", "Norway"), answer.direct


def test_payers_of_one_sentence_by_different_cues_each_with_an_amount_add_up(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "reef.txt": (
                "Reef Data Fund\n\nAbout\n\nThe Reef Data Fund pays island fisheries offices to "
                "share catch records.\n\nMoney\n\nThe money comes from two donors: the Harbour "
                "Bank, which runs a regional office in Suva, provides a grant of EUR 3.5 million, "
                "and the Lagoon Development Service adds CHF 550,000 for women fishers.\n"
            )
        }
    )
    answer, _ = engine.ask("who funds the reef data fund")
    assert answer.named == ("the Harbour Bank", "the Lagoon Development Service"), answer.direct


def test_what_a_pages_first_sentence_says_its_subject_is_names_it_for_a_claim_of_its_page(
    make_engine: Callable[..., Engine],
) -> None:
    # The question describes the partnership as its first sentence does, not by its name.
    engine = make_engine(
        {
            "partners.html": (
                "<html><head><title>Our partners – Reef Corridors Partnership</title></head>"
                "<body><main><h1>Our partners</h1><p>The Reef Corridors Partnership (RCP) "
                "protects turtle nesting beaches along the coasts of Fiji and Tonga.</p><h2>"
                "Financing</h2><p>Financing comes from a trust fund administered by the Harbour "
                "Bank. The fund receives money from Norway.</p></main></body></html>"
            ),
            "reef.txt": "Reef Watch\n\nReef Watch counts fish on nine reefs in the Pacific.\n",
        }
    )
    query = engine.searcher.analyze("who manages the trust fund for the fiji tonga turtle beaches")
    topic = set(engine._topic(query))
    position, claim = next(
        (p, c)
        for p in range(len(engine.index.passages))
        for c in engine.claims_in(p)
        if c.names == ("the Harbour Bank",)
    )
    roles = engine._who.roles
    assert roles.share(query, topic, position, claim) >= roles.min_subject_match


def test_a_relation_about_a_pages_subject_is_matched_by_what_its_first_sentence_says_it_is(
    make_engine: Callable[..., Engine],
) -> None:
    # "Lagoon Counts" alone names too little of "the lagoon household survey partnership"; the
    # page's first sentence says that is what Lagoon Counts is.
    engine = make_engine(
        {
            "counts.html": (
                "<html><head><title>Lagoon Counts | Programme overview</title></head><body>"
                "<main><h1>Programme overview</h1><p>Lagoon Counts is a partnership that "
                "supports the household surveys of six island states.</p><h2>Who leads it</h2>"
                "<p>Lagoon Counts is led by the Statistics Unit of the Island Forum (IFSU). A "
                "board of national statisticians sets its priorities each year.</p></main>"
                "</body></html>"
            ),
            "reef.txt": "Reef Watch\n\nReef Watch counts fish on nine reefs in the Pacific.\n",
        }
    )
    answer, _ = engine.ask("who leads the lagoon household survey partnership")
    assert answer.named == ("the Statistics Unit of the Island Forum (IFSU)",), answer.direct


def test_a_label_of_paying_cites_a_sentence_that_says_it_in_other_words(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "lakeside.html": LAKESIDE["lakeside.html"].replace(
                "the work has been funded by the Nordic Water Trust",
                "the Nordic Water Trust has paid for the work",
            )
        }
    )
    answer, _ = engine.ask("who funds the lakeside water fund")
    assert answer.named, answer.direct
    assert answer.hits[0].passage.text.startswith("Since 2015 the Nordic Water Trust has paid")


def test_a_body_named_by_the_subjects_words_runs_it_when_the_question_names_another_kind(
    make_engine: Callable[..., Engine],
) -> None:
    # "the Kisumu Water Board" is made of the words of "the kisumu water programme" but for
    # its kind: the question names a programme, and the board is a body that runs it.
    engine = make_engine(
        {
            "kisumu.html": (
                "<html><head><title>Kisumu Urban Water Programme</title></head><body><main>"
                "<h1>Kisumu Urban Water Programme</h1><p>The programme replaces old mains and "
                "meters in the poorer wards of Kisumu.</p><h2>Who does what</h2><p>The Kisumu "
                "Water Board implements the programme through a unit of 20 engineers.</p>"
                "</main></body></html>"
            ),
            "reef.txt": "Reef Watch\n\nReef Watch counts fish on nine reefs in the Pacific.\n",
        }
    )
    answer, _ = engine.ask("who implements the kisumu water programme")
    assert answer.named == ("the Kisumu Water Board",), answer.direct
