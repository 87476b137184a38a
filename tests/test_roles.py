"""Who plays which part, read from evidence: a role cue in a sentence and the list of names
nearest to it, on the side the cue's grammar allows."""

from __future__ import annotations

import pytest

from retrieval.role_reading import claims
from retrieval.roles import (
    Role,
    asked_role,
    asks_for_the_first,
    before_followers,
    best_claims,
    decode,
    encode,
    is_past,
    moved_to,
    referenced,
    score,
    tells_of_the_past,
)


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("who hosts the lagoon fund", Role.HOST),
        ("who gives money to reefwatch", Role.FUND),
        ("reefwatch donors", Role.FUND),
        ("who pays for it", Role.FUND),
        ("who chairs the board of reefwatch", Role.CHAIR),
        ("who is in reefwatch", Role.PARTNER),
        ("who are the partners of reefwatch", Role.PARTNER),
        ("who set up reefwatch", Role.FOUND),
        ("who implements reefwatch", Role.RUN),
        ("who is behind reefwatch", Role.RUN),
        ("which agencies run the Trust Fund for reefs", Role.RUN),
        ("who cofinances reefwatch", Role.FUND),
        ("who co-funds reefwatch", Role.FUND),
        ("whos paying for reefwatch", Role.FUND),
        ("who is funding phase 2 of reefwatch", Role.FUND),
    ],
)
def test_the_first_word_that_says_a_role_tells_what_a_question_asks(
    question: str, role: Role
) -> None:
    assert asked_role(question) is role


def test_a_passive_cue_names_those_after_it_and_not_its_subject() -> None:
    [claim] = claims("ReefWatch Asia is financed by the Harbour Bank and Norway.")
    assert claim.role is Role.FUND
    assert claim.names == ("the Harbour Bank", "Norway")


@pytest.mark.parametrize(
    ("row", "names"),
    [
        # The organisation of the row's first cell does the task its last cell opens with,
        # not the place in the cell between.
        (
            "Lagoon Health Office (LHO) | Fiji | Hosts the REEFWATCH secretariat in Suva",
            ("Lagoon Health Office (LHO)",),
        ),
        # A first cell that names no organisation gives the task to no one.
        ("Lagoon museum of Suva | Fiji | Hosts the REEFWATCH register", ()),
        # A cell that names its own doers after the cue keeps them.
        ("Secretariat | Hosted by WMO, Geneva", ("WMO",)),
    ],
)
def test_a_cue_that_opens_a_cell_of_a_row_is_the_first_cells_part(
    row: str, names: tuple[str, ...]
) -> None:
    hosts = [c for c in claims(row) if c.role is Role.HOST]
    assert tuple(name for claim in hosts for name in claim.names) == names


@pytest.mark.parametrize(
    ("row", "role", "names"),
    [
        (
            "Kivu Grid Company (KGC) | Rwanda | Hosts the programme secretariat in Kigali",
            Role.RUN,
            ("Kivu Grid Company (KGC)",),
        ),
        (
            "Lake Basin Union (LBU) | Uganda | National partner",
            Role.PARTNER,
            ("Lake Basin Union (LBU)",),
        ),
        (
            "Delta Water Board | Netherlands | Main funder, through a trust fund",
            Role.FUND,
            ("Delta Water Board",),
        ),
    ],
)
def test_a_cue_later_in_a_cell_of_a_row_is_the_first_cells_not_the_country_beside_it(
    row: str, role: Role, names: tuple[str, ...]
) -> None:
    assert [c.names for c in claims(row) if c.role is role][:1] == [names]


@pytest.mark.parametrize(
    ("sentence", "funders"),
    [
        ("The Lagoon Bank provides US$5.5 million, which bought the boats.", ("the Lagoon Bank",)),
        ("The budget is USD 14 million, of which KRTV provides USD 11 million.", ("KRTV",)),
        ("Norway has committed NOK 52 million for the second phase.", ("Norway",)),
        ("The Reef Bank lends US$145 million for the civil works.", ("the Reef Bank",)),
        ("Sweden is contributing EUR 3 million a year.", ("Sweden",)),
        ("The Dune Office is providing USD 2 million.", ("the Dune Office",)),
        ("The remaining USD 7 million comes from the Dune Council.", ("the Dune Council",)),
        # The owner of its own money pays; the owner of what is funded does not.
        ("USD 7 million comes from the Dune Council's own regional fund.", ("the Dune Council",)),
        ("Norway gave USD 2 million to the Dune Council's programme.", ("Norway",)),
        # A share of the money that is a grant names its giver after "from".
        ("Most of the budget is a grant from the Lagoon Bank.", ("the Lagoon Bank",)),
        # Without an amount, what a body provides is no money.
        ("The Lagoon Bank provides technical advice to the reef teams.", ()),
    ],
)
def test_an_amount_that_a_body_gives_is_its_funding(
    sentence: str, funders: tuple[str, ...]
) -> None:
    funding = [c for c in claims(sentence) if c.role is Role.FUND]
    assert tuple(name for claim in funding for name in claim.names) == funders


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # A country after a city is an address, not a player.
        ("Programme secretariat: Suva, Fiji", ()),
        (
            "The Lagoon Office (LO) in Apia, Samoa, is the executing agency.",
            ("the Lagoon Office (LO)",),
        ),
        ("Reef Trust | The Hague, Netherlands | Donor (core funding)", ("Reef Trust",)),
        # A country after a name that ends in a word of an organisation is one more name.
        (
            "Main funders of the secretariat: the Lagoon Fund, the United Kingdom and others",
            ("the Lagoon Fund", "the United Kingdom"),
        ),
    ],
)
def test_a_country_after_a_city_is_where_and_not_who(sentence: str, names: tuple[str, ...]) -> None:
    assert {name for claim in claims(sentence) for name in claim.names} == set(names)


def test_an_active_cue_names_those_before_it() -> None:
    found = claims("The Lagoon Agency leads ReefWatch, with KRTV as its partner.")
    led = next(c for c in found if c.role is Role.RUN)
    assert led.names[0] == "the Lagoon Agency"


@pytest.mark.parametrize(
    "sentence",
    [
        "KRTV sets the standards and runs disease surveillance with the ministries.",
        "The Lagoon Agency manages the reference laboratories.",
        # The programme owns the courses, but they are what is run.
        "The Lagoon Agency runs the programme's leadership courses for officers.",
    ],
)
def test_an_active_cue_acting_on_a_thing_of_its_own_claims_no_part(sentence: str) -> None:
    assert [c for c in claims(sentence) if c.role is Role.RUN] == []


