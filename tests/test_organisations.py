"""Organisation mentions are found from their form: acronyms, names with an organisation word,
governments and countries (ISO 3166 through pycountry), never from a list of known bodies."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.organisations import (
    mentions,
    mentions_organisation,
    proper_names,
    reads_as_organisation,
)


def names(text: str) -> list[str]:
    return [m.name for m in mentions(text)]


def test_acronyms_names_with_an_organisation_word_and_countries_are_mentions() -> None:
    text = "Run with the Harbour Safety Agency, KRTV and Burkina Faso since 2019."
    assert names(text) == ["the Harbour Safety Agency", "KRTV", "Burkina Faso"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In Bolivia it is run by Kawsay Sonqo, a foundation in El Alto.",
            ["Bolivia", "Kawsay Sonqo"],
        ),
        ("The network is run by Sonar, a Colombian non-profit.", ["Sonar"]),
        ("Escucha Viva, a Lima charity, runs it.", ["Escucha Viva"]),
        # Or a word of companies in it.
        ("The rope is made by Birgunj Wire Industries.", ["Birgunj Wire Industries"]),
        # Or a kind of body said before it.
        ("It is audited by the firm Auditores Cruz & Prieto.", ["Auditores Cruz & Prieto"]),
        ("The fishing cooperative Jappo Pêche runs it.", ["Jappo Pêche"]),
        # Hospitals run and host programmes as other bodies do.
        ("The pilot was run by Lagoon Bay General Hospital.", ["Lagoon Bay General Hospital"]),
        # What a person is, or a kind of body in the plural, names no organisation.
        ("said Rahima Begum, a mother of three.", []),
        ("Between Assemblies, a 32-member Council acts for them.", []),
    ],
)
def test_a_name_that_a_description_or_a_kind_says_is_a_body_is_a_mention(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


def test_a_long_name_and_its_bracketed_acronym_are_one_mention() -> None:
    text = "It is hosted by the Office for Lagoon Affairs (OLA) in Accra."
    assert names(text) == ["the Office for Lagoon Affairs (OLA)"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The work is led by Fundación Cordillera (Peru).", ["Fundación Cordillera", "Peru"]),
        (
            "run by the Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) since 2019",
            ["the Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)"],
        ),
        (
            "chaired by the Agence Nationale de l'Aviation Civile du Niger (ANAC Niger).",
            ["the Agence Nationale de l'Aviation Civile du Niger (ANAC Niger)"],
        ),
        (
            "managed by the Bureau d'Appui aux Artisans (BAA) in Cotonou",
            ["the Bureau d'Appui aux Artisans (BAA)"],
        ),
        (
            "executed by Fundación Semillas de los Andes (FSA) in La Paz",
            ["Fundación Semillas de los Andes (FSA)"],
        ),
        (
            "seed comes from the Institut de Recherche et de Vulgarisation Agricole",
            ["the Institut de Recherche et de Vulgarisation Agricole"],
        ),
        ("Burkina Faso and Côte d'Ivoire pledged money.", ["Burkina Faso", "Côte d'Ivoire"]),
        ("Neumann Stiftung contributes money.", ["Neumann Stiftung"]),
        # A company is named by its form: "S.A.", "Ltd", "GmbH".
        ("held by Fiduciaria Andina S.A. as trustee", ["Fiduciaria Andina S.A"]),
        ("run by Lumen Energy Ltd since 2021", ["Lumen Energy Ltd"]),
        ("audited by Khoury Nasr & Associates in Beirut", ["Khoury Nasr & Associates"]),
        ("managed by Tessaly Energy Partners since 2022", ["Tessaly Energy Partners"]),
        # Clubs and cooperatives are bodies too.
        ("sponsored by the Rotary Club of Dhaka", ["the Rotary Club of Dhaka"]),
        ("supplied by the Tumbes Fishers Cooperative", ["the Tumbes Fishers Cooperative"]),
    ],
)
def test_names_in_other_languages_are_read_whole(text: str, expected: list[str]) -> None:
    # English pages keep the names of French, Spanish, Portuguese and German bodies as they are.
    assert names(text) == expected


def test_two_whole_names_joined_by_and_are_two_mentions() -> None:
    assert names("paid for by the European Commission and Canada.") == [
        "the European Commission",
        "Canada",
    ]
    assert names("UNDP and UNEP run it.") == ["UNDP", "UNEP"]


def test_and_inside_one_name_does_not_split_it() -> None:
    assert names("the Office on Drugs and Crime works") == ["the Office on Drugs and Crime"]
    assert names("the UN Economic and Social Council met") == ["UN Economic and Social Council"]
    assert names("Department of Forests and Park Services runs it") == [
        "Department of Forests and Park Services"
    ]


def test_an_and_between_two_names_splits_them_though_the_second_holds_one_too() -> None:
    said = "paid by the Government of Tonga and Fiji's Ministry of Fisheries and Oceans."
    assert names(said) == ["the Government of Tonga", "Fiji's Ministry of Fisheries and Oceans"]
    assert names("funded by the Republic of Korea and Japan") == ["the Republic of Korea", "Japan"]


def test_to_inside_the_name_of_an_undertaking_does_not_split_it() -> None:
    assert names("It is paid for by the Lagoon Fund to Fight Coral Loss.") == [
        "the Lagoon Fund to Fight Coral Loss"
    ]
    assert names("the Reef Partnership to End Bleaching met") == [
        "the Reef Partnership to End Bleaching"
    ]
    assert names("It moved the Secretariat to UNOPS.") == ["UNOPS"]


def test_governments_and_countries_in_their_iso_forms_are_mentions() -> None:
    text = "Funding: Government of Japan; the Republic of Korea; Türkiye."
    assert names(text) == ["Government of Japan", "the Republic of Korea", "Türkiye"]


@pytest.mark.parametrize(
    "text",
    [
        "Total budget: USD 26 billion over EUR 3 million",  # currency codes
        "Grants worth US$ 600 million were approved.",
        "The Secretariat reports to the Executive Committee and the Trust Fund.",  # generic
        "Based in Washington, D.C. since 1991.",  # abbreviations and places
        "It meets once a year in Geneva.",
    ],
)
def test_currencies_generic_bodies_abbreviations_and_cities_are_not_mentions(text: str) -> None:
    assert names(text) == []


def test_words_that_open_a_sentence_are_not_part_of_the_name() -> None:
    assert names("Besides the Lagoon Fund, UNOPS pays.") == ["the Lagoon Fund", "UNOPS"]


def test_a_role_noun_before_a_name_is_not_part_of_it() -> None:
    text = "The Harbour Bank acts as Trustee of the Reef Trust Fund."
    assert names(text) == ["the Harbour Bank", "the Reef Trust Fund"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tide Office | Fiji | Hosts the REEFWATCH secretariat in Suva",
            ["Tide Office", "Fiji", "REEFWATCH"],
        ),
        ("Funds the Lagoon Network through its grants window.", ["the Lagoon Network"]),
    ],
)
def test_a_verb_of_a_part_that_opens_a_cell_or_a_sentence_is_not_part_of_the_name(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


def test_mentions_organisation_says_whether_any_name_is_there() -> None:
    assert mentions_organisation("financed by Norway")
    assert not mentions_organisation("decide on the budget and the work plan")


@given(st.text(alphabet=st.sampled_from(list("AaBbUN ()&,.-NOrganisationof")), max_size=80))
def test_mentions_lie_in_the_text_in_order_and_never_overlap(text: str) -> None:
    found = mentions(text)
    ends = -1
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.start >= ends
        ends = mention.end
        assert mention.name.removeprefix("the ").split()[0] in text[mention.start : mention.end]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Executing agency: Ministry of Energy, Water Resources and Irrigation (MoEWRI)",
            ["Ministry of Energy, Water Resources and Irrigation (MoEWRI)"],
        ),
        (
            "It is funded by the Global Fund to Fight AIDS, Tuberculosis and Malaria (GFATM).",
            ["the Global Fund to Fight AIDS, Tuberculosis and Malaria (GFATM)"],
        ),
        # The acronym spells the ministry, not the country after the comma.
        (
            "It is run by the Ministry of Health, Kenya (MoH).",
            ["the Ministry of Health", "Kenya (MoH)"],
        ),
    ],
)
def test_a_comma_inside_a_long_name_that_its_acronym_spells_does_not_cut_it(
    text: str, names: list[str]
) -> None:
    assert [m.name for m in mentions(text)] == names


def test_a_long_description_after_a_name_can_say_it_is_a_body() -> None:
    text = "Payments are made by Lusuntha Pay, a mobile money and agent network company."
    assert [m.name for m in mentions(text)] == ["Lusuntha Pay"]


def test_a_name_that_says_what_kind_of_body_it_is_reads_as_an_organisation() -> None:
    assert reads_as_organisation("the fishing cooperative Pêche Bleue")
    assert reads_as_organisation("the state enterprise Centrul de Tehnologii")
    assert not reads_as_organisation("the fishing village Pêche Bleue")
    assert not reads_as_organisation("Maria Lopez")


def test_proper_names_are_the_capitalized_names_no_word_of_which_says_what_they_are() -> None:
    text = (
        "In Grasse the crop is bought by Maison Verlaine Arômes and checked by Certisud Maroc "
        "(CSM) for the Ministry of Agriculture, with help from Mr Rakoto, Kenya and Lake Alaotra."
    )
    assert [m.name for m in proper_names(text)] == [
        "Maison Verlaine Arômes",
        "Certisud Maroc (CSM)",
    ]


@given(st.text(alphabet=st.sampled_from(list("AaBbUN ()&,.-NOrganisationofMrLake")), max_size=80))
def test_proper_names_lie_in_the_text_in_order_apart_from_every_mention(text: str) -> None:
    taken = mentions(text)
    ends = -1
    for name in proper_names(text):
        assert 0 <= name.start < name.end <= len(text)
        assert name.start >= ends
        ends = name.end
        # But for the short form in brackets it owns, a mention of its own: "Certisud Maroc
        # (CSM)", "A& A (AA)".
        owned = text.rfind("(", name.start, name.end) if name.name.endswith(")") else name.end
        assert not any(name.start < m.end and m.start < owned for m in taken)


def test_a_short_form_in_brackets_whose_letters_are_the_initials_belongs_to_the_name() -> None:
    text = "Sweden, through the Swedish International Development Cooperation Agency (Sida), paid."
    assert [m.name for m in mentions(text)][-1] == (
        "the Swedish International Development Cooperation Agency (Sida)"
    )
    # A word in brackets that spells nothing of the name is not its short form.
    assert [m.name for m in mentions("It is run by the Lagoon Office (Suva).")] == [
        "the Lagoon Office"
    ]


def test_a_name_listed_after_a_body_with_the_acronym_its_words_spell_is_a_body() -> None:
    sentence = (
        "The project is carried out by the World Meteorological Organization (WMO) and the "
        "Deutsche Zentral-Messstelle (DZM), Germany's metrology body."
    )
    assert [m.name for m in mentions(sentence)] == [
        "the World Meteorological Organization (WMO)",
        "the Deutsche Zentral-Messstelle (DZM)",
        "Germany's",
    ]


def test_a_programmes_name_with_its_acronym_stays_no_body_outside_a_list_of_bodies() -> None:
    sentence = "WMO and SPC came together to launch Reef Early Warning Link (REWL) in Suva."
    assert [m.name for m in mentions(sentence)] == ["WMO", "SPC", "REWL"]


def test_the_currency_of_an_amount_after_a_name_is_no_part_of_it() -> None:
    sentence = "A grant from the Government of Iceland of CHF 6 million and Sweden USD 3 million."
    assert [m.name for m in mentions(sentence)] == ["the Government of Iceland", "Sweden"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # The words after the comma go on with the body's name, whatever its acronym spells.
        (
            "Members: the Andean Institute of Snow Research, Glaciology and Environmental "
            "Sciences (INANIGA) and UNESCO.",
            [
                "the Andean Institute of Snow Research, Glaciology and Environmental Sciences "
                "(INANIGA)",
                "UNESCO",
            ],
        ),
        # A country after the comma says where the body is.
        (
            "Funded by the Ministry of Health, Kenya (MoH) and UNICEF.",
            ["the Ministry of Health", "Kenya (MoH)", "UNICEF"],
        ),
    ],
)
def test_a_comma_inside_a_bodys_long_name_does_not_cut_it(sentence: str, names: list[str]) -> None:
    assert [m.name for m in mentions(sentence)] == names


def test_a_proper_name_owns_its_short_form_though_that_is_a_mention() -> None:
    # Found by Hypothesis: "(AA)" is a mention, and the short form of the name before it.
    assert [(m.name, m.start, m.end) for m in proper_names("A& A(AA)")] == [("A& A (AA)", 0, 8)]
    assert [(m.name, m.start, m.end) for m in mentions("A& A(AA)")] == [("AA", 5, 7)]
