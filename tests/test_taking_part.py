"""What an organisation takes part in: "which programmes is A part of", "what does A fund",
answered from the same role evidence as "who runs X", each programme with its citation."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.telegram_html import answer_html, fits
from retrieval.answering import Engine
from retrieval.roles import Role
from retrieval.taking_part import MAX_LISTED, asked

PAGES = {
    "reefwatch.txt": (
        "ReefWatch Asia\n\n"
        "About\n\n"
        "ReefWatch Asia counts coral bleaching in six countries.\n\n"
        "Partners\n\n"
        "ReefWatch Asia is implemented by the Lagoon Science Agency and KRTV.\n\n"
        "Money\n\n"
        "Main donors: Sweden, Japan\n"
    ),
    "mangroves.txt": (
        "Mangrove Compact\n\n"
        "The Mangrove Compact replants coastal forests. It is financed by Sweden and run by "
        "the Tidewater Foundation.\n\n"
        # "programme" is rarer here than KRTV: a follow-up must still replace the organisation.
        "Regional programme\n\nIts nurseries raise seedlings for the coast.\n"
    ),
    "lagoons.txt": (
        "Lagoon Guard\n\n"
        "Founding partners\n\n"
        "KRTV trains the wardens. The Port Safety Office lends its boats.\n"
    ),
    "ports.txt": (
        "Harbour Notes\n\n"
        "Implemented jointly by KRTV and the Port Safety Office, the Harbour Data Project "
        "(HDP) shares ship logs between ports.\n"
    ),
}


@pytest.fixture
def engine(make_engine: Callable[..., Engine]) -> Engine:
    return make_engine(PAGES)


@pytest.mark.parametrize(
    ("question", "who", "role"),
    [
        ("which programmes is unodc part of", "unodc", None),
        ("what is the world bank involved in?", "the world bank", None),
        ("what does norway fund", "norway", Role.FUND),
        ("which projects does the EU pay for", "the EU", Role.FUND),
        ("what does unops host", "unops", Role.HOST),
        ("which initiatives does interpol lead", "interpol", Role.RUN),
        ("which programmes does denmark give money to", "denmark", Role.FUND),
        ("which partnerships has unops hosted", "unops", Role.HOST),
        ("which funds does the world bank manage as trustee", "the world bank", Role.RUN),
        ("unep programmes", "unep", None),
        ("which programmes are iom in", "iom", None),
        ("which projects does the world bank have a role in", "the world bank", None),
        (
            "where does the world health organisation play a part",
            "the world health organisation",
            None,
        ),
        ("what does unodc work on", "unodc", None),
        ("where is unodc a partner", "unodc", None),
        ("wich programmes does the gates foundation back", "the gates foundation", Role.FUND),
        ("which programmes did unodc launch", "unodc", Role.FOUND),
        ("what has the EU set up?", "the EU", Role.FOUND),
        ("which programmes has sida been involved in, even in the past", "sida", None),
        ("where does unep have a role, past ones too", "unep", None),
        # What A does, and which programmes "it" or "they" are in.
        ("wat does interpol do, which programmes r they in", "interpol", None),
        ("wat r the world banks roles, which programmes is it in", "the world bank", None),
        ("what does the wco do n in wich projects", "the wco", None),
        # The other way round.
        ("wich programmes get money from the european union", "the european union", Role.FUND),
        ("what is hosted by unops", "unops", Role.HOST),
        ("which projects r run by iom?", "iom", Role.RUN),
        # Other shapes.
        ("list the projects iom is involved in", "iom", None),
        ("can u name all programmes the eu funds", "the eu", Role.FUND),
        ("in which programmes does giz participate", "giz", None),
        ("in what projects is iom involved?", "iom", None),
        ("which programmes involve iom", "iom", None),
        ("what projects count the eu as a donor", "the eu", Role.FUND),
        ("which programmes is germany a donor to", "germany", Role.FUND),
        ("what is unops the host of", "unops", Role.HOST),
        ("what roles does unodc play", "unodc", None),
        ("what r the eu's roles", "the eu", None),
        ("which projects get eu money", "eu", Role.FUND),
        ("which programmes benefit from eu money", "eu", Role.FUND),
        ("where does the eu's money go", "the eu", Role.FUND),
        ("where is giz involved", "giz", None),
        ("what does the eu co-fund", "the eu", Role.FUND),
        ("what programmes has iom got a role in", "iom", None),
        ("list every programme where undp plays a role, past ones too", "undp", None),
        (
            "what does the world bank do across these programmes, list them pls",
            "the world bank",
            None,
        ),
        ("wat programmes has JICA got its hands in", "JICA", None),
        # Named first, then asked about as "it".
        (
            "world bank – in which programmes does it have a role, as funder or anything else?",
            "world bank",
            None,
        ),
        # Two parts asked: either.
        ("which programmes does giz implement or support", "giz", None),
    ],
)
def test_a_question_about_what_an_organisation_takes_part_in_is_read_as_such(
    question: str, who: str, role: Role | None
) -> None:
    found = asked(question)
    assert found is not None
    assert (found.who, found.role) == (who, role)


@pytest.mark.parametrize(
    "question",
    [
        "what does unodc do",
        "who funds reefwatch",
        "what is the harbour data project",
        # "Where" asks for a place, unless it asks where A plays a part or is a partner.
        "where is the secretariat in",
        "what are the partners",
        "what role does unodc play in aircop",
        "which projects include a training component",
        "where is the secretariat based",
    ],
)
def test_other_questions_are_not(question: str) -> None:
    assert asked(question) is None


def test_chat_shorthand_for_are_asks_what_it_takes_part_in(engine: Engine) -> None:
    answer, _ = engine.ask("which programmes r krtv in")
    assert set(answer.named) == {"ReefWatch Asia", "Harbour Data Project (HDP)", "Lagoon Guard"}


def test_every_programme_it_plays_a_part_in_is_listed_with_its_citation(engine: Engine) -> None:
    answer, _ = engine.ask("which programmes is krtv part of")
    assert answer.direct is not None
    assert answer.direct.startswith("KRTV takes part in ")
    assert set(answer.named) == {"ReefWatch Asia", "Harbour Data Project (HDP)", "Lagoon Guard"}
    for name in answer.named:
        number = int(answer.direct.split(name + " [", 1)[1].split("]", 1)[0])
        assert name.split(" (")[0] in answer.hits[number - 1].passage.text or (
            name in answer.hits[number - 1].passage.title
        )


def test_a_question_about_funding_lists_only_what_it_funds(engine: Engine) -> None:
    answer, _ = engine.ask("what does sweden fund")
    assert set(answer.named) == {"ReefWatch Asia", "Mangrove Compact"}
    runs, _ = engine.ask("what does the tidewater foundation fund")
    assert runs.direct is None or "Mangrove" not in runs.direct


def test_an_organisation_with_no_part_anywhere_gets_no_line(engine: Engine) -> None:
    answer, _ = engine.ask("which programmes is the port safety office part of")
    assert set(answer.named) == {"Harbour Data Project (HDP)", "Lagoon Guard"}
    nothing, _ = engine.ask("what is the coral council involved in")
    assert nothing.direct is None


def test_a_follow_up_asks_the_same_of_another_organisation(engine: Engine) -> None:
    first, state = engine.ask("which programmes is krtv part of")
    assert first.direct is not None
    second, _ = engine.ask("and the port safety office?", state, now=1.0)
    assert second.understood == "which programmes is port safety office part of"
    assert "Harbour Data Project (HDP)" in second.named


def test_every_passage_the_line_cites_is_shown(make_engine: Callable[..., Engine]) -> None:
    places = ("Reef", "Lagoon", "Mangrove", "Dune", "Kelp", "Delta", "Marsh")
    pages = {
        f"{place.lower()}.txt": f"{place} Project\n\nThe {place} Project is financed by Norway.\n"
        for place in places
    }
    engine = make_engine(pages)
    answer, _ = engine.ask("what does norway fund")
    assert answer.direct is not None
    cited = [int(n) for n in re.findall(r"\[(\d+)\]", answer.direct)]
    assert len(cited) == 7
    assert max(cited) <= len(answer.hits)


def test_a_long_listing_stops_at_its_most_and_still_fits_one_telegram_message(
    make_engine: Callable[..., Engine],
) -> None:
    places = [
        f"{word}{kind}"
        for word in ("Reef", "Lagoon", "Mangrove", "Dune", "Kelp", "Delta")
        for kind in ("wood", "stone", "field", "brook", "gate")
    ]
    pages = {
        f"{place.lower()}.txt": f"{place} Project\n\nThe {place} Project is financed by Norway, "
        f"which pays for its surveys of the coast, its wardens and its boats.\n"
        for place in places
    }
    answer, _ = make_engine(pages).ask("what does norway fund")
    assert len(answer.named) == MAX_LISTED < len(places)
    assert fits(answer_html(answer))


def test_the_organisation_asked_about_is_the_acronym_though_it_is_a_question_word(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "harbour.txt": (
            "Harbour Watch\n\nHosting\n\nThe Harbour Watch secretariat is hosted by the World "
            "Harbour Organization (WHO) in Geneva.\n"
        ),
        "dunes.txt": "Dune Trust\n\nMoney\n\nThe Dune Trust is financed by Norway.\n",
    }
    answer, _ = make_engine(pages).ask("which programmes has the who hosted")
    assert answer.named == ("Harbour Watch",), answer.direct
    # Without "the", as the question's subject: "where does who play a role".
    answer, _ = make_engine(pages).ask("where does who play a role")
    assert answer.named == ("Harbour Watch",), answer.direct


def test_an_organisation_through_which_another_plays_the_part_takes_it_too(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "dunes.txt": (
            "Dune Restoration Programme\n\nMoney\n\nSweden, through the Swedish International "
            "Development Cooperation Agency (Sida), financed the Dune Restoration Programme "
            "from 2010 to 2019.\n"
        ),
        "reef.txt": "Reef Trust\n\nMoney\n\nThe Reef Trust is financed by Norway.\n",
    }
    answer, _ = make_engine(pages).ask("which programmes is sida part of")
    assert answer.named == ("Dune Restoration Programme",), answer.direct


def test_a_body_of_members_that_the_page_is_about_is_taken_part_in_and_an_agency_is_not(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "basin.txt": (
            "Dune River Basin Commission\n\nMoney\n\nSweden, through the Swedish "
            "International Development Cooperation Agency (Sida), financed the Secretariat's "
            "core costs from 2010 to 2019.\n"
        ),
        "wells.txt": (
            "Wellspring Water Agency\n\nAbout us\n\nWellspring Water Agency is a charity "
            "that drills wells. Its work is financed by the Swedish International Development "
            "Cooperation Agency (Sida).\n"
        ),
    }
    answer, _ = make_engine(pages).ask("which programmes has sida been involved in")
    assert answer.named == ("Dune River Basin Commission",), answer.direct


def test_an_organisation_asked_with_initials_for_words_of_its_long_name_is_its_acronym(
    make_engine: Callable[..., Engine],
) -> None:
    # No page writes "UN": the question's "un" gives the initials of "United Nations".
    pages = {
        "about.txt": (
            "Ocean Nations Network\n\nAbout\n\nThe United Nations Ocean Programme (UNOP) "
            "hosts the Ocean Nations Network.\n"
        ),
        "reef.txt": "Reef Trust\n\nMoney\n\nThe Reef Trust is financed by UNOP.\n",
        "dune.txt": "Dune Trust\n\nMoney\n\nThe Dune Trust is financed by Norway.\n",
    }
    answer, _ = make_engine(pages).ask("where does the un ocean programme play a role")
    assert set(answer.named) == {"Ocean Nations Network", "the Reef Trust"}, answer.direct


def test_an_organisation_asked_by_initials_no_page_spells_out_is_the_name_they_give(
    make_engine: Callable[..., Engine],
) -> None:
    # No page writes "European Union (EU)"; the passages best for "EU" write the name in full.
    pages = {
        "courts.txt": (
            "Digital Courts\n\nAbout\n\nThe EU Delegation opened the first digital court. "
            "The programme is financed by the European Union.\n"
        ),
        "borders.txt": "Border Data\n\nMoney\n\nBorder Data is funded by the European Union.\n",
        "reef.txt": "Reef Trust\n\nMoney\n\nThe Reef Trust is financed by Norway.\n",
    }
    answer, _ = make_engine(pages).ask("what does the eu fund")
    assert set(answer.named) == {"Digital Courts", "Border Data"}, answer.direct


def test_a_page_subject_that_reads_as_a_phrase_is_no_programme(
    make_engine: Callable[..., Engine],
) -> None:
    # "Germany's commitment" and "Programme results" are headings, no names of programmes.
    pages = {
        "germany.txt": (
            "Germany's commitment\n\nMoney\n\nThe work is financed by the Tide Office.\n"
        ),
        "results.txt": "Programme results\n\nMoney\n\nThe work is financed by the Tide Office.\n",
        "reef.txt": "Reef Watch\n\nMoney\n\nReef Watch is financed by the Tide Office.\n",
    }
    answer, _ = make_engine(pages).ask("what does the tide office fund")
    assert answer.named == ("Reef Watch",), answer.direct


def test_two_organisations_asked_as_one_list_what_either_takes_part_in(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "roads.txt": "Lake Roads\n\nMoney\n\nLake Roads is financed by the Tide Agency (TA).\n",
        "ports.txt": "Port Links\n\nMoney\n\nPort Links is financed by Norway.\n",
        "reef.txt": "Reef Watch\n\nMoney\n\nReef Watch is financed by Sweden.\n",
    }
    answer, _ = make_engine(pages).ask("which projects does norway or the ta pay for")
    assert set(answer.named) == {"Lake Roads", "Port Links"}, answer.direct


def test_an_acronym_inside_the_name_asked_about_does_not_stand_for_the_whole_name(
    make_engine: Callable[..., Engine],
) -> None:
    # "UN" is defined, so the question's "un" is spelled out; the organisation asked about is
    # still the UN Trust Office, not every name with "UN" in it.
    pages = {
        "un.txt": "About the UN\n\nThe United Nations (UN) has many offices.\n",
        "reef.txt": "Reef Fund\n\nThe Reef Fund is administered by the UN Trust Office.\n",
        "dune.txt": "Dune Fund\n\nThe Dune Fund is administered by the UN Shipping Desk.\n",
    }
    answer, _ = make_engine(pages).ask("what does the un trust office administer")
    assert answer.named == ("the Reef Fund",), answer.direct


def test_what_an_organisation_set_up_is_listed_and_not_what_it_funds(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "reef.txt": "Reef Watch\n\nAbout\n\nThe Tide Office launched Reef Watch in 2012.\n",
        "kelp.txt": "Kelp Count\n\nAbout\n\nKelp Count was set up by the Tide Office in 2015.\n",
        "dune.txt": "Dune Trust\n\nMoney\n\nThe Dune Trust is financed by the Tide Office.\n",
    }
    answer, _ = make_engine(pages).ask("which programmes did the tide office launch")
    assert set(answer.named) == {"Reef Watch", "Kelp Count"}, answer.direct
    assert answer.direct is not None and " set up " in answer.direct


def test_a_body_named_like_a_programme_is_not_listed_as_one(
    make_engine: Callable[..., Engine],
) -> None:
    # The Island Children's Fund runs two programmes and is funded once: a body, which its name
    # does not say.
    engine = make_engine(
        {
            "coral.txt": (
                "Coral Count\n\nAbout\n\nCoral Count is run by the Lagoon Agency and the Island "
                "Children's Fund (ICF).\n"
            ),
            "mangrove.txt": (
                "Mangrove Watch\n\nAbout\n\nMangrove Watch is implemented by the Island "
                "Children's Fund (ICF) and the Lagoon Agency.\n"
            ),
            "schools.txt": (
                "School Meals\n\nPartners\n\nThe Lagoon Agency funds the Island Children's Fund "
                "(ICF) for its school meals.\n"
            ),
        }
    )
    answer, _ = engine.ask("which programmes is the lagoon agency part of")
    assert answer.named == ("Coral Count", "Mangrove Watch", "School Meals")


def test_a_heading_that_names_a_role_or_a_page_kind_is_no_programme(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "reef.html": (
            "<html><head><title>Our partners | Reef Data Hub | Lagoon Office</title></head>"
            "<body><h1>Our partners</h1><h2>Implementing consortium</h2><p>It is implemented "
            "by a consortium led by KRTV.</p></body></html>"
        ),
        "faq.html": (
            "<html><head><title>FAQ | Tide Warning Network (TWN)</title></head><body>"
            "<h1>FAQ</h1><p>Who runs it? The network is run by KRTV.</p></body></html>"
        ),
        "story.html": (
            "<html><head><title>Why the Coral Health Partnership matters | Field Notes</title>"
            "</head><body><h1>Why the Coral Health Partnership matters</h1><p>It is run by "
            "KRTV and the Tide Office.</p></body></html>"
        ),
    }
    answer, _ = make_engine(pages).ask("which programmes is krtv part of")
    line = answer.direct or ""
    for wrong in ("Implementing consortium", "FAQ", "Field Notes", "Our partners"):
        assert wrong not in line, line
    for right in ("Reef Data Hub", "Tide Warning Network", "Coral Health Partnership"):
        assert right in line, line


def test_a_title_that_only_says_the_kind_of_programme_gives_way_to_its_publisher(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "joint.md": (
            "---\ntitle: 'The Joint Programme: REEFAIDS and its Cosponsors'\npublisher: REEFAIDS\n"
            "---\n# The Joint Programme: REEFAIDS and its Cosponsors\n\n## Cosponsors\n\n"
            "The Lagoon Office joined the Joint Programme as a cosponsor in 1999.\n"
        )
    }
    engine = make_engine(page)
    assert engine.page_subject(engine.index.passages[0]) == "REEFAIDS"
    answer, _ = engine.ask("which programmes is the lagoon office part of")
    assert answer.direct is not None and "REEFAIDS" in answer.direct, answer.direct


def test_a_programme_is_named_by_its_name_not_by_the_headline_of_its_news(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "ports.txt": (
            "Clean Ports Initiative enters second phase\n\nThe Clean Ports Initiative began "
            "its second phase in March with two more ports.\n\nPartners: UNODC and the "
            "Harbour Integrity Office\n"
        ),
    }
    answer, _ = make_engine(pages).ask("which programmes is the harbour integrity office part of")
    assert answer.named == ("Clean Ports Initiative",), answer.direct


def test_the_organisation_asked_by_its_long_name_is_found_where_a_page_writes_its_acronym(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "harbour.txt": (
            "Harbour Watch\n\nHosting\n\nThe Harbour Watch secretariat is hosted by the World "
            "Harbour Organization (WHO) in Geneva.\n"
        ),
        "dunes.txt": "Dune Trust\n\nBoard\n\nThe Dune Trust board is chaired by WHO.\n",
    }
    answer, _ = make_engine(pages).ask("which programmes is the world harbour organisation part of")
    assert set(answer.named) == {"Harbour Watch", "the Dune Trust"}, answer.direct


@pytest.mark.parametrize(
    "other",
    [
        # A page that denies it the part.
        {
            "dune.txt": (
                "Dune Trust\n\nMoney\n\nWe are often asked this. The Tide Bank is not a "
                "contributor to the Dune Trust.\n"
            )
        },
        # A heading that names nothing, with or without its number.
        {
            "report.txt": (
                "Annual Report 2024 – The programme at a glance\n\nWho we are\n\nTechnical "
                "partners: the Tide Bank and the Lagoon Office\n"
            )
        },
        {
            "report.html": (
                "<html><head><title>1. The programme in brief</title></head><body><p>Its "
                "technical partners are the Tide Bank and the Lagoon Office.</p></body></html>"
            )
        },
        # A body's page.
        {
            "ngo.txt": (
                "Shore Care International\n\nWho we are\n\nOur donors: the Tide Bank and the "
                "Lagoon Office\n"
            )
        },
    ],
)
def test_what_names_no_programme_it_plays_a_part_in_is_not_listed(
    make_engine: Callable[..., Engine], other: dict[str, str]
) -> None:
    pages = {"reef.txt": "Reef Fund\n\nMoney\n\nThe Reef Fund is financed by the Tide Bank.\n"}
    answer, _ = make_engine({**pages, **other}).ask("which programmes is the tide bank part of")
    assert answer.named == ("the Reef Fund",), answer.direct


def test_a_programme_named_by_its_acronym_and_in_full_is_listed_once(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "natf.txt": (
                "Nutrition Accelerator Trust Fund\n\nAbout\n\nThe Nutrition Accelerator Trust "
                "Fund (NATF) pays for school meals in four countries. It is funded by Sweden.\n"
            ),
            "notes.txt": (
                "Donor notes\n\nSweden also funds NATF through a second grant, signed in 2024.\n"
            ),
        }
    )
    answer, _ = engine.ask("what does sweden fund")
    assert len(answer.named) == 1, answer.direct


@pytest.mark.parametrize(
    ("question", "who"),
    [
        # A remark in brackets at the end, or where it asks, says nothing of its shape.
        ("in what projects does UNICEF play a role (host, donor, whatever)", "UNICEF"),
        ("what does the eu fund in here, list all the programmes", "the eu"),
        # A hyphen between spaces sets the organisation off as a dash does.
        ("world bank - which initiatives is it part of, incl old ones?", "world bank"),
    ],
)
def test_a_question_about_what_a_body_takes_part_in_may_carry_asides(
    question: str, who: str
) -> None:
    found = asked(question)
    assert found is not None and found.who == who


def test_a_news_desk_that_publishes_a_page_is_not_what_the_page_is_about(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "launch.md": (
            "---\ntitle: Lagoon states launch EUR 9 million standards plan\npublisher: Lagoon "
            "Press Centre\n---\n# Lagoon states launch EUR 9 million standards plan\n\nSuva, 3 "
            "May 2026: The Lagoon Commission and the Harbour Bank today launched the Reef "
            "Standards Programme (RSP).\n\nThe programme is financed by the Harbour Bank.\n"
        )
    }
    engine = make_engine(page)
    assert engine.page_subject(engine.index.passages[0]) == "Reef Standards Programme (RSP)"


def test_a_fact_sheets_first_heading_names_its_programme_under_its_publishers_title(
    make_engine: Callable[..., Engine],
) -> None:
    sheet = {
        "sheet.txt": (
            "KISUMU WATER BOARD\n\nFACT SHEET\n\nKISUMU URBAN WATER PROGRAMME (KUWP)\n\nUpdated: "
            "May 2026\n\nFinancing\n\nEuropean Union grant: EUR 20 million\n"
        )
    }
    engine = make_engine(sheet)
    assert engine.page_subject(engine.index.passages[-1]) == "KISUMU URBAN WATER PROGRAMME (KUWP)"