@pytest.mark.parametrize(
    ("sentence", "role", "names"),
    [
        ("KRTV runs the programme with two partners.", Role.RUN, ("KRTV",)),
        ("The Harbour Bank chairs its board.", Role.CHAIR, ("the Harbour Bank",)),
        ("The Reef Facility also hosts the Nagoya Fund.", Role.HOST, ("the Reef Facility",)),
        # A phase or a pilot is the programme's.
        ("The Harbour Bank funded the first phase.", Role.FUND, ("the Harbour Bank",)),
        # A body of the programme's, behind its owner's name.
        (
            "The Harbour Bank chairs the alliance's technical advisory group.",
            Role.CHAIR,
            ("the Harbour Bank",),
        ),
    ],
)
def test_an_active_cue_acting_on_the_programme_or_a_name_claims_its_part(
    sentence: str, role: Role, names: tuple[str, ...]
) -> None:
    assert [c.names for c in claims(sentence) if c.role is role] == [names]


@pytest.mark.parametrize(
    ("sentence", "claimed"),
    [
        (
            "Since 2021 the secretariat has been hosted by the Harbour Bank.",
            [(Role.HOST, ("the Harbour Bank",))],
        ),
        (
            "It is funded and implemented by the Harbour Bank.",
            [(Role.FUND, ("the Harbour Bank",)), (Role.RUN, ("the Harbour Bank",))],
        ),
        (
            "It is implemented jointly by KRTV and the Harbour Bank.",
            [
                (Role.RUN, ("KRTV", "the Harbour Bank")),
                (Role.PARTNER, ("KRTV", "the Harbour Bank")),
            ],
        ),
    ],
)
def test_names_after_a_passive_cue_are_its_agents_and_no_earlier_cues(
    sentence: str, claimed: list[tuple[Role, tuple[str, ...]]]
) -> None:
    assert [(c.role, c.names) for c in claims(sentence)] == claimed


@pytest.mark.parametrize(
    ("sentence", "role", "names"),
    [
        ("The Harbour Bank serves as trustee of the Reef Fund.", Role.RUN, ("the Harbour Bank",)),
        (
            "The Harbour Office administers it as Administrative Agent and passes funds to ALPHA.",
            Role.RUN,
            ("the Harbour Office",),
        ),
        (
            "ALPHA and BETA teamed up with two universities to form the Reef Science Alliance.",
            Role.FOUND,
            ("ALPHA", "BETA"),
        ),
        # A colon after the part a name acts as goes on to what it does, not to who plays it.
        (
            "The Harbour Bank acts as trustee: it holds the contributions in a trust account.",
            Role.RUN,
            ("the Harbour Bank",),
        ),
        (
            "The Lagoon Agency is the GEF implementing agency: it supervises the project.",
            Role.RUN,
            ("the Lagoon Agency",),
        ),
        # The subject of "is", however much the sentence says of it first.
        (
            "The Lagoon Council (Council of Island Fisheries and Ocean Resources Ministers of "
            "the Western Pacific), based in Suva, is the executing agency and hosts the office.",
            Role.RUN,
            ("the Lagoon Council",),
        ),
        # A post the subject of "is" holds, without an article: not a passive.
        (
            "The Harbour Office is co-chair of the Steering Committee.",
            Role.CHAIR,
            ("the Harbour Office",),
        ),
        (
            "The Harbour Bank was trustee of the Reef Fund until 2015.",
            Role.RUN,
            ("the Harbour Bank",),
        ),
    ],
)
def test_the_doers_of_a_role_acted_as_or_of_an_infinitive_with_its_object_come_before_it(
    sentence: str, role: Role, names: tuple[str, ...]
) -> None:
    assert {c.names for c in claims(sentence) if c.role is role} == {names}


def test_a_label_is_a_claim_of_every_name_it_lists() -> None:
    [claim] = [c for c in claims("Main donors: Sweden, Japan, the Coral Foundation") if c.label]
    assert claim.role is Role.FUND
    assert claim.names == ("Sweden", "Japan", "the Coral Foundation")


def test_what_a_programme_is_before_a_colon_names_no_player_of_it() -> None:
    said = claims("ReefNet is a UN joint programme: ALPHA leads ReefNet with BETA.")
    assert ("UN",) not in [c.names for c in said]


@pytest.mark.parametrize(
    ("line", "about"),
    [
        (
            "Inclusive Schools Rangpur – funded by the Government of Australia",
            ("Inclusive Schools Rangpur",),
        ),
        ("Phase II – funded by the European Union", ()),
    ],
)
def test_a_name_a_dash_sets_off_at_the_start_of_a_line_is_what_its_cue_is_said_of(
    line: str, about: tuple[str, ...]
) -> None:
    [claim] = claims(line)
    assert claim.about == about


def test_a_founding_in_what_a_body_is_says_who_founded_the_body_not_the_programme() -> None:
    found = claims(
        "In Peru the programme is run by Escucha Viva, a Lima charity founded in 2012 by two "
        "audiologists."
    )
    assert [(c.role, c.names) for c in found] == [(Role.RUN, ("Escucha Viva",))]
    # What a programme is, though, says who founded it.
    found = claims("It began as the FTI, a compact set up by the World Bank in 2002.")
    assert (Role.FOUND, ("the World Bank",)) in [(c.role, c.names) for c in found]


@pytest.mark.parametrize(
    "line",
    [
        "Co-financier (international): OPEC Fund for International Development, USD 10 million",
        "Cofinancier | OPEC Fund for International Development",
        "Co-donor: OPEC Fund for International Development",
    ],
)
def test_a_co_financier_or_co_donor_funds(line: str) -> None:
    assert [(c.role, c.names) for c in claims(line)] == [
        (Role.FUND, ("OPEC Fund for International Development",))
    ]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "It was founded by Mare Vivo Pulito, a volunteer diving association from Bari, Plavi "
            "Val, a marine conservation group based in Split, and Zelena Obala, an environmental "
            "group.",
            ("Mare Vivo Pulito", "Plavi Val", "Zelena Obala"),
        ),
        (
            "It is run by the Reef Trust, a charity, and the Lagoon Office.",
            ("the Reef Trust", "the Lagoon Office"),
        ),
        # A description that ends in a city and its country adds no name.
        (
            "It is administered by Lumen Energy Partners, an advisory firm in Nairobi, Kenya, "
            "which won the tender.",
            ("Lumen Energy Partners",),
        ),
    ],
)
def test_a_claims_list_of_names_goes_on_past_what_each_name_is(
    sentence: str, names: tuple[str, ...]
) -> None:
    assert claims(sentence)[-1].names == names


