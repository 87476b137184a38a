"""Who runs what: relations read from sentences, and the answer line made from one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.sentences import sentences
from retrieval.indexing import Index
from retrieval.relations import (
    Kind,
    Relation,
    answer_line,
    asked_kind,
    denials,
    is_generic,
    join_names,
    list_relations,
    relations,
    same_organisation,
    standing,
    table_relations,
)
from retrieval.relations.wordings import PATTERNS
from tests.conftest import SEED_TEXT

UNODC_LONG = "United Nations Office on Drugs and Crime"


def only(text: str, known: tuple[str, ...] = ()) -> Relation:
    found = relations(text, known)
    assert len(found) == 1, found
    return found[0]


def test_passive_sentence_names_subject_and_organisations() -> None:
    relation = only(
        "The Harbour Watch Initiative is implemented by ALPHA, the Maritime Safety Bureau "
        "and Ocean Trust."
    )
    assert relation.subject == "Harbour Watch Initiative"
    assert relation.phrase == "is implemented by"
    assert relation.organisations == ("ALPHA", "the Maritime Safety Bureau", "the Ocean Trust")


@pytest.mark.parametrize(
    ("text", "subject", "short"),
    [
        (
            "The same coasts are also served by the Reef Watch Project (RWP), which shares staff"
            " with LCP. It is funded by Japan.",
            "Reef Watch Project (RWP)",
            "RWP",
        ),
        (
            "The Lagoon Care Partnership works in ten villages. It is funded by Denmark.",
            "Lagoon Care Partnership",
            None,
        ),
        # No undertaking before it, or only one in quotes: "it" stays for the passage to say.
        ('CT Travel follows an "All-of-UN" approach. It is led by UNOCT.', "It", None),
    ],
)
def test_it_is_the_undertaking_the_sentence_before_names_first(
    text: str, subject: str, short: str | None
) -> None:
    relation = only(text)
    assert (relation.subject, relation.short) == (subject, short)


def test_passive_with_acronym_in_brackets_gives_short_name() -> None:
    relation = only("The Blue Coast Project (BCP) was managed by ALPHA and BETA.")
    assert relation.subject == "Blue Coast Project (BCP)"
    assert relation.short == "BCP"
    assert relation.phrase == "was managed by"
    assert relation.organisations == ("ALPHA", "BETA")


def test_fronted_participle_takes_the_subject_after_the_list() -> None:
    relation = only(
        "Implemented jointly by ALPHA, BETA and the Coastal Guard Agency, HARBOUR gathers ports "
        "from three regions."
    )
    assert relation.subject == "HARBOUR"
    assert relation.short == "HARBOUR"
    assert relation.phrase == "is implemented jointly by"
    assert relation.organisations == ("ALPHA", "BETA", "the Coastal Guard Agency")


def test_appositive_effort_of_a_list() -> None:
    relation = only(
        "Another example is the Foo Bar Consortium (FBC), a collaborative effort of the ALPHA, "
        "BETA and the Gamma Institute."
    )
    assert relation.subject == "Foo Bar Consortium (FBC)"
    assert relation.short == "FBC"
    assert relation.phrase == "is a collaborative effort of"
    assert relation.organisations == ("ALPHA", "BETA", "the Gamma Institute")


def test_copular_partnership_between() -> None:
    relation = only(
        "The Desert Shield Programme is a partnership between ALPHA and the Sahel Water Authority."
    )
    assert relation.subject == "Desert Shield Programme"
    assert relation.phrase == "is a partnership between"
    assert relation.organisations == ("ALPHA", "the Sahel Water Authority")


def test_active_sentence_with_object_subject() -> None:
    relation = only("ALPHA and BETA jointly run the Xylo Programme (XP).")
    assert relation.subject == "Xylo Programme (XP)"
    assert relation.short == "XP"
    assert relation.phrase == "is run by"
    assert relation.organisations == ("ALPHA", "BETA")


def test_members_of_x_are_a_list() -> None:
    relation = only("The members of the Northern Alliance are ALPHA, BETA and the Delta Fund.")
    assert relation.subject == "Northern Alliance"
    assert relation.phrase == "'s members are"
    assert relation.organisations == ("ALPHA", "BETA", "the Delta Fund")
    assert relation.sentence("Northern Alliance") == (
        "Northern Alliance's members are ALPHA, BETA and the Delta Fund"
    )


def test_a_verb_phrase_joined_by_and_shares_the_subject_before_it() -> None:
    found = relations("It is funded by the Oslo Fund and implemented by Expertise France.")
    assert [(r.subject, r.phrase) for r in found] == [
        ("It", "is funded by"),
        ("It", "is implemented by"),
    ]


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("The Reef Fund was created in 2006 and is administered by the MPTF Office.", "Reef Fund"),
        ("ReefWatch started in 2012 and is run by the Lagoon Agency.", "ReefWatch"),
        ("The Reef Fund pays for surveys and is managed by the Harbour Bank.", "Reef Fund"),
    ],
)
def test_a_clause_joined_on_with_is_shares_the_sentence_s_subject(
    sentence: str, subject: str
) -> None:
    [relation] = relations(sentence)
    assert relation.subject == subject


def test_the_names_that_follow_the_first_of_a_ranking_are_in_its_list() -> None:
    [relation] = relations(
        "The largest contributor is the United States, followed by Germany and France."
    )
    assert relation.organisations == ("the United States", "Germany", "France")


def test_a_list_under_a_heading_of_receiving_names_no_funders() -> None:
    items = ["UN agencies, funds and programmes", "Civil society organizations"]
    assert list_relations("Who can receive funding", items) == []
    assert list_relations("Funding", ["Norway", "Japan"])


def test_a_phase_of_the_programme_led_again_is_the_programme() -> None:
    [relation] = relations("The current sixth phase is again led by the Lagoon Agency.")
    assert (relation.subject, relation.phrase) == (None, "is led by")
    assert relation.organisations == ("the Lagoon Agency",)


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        (
            "Money is pooled in the Reef Fund, a UN trust fund administered by the Coral Bank.",
            "Reef Fund",
        ),
        ("It works through an EMPACT grant administered by the Coral Bank.", None),
        ("In 2010, a new fund managed by the Coral Bank opened.", None),
    ],
)
def test_an_indefinite_noun_after_a_name_and_a_comma_says_what_the_name_is(
    sentence: str, subject: str | None
) -> None:
    found = relations(sentence)
    assert [r.subject for r in found] == ([subject] if subject else [])


def test_a_clause_joined_on_to_something_new_says_nothing_of_the_object_before_it() -> None:
    # The Office oversees the Secretariat, not the Initiative.
    assert not relations(
        "A global Secretariat based in Suva coordinates the Initiative and is overseen by the "
        "Office of the Director."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        f"The Drug Route Project is implemented by INTERPOL and the {UNODC_LONG}.",
        f"The Drug Route Project is implemented by the {UNODC_LONG}, INTERPOL and ALPHA.",
        f"The Drug Route Project is implemented by the {UNODC_LONG} and INTERPOL.",
    ],
)
def test_known_long_name_containing_and_stays_whole(sentence: str) -> None:
    relation = only(sentence, (UNODC_LONG,))
    assert f"the {UNODC_LONG}" in relation.organisations
    assert "INTERPOL" in relation.organisations


def test_food_and_agriculture_organization_stays_whole() -> None:
    relation = only(
        "The Seed Bank Network is run by the Food and Agriculture Organization and the World Bank."
    )
    assert relation.organisations == ("the Food and Agriculture Organization", "the World Bank")


def test_name_ending_in_institution_noun_ends_at_and() -> None:
    relation = only("The Reef Project is funded by the Ocean Fund and Coral Trust.")
    assert relation.organisations == ("the Ocean Fund", "the Coral Trust")


def test_clause_after_the_list_is_not_a_name() -> None:
    relation = only(
        "Led by INTERPOL, Operation Pangea targets the illicit online sale of medicines."
    )
    assert relation.organisations == ("INTERPOL",)
    assert relation.subject == "Operation Pangea"


def test_clause_after_a_list_of_two_is_not_a_name() -> None:
    relation = only("Implemented by ALPHA and BETA, the Kappa Project trains customs officers.")
    assert relation.organisations == ("ALPHA", "BETA")
    assert relation.subject == "Kappa Project"


@pytest.mark.parametrize(
    "sentence",
    [
        "The project is run by ALPHA and BETA.",
        "It is implemented by ALPHA and BETA.",
        "This initiative is funded by ALPHA.",
    ],
)
def test_generic_subject_is_generic(sentence: str) -> None:
    relation = only(sentence)
    assert is_generic(relation.subject)
    assert relation.organisations[0] == "ALPHA"


@pytest.mark.parametrize(
    "subject", ["Harbour Watch Initiative", "CRIMJUST", "Airport Communication Project (AIRCOP)"]
)
def test_named_subject_is_not_generic(subject: str) -> None:
    assert not is_generic(subject)


def test_missing_subject_is_generic() -> None:
    assert is_generic(None)


@pytest.mark.parametrize(
    "text",
    [
        "ALPHA publishes an annual report on maritime crime.",
        "The weather was fine and everyone went home.",
        "The meeting was organised by the river.",
        "The report was written by ALPHA.",
        "",
    ],
)
def test_sentence_without_a_relation_gives_none(text: str) -> None:
    assert relations(text) == []


def test_relation_sentence_formats_names_for_an_answer() -> None:
    relation = only(
        "The Kilo Project is implemented by the ALPHA, Beta Organization and Gamma Corp."
    )
    assert relation.organisations == ("ALPHA", "the Beta Organization", "Gamma Corp")
    assert (
        relation.sentence("X") == "X is implemented by ALPHA, the Beta Organization and Gamma Corp"
    )


def test_relation_sentence_joins_names() -> None:
    relation = Relation("X", None, "is implemented by", ("A", "the B Organization", "C"))
    assert relation.sentence("X") == "X is implemented by A, the B Organization and C"
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names([]) == ""


def test_manner_adverb_between_verb_and_agent_is_kept_in_the_phrase() -> None:
    relation = only(
        "River Shield is supported financially by the Government of Portugal and the Ministry "
        "of Foreign Affairs of Denmark."
    )
    assert relation.subject == "River Shield"
    assert relation.phrase == "is supported financially by"
    assert relation.organisations == (
        "the Government of Portugal",
        "the Ministry of Foreign Affairs of Denmark",
    )


def test_day_to_day_between_verb_and_agent() -> None:
    relation = only(
        "The Reef Guard Project is managed on a day-to-day basis by the Coastal Watch Agency."
    )
    assert relation.subject == "Reef Guard Project"
    assert relation.organisations == ("the Coastal Watch Agency",)


def test_two_verbs_share_one_agent() -> None:
    relation = only(
        "The Harbour Portal was designed, and is hosted today, by the Maritime Data Office (MDO)."
    )
    assert relation.subject == "Harbour Portal"
    assert relation.phrase == "was designed and hosted by"
    assert relation.organisations == ("the Maritime Data Office (MDO)",)


def test_verb_joined_by_and_after_a_name_keeps_the_generic_subject() -> None:
    found = relations(
        "The register is owned by ALPHANET and administered day to day by the ALPHANET Secretariat."
    )
    assert [(r.subject, r.phrase, r.organisations) for r in found] == [
        (None, "is owned by", ("ALPHANET",)),
        (None, "is administered by", ("the ALPHANET Secretariat",)),
    ]


def test_partnership_between_a_counted_list_after_a_colon() -> None:
    relation = only(
        "The Silver Route was set up in 2015 as a partnership between three agencies: ALPHA, "
        "BETA and the Gamma Authority."
    )
    assert relation.subject == "Silver Route"
    assert relation.phrase == "is a partnership between"
    assert relation.organisations == ("ALPHA", "BETA", "the Gamma Authority")


def test_a_group_of_donors_that_includes_a_list() -> None:
    relation = only(
        "The platform has been supported by a group of donors that includes Ireland, Austria and "
        "the World Bank."
    )
    assert is_generic(relation.subject)
    assert relation.organisations == ("Ireland", "Austria", "the World Bank")


def test_made_possible_by_a_grant_and_further_contributions() -> None:
    relation = only(
        "The scheme has been made possible thanks to a grant from the Oslo Fund and additional "
        "contributions from the Governments of Chile and Peru."
    )
    assert relation.phrase == "is funded by"
    assert relation.organisations == ("the Oslo Fund",)
    assert relation.extras == (
        (
            "and additional contributions from",
            ("the Government of Chile", "the Government of Peru"),
        ),
    )
    assert relation.sentence("X") == (
        "X is funded by the Oslo Fund and additional contributions from the Government of "
        "Chile and the Government of Peru"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Its field work is carried out thanks to the generous support of the Kappa Trust.",
        "Operation Sandstorm runs with financial support from the Kappa Trust.",
        "Its donors include the Kappa Trust.",
        "Donors: the Kappa Trust.",
    ],
)
def test_ways_of_saying_who_pays(sentence: str) -> None:
    relation = only(sentence)
    assert relation.phrase == "is funded by"
    assert relation.organisations == ("the Kappa Trust",)


def test_a_while_clause_names_who_provides_a_part_of_the_work() -> None:
    relation = only(
        "Blue Net is co-led by the Harbour Police and the Coast Guard Service, which set the "
        "agenda, while the Omega Centre provides analysis."
    )
    assert relation.organisations == ("the Harbour Police", "the Coast Guard Service")
    assert relation.extras == (("with analysis from", ("the Omega Centre",)),)


def test_a_comma_inside_a_name_before_a_partnership_clause() -> None:
    relation = only(
        "It is a project of the Regional Council's Office of Legal Affairs, Trade and Industry "
        "carried out together with the Blue Agency (BA)."
    )
    assert relation.organisations == (
        "the Regional Council's Office of Legal Affairs, Trade and Industry",
    )
    assert relation.extras == (("carried out together with", ("the Blue Agency (BA)",)),)


def test_under_the_leadership_of_joins_the_leader() -> None:
    relation = only("The Tide Network is run by ALPHA under the leadership of the Kappa Council.")
    assert relation.extras == (("under the leadership of", ("the Kappa Council",)),)


def test_something_else_managed_by_is_not_about_the_subject() -> None:
    relation = only("The Delta Fund is managed by ALPHA, through a grant administered by BETA.")
    assert relation.organisations == ("ALPHA",)


def test_an_adjective_before_a_common_noun_is_not_a_name() -> None:
    assert relations("The work is overseen by European partner agencies.") == []


def test_a_lower_case_unit_ends_a_name_that_has_its_own_possessive() -> None:
    relation = only("Each cycle of Sandstorm is coordinated by ALPHA's Maritime Crime unit.")
    assert relation.subject == "Sandstorm"
    assert relation.organisations == ("ALPHA's Maritime Crime unit",)


def test_a_dash_and_an_acronym_continue_a_name() -> None:
    relation = only("The project is funded by the Northern Security Fund – Borders (NSF-B).")
    assert relation.organisations == ("the Northern Security Fund – Borders (NSF-B)",)


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        (
            "Inclusive Schools Rangpur – funded by the Government of Australia",
            "Inclusive Schools Rangpur",
        ),
        ("Deaf Youth Tailoring – supported by the Aga Khan Foundation", "Deaf Youth Tailoring"),
        # A part of the page's own programme says who pays for the programme.
        ("Phase II – funded by the European Union", None),
    ],
)
def test_a_name_a_dash_sets_off_at_the_start_of_a_line_is_what_its_verb_is_said_of(
    line: str, subject: str | None
) -> None:
    assert only(line).subject == subject


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "The partnership was founded in Split in May 2019 by Mare Vivo Pulito, a diving club "
            "from Bari, Plavi Val, a conservation group based in Split, and Zelena Obala, an "
            "environmental group.",
            ("Mare Vivo Pulito", "Plavi Val", "Zelena Obala"),
        ),
        (
            "It is run by the Reef Trust, a charity, and the Lagoon Office.",
            ("the Reef Trust", "the Lagoon Office"),
        ),
        # A description may end in a city and its country: no name of the list.
        (
            "The Fund is administered by Lumen Partners, an advisory firm in Nairobi, Kenya, "
            "which was selected in 2020.",
            ("Lumen Partners",),
        ),
    ],
)
def test_a_list_of_names_goes_on_past_what_each_name_is(
    sentence: str, names: tuple[str, ...]
) -> None:
    assert only(sentence).organisations == names


def test_a_name_of_two_coined_words_has_no_short_form() -> None:
    relation = only("MAR DeLTA is financed by the Omega Fund.")
    assert relation.subject == "MAR DeLTA"
    assert relation.short is None


def test_a_coined_name_in_lower_case_first_is_a_subject() -> None:
    relation = only("The r-NET is owned by ALPHA.")
    assert relation.subject == "r-NET"


def test_a_committee_chaired_by_organisations_is_not_the_subject() -> None:
    assert relations("ALPHA and BETA co-chair the steering committee.") == []


def test_an_organisation_is_dropped_only_when_it_is_the_subject() -> None:
    runs = Relation("ALPHA Data System", None, "is owned by", ("ALPHA",))
    assert runs.without(["ALPHA Data System"]) == runs
    itself = Relation(None, None, "is supported by", ("Canopy Wing",))
    assert itself.without(["Project Canopy Wing"]) is None
    pronoun = Relation("It", None, "is a programme of", ("the Department of Political Affairs",))
    assert pronoun.without(["It"]) == pronoun


MEMBERS_TABLE = [
    "Members and their roles",
    "Organisation | Country | Role",
    "ALPHA | Chile | Lead partner; runs the port work",
    "Beta Institute | Peru | Consortium member",
    "Gamma Bank | Spain | Donor",
    "Fishing villages | Chile | Beneficiaries",
    "Delta Agency | Peru | Occasional cooperation on training",
]


def test_table_rows_give_who_runs_and_who_funds_by_their_roles() -> None:
    running = table_relations("Governance", MEMBERS_TABLE, 2)
    assert [(r.phrase, r.organisations) for r in running] == [
        ("is run by", ("ALPHA (lead partner)", "the Beta Institute (consortium member)")),
    ]
    funding = table_relations("Governance", MEMBERS_TABLE, 4)
    assert [(r.phrase, r.organisations) for r in funding] == [
        ("is funded by", ("the Gamma Bank (donor)",)),
    ]
    assert table_relations("Governance", MEMBERS_TABLE, 3) == []


def test_table_header_and_tables_without_organisations_give_nothing() -> None:
    assert table_relations("Governance", MEMBERS_TABLE, 1) == []
    results = ["Region | Workshops | Officers", "Andes | 14 | 420", "Pacific | 9 | 270"]
    assert table_relations("Results", results, 1) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Reef Guardians Project receives financial support from the Kappa Trust.",
        "The Reef Guardians Project has received funding from the Kappa Trust.",
        "The Reef Guardians Project received grants from the Kappa Trust in 2021.",
        "The Reef Guardians Project benefits from voluntary contributions from the Kappa Trust.",
    ],
)
def test_receiving_money_from_a_funder(sentence: str) -> None:
    relation = only(sentence)
    assert relation.subject == "Reef Guardians Project"
    assert relation.phrase == "is funded by"
    assert relation.organisations == ("the Kappa Trust",)


@pytest.mark.parametrize(
    "sentence",
    [
        "The unit receives support from the Harbour Police in its planning.",
        "We benefit from the support of the Harbour Police in training.",
    ],
)
def test_receiving_support_that_is_not_money_is_not_funding(sentence: str) -> None:
    assert relations(sentence) == []


def test_the_governments_of_a_list_are_each_a_government() -> None:
    relation = only(
        "It has received funding from the Governments of Iceland, Chile, the Republic of Korea, "
        "the United Kingdom of Great Britain and Northern Ireland, and the Principality of "
        "Monaco."
    )
    assert relation.organisations == (
        "the Government of Iceland",
        "the Government of Chile",
        "the Government of the Republic of Korea",
        "the Government of the United Kingdom of Great Britain and Northern Ireland",
        "the Government of the Principality of Monaco",
    )


def test_money_alongside_contributions_from_more_governments() -> None:
    relation = only(
        "Blue Harbour receives financial support from the Nordic Council and the Government of "
        "Chile, alongside contributions from the Governments of Peru, Fiji and the Republic of "
        "Korea."
    )
    assert relation.organisations == ("the Nordic Council", "the Government of Chile")
    assert relation.extras == (
        (
            "alongside contributions from",
            (
                "the Government of Peru",
                "the Government of Fiji",
                "the Government of the Republic of Korea",
            ),
        ),
    )
    assert relation.sentence("X").startswith(
        "X is funded by the Nordic Council and the Government of Chile, alongside contributions "
        "from the Government of Peru"
    )


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("ALPHA runs the project.", "is run by"),
        ("ALPHA directs the initiative from Oslo.", "is directed by"),
        ("ALPHA heads the network.", "is headed by"),
        ("ALPHA and BETA coordinate it.", "is coordinated by"),
        ("ALPHA ran the campaign.", "was run by"),
        ("ALPHA oversaw the programme.", "was overseen by"),
        ("ALPHA planned and directed the operation.", "was planned and directed by"),
    ],
)
def test_an_active_verb_in_any_tense_says_who_runs_the_subject(sentence: str, phrase: str) -> None:
    relation = only(sentence)
    assert is_generic(relation.subject)
    assert relation.phrase == phrase
    assert relation.organisations[0] == "ALPHA"


@pytest.mark.parametrize(
    "sentence",
    [
        "ALPHA leads the way in training customs officers.",
        "ALPHA leads a working group on port security.",
        "ALPHA funds its own staff.",
        "ALPHA leads on customs-related activities.",
    ],
)
def test_an_active_verb_about_something_else_says_nothing(sentence: str) -> None:
    assert relations(sentence) == []


def test_a_leader_supported_by_others() -> None:
    found = relations(
        "ALPHA leads the operation, supported by the Beta Customs Organization (BCO) and "
        "Gammapol, which help coordinate border checks."
    )
    assert found[0].phrase == "is led by"
    assert found[0].organisations == ("ALPHA",)
    assert found[0].extras == (
        ("supported by", ("the Beta Customs Organization (BCO)", "Gammapol")),
    )
    assert found[0].sentence("X") == (
        "X is led by ALPHA, supported by the Beta Customs Organization (BCO) and Gammapol"
    )
    # Support is not said to be money: who-funds gets "supported by", not "funded by".
    assert [(r.phrase, r.organisations) for r in found[1:]] == [
        ("is supported by", ("the Beta Customs Organization (BCO)", "Gammapol"))
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "ALPHA coordinates the operation together with the Beta Customs Service.",
        "ALPHA coordinates the operation in the south, in partnership with the Beta Customs "
        "Service.",
    ],
)
def test_an_active_verb_joins_partners_after_its_object(sentence: str) -> None:
    relation = only(sentence)
    assert relation.organisations == ("ALPHA",)
    assert [names for _, names in relation.extras] == [("the Beta Customs Service",)]


def test_an_edition_directed_by_one_with_another_acting_as_coordinator() -> None:
    relation = only(
        "The Harbour Customs Secretariat planned and directed HERON IV, with the Port Liaison "
        "Office for Asia and the Pacific (PLO A/P) acting as the coordination unit."
    )
    assert relation.subject == "HERON IV"
    assert relation.short is None  # an edition's number is not a short name
    assert relation.phrase == "was planned and directed by"
    assert relation.organisations == ("the Harbour Customs Secretariat",)
    assert relation.sentence("HERON IV") == (
        "HERON IV was planned and directed by the Harbour Customs Secretariat, with the Port "
        "Liaison Office for Asia and the Pacific (PLO A/P) acting as the coordination unit"
    )


@pytest.mark.parametrize(
    ("subject", "short"),
    [
        ("Operation Tide XVI", None),
        ("UN Ports Resilience Programme", None),
        ("TIDE Programme", "TIDE"),
    ],
)
def test_only_an_acronym_beside_generic_words_is_a_short_name(
    subject: str, short: str | None
) -> None:
    relation = only(f"The {subject} was coordinated by ALPHA.")
    assert relation.subject == subject
    assert relation.short == short


def test_a_committee_chaired_by_someone_is_not_the_subject() -> None:
    relation = only(
        "The Facility is run by ALPHA. A regional steering committee, chaired by the Basin "
        "Secretary, sets its priorities."
    )
    assert relation.organisations == ("ALPHA",)


@pytest.mark.parametrize(
    "name",
    [
        "the Maritime and Coastal Foundation for Training and Public Safety (MCFTPS)",
        # the acronym of the name in another language, its letters in another order
        "the Northern and Southern Institute for Ports and Harbour Security (INSPHS)",
    ],
)
def test_a_long_name_with_and_inside_spelt_out_by_its_acronym(name: str) -> None:
    relation = only(f"Harbour Link is managed by ALPHA, in cooperation with {name} of Norland.")
    assert relation.extras == (("in cooperation with", (name,)),)


def test_an_acronym_that_the_last_name_spells_alone_belongs_to_it_alone() -> None:
    relation = only("Harbour Link is run by ALPHA and the Harbour Safety Organization (HSO).")
    assert relation.organisations == ("ALPHA", "the Harbour Safety Organization (HSO)")


@pytest.mark.parametrize(
    ("agent", "shown"),
    [
        ("Nordia Consult's Security Department", "Nordia Consult's Security Department"),
        ("Nordic Council of Ministers", "the Nordic Council of Ministers"),
        ("Office of Port Security (OPS)", "the Office of Port Security (OPS)"),
    ],
)
def test_a_name_takes_the_article_of_its_head_noun(agent: str, shown: str) -> None:
    assert only(f"Harbour Link is managed by {agent}.").organisations == (shown,)


def test_a_list_after_partners_is_run_by_its_lead_with_the_others() -> None:
    items = [
        "Nordhilfe Gesellschaft für Hafensicherheit (NGH) GmbH – lead implementing agency",
        "Harbour Safety Organization (HSO)",
        "Coastal Trust",
    ]
    (relation,) = list_relations("Partners and donors", items, lead_in="Partners:")
    assert relation.sentence("X") == (
        "X is run by Nordhilfe Gesellschaft für Hafensicherheit (NGH) GmbH (lead implementing "
        "agency) in partnership with the Harbour Safety Organization (HSO) and the Coastal Trust"
    )


def test_a_list_after_donors_names_funders_even_under_a_partners_heading() -> None:
    items = ["European Union, through its Maritime Fund", "Kappa Ministry of Development (KMD)"]
    (relation,) = list_relations("Partners and donors", items, lead_in="Donors:")
    assert relation.phrase == "is funded by"
    assert relation.organisations == (
        "the European Union (through its Maritime Fund)",
        "the Kappa Ministry of Development (KMD)",
    )


def test_a_role_that_only_describes_the_work_is_not_shown() -> None:
    items = [
        "Office of Port Security (OPS) – overall programme management",
        "Beta Agency (BA) – policy advice and assessments",
    ]
    (relation,) = list_relations("How we work", items, lead_in="Partners:")
    assert relation.sentence("X") == (
        "X is run by the Office of Port Security (OPS, overall programme management) in "
        "partnership with the Beta Agency (BA)"
    )


def test_a_role_told_as_a_sentence_about_the_work_says_no_part_and_partners_stay_partners() -> None:
    items = [
        "ALPHA – sets the standards and runs the survey network with national agencies.",
        "Beta Bank – the largest private funder, also advising on strategy.",
        "Gamma Agency – buys and ships the equipment.",
    ]
    found = {r.phrase: r.organisations for r in list_relations("Our core partners", items)}
    assert found == {
        "is funded by": ("the Beta Bank (the largest private funder)",),
        "'s partners are": (
            "ALPHA",
            "the Beta Bank (the largest private funder)",
            "the Gamma Agency",
        ),
    }


def test_a_table_column_headed_contributor_or_donor_names_funders() -> None:
    rows = ["Contributor | Share of the budget", "Beta Bank | about 40%", "Kappa | about 5%"]
    assert [(r.phrase, r.organisations) for r in table_relations("Funding", rows, 1)] == [
        ("is funded by", ("the Beta Bank", "Kappa"))
    ]


def test_a_list_whose_lead_in_and_heading_say_nothing_of_partners_is_no_relation() -> None:
    assert list_relations("How it works", ["ALPHA – inspections"], lead_in="Each cycle has:") == []


@pytest.fixture(scope="module")
def seed_relations(seed_index: Index) -> dict[str | None, Relation]:
    text = SEED_TEXT.read_text(encoding="utf-8")
    return {r.short: r for r in relations(text, seed_index.acronyms.values())}


def test_seed_document_gives_exactly_three_relations(
    seed_relations: dict[str | None, Relation],
) -> None:
    assert set(seed_relations) == {"CRIMJUST", "AIRCOP", "ICCWC"}


def test_seed_crimjust(seed_relations: dict[str | None, Relation]) -> None:
    relation = seed_relations["CRIMJUST"]
    assert relation.subject == "CRIMJUST"
    assert relation.organisations == ("UNODC", "INTERPOL", "Transparency International")
    assert relation.sentence("CRIMJUST") == (
        "CRIMJUST is implemented jointly by UNODC, INTERPOL and Transparency International"
    )


def test_seed_aircop(seed_relations: dict[str | None, Relation]) -> None:
    relation = seed_relations["AIRCOP"]
    assert relation.subject == "Airport Communication Project (AIRCOP)"
    assert relation.organisations == ("UNODC", "the World Customs Organization", "INTERPOL")
    assert relation.phrase == "is implemented by"


def test_seed_iccwc(seed_relations: dict[str | None, Relation]) -> None:
    relation = seed_relations["ICCWC"]
    assert relation.subject == "International Consortium on Combating Wildlife Crime (ICCWC)"
    assert relation.organisations == (
        "the CITES Secretariat",
        "INTERPOL",
        "UNODC",
        "the World Bank",
        "WCO",
    )
    assert relation.phrase == "is a collaborative effort of"


def said(text: str, known: tuple[str, ...] = ()) -> list[tuple[str | None, str, tuple[str, ...]]]:
    return [(r.subject, r.phrase, r.organisations) for r in relations(text, known)]


def denied(text: str) -> set[tuple[str, Kind | None]]:
    return {(d.organisation, d.kind) for d in denials(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Osprey Watch has no role in the Reef Compact.", {("Osprey Watch", None)}),
        (
            "The Kappa Council is not a member of the Reef network.",
            {("the Kappa Council", None)},
        ),
        ("ALPHA plays no role in running the project.", {("ALPHA", Kind.RUNNING)}),
        ("BETA no longer manages the Reef Compact day to day.", {("BETA", Kind.RUNNING)}),
        (
            "The Gamma Fund is not a contributor to the programme.",
            {("the Gamma Fund", Kind.FUNDING)},
        ),
        (
            "The Reef Compact should not be confused with the coral scheme overseen by the Delta "
            "Board (DB).",
            {("the Delta Board (DB)", None)},
        ),
        (
            "The Omega Institute (OI) was consulted on the design, but it is not a partner in the "
            "project.",
            {("the Omega Institute (OI)", None)},
        ),
        (
            "That project has closed, and neither the Sigma Bank nor ALPHA has a role in the Reef "
            "Compact.",
            {("the Sigma Bank", None), ("ALPHA", None)},
        ),
        (
            "The Tau Foundation provides the financing; it does not manage country activities.",
            {("the Tau Foundation", Kind.RUNNING)},
        ),
        (
            "The Sigma Bank mapped the reefs. It has no role in running or financing the Compact.",
            {("the Sigma Bank", None)},
        ),
    ],
)
def test_a_page_denying_an_organisation_a_part_is_read_with_what_it_denies(
    text: str, expected: set[tuple[str, Kind | None]]
) -> None:
    assert denied(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ALPHA has no role in the selection of participants.",
        "The Kappa Council does not fund military equipment.",
        "BETA is not a member of the advisory board.",
        "The Gamma Fund is not only a donor but also an adviser.",
        "The contents of this page do not necessarily reflect the views of the Kappa Council.",
        "It is a separate scheme, run independently of ALPHA and BETA.",
    ],
)
def test_a_denial_of_some_other_part_denies_nothing(text: str) -> None:
    assert denials(text) == []


def test_an_organisation_denied_a_part_is_left_out_of_a_relation() -> None:
    relation = Relation(None, None, "is run by", ("ALPHA", "the Delta Board (DB)"))
    assert relation.excluding(["DB"]) == Relation(None, None, "is run by", ("ALPHA",))
    assert relation.excluding(["ALPHA", "Delta Board"]) is None
    assert same_organisation("Frontex", "the European Coast Agency (Frontex)")
    assert not same_organisation("the Kappa Council", "the Kappa Council's Sea Office")


@pytest.mark.parametrize(
    "text",
    [
        "EU funding, managed by the Kappa Directorate, has covered the Reef Compact since 2019.",
        "It is not the same as the control regime for drugs overseen by the Delta Board.",
        "The Reef Compact is not implemented by ALPHA.",
        "The earlier programme was implemented by ALPHA.",
        "The handbook was developed by ALPHA in 2019.",
        "The workshops were organised by BETA.",
        "The keynote speech was delivered by an official of the Kappa Directorate.",
        "The opening ceremony was hosted by the Governor of Reef Province.",
        "Our team in Lyon manages the project.",
        "We coordinate closely with BETA and its field offices.",
        "The Reef Compact complements the EU-funded programmes of the region.",
        "ALPHA is the lead agency on migration in the region.",
        "BETA is the implementing partner for the regional training courses.",
        "The Reef Compact is a Global programme for ports.",
    ],
)
def test_a_verb_said_of_something_else_than_the_page_is_no_relation(text: str) -> None:
    assert relations(text) == []


def test_brackets_describe_the_name_before_them() -> None:
    assert said("Coral Facility (hosted by the Sigma Bank) | Sister initiative.") == [
        ("Coral Facility", "is hosted by", ("the Sigma Bank",))
    ]


def test_a_relative_clause_after_years_in_brackets_is_said_of_the_name_before_them() -> None:
    found = said(
        "It builds on the earlier Reef Programme (2015–2019), which was funded by the Kappa "
        "Council."
    )
    assert found == [("Reef Programme", "was funded by", ("the Kappa Council",))]


def test_a_noun_after_the_copula_is_said_of_the_sentence_subject() -> None:
    assert said("The Coral Fund is a sister initiative hosted by the Sigma Bank.") == [
        ("Coral Fund", "is hosted by", ("the Sigma Bank",))
    ]


def test_a_sentence_opening_word_is_not_part_of_the_subject() -> None:
    found = said("Unlike Project Wren, which is run by ALPHA, Project Kestrel is run by BETA.")
    assert found == [
        ("Project Wren", "is run by", ("ALPHA",)),
        ("Project Kestrel", "is run by", ("BETA",)),
    ]


def test_names_with_an_acronym_of_words_in_brackets_and_commas_inside() -> None:
    assert said("The Coast Agency for Disease Control (Coast CDC) leads the Reef Compact.") == [
        ("Reef Compact", "is led by", ("the Coast Agency for Disease Control (Coast CDC)",))
    ]
    assert said(
        "It is run by the Northern Monitoring, Control and Patrol Network (NMCP Network)."
    ) == [
        ("It", "is run by", ("the Northern Monitoring, Control and Patrol Network (NMCP Network)",))
    ]
    assert said(
        "It is funded by the Pacific Treaty Organization, the Central Island Information and "
        "Coordination Centre (CIICC) and BETA."
    ) == [
        (
            "It",
            "is funded by",
            (
                "the Pacific Treaty Organization",
                "the Central Island Information and Coordination Centre (CIICC)",
                "BETA",
            ),
        )
    ]


def test_how_a_funder_gives_and_where_a_place_is_are_not_more_names() -> None:
    assert said(
        "It is financed by the Government of Chile, through its Sea Agency, and the Kappa Fund."
    ) == [("It", "is financed by", ("the Government of Chile", "the Kappa Fund"))]
    assert said(
        "The secretariat is hosted by ALPHA's Regional Office in Lima, Peru, which runs meetings."
    ) == [(None, "'s secretariat is hosted by", ("ALPHA's Regional Office in Lima",))]
    assert said("With a contribution of CAD 7 million, the Kappa Fund is the sole funder.") == [
        (None, "'s sole funder is", ("the Kappa Fund",))
    ]


def test_a_remark_in_brackets_after_a_funder_does_not_end_the_list_of_funders() -> None:
    assert said(
        "ReefWatch is funded by Japan, Germany (through its Blue Climate Initiative, BCI), "
        "Norway and the Kappa Foundation."
    ) == [
        (
            "ReefWatch",
            "is funded by",
            ("Japan", "Germany", "Norway", "the Kappa Foundation"),
        )
    ]
    # At the end of a list it ends it.
    assert said("ReefWatch is funded by Norway (since 2014).") == [
        ("ReefWatch", "is funded by", ("Norway",))
    ]


def test_a_month_after_in_is_not_part_of_the_subject() -> None:
    assert said("ALPHA launched Reef Watch in January 2020.") == [
        ("Reef Watch", "was launched by", ("ALPHA",))
    ]


def test_active_verbs_in_the_perfect_and_around_a_partnership_clause() -> None:
    assert said("The Kappa Council has financed Reef Watch from the outset.") == [
        ("Reef Watch", "has been financed by", ("the Kappa Council",))
    ]
    (relation,) = relations(
        "ALPHA, in close partnership with the Beta Network (BN), runs the Reef Compact."
    )
    assert relation.sentence("Reef Compact") == (
        "Reef Compact is run by ALPHA in close partnership with the Beta Network (BN)"
    )


def test_hosting_a_secretariat_and_a_second_verb_of_the_same_names() -> None:
    assert said("ALPHA hosts the secretariat and coordinates the Compact.") == [
        ("Compact", "is coordinated by", ("ALPHA",))
    ]
    assert said("ALPHA hosts the secretariat of the Reef Compact.") == [
        ("Reef Compact", "'s secretariat is hosted by", ("ALPHA",))
    ]
    assert said("The Kappa Agency serves as the secretariat of Project Kestrel.") == [
        ("Project Kestrel", "'s secretariat is", ("the Kappa Agency",))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kappa Council is the programme's main donor.", (None, "'s main donor is")),
        (
            "Norway is the largest contributor to the Reef Compact.",
            ("Reef Compact", "'s largest contributor is"),
        ),
        ("The initiative's largest donor is the Kappa Council.", (None, "is funded by")),
        (
            "The Kappa Council has committed up to EUR 8 million over five years.",
            (None, "is funded by"),
        ),
        ("The Kappa Council provides the financing for the pilots.", (None, "is funded by")),
        ("The Kappa Council has also contributed, mainly to the pilots.", (None, "is funded by")),
        ("Funding comes mainly from the Kappa Council.", (None, "is funded by")),
        (
            "It has been sustained through financial contributions from the Kappa Council.",
            (None, "is funded by"),
        ),
        ("The project receives funds from the Kappa Council.", ("project", "is funded by")),
        ("Reef Watch is a Kappa Council initiative.", ("Reef Watch", "is an initiative of")),
    ],
)
def test_more_ways_of_saying_who_runs_or_pays(text: str, expected: tuple[str | None, str]) -> None:
    relation = only(text)
    assert (relation.subject, relation.phrase) == expected
    assert relation.organisations in (("the Kappa Council",), ("Norway",))


@pytest.mark.parametrize(
    ("text", "phrase", "organisations"),
    [
        (
            "Implementation: entrusted to the Kappa Council (KC)",
            "is implemented by",
            ("the Kappa Council (KC)",),
        ),
        ("Funding: European Union, through its Sea Fund", "is funded by", ("the European Union",)),
        ("Lead agency: Kappa Council", "is led by", ("the Kappa Council",)),
        ("Donor: Government of Chile", "is funded by", ("the Government of Chile",)),
        (
            "Implementing partners: ALPHA, BETA and the Kappa Council.",
            "is implemented by",
            ("ALPHA", "BETA", "the Kappa Council"),
        ),
    ],
)
def test_key_facts_labels_say_what_the_names_after_them_do(
    text: str, phrase: str, organisations: tuple[str, ...]
) -> None:
    assert said(text) == [(None, phrase, organisations)]


@pytest.mark.parametrize(
    "text",
    [
        "Started: 2009 (as REEF); current phase since 2022",
        "Full name: Reef Watch Programme",
        "Host: Kenya",
    ],
)
def test_labels_that_are_no_role_give_nothing(text: str) -> None:
    assert relations(text) == []


def test_the_partners_of_a_lead_join_it() -> None:
    (lead, _) = relations(
        "Implementation is entrusted to a consortium of three organisations, led by the Kappa "
        "Foundation (KF). KF's consortium partners are ALPHA and the Beta Institute."
    )
    assert lead.sentence("Reef Watch") == (
        "Reef Watch is led by the Kappa Foundation (KF) in partnership with ALPHA and the Beta "
        "Institute"
    )


def test_a_lead_in_word_that_only_describes_something_else_does_not_make_a_list_of_partners() -> (
    None
):
    ports = ["Rumi, between Chile and Peru;", "Desa, between Peru and Bolivia."]
    lead_in = "Work is concentrated on two crossings selected together with the partner countries:"
    assert list_relations("Pilot crossings", ports, lead_in=lead_in) == []
    earlier = [
        "Reef Cooperation Project (RCP), 2003–2006",
        "Reef Trafficking Project (RTP), 2006–2013",
    ]
    lead_in = "Reef Watch is the third in a line of Chilean-funded regional programmes:"
    assert list_relations("Two decades of cooperation", earlier, lead_in=lead_in) == []


def test_a_list_of_what_a_programme_pays_for_names_no_funders() -> None:
    items = ["Specialised training for judges.", "Mobile court hearings in remote regions."]
    assert list_relations("What the Facility funds", items) == []
    assert list_relations("Funding", items) == []


def test_a_listed_funder_keeps_a_short_channel_but_not_a_long_note() -> None:
    items = [
        "the Government of Chile, through the Chilean Sea Agency (CSA);",
        "the Kappa Council, through successive decisions under its common policy on the sea;",
    ]
    (relation,) = list_relations("Funding", items, lead_in="Contributions have come from:")
    assert relation.organisations == (
        "the Government of Chile (through the Chilean Sea Agency (CSA))",
        "the Kappa Council",
    )


def test_a_table_role_is_its_first_sentence_and_a_row_denying_a_part_is_left_out() -> None:
    rows = [
        "Organisation | Role",
        "Kappa Council (its sea initiative) | Donor. Largest contributor since 2008.",
        "Sigma Bank | Observer; does not fund this programme.",
        "Coral Fund | Sister initiative; no role in management or financing.",
    ]
    assert [(r.phrase, r.organisations) for r in table_relations("Partners", rows, 1)] == [
        ("is funded by", ("the Kappa Council (donor)",))
    ]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("which agencies run the Programme in support of the Port Agreement?", Kind.RUNNING),
        ("who runs the Global Fund?", Kind.RUNNING),
        ("which organisations are behind the Partnership for Reefs?", Kind.RUNNING),
        ("who funds Reef Watch?", Kind.FUNDING),
        ("which donors support Reef Watch?", Kind.FUNDING),
        ("who are the partners in Reef Watch?", Kind.MEMBERSHIP),
        ("who are the lenders for Reef Watch?", Kind.FUNDING),
    ],
)
def test_a_question_asks_what_its_first_telling_word_asks(question: str, kind: Kind) -> None:
    assert asked_kind(question) is kind


def test_who_runs_a_thing_now_stands_above_who_started_or_owned_it() -> None:
    created, operated, owned = (
        Relation(None, None, phrase, ("A",))
        for phrase in ("was created by", "is operated by", "is an initiative of")
    )
    assert standing(operated) > standing(owned) > standing(created)


def test_our_names_the_publishers_own_unit() -> None:
    relation = Relation(None, None, "is managed by", ("the Our Sea Crime Directorate", "BETA"))
    assert relation.owned_by("ALPHA") == Relation(
        None, None, "is managed by", ("ALPHA's Sea Crime Directorate", "BETA")
    )
    assert relation.owned_by("") == Relation(None, None, "is managed by", ("BETA",))


@pytest.mark.parametrize(
    ("subject", "line"),
    [
        ("the network", "the network's secretariat is hosted by WMO"),
        ("TideWatch Secretariat", "TideWatch Secretariat is hosted by WMO"),
    ],
)
def test_a_line_names_a_secretariat_once(subject: str, line: str) -> None:
    assert answer_line(subject, "'s secretariat is hosted by", ["WMO"]) == line


def _corpus_sentences() -> list[str]:
    """Every sentence of the seed page, the development corpus and the web test pages."""
    root = Path(__file__).parent
    files = [
        *sorted((root.parent / "corpus" / "documents").glob("*.txt")),
        *sorted((root / "dev" / "documents").glob("*")),
        *sorted((root / "web" / "pages").glob("*.html")),
    ]
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in files]
    return [sentence for text in texts for sentence in sentences(text)]


# Sentences made of the patterns' own words, in every case, so that most match some pattern.
_PATTERN_WORDS = (
    "UNODC INTERPOL the World Bank A B and , : is are was were has been by jointly also "
    "implemented run funded Funded financed supported through thanks to a grant from with "
    "funding partnership initiative between of members partners include are the main donor "
    "lead implementing agency secretariat provides provided USD 5 million financing "
    "contributed . EU programme Implementation entrusted to hosts coordinates task force"
).split()


@given(
    st.lists(
        st.sampled_from(_PATTERN_WORDS).flatmap(
            lambda w: st.sampled_from([w, w.upper(), w.capitalize()])
        ),
        min_size=2,
        max_size=14,
    )
)
def test_each_wording_pattern_is_tried_only_on_sentences_it_can_match(words: list[str]) -> None:
    sentence = " ".join(words)
    for pattern, holds, kind in PATTERNS:
        if pattern.search(sentence):
            assert holds(sentence.casefold()), (kind, sentence)


def test_no_sentence_of_the_corpora_is_spared_a_pattern_that_matches_it() -> None:
    matched = 0
    for sentence in _corpus_sentences():
        for pattern, holds, kind in PATTERNS:
            if pattern.search(sentence):
                matched += 1
                assert holds(sentence.casefold()), (kind, sentence)
    assert matched > 300


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("passive", "AIRCOP is implemented BY UNODC."),
        ("funding", "Funding is provided by the European Union."),
        ("funding", "X receives grants from Norway."),
        ("effort", "X is a joint Task Force of A and B."),
        ("members of", "Members of the alliance are A and B."),
        ("members after", "The alliance's participants include A and B."),
        ("active", "UNODC co-funded the project."),
        ("role is", "Norway is the main financier of X."),
        ("role is", "UNDP acts as the Secretariat of X."),
        ("owned", "X is an INTERPOL programme."),
        ("owned", "X is a European Union initiative."),
        ("owned", "X is a World Bank project."),
        ("gives", "Norway Pledged USD 5 million to X."),
        ("gives", "Sweden has also contributed, mainly to the pilots."),
        ("label", "Donors: Norway and Sweden."),
    ],
)
def test_a_sentence_a_wording_matches_passes_that_wordings_quick_test(
    kind: str, sentence: str
) -> None:
    pattern, holds = next((p, h) for p, h, k in PATTERNS if k == kind)
    assert pattern.search(sentence) and holds(sentence.casefold())


def test_a_grant_with_its_amount_joins_its_giver_to_the_funders() -> None:
    [found] = relations(
        "The project is financed by the Lagoon Bank, with an additional grant of USD 10 million "
        "from the Tide Foundation."
    )
    assert found.organisations == ("the Lagoon Bank",)
    assert found.extras == (("with an additional grant from", ("the Tide Foundation",)),)
    assert found.sentence("X") == (
        "X is financed by the Lagoon Bank, with an additional grant from the Tide Foundation"
    )


@pytest.mark.parametrize(
    ("text", "organisations"),
    [
        ("The Reef Fund is funded by Norway and by the Tide Trust.", ("Norway", "the Tide Trust")),
        (
            "The Reef Fund is funded by the Government of Japan, through its aid agency, and by"
            " the Hilltop Water Foundation, a private foundation.",
            ("the Government of Japan", "the Hilltop Water Foundation"),
        ),
        (
            "The Reef Fund is funded by the Ministry of Fisheries (MoF), which provides NZD 4.5"
            " million for 2022–2027, and by the Tide Trust, which gives DKK 3 million.",
            ("the Ministry of Fisheries (MoF)", "the Tide Trust"),
        ),
    ],
)
def test_the_names_after_and_by_are_of_the_same_part(
    text: str, organisations: tuple[str, ...]
) -> None:
    assert only(text).organisations == organisations


def test_a_clause_about_the_last_name_of_a_list_keeps_the_name() -> None:
    assert only(
        "The Dune Compact is a joint initiative of the Sahel Water Office, the Oasis Council "
        "(OC) and UNESCO that began in May 2020."
    ).organisations == ("the Sahel Water Office", "the Oasis Council (OC)", "UNESCO")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Three bodies – the Sahel Water Office, the Oasis Council (OC) and UNICEF – joined "
            "forces in 2021 to launch Dune Watch, an alert service for herders.",
            (
                "Dune Watch",
                "was launched by",
                ("the Sahel Water Office", "the Oasis Council (OC)", "UNICEF"),
            ),
        ),
        (
            "Two foundations, the Tide Trust and the Hilltop Water Foundation, came together to "
            "create the Reef Fund.",
            ("Reef Fund", "was created by", ("the Tide Trust", "the Hilltop Water Foundation")),
        ),
        (
            "UNDP and the Oasis Council teamed up to run Dune Watch.",
            ("Dune Watch", "was run by", ("UNDP", "the Oasis Council")),
        ),
    ],
)
def test_names_that_joined_forces_to_launch_something_launched_it(
    text: str, expected: tuple[str, str, tuple[str, ...]]
) -> None:
    assert said(text) == [expected]


def test_a_name_set_off_after_another_name_describes_it_and_is_no_list_of_doers() -> None:
    # "CATIE, the Tropical … Center, runs …": the second name is what the first one is.
    assert (
        said("OASIS, the Oasis Agricultural Research Center, runs the certification programme.")
        == []
    )


def test_names_working_with_the_doers_join_them_and_what_a_body_is_may_come_before_its_name() -> (
    None
):
    (relation,) = relations(
        "Tide Works leads the consortium that runs the Reef Compact, working with the Coral "
        "Institute (CI) and the fishing cooperative Pêche Bleue of Joal."
    )
    assert relation.organisations == ("Tide Works",)
    assert relation.extras == (
        (
            "working with",
            ("the Coral Institute (CI)", "the fishing cooperative Pêche Bleue of Joal"),
        ),
    )


def test_a_name_with_its_acronym_keeps_the_noun_after_it_and_the_list_goes_on() -> None:
    assert only(
        "It is financed by the Storm Warning Systems (SWS) initiative and by the Agence "
        "Française de Développement (AFD)."
    ).organisations == (
        "the Storm Warning Systems (SWS) initiative",
        "the Agence Française de Développement (AFD)",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Money for the current phase (2022–2026) comes from the Tide Trust, which covers "
        "coordination, and from the Reef Council (RC), which pays for the training.",
        "Core funding comes from the Tide Trust and from the Reef Council (RC) through its "
        "fisheries office.",
    ],
)
def test_funding_that_comes_from_one_and_from_another_comes_from_both(text: str) -> None:
    assert only(text).organisations == ("the Tide Trust", "the Reef Council (RC)")


def test_a_sentence_that_opens_with_the_names_no_subject_of_its_own() -> None:
    # "The largest contributor is A" says who pays for the page's subject.
    assert said("The largest contributor is Norway, through its aid agency.") == [
        (None, "is funded by", ("Norway",))
    ]


def test_semicolons_part_the_names_after_a_label() -> None:
    assert said("Funded by: European Union; Grand Duchy of Luxembourg") == [
        (None, "is funded by", ("the European Union", "Grand Duchy of Luxembourg"))
    ]


def test_a_capitalized_word_after_a_count_describes_what_is_counted_and_is_no_subject() -> None:
    assert said("Reef Watch has two European donors: the Tide Trust and the Coral Fund.") == [
        (None, "is funded by", ("the Tide Trust", "the Coral Fund"))
    ]


def test_loans_that_come_from_one_and_from_another_after_a_dash_come_from_both() -> None:
    assert only(
        "The loans come from CAF – development bank of Latin America and the Caribbean and "
        "from the European Investment Bank (EIB)."
    ).organisations == ("CAF", "the European Investment Bank (EIB)")


@pytest.mark.parametrize(
    ("text", "organisations"),
    [
        ("Serbia: operated by the Sloboda Centre, Belgrade", ("the Sloboda Centre",)),
        ("Secretariat: hosted by WMO, Geneva", ("WMO",)),
        # Countries and names with a word of an organisation are names.
        ("Donors: Norway, Sweden", ("Norway", "Sweden")),
        ("Partners: UNICEF, WFP", ("UNICEF", "WFP")),
    ],
)
def test_one_capitalized_word_after_a_single_name_at_the_line_end_is_a_place(
    text: str, organisations: tuple[str, ...]
) -> None:
    assert only(text).organisations == organisations


def test_a_body_of_a_country_is_a_whole_name_that_and_does_not_go_on() -> None:
    assert only(
        "The programme is funded by the Development Office of the United Kingdom and Global "
        "Affairs Canada."
    ).organisations == ("the Development Office of the United Kingdom", "Global Affairs Canada")
    assert only(
        "It is run by the Ministry of Agriculture and Rural Development."
    ).organisations == ("the Ministry of Agriculture and Rural Development",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CAF loan: USD 120 million", [(None, "is funded by", ("CAF",))]),
        ("World Bank loan: USD 50 million", [(None, "is funded by", ("World Bank",))]),
        ("EU contribution: EUR 15 million", [(None, "is funded by", ("EU",))]),
        # What the money is for, or no sum after the label, names no giver.
        ("Phase II grant: NOK 52 million", []),
        ("Total grant: EUR 3 million", []),
    ],
)
def test_a_label_of_a_sum_names_its_giver(
    text: str, expected: list[tuple[str | None, str, tuple[str, ...]]]
) -> None:
    assert said(text) == expected


def test_contributors_are_funders_and_a_remark_in_brackets_before_a_semicolon_ends_no_list() -> (
    None
):
    assert said("Contributors: FCDO (United Kingdom); Sida (Sweden)") == [
        (None, "is funded by", ("FCDO", "Sida (Sweden)"))
    ]
    assert only(
        "Funding: Government of Japan (USD 6.8 million); Government of New Zealand (NZD 2.5 "
        "million)"
    ).organisations == ("the Government of Japan", "the Government of New Zealand")