def test_the_office_a_unit_works_out_of_is_its_hosts() -> None:
    found = claims("Until 2021 the project unit worked out of the Lagoon Office in Suva.")
    assert [(c.role, c.names) for c in found if c.role is Role.HOST] == [
        (Role.HOST, ("the Lagoon Office",))
    ]


def test_a_label_lists_clubs_and_companies_with_the_other_bodies() -> None:
    sentence = (
        "Sponsored by: the Halvorsen Family Foundation, the Rotary Club of Dhaka Metropolitan, "
        "and Meghna Steel Ltd."
    )
    [claim] = claims(sentence)
    assert claim.names == (
        "the Halvorsen Family Foundation",
        "the Rotary Club of Dhaka Metropolitan",
        "Meghna Steel Ltd",
    )


def test_a_labels_players_follow_its_colon_and_the_name_in_the_label_is_none() -> None:
    found = claims("Assessment Group coordinator: Finland, then Norway")
    assert [c.names for c in found if c.role is Role.RUN] == [("Finland", "Norway")]


def test_a_list_keeps_a_describing_word_but_not_a_new_clause() -> None:
    [claim] = claims("It is managed by KRTV and the Ghanaian agency Lagoon Trust Office.")
    assert claim.names == ("KRTV", "Lagoon Trust Office")
    found = claims("It is managed by KRTV, which reports to the Reef Council.")
    assert all(c.names == ("KRTV",) for c in found if c.role is Role.RUN)


@pytest.mark.parametrize("within", ["within", "via", "under"])
def test_a_unit_of_a_body_after_within_its_is_no_name_of_the_list(within: str) -> None:
    found = claims(
        "Since 2019 the Secretariat has been hosted by the Lagoon Authority (LA), "
        f"{within} its Security Sector Program office in Suva."
    )
    assert [c.names for c in found if c.role is Role.HOST] == [("the Lagoon Authority (LA)",)]


def test_a_remark_in_brackets_after_a_name_neither_ends_the_list_nor_joins_it() -> None:
    [claim] = claims(
        "ReefWatch is funded by Japan, Germany (through its Blue Climate Initiative, BCI), "
        "Norway and the Kappa Foundation."
    )
    assert claim.names == ("Japan", "Germany", "Norway", "the Kappa Foundation")
    found = claims("Money comes from Norway (its largest donor), Japan and Sweden.")
    assert {claim.names for claim in found} == {("Norway", "Japan", "Sweden")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Until 2014 it was hosted by the Reef Council.",
        "For its first eighteen years it was hosted by the Reef Council.",
        "From 1998 to 2016 it was hosted by the Reef Council.",
        "It was originally hosted by the Reef Council.",
    ],
)
def test_a_sentence_about_the_past_is_marked_former(sentence: str) -> None:
    [before] = claims(sentence)
    [now] = claims("It is hosted by the Lagoon Agency.")
    assert before.former and not now.former


@pytest.mark.parametrize(
    "sentence",
    [
        "It is funded by the Reef Council and will run for three years, until September 2099.",
        "The Reef Council pays for the boats until 2099.",
        "It will be hosted by the Reef Council until the new office opens.",
    ],
)
def test_a_sentence_that_goes_on_until_a_time_yet_to_come_is_not_former(sentence: str) -> None:
    assert not tells_of_the_past(sentence)
    assert tells_of_the_past(sentence.replace("2099", "2014").replace("will be", "was"))


def test_the_owner_of_an_office_plays_its_part_and_before_that_is_the_past() -> None:
    [now, before] = claims(
        "Since 2021 it has been hosted by the Harbour Bank; before that it was housed at the "
        "Reef Council's regional office in Suva."
    )
    assert (now.names, now.former) == (("the Harbour Bank",), False)
    assert (before.names, before.former) == (("the Reef Council",), True)


def test_a_cue_of_another_role_does_not_answer_and_the_past_counts_less_for_the_present() -> None:
    [hosted] = claims("It is hosted by the Lagoon Agency.")
    assert score(hosted, Role.FUND, 0, 1.0, False, []) == 0.0
    [before] = claims("Until 2014 it was hosted by the Reef Council.")
    now = score(hosted, Role.HOST, 0, 1.0, is_past("who hosts it"), [])
    assert score(before, Role.HOST, 0, 1.0, is_past("who hosts it"), []) < now
    assert score(before, Role.HOST, 0, 1.0, is_past("who hosted it before"), []) > score(
        hosted, Role.HOST, 0, 1.0, is_past("who hosted it before"), []
    )


def test_nearer_names_better_ranked_passages_and_more_of_the_subject_score_higher() -> None:
    [near] = claims("It is funded by Norway.")
    [far] = claims("It is funded, after a long review of the options open to it, by Norway.")
    assert score(near, Role.FUND, 0, 1.0, False, []) > score(far, Role.FUND, 0, 1.0, False, [])
    assert score(near, Role.FUND, 0, 1.0, False, []) > score(near, Role.FUND, 3, 1.0, False, [])
    assert score(near, Role.FUND, 0, 1.0, False, []) > score(near, Role.FUND, 0, 0.5, False, [])


@pytest.mark.parametrize(
    "sentence",
    [
        "It is co-funded by Norway.",
        "Donors: Norway, Japan.",
        "It is hosted by the Reef Council.",
        "The Reef Council chairs it.",
        "It is implemented by KRTV.",
        "KRTV leads it.",
        "It is managed by KRTV.",
        "It is run by KRTV.",
        "KRTV co-ordinates it.",
        "KRTV acts as trustee.",
        "It is a collaborative effort of KRTV and the Reef Council.",
        "Three agencies, KRTV, UNEP and FAO, came together to create it.",
        "Countries that took part: Ghana, Kenya and Peru.",
        "It was set up by KRTV.",
    ],
)
def test_every_cue_passes_the_quick_test_that_rules_out_passages(sentence: str) -> None:
    assert claims(sentence), sentence


def test_a_passage_without_capitals_or_cues_has_no_claims() -> None:
    assert claims("t12 t7 t990 t3 funded by t4") == []
    assert claims("The Reef Council met in Suva in May.") == []


def test_claims_stored_and_read_back_are_the_same() -> None:
    text = "It is financed by Norway and Japan. Until 2014 it was hosted by the Reef Council."
    found = claims(text)
    assert len(found) == 2
    assert decode(encode(found), text) == found
    assert decode(encode([]), text) == []


def test_under_a_heading_of_a_role_the_names_that_open_sentences_play_it() -> None:
    text = "WHO sets the norms. UNICEF buys most doses. Vaccines reach 70 countries."
    found = claims(text, "Core partners")
    assert [(c.names, c.role, c.opening) for c in found] == [
        (("WHO",), Role.PARTNER, True),
        (("UNICEF",), Role.PARTNER, True),
    ]
    assert claims(text, "History") == []


def test_a_heading_that_names_a_programme_is_no_heading_of_a_role() -> None:
    # The page's title stands as the heading of its first passages: its "Joint" and
    # "Partnership" are part of a name, not a heading of partners.
    assert (
        claims("Participating UN organizations: FAO, IFAD, WFP", "Joint Programme on Rural Women")
        == []
    )
    assert claims("UNICEF works in 90 countries.", "Global Partnership for Education") == []
    assert [c.names for c in claims("WFP feeds pupils.", "Partners of the Joint Programme")] == [
        ("WFP",)
    ]


def test_a_claim_that_names_the_subject_as_running_something_is_not_about_who_runs_it() -> None:
    text = (
        "Implemented jointly by UNODC, INTERPOL and Transparency International, it trains police."
    )
    found = best_claims(
        lambda _: claims(text), [0], "who runs INTERPOL?", lambda *_: 1.0, "INTERPOL".__eq__
    )
    assert not [s for s in found if s.claim.role is Role.RUN]
    # Partners are partners both ways: INTERPOL's partners there are UNODC and TI.
    asked = best_claims(
        lambda _: claims(text),
        [0],
        "who are INTERPOL's partners?",
        lambda *_: 1.0,
        "INTERPOL".__eq__,
    )
    assert {n for s in asked for n in s.claim.names} == {"UNODC", "Transparency International"}


def test_who_is_in_charge_asks_who_runs_and_who_is_in_asks_who_takes_part() -> None:
    assert asked_role("who's in charge of the reef fund") is Role.RUN
    assert asked_role("who's in the reef fund") is Role.PARTNER


@pytest.mark.parametrize(
    ("sentence", "role", "names", "about"),
    [
        # A participle joined to a name: the name plays the part, the programme after it gets it.
        ("The UNDP-led Clean Seas Programme started in 2019.", Role.RUN, ("UNDP",), "Clean Seas"),
        ("It is a Nordic Council-funded programme.", Role.FUND, ("Nordic Council",), ""),
        # The names follow the verb after "members of X", "funding for X".
        (
            "The members of the Northern Alliance are ALPHA, BETA and the Delta Fund.",
            Role.PARTNER,
            ("ALPHA", "BETA", "the Delta Fund"),
            "Northern Alliance",
        ),
        (
            "Funding for the Clearwater Initiative comes from the Nordic Development Fund.",
            Role.FUND,
            ("the Nordic Development Fund",),
            "Clearwater Initiative",
        ),
        # Money given is funding, whatever the verb.
        (
            "The Kappa Council supplied the seed money for the Clearwater Initiative.",
            Role.FUND,
            ("the Kappa Council",),
            "Clearwater Initiative",
        ),
        # An amount from someone is their money; the currency is not what it is for.
        (
            "EUR 3 million from the Kappa Council underpins it.",
            Role.FUND,
            ("the Kappa Council",),
            "",
        ),
        (
            "It operates under the auspices of the River Basin Authority (RBA).",
            Role.RUN,
            ("the River Basin Authority (RBA)",),
            "",
        ),
        (
            "Kelp Count works under the umbrella of the Reef Union.",
            Role.RUN,
            ("the Reef Union",),
            "",
        ),
        # Those who do it with the names do it too.
        (
            "Kelp Count was launched in 2018 by the Reef Union (RU) Commission together with the "
            "Tide Partnership.",
            Role.FOUND,
            ("the Reef Union (RU)", "the Tide Partnership"),
            "",
        ),
        (
            "Kelp Count is run by the Reef Office in partnership with the Tide Bank and the Kelp "
            "Fund.",
            Role.RUN,
            ("the Reef Office", "the Tide Bank", "the Kelp Fund"),
            "",
        ),
        # A verb in the past right after a name has its doers before it; a participle whose
        # clause goes on to "by" has them after.
        (
            "In 1994 the Reef Council (RC) formally created the Kelp Programme by a resolution.",
            Role.FOUND,
            ("the Reef Council (RC)",),
            "Kelp Programme",
        ),
        (
            "The Kelp Count Programme launched in 2008 by ALPHA and BETA maps the reefs.",
            Role.FOUND,
            ("ALPHA", "BETA"),
            "The Kelp Count Programme",
        ),
        # Doers counted before the cue are named after the colon.
        (
            "Three agencies of the Reef Union came together to create the Programme in September "
            "2008: the Tide Office (TO), the Kelp Bank and the Lagoon Fund.",
            Role.FOUND,
            ("the Tide Office (TO)", "the Kelp Bank", "the Lagoon Fund"),
            "",
        ),
        (
            "Four agencies came together in 1998 to create what was then called the Kelp "
            "Partnership: the Reef Office, the Tide Bank and the Lagoon Fund.",
            Role.PARTNER,
            ("the Reef Office", "the Tide Bank", "the Lagoon Fund"),
            "",
        ),
        # What the names play their part in opens the clause after them, or it is not named.
        (
            "Implemented jointly by ALPHA and BETA, the Clean Seas Programme trains wardens.",
            Role.RUN,
            ("ALPHA", "BETA"),
            "Clean Seas Programme",
        ),
        (
            "Kelp Count is a campaign launched in 2018 by the Reef Union, with the Tide Alliance "
            "supporting its roll-out.",
            Role.FOUND,
            ("the Reef Union",),
            "",
        ),
    ],
)
def test_who_plays_a_part_is_read_from_the_form_of_the_sentence(
    sentence: str, role: Role, names: tuple[str, ...], about: str
) -> None:
    found = [c for c in claims(sentence) if c.role is role]
    assert found, claims(sentence)
    assert found[0].names == names
    assert " ".join(found[0].about).startswith(about) if about else not found[0].about


def test_an_amount_given_to_someone_names_no_funder() -> None:
    assert not claims("The Global Fund received USD 5 billion in 2020.")


@pytest.mark.parametrize(
    ("sentence", "funders"),
    [
        # What funding is for follows "for": the HIV programmes pay for nothing.
        ("It gives 28% of international financing for HIV programmes and TB care.", []),
        ("The Harbour Bank provides funding for ReefWatch.", ["the Harbour Bank"]),
        ("ReefWatch is funded for five years by Norway.", ["Norway"]),
        ("Funding for ReefWatch comes from the Harbour Bank.", ["the Harbour Bank"]),
        # Money names who gave it before it, or after it as its source; else where it is kept.
        ("The money sits in the Reef Trust Fund, held by the Harbour Bank.", []),
        ("The money was raised from Japan and Chile.", ["Japan", "Chile"]),
    ],
)
def test_what_funding_is_for_is_named_after_it_and_pays_for_nothing(
    sentence: str, funders: list[str]
) -> None:
    named = [name for c in claims(sentence) if c.role is Role.FUND for name in c.names]
    assert named == funders


def test_names_that_follow_the_first_of_a_ranking_play_its_part_with_it() -> None:
    [claim] = claims(
        "Germany has been the largest contributor in recent years, followed by the "
        "Netherlands, Sweden and Japan."
    )
    assert claim.names == ("Germany", "the Netherlands", "Sweden", "Japan")
    assert before_followers(claim.sentence, claim.names) == ("Germany",)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("who gives the most money to reefwatch", True),
        ("who is the largest donor of reefwatch", True),
        ("who are the largest donors of reefwatch", False),
        ("who funds reefwatch", False),
    ],
)
def test_a_question_may_ask_for_the_first_of_a_ranking(question: str, first: bool) -> None:
    assert asks_for_the_first(question) is first


def test_a_name_before_its_colon_is_what_the_words_after_it_describe() -> None:
    # The window is money of the fund, not one who pays for it.
    found = claims("Reef Window (RW): project-based funding of up to USD 3 million for a year.")
    assert not [c for c in found if c.role is Role.FUND]


@pytest.mark.parametrize(
    ("sentence", "hosts"),
    [
        ("In return the UN endorses our policing capabilities in host countries.", []),
        ("It gathers the experience of past host countries.", []),
        ("The Government of Austria, as host country, covers the office costs.", ["Austria"]),
        ("Kenya is the host country of the secretariat.", ["Kenya"]),
        ("The replenishment was co-hosted by South Africa and the United Kingdom.", ["Africa"]),
    ],
)
def test_a_host_country_hosts_where_it_is_the_host_not_where_something_happens(
    sentence: str, hosts: list[str]
) -> None:
    found = [" ".join(c.names) for c in claims(sentence) if c.role is Role.HOST]
    assert len(found) == len(hosts)
    assert all(word in names for word, names in zip(hosts, found, strict=True))


@pytest.mark.parametrize(
    "sentence, founders",
    [
        # The cue is part of one item of an enumeration; the names after it are the next items.
        (
            "The Board has 12 voting members: the five founding countries, Spain, the Republic "
            "of Korea and two civil society seats.",
            [],
        ),
        # The same words as an apposition name the founders.
        (
            "The founding countries, Brazil and France, chair the Board in turn.",
            ["Brazil", "France"],
        ),
    ],
)
def test_a_cue_inside_one_item_of_a_list_says_nothing_of_the_items_after_it(
    sentence: str, founders: list[str]
) -> None:
    found = [name for c in claims(sentence) if c.role is Role.FOUND for name in c.names]
    assert found == founders


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        (
            "The Reef Summit in Suva was co-hosted by Fiji and Tonga, where donors pledged "
            "US$ 40 million.",
            Role.HOST,
        ),
        ("The fund was set up by the Lagoon Bank together with bilateral donors.", Role.FOUND),
        ("The Pacific Desk asked the Lagoon Bank to work with interested donors.", None),
    ],
)
def test_names_before_a_cue_in_another_clause_or_beside_a_with_do_not_play_its_part(
    sentence: str, role: Role | None
) -> None:
    assert {c.role for c in claims(sentence)} <= {role}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Lagoon Bank, together with other donors, pays for the reef surveys.",
        "It works with the Reef Council, with the Tide Office and with academic partners.",
    ],
)
def test_names_beside_a_with_of_their_own_kind_still_play_its_part(sentence: str) -> None:
    assert any(c.role in (Role.FUND, Role.PARTNER) for c in claims(sentence))


@pytest.mark.parametrize(
    ("sentence", "runners"),
    [
        (
            "The clinics are run jointly by the Reef Health Office and the Lagoon Trust.",
            ("the Reef Health Office", "the Lagoon Trust"),
        ),
        ("It is carried out by the Tide Office together with KRTV.", ("the Tide Office", "KRTV")),
    ],
)
def test_run_with_an_adverb_and_carried_out_by_say_who_runs_it(
    sentence: str, runners: tuple[str, ...]
) -> None:
    assert any(c.role is Role.RUN and c.names == runners for c in claims(sentence))


def test_a_comma_before_and_after_one_name_starts_a_clause_not_a_list() -> None:
    found = claims(
        "It is carried out by the Tide Office together with KRTV, and Norway pays for the training."
    )
    assert {c.names for c in found if c.role is Role.FUND} == {("Norway",)}
    assert all("Norway" not in c.names for c in found if c.role is not Role.FUND)


def test_verbs_of_a_clause_that_names_its_object_before_them_claim_their_doers() -> None:
    found = claims(
        "The scanners came with a project that the Reef Council finances and KRTV implements "
        "together with the harbour police."
    )
    assert {(c.role, c.names, c.about) for c in found} == {
        (Role.FUND, ("the Reef Council",), ()),
        (Role.RUN, ("KRTV",), ()),
    }


def test_names_that_money_goes_through_do_not_pay() -> None:
    found = claims(
        "The patrols were paid for through the Lagoon Trust Fund, and later funded by Norway."
    )
    assert {c.names for c in found if c.role is Role.FUND} == {("Norway",)}


def test_a_verb_after_which_and_its_doers_acts_on_what_which_stands_for() -> None:
    [claim] = claims("The Reef Meals Partnership, which KRTV runs with the Tide Office, feeds 900.")
    assert claim.role is Role.RUN
    assert claim.names == ("KRTV", "the Tide Office")
    assert claim.about == ("The Reef Meals Partnership",)
    # The doers are those between "which" and the verb, or none.
    assert claims("The Reef Alliance, with which the Global Fund coordinates support.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "KRTV is in charge of the reef survey component.",
        "The Lagoon Office is responsible for the programme.",
        "The Tide Office leads the training component and the coordination office in Suva.",
    ],
)
def test_the_subject_of_in_charge_responsible_or_leading_a_component_runs_it(
    sentence: str,
) -> None:
    assert {c.role for c in claims(sentence)} == {Role.RUN}


def test_a_unit_and_the_organisation_it_belongs_to_are_one_player() -> None:
    [claim] = claims(
        "The programme is run by the Implementation Support Section, Organized Crime Branch, "
        "UNODC, with help from WCO."
    )
    assert claim.names[0] == "the Implementation Support Section, Organized Crime Branch, UNODC"
    [listed] = [c for c in claims("Partners: UNDP, UNICEF and the World Bank") if c.label]
    assert listed.names == ("UNDP", "UNICEF", "the World Bank")
    [host] = [c for c in claims("Host: Reef Council, Regional Office for Oceania") if c.label]
    assert host.names == ("Reef Council, Regional Office for Oceania",)


def test_bodies_counted_in_one_sentence_and_named_in_turn_after_it_play_the_counts_part() -> None:
    found = claims(
        "When Kelp Count was launched, three donors signed its charter. The Reef Union brought "
        "its survey boats. Norway put up most of the first money. The Tide Bank lent its "
        "divers. Brazil shared its maps."
    )
    funders = [c.names for c in found if c.role is Role.FUND and len(c.names) > 1]
    assert funders == [("the Reef Union", "Norway", "the Tide Bank")]


@pytest.mark.parametrize(
    "text",
    [
        "The founding partners are described in turn. The Reef Union brings its boats. The "
        "Tide Bank buys the fuel. The Kelp Fund lends its divers.",
        "The founding partners are described in turn: the Reef Union brings its boats; the "
        "Tide Bank buys the fuel; the Kelp Fund lends its divers.",
    ],
)
def test_partners_announced_without_a_count_and_named_in_turn_are_all_partners(text: str) -> None:
    listed = [c.names for c in claims(text) if c.role is Role.PARTNER and len(c.names) > 1]
    assert listed == [("the Reef Union", "the Tide Bank", "the Kelp Fund")]


def test_a_sentence_that_names_someone_announces_no_list() -> None:
    found = claims(
        "The Reef Union and its partners work together. The Tide Bank buys the fuel. The Kelp "
        "Fund lends its divers."
    )
    assert not [c for c in found if len(c.names) > 1 and "the Tide Bank" in c.names]


def test_a_name_that_opens_with_a_code_of_letters_and_digits_plays_no_part() -> None:
    # A conference, a funding round or a disease is never a funder, founder or partner.
    assert (
        claims("Thirty donor governments pledged USD 5 billion for the eighth round (GEF-8).") == []
    )
    assert claims("It was launched at COP21 in Paris.") == []
    assert claims("Contributions arrived late because of the COVID-19 pandemic.") == []
    # A partnership named with a digit does ("P4G"), and so does who launched it at a
    # conference.
    assert [c.names for c in claims("The hub is funded by P4G and E3G.")] == [("P4G", "E3G")]
    assert [c.names for c in claims("It was launched by UNEP at COP21 in Paris.")] == [("UNEP",)]


def test_names_after_a_cue_that_say_where_it_happened_play_no_part() -> None:
    said = "The fund was launched in New York, on the margins of the UN General Assembly."
    assert claims(said) == []
    assert claims("The partnership was formally created at the World Health Assembly.") == []
    assert claims("The programme is implemented in Kenya and Uganda.") == []
    # Hosting is said so, and a body's office is no mere place.
    assert [c.names for c in claims("Its secretariat is hosted at the World Bank.")] == [
        ("the World Bank",)
    ]
    office = claims("Day-to-day coordination sits with a team in the FAO office in Lima.")
    assert [(c.role, c.names) for c in office] == [(Role.RUN, ("FAO",))]


def test_an_organisation_whose_name_ends_in_a_year_plays_its_part() -> None:
    found = claims("The Fund was formerly managed by the PARIS21 secretariat in Paris.")
    assert {c.names for c in found} == {("PARIS21",)}


def test_names_after_through_are_a_channel_of_money_wherever_the_cue_is() -> None:
    said = "Norway, through its Reef Climate Initiative, put up the largest share of contributions."
    assert [(c.role, c.names) for c in claims(said)] == [(Role.FUND, ("Norway",))]


def test_the_names_that_open_a_relative_clause_do_what_its_verb_says() -> None:
    said = "Donor money is pooled in the Reef Trust Fund, which the Lagoon Office administers."
    found = claims(said)
    assert [(c.role, c.names) for c in found if "Lagoon Office" in " ".join(c.names)] == [
        (Role.RUN, ("the Lagoon Office",))
    ]


def test_a_commission_of_an_organisation_is_one_player_and_by_a_and_by_b_is_one_list() -> None:
    said = (
        "The Reef Drug Control Commission (RDCC) of the Organization of Island States (OIS) is "
        "the coordinating body of the network."
    )
    assert [c.names for c in claims(said)] == [
        ("the Reef Drug Control Commission (RDCC) of the Organization of Island States (OIS)",)
    ]
    said = "The network is funded by the Government of Canada and by the Lagoon Agency (LA)."
    assert [c.names for c in claims(said)] == [
        ("the Government of Canada", "the Lagoon Agency (LA)")
    ]
    # "by" that starts another phrase is no agent: "by 2020".
    assert [c.names for c in claims("It is run by UNDP and by 2020 it had grown.")] == [("UNDP",)]


@pytest.mark.parametrize(
    ("said", "names"),
    [
        # The channel of the money, between two agents, is no agent.
        (
            "It is paid for by Norway, through its Agency for Reef Aid (ARA), and by Japan.",
            ("Norway", "Japan"),
        ),
        # The kind of thing a name is, or the bracket of an acronym, stands before "and".
        (
            "It is financed by the Lagoon Risk and Warning Systems (LRWS) initiative and by the "
            "Coral Development Agency (CDA).",
            ("LRWS", "the Coral Development Agency (CDA)"),
        ),
        (
            "The Alliance is co-chaired by the Atoll Centres for Disease Control (Atoll CDC) and "
            "the WHO Regional Office for the Pacific.",
            ("Atoll CDC", "WHO Regional Office for the Pacific"),
        ),
    ],
)
def test_a_list_goes_on_past_a_remark_or_the_kind_of_its_name(
    said: str, names: tuple[str, ...]
) -> None:
    assert [c.names for c in claims(said)] == [names]


def test_before_a_move_the_question_names_the_claim_that_names_where_it_moved_says_since() -> None:
    text = (
        "Coordination: Coast Police Regional Bureau, Suva. Until 2019 the project was "
        "coordinated from the Coast Police Secretariat in Apia."
    )
    found = best_claims(
        lambda _: claims(text),
        [0],
        "who coordinated the reef project before it moved to suva",
        # The words of the move hold the question's words too ("suva"), as on real pages.
        lambda _, claim: 0.6 if "Suva" in claim.sentence else 0.3,
        lambda _: False,
    )
    assert found[0].claim.names == ("the Coast Police Secretariat",)
    # Asked about now, the present one comes first.
    now = best_claims(
        lambda _: claims(text),
        [0],
        "who coordinates the reef project",
        lambda *_: 1.0,
        lambda _: False,
    )
    assert now[0].claim.names == ("Coast Police Regional Bureau",)


@pytest.mark.parametrize(
    ("question", "reference", "moved"),
    [
        (
            "who hosted X before it moved to washington",
            {"it", "moved", "to", "washington"},
            {"washington"},
        ),
        ("before giz who was the implementing partner of X", {"giz"}, set()),
        ("before giz, who ran X?", {"giz"}, set()),
        ("who ran X before NAMEM took it over?", {"namem", "took", "it", "over"}, set()),
    ],
)
def test_a_point_of_reference_is_the_words_after_before_to_the_end_of_its_clause(
    question: str, reference: set[str], moved: set[str]
) -> None:
    assert referenced(question) == reference
    assert moved_to(question) == moved


def test_a_cue_in_capitals_after_a_name_and_its_acronym_is_a_word_of_the_name() -> None:
    # "Secretariat" names the body; it says nothing of who runs what.
    said = "The Island Community (ISCOM) Secretariat holds the vice-chair."
    assert {c.role for c in claims(said)} == {Role.CHAIR}
    # Unless a colon after it lists what it is made of.
    listed = "Four agencies created the Reef Health (RH) Partnership: the Lagoon Office and UNEP."
    assert ("the Lagoon Office", "UNEP") in [c.names for c in claims(listed)]


def test_what_something_started_with_is_past() -> None:
    said = "It began in 2010 with money from Canada and has since been co-financed by Norway."
    assert {(c.names, c.former) for c in claims(said) if c.role is Role.FUND} == {
        (("Canada",), True),
        (("Norway",), False),
    }
    assert [c.former for c in claims("It was launched with an initial grant from Japan.")] == [True]
    assert [c.former for c in claims("It is funded by Japan.")] == [False]


def test_a_share_paid_from_a_fund_is_that_fund_s_money() -> None:
    said = "A smaller share is paid from the Universal Service Fund of the Lagoon Authority (LA)."
    assert [(c.role, c.names) for c in claims(said)] == [
        (Role.FUND, ("the Universal Service Fund of the Lagoon Authority (LA)",))
    ]


def test_additional_support_from_beside_a_funder_is_money_but_support_alone_is_not() -> None:
    said = "It is financed by Norway, with additional support from the Government of Japan."
    assert [(c.role, c.names) for c in claims(said)] == [
        (Role.FUND, ("Norway",)),
        (Role.FUND, ("the Government of Japan",)),
    ]
    assert not [c for c in claims("Experts give technical support from Lyon.") if c.names]


def test_a_country_after_its_city_is_where_not_who() -> None:
    said = "The Fund is administered by Lumen Power, a firm based in Nairobi, Kenya."
    assert not [c for c in claims(said) if "Kenya" in c.names]
    said = "The Reef Hub brings together the two countries of the lagoon, Fiji and Samoa."
    assert ("Fiji", "Samoa") in [c.names for c in claims(said) if c.role is Role.PARTNER]


def test_a_place_that_opens_a_sentence_plays_no_part() -> None:
    said = "In Kenya, the reef council has created a budget line for divers."
    assert not [c for c in claims(said) if "Kenya" in c.names]
    said = "It was housed at the Lagoon Agency (LA), which remains a close partner."
    assert any("the Lagoon Agency (LA)" in c.names and c.role is Role.PARTNER for c in claims(said))


def test_a_name_that_is_the_part_stands_before_it() -> None:
    said = (
        "The Reef Authority (RA), the body that oversees the lagoon, is the executing agency "
        "and will report to the Lagoon Fund (LF) on results."
    )
    assert [c.names for c in claims(said) if c.role is Role.RUN] == [("the Reef Authority (RA)",)]
    said = "The Reef Watch is a joint initiative of the Lagoon Agency and the Coral Council."
    assert ("the Lagoon Agency", "the Coral Council") in [c.names for c in claims(said)]


def test_a_line_of_key_facts_lists_its_label_s_names_past_its_semicolons() -> None:
    [chairs] = claims("Co-chairs: Fiji Revenue Service (FRS); Samoa Ministry of Customs (MOC)")
    assert chairs.role is Role.CHAIR
    assert chairs.names == ("Fiji Revenue Service (FRS)", "Samoa Ministry of Customs (MOC)")


def test_a_name_with_a_period_that_has_ended_played_its_part_before() -> None:
    hosts = claims("Host: UNOPS (since 1 January 2015); WHO (2001–2014)")
    assert [(c.names, c.former) for c in hosts] == [(("UNOPS",), False), (("WHO",), True)]


@pytest.mark.parametrize(
    ("question", "past"),
    [
        ("who administered the window until 2023", True),
        ("who ran it until the end of 2021", True),
        ("who previously hosted the secretariat", True),
        ("who administers the window", False),
    ],
)
def test_a_question_up_to_a_year_asks_about_the_past(question: str, past: bool) -> None:
    assert is_past(question) is past


def test_where_a_secretariat_sits_is_who_hosts_it() -> None:
    [host] = [
        c
        for c in claims("Until 2022 the secretariat sat with the Centre for Adult Education.")
        if c.role is Role.HOST
    ]
    assert host.names == ("the Centre for Adult Education",) and host.former
    assert not [
        c for c in claims("The Minister sits on the board of the Reef Fund.") if c.role is Role.HOST
    ]


def test_a_name_with_an_ended_period_in_a_sentence_of_the_past_stays_with_the_others() -> None:
    hosts = claims("Until 2014 it was hosted by UNDP (2001–2009) and WHO.")
    assert [(c.names, c.former) for c in hosts if c.role is Role.HOST] == [(("UNDP", "WHO"), True)]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "The clinics are managed on behalf of the Ministry of Health by the Lakeside Care "
            "Trust (LCT).",
            ("the Lakeside Care Trust (LCT)",),
        ),
        (
            "From 2009 to 2015 the corridor was implemented on behalf of the EU by the Andean "
            "Roads Agency.",
            ("the Andean Roads Agency",),
        ),
    ],
)
def test_those_on_whose_behalf_a_body_runs_something_do_not_run_it(
    sentence: str, names: tuple[str, ...]
) -> None:
    assert [c.names for c in claims(sentence) if c.role is Role.RUN] == [names]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "The core agencies are UN Women, the United Nations Population Fund (UNFPA) and "
            "the Lagoon Fund.",
            ("UN Women", "the United Nations Population Fund (UNFPA)", "the Lagoon Fund"),
        ),
        ("Founding agencies: UNDP, OCHA", ("UNDP", "OCHA")),
    ],
)
def test_the_agencies_that_take_part_by_what_they_are_are_partners(
    sentence: str, names: tuple[str, ...]
) -> None:
    assert [c.names for c in claims(sentence) if c.role is Role.PARTNER] == [names]


def test_a_name_said_to_be_a_programme_of_its_players_is_what_they_take_part_in() -> None:
    # "Scale-Up" is no word of a programme's name, but the sentence says it is one.
    sentence = "Sweden finances the Reef Scale-Up, a joint programme of WFP and FAO."
    partners = [c for c in claims(sentence) if c.names == ("WFP", "FAO")]
    assert [c.about for c in partners] == [("Reef Scale-Up",)]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "For phase 2, the Lagoon Programme (LP) is the GEF agency for SBRI.",
            ("the Lagoon Programme (LP)",),
        ),
        ("The Reef Bank acted as GEF agency for the grant.", ("the Reef Bank",)),
        ("ADB is the accredited entity for the GCF grant.", ("ADB",)),
    ],
)
def test_a_noun_of_a_part_says_it_of_the_name_that_is_it_not_of_a_name_inside(
    sentence: str, names: tuple[str, ...]
) -> None:
    assert [c.names for c in claims(sentence) if c.role is Role.RUN] == [names]


def test_a_noun_of_a_part_that_no_name_is_says_no_part() -> None:
    sentence = (
        "In each country the refugee agency of the government, the Refugee Service (RS), owns "
        "the data."
    )
    assert not [c for c in claims(sentence) if c.role is Role.RUN]
    assert not claims("GPE is not a legal entity of its own.")


def test_who_joined_takes_part_in_what_they_joined() -> None:
    [claim] = claims("UNEP joined OH-SEA Net in 2023.")
    assert (claim.role, claim.names) == (Role.PARTNER, ("UNEP",))
    # Those joined by someone else take no part by it.
    assert not claims("No programme before it had joined the European Union and IOM.")


@pytest.mark.parametrize(
    "post", ["Administrative Agent", "Lead Agency", "Accredited Entity", "Executing Agency"]
)
def test_a_post_of_two_capitalized_words_is_no_name_but_the_part_of_the_name_before(
    post: str,
) -> None:
    found = claims(f"The Lagoon Trust Office (LTO) in Suva is the {post} of the Fund.")
    assert {c.names for c in found if c.role is Role.RUN} == {("the Lagoon Trust Office (LTO)",)}


@pytest.mark.parametrize(
    ("sentence", "funders"),
    [
        (
            "Most of the money for Phase III comes from the Lagoon Bank, which covers four "
            "fifths of the budget.",
            {("the Lagoon Bank",)},
        ),
        (
            "Money for the current phase (2022–2026) comes from the Harbour Office (HO), which "
            "covers coordination.",
            {("the Harbour Office (HO)",)},
        ),
        # The givers stand right after "from", or after what it counts: not a name further on.
        (
            "Most of the money for training comes from a regional programme, which approved a "
            "second grant for the Reef Rescue Initiative (RRI).",
            set(),
        ),
    ],
)
def test_money_for_something_comes_from_those_named_after_from(
    sentence: str, funders: set[tuple[str, ...]]
) -> None:
    assert {c.names for c in claims(sentence) if c.role is Role.FUND} == funders


def test_a_second_by_joins_more_agents_to_a_cues_past_a_clause_about_the_first() -> None:
    sentence = (
        "The corridor is financed by the Nordic Development Fund (NDF), which lends EUR 30 "
        "million, and by the Government of Iceland, which adds a grant."
    )
    assert next((c.names, c.role) for c in claims(sentence)) == (
        ("the Nordic Development Fund (NDF)", "the Government of Iceland"),
        Role.FUND,
    )
    # A name inside the clause about the first is what it says of it, not a second agent.
    sentence = (
        "The corridor is financed by the Nordic Development Fund (NDF), which lends EUR 30 "
        "million to the Government of Iceland, and by a grant from the European Union."
    )
    assert next((c.names, c.role) for c in claims(sentence)) == (
        ("the Nordic Development Fund (NDF)",),
        Role.FUND,
    )


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "It moved to the Pacific Islands Forum Secretariat in 2021.",
            [("the Pacific Islands Forum Secretariat",)],
        ),
        (
            "The secretariat has since moved to the University of Fiji.",
            [("the University of Fiji",)],
        ),
        # Where it went, a city, names no host; nor does the country said after it, nor a body
        # before the cue.
        ("The secretariat moved to Lautoka, on the west coast of Fiji, in 2015.", []),
        ("It left the SPC in 2019, and the office moved to Lautoka.", []),
    ],
)
def test_where_a_secretariat_moved_hosts_it(sentence: str, names: list[tuple[str, ...]]) -> None:
    assert [c.names for c in claims(sentence) if c.role is Role.HOST] == names


@pytest.mark.parametrize(
    ("question", "past"),
    [
        ("which donor stopped funding the reef fund", True),
        ("who no longer funds the reef fund", True),
        ("reef fund - which donor gives money but doesnt anymore", True),
        ("who funds the reef fund", False),
        ("who funds the reef fund since 2020", False),
    ],
)
def test_a_question_about_a_part_that_ended_asks_about_the_past(question: str, past: bool) -> None:
    assert is_past(question) is past


@pytest.mark.parametrize(
    "sentence",
    [
        "Its largest backer is the Harbour Bank, which gave the first grants.",
        "The Harbour Bank put in USD 15 million.",
        "The Harbour Bank has added AUD 20 million.",
        "The Harbour Bank invested EUR 3 million in the first phase.",
    ],
)
def test_a_backer_and_one_who_puts_in_or_adds_an_amount_pay(sentence: str) -> None:
    assert ("the Harbour Bank",) in [c.names for c in claims(sentence) if c.role is Role.FUND]


def test_what_a_cue_acts_on_is_named_in_its_own_clause() -> None:
    sentence = (
        "The GEF has approved a grant of USD 11.5 million for the facility, and UNEP, acting as "
        "the GEF Agency, supervises the project."
    )
    # "the facility" is the page's; UNEP opens a clause of its own and is no undertaking here.
    assert [c.about for c in claims(sentence) if c.role is Role.FUND] == [()]


def test_payers_listed_with_an_amount_each_and_the_verb_left_out_all_pay() -> None:
    sentence = "Norway gave USD 5 million, Sweden USD 3 million and the Harbour Bank EUR 2 million."
    assert [c.names for c in claims(sentence) if c.role is Role.FUND] == [
        ("Norway", "Sweden", "the Harbour Bank")
    ]
