"""Who does what a verb says, read from the verb itself (``retrieval.doers``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.doers import doers_of, holders_of, task_doers, verb_forms


def test_every_form_of_a_verb_is_known_irregular_ones_too() -> None:
    assert {"build", "builds", "built", "building"} <= verb_forms("builds")
    assert {"lead", "led", "leads"} <= verb_forms("lead")
    assert {"supervise", "supervised", "supervising"} <= verb_forms("Supervises")
    # A word the lexicon does not know is still its own form.
    assert "implments" in verb_forms("implments")


@pytest.mark.parametrize(
    ("sentence", "verb", "names"),
    [
        (
            "The antivenom is bought from the Serum Institute of India.",
            "supplies",
            ("the Serum Institute of India",),
        ),
        (
            "The frame hives are bought in bulk from the Woodcraft Cooperative.",
            "sell",
            ("the Woodcraft Cooperative",),
        ),
        (
            "They learned it at the Tilganga Institute of Ophthalmology.",
            "taught",
            ("the Tilganga Institute of Ophthalmology",),
        ),
        # Those who did it for the body, and what the body is, are no doers of their own.
        (
            "The instructors learned the curriculum from coaches of Lifesaving Aotearoa, a New "
            "Zealand water-safety charity.",
            "taught",
            ("Lifesaving Aotearoa",),
        ),
    ],
)
def test_the_doers_of_a_verb_said_the_other_way_round_follow_from_or_at(
    sentence: str, verb: str, names: tuple[str, ...]
) -> None:
    assert [d.names for d in doers_of(sentence, verb)] == [names]


@pytest.mark.parametrize(
    ("sentence", "verb", "names", "said"),
    [
        (
            "Each agency has a task. UNICEF buys the vaccines and the cold boxes.",
            "buys",
            ("UNICEF",),
            "UNICEF buys the vaccines and the cold boxes",
        ),
        (
            "WFP and FAO also train farmers in Kenya.",
            "train",
            ("WFP", "FAO"),
            "WFP and FAO also train farmers in Kenya",
        ),
        (
            "The Reef Bank, which supervises most projects, reports twice a year.",
            "supervise",
            ("the Reef Bank",),
            "The Reef Bank, which supervises most projects, reports twice a year",
        ),
        (
            "Projects are supervised jointly by the Reef Bank and FAO, who report yearly.",
            "supervise",
            ("the Reef Bank", "FAO"),
            "Projects are supervised jointly by the Reef Bank and FAO",
        ),
        (
            # A short phrase of where or from whom may come between the verb and "by".
            "Samples are collected from families by the Lagoon Office, whose staff visit homes.",
            "collects",
            ("the Lagoon Office",),
            "Samples are collected from families by the Lagoon Office",
        ),
        (
            # An article before a name that starts with an acronym is no part of it.
            "Police investigators are trained by the INTERPOL Regional Bureau in Harare.",
            "trains",
            ("INTERPOL Regional Bureau",),
            "Police investigators are trained by the INTERPOL Regional Bureau",
        ),
        (
            "The shelters were built by LGED, the Local Government Engineering Department.",
            "build",
            ("LGED",),
            "The shelters were built by LGED, the Local Government Engineering Department",
        ),
        (
            "BGR runs the laboratory that fingerprints gold samples.",
            "fingerprinting",
            ("BGR",),
            "BGR runs the laboratory that fingerprints gold samples",
        ),
        (
            "FAO | National forest monitoring systems and forest inventories",
            "monitoring",
            ("FAO",),
            "FAO | National forest monitoring systems and forest inventories",
        ),
        (
            "Type: trust fund Supervising entities (public sector): AfDB, FAO",
            "supervise",
            ("AfDB", "FAO"),
            "Supervising entities (public sector): AfDB, FAO",
        ),
        # What the doers are, between them and their verb; a second verb of theirs.
        (
            "Copil Acasă, a network of social workers set up in 2008, trains the staff.",
            "trains",
            ("Copil Acasă",),
            "Copil Acasă, a network of social workers set up in 2008, trains the staff",
        ),
        (
            "They are trained and examined by the Coffee Tasters Institute.",
            "trains",
            ("the Coffee Tasters Institute",),
            "They are trained and examined by the Coffee Tasters Institute",
        ),
        # How often, and what kind of body, between "by" and the name.
        (
            "The registry is audited once a year by the accounting firm Moore Stephens.",
            "audits",
            ("Moore Stephens",),
            "The registry is audited once a year by the accounting firm Moore Stephens",
        ),
        # The verb's noun, and whose job it is.
        (
            "Maintenance of the pumps is the responsibility of the Water Board.",
            "maintains",
            ("the Water Board",),
            "Maintenance of the pumps is the responsibility of the Water Board",
        ),
        # The country after a company's town says where it is, and does not supply.
        (
            "The buses were supplied by Marmara Bus Industries of Bursa, Türkiye, which won "
            "the tender.",
            "supplies",
            ("Marmara Bus Industries of Bursa",),
            "The buses were supplied by Marmara Bus Industries of Bursa",
        ),
        # A long name that no organisation word marks, spelled out before its acronym.
        (
            "Courses are taught by the École nationale des sapeurs-pompiers (ENSP) of Aix, "
            "which sends two trainers.",
            "teaches",
            ("the École nationale des sapeurs-pompiers (ENSP)",),
            "Courses are taught by the École nationale des sapeurs-pompiers (ENSP)",
        ),
    ],
)
def test_the_doers_of_a_verb_come_before_it_after_by_or_after_a_label(
    sentence: str, verb: str, names: tuple[str, ...], said: str
) -> None:
    assert [(d.names, d.said) for d in doers_of(sentence, verb)] == [(names, said)]


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("Farmers are trained in Kenya every year.", "train"),
        ("UNICEF buys the vaccines.", "builds"),
        ("The training of Kenyan farmers is a priority for FAO.", "train"),
        ("Monitoring | FAO", "monitoring"),
        ("The programme supports FAO | monitoring of forests", "monitoring"),
    ],
)
def test_a_verb_with_no_name_doing_it_has_no_doers(sentence: str, verb: str) -> None:
    assert list(doers_of(sentence, verb)) == []


_NAMES = st.lists(st.sampled_from(["UNICEF", "FAO", "the Reef Bank", "KRTV", "WFP"]), min_size=1)
_FILLER = st.sampled_from(["", "In 2020 ", "Every year "])


@given(_FILLER, _NAMES, st.sampled_from(["buys", "bought", "builds", "built", "trains"]))
def test_every_doer_is_named_in_the_words_given_with_it(
    opening: str, names: list[str], verb: str
) -> None:
    listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    for sentence in (f"{opening}{listed} {verb} the tanks.", f"The tanks are {verb} by {listed}."):
        found = list(doers_of(sentence, verb))
        assert found, sentence
        for doers in found:
            assert doers.names == tuple(names)
            assert all(name.casefold() in doers.said.casefold() for name in doers.names)
            assert doers.said.casefold() in sentence.casefold()


@pytest.mark.parametrize(
    ("sentence", "names", "past"),
    [
        ("UNDP was principal recipient of the grant from 2017 until 2021.", ("UNDP",), True),
        (
            "Since 2022 the Ministry of Health has been principal recipient, through its unit.",
            ("the Ministry of Health",),
            False,
        ),
        ("The Reef Bank acts as the principal recipient.", ("the Reef Bank",), False),
        (
            "Grants are paid out by the Reef Bank (RB), which acts as principal recipient.",
            ("the Reef Bank (RB)",),
            False,
        ),
        ("Principal recipient: UNDP", ("UNDP",), False),
        ("Principal recipients | UNDP, the Reef Bank", ("UNDP", "the Reef Bank"), False),
    ],
)
def test_the_holders_of_a_post_come_before_a_verb_of_being_or_after_its_label(
    sentence: str, names: tuple[str, ...], past: bool
) -> None:
    assert [(d.names, d.past) for d in holders_of(sentence, "principal recipient")] == [
        (names, past)
    ]


def test_who_became_a_post_holds_it_since() -> None:
    said = (
        "The Lagoon Office was fiscal agent until 2020, when the Tide Council became fiscal agent."
    )
    assert [(d.names, d.past) for d in holders_of(said, "fiscal agent")] == [
        (("the Lagoon Office",), True),
        (("the Tide Council",), False),
    ]


def test_a_post_said_of_no_name_has_no_holders() -> None:
    assert (
        list(holders_of("The principal recipient reports twice a year.", "principal recipient"))
        == []
    )
    assert list(holders_of("UNDP was a sub-recipient.", "principal recipient")) == []


@pytest.mark.parametrize(
    ("sentence", "task", "names"),
    [
        (
            "Payments are made by Lusuntha Pay, a mobile money and agent network company.",
            "payments",
            ("Lusuntha Pay",),
        ),
        (
            "Reading assessments at baseline (2022) and midline (2024) were carried out by the "
            "Australian Council for Educational Research (ACER).",
            "assessments",
            ("the Australian Council for Educational Research (ACER)",),
        ),
        (
            "The Reef Audit Office carries out the yearly audits.",
            "audit",
            ("the Reef Audit Office",),
        ),
        (
            "An independent audit of the works will be carried out every six months by "
            "Geoambiental SRL, which reports to the bank.",
            "audits",
            ("Geoambiental SRL",),
        ),
        # A thing made is made by its maker: "who made the oxygen plants".
        (
            "The oxygen plants were manufactured and installed by Pranavaayu Engineering Ltd.",
            "plants",
            ("Pranavaayu Engineering Ltd",),
        ),
        # A typed noun is its stem's: "procurment".
        (
            "While the ministry leads, the World Food Programme (WFP) handles procurement.",
            "procurment",
            ("the World Food Programme (WFP)",),
        ),
    ],
)
def test_those_who_do_a_task_named_by_its_noun_are_its_doers(
    sentence: str, task: str, names: tuple[str, ...]
) -> None:
    (doers,) = task_doers(sentence, task)
    assert doers.names == names


def test_a_task_that_others_pay_for_has_no_doers() -> None:
    assert list(task_doers("The audits are funded by the Tide Trust.", "audits")) == []


def test_a_list_item_gives_a_body_then_a_dash_then_what_it_does() -> None:
    (doers,) = doers_of(
        "Coral Technicians Society (CTS) – trains the divers who plant the coral, in two "
        "courses a year.",
        "trains",
    )
    assert doers.names == ("Coral Technicians Society (CTS)",)


def test_a_verb_before_a_colon_is_a_label_and_its_doers_come_after() -> None:
    (doers,) = doers_of("GMP audits: Korea Animal and Plant Quarantine Agency (APQA)", "audits")
    assert doers.names == ("Korea Animal and Plant Quarantine Agency (APQA)",)


@pytest.mark.parametrize(
    ("sentence", "verb", "names"),
    [
        (
            "The whole crop is bought by Maison Verlaine Arômes under a contract.",
            "buys",
            ("Maison Verlaine Arômes",),
        ),
        (
            "For the cooperatives this is Certisud Maroc, which certifies the oil.",
            "certifies",
            ("Certisud Maroc",),
        ),
    ],
)
def test_loose_doers_are_names_no_word_says_are_bodies_that_do_what_the_verb_says(
    sentence: str, verb: str, names: tuple[str, ...]
) -> None:
    assert [d.names for d in doers_of(sentence, verb, loose=True)] == [names]
    # Read strictly, only names that say they are bodies do anything.
    assert list(doers_of(sentence, verb)) == []


@pytest.mark.parametrize(
    ("sentence", "verb", "names"),
    [
        (
            "Reef Nets Ltd – a social enterprise in Suva that weaves and supplies the nets.",
            "supplies",
            ("Reef Nets Ltd",),
        ),
        (
            "Lagoon Honey Ltd – honey packer; buys all honey that passes the tests",
            "buys",
            ("Lagoon Honey Ltd",),
        ),
    ],
)
def test_a_name_a_dash_sets_off_does_the_verbs_of_what_it_is_said_to_be(
    sentence: str, verb: str, names: tuple[str, ...]
) -> None:
    assert [d.names for d in doers_of(sentence, verb, loose=True)] == [names]


@pytest.mark.parametrize(
    ("sentence", "verb", "names"),
    [
        # What it is done against, or what to, may stand between the verb and its doers.
        (
            "All diving courses are certified against the Baltic Underwater Federation (BUF) "
            "basic safety standard by the Maritime Safety Institute, which audits them yearly.",
            "certifies",
            [("the Maritime Safety Institute",)],
        ),
        (
            "Village midwives are trained to recognise danger signs in labour by the Faculty of "
            "Nursing of the University of Lilongwe.",
            "trains",
            [("the Faculty of Nursing of the University of Lilongwe",)],
        ),
        # A verb that only says it is done passes the doing on: "provided by".
        (
            "Training for border officers is provided by the Regional Customs Academy.",
            "trains",
            [("the Regional Customs Academy",)],
        ),
        # Another verb's participle right before "by" has its own doers: the Ministry manages
        # the schools and supplies nothing.
        (
            "The textbooks were supplied to schools managed by the Ministry of Education.",
            "supplies",
            [],
        ),
    ],
)
def test_the_doers_of_a_passive_verb_follow_by_past_what_it_is_done_to_or_against(
    sentence: str, verb: str, names: list[tuple[str, ...]]
) -> None:
    assert [d.names for d in doers_of(sentence, verb)] == names


def test_the_doers_of_a_verbs_noun_are_those_who_carry_it_out() -> None:
    sentence = (
        "Certification of the cooperatives' fields against the EU organic standard is carried "
        "out by the Organic Standards Agency of Benin, under a contract with the programme."
    )
    assert [d.names for d in doers_of(sentence, "certifies")] == [
        ("the Organic Standards Agency of Benin",)
    ]


@pytest.mark.parametrize(
    ("row", "verb", "names"),
    [
        # A contractors' table: the lot, the body, and what it does, by its verb's noun.
        (
            "Water meters | Harbour Metering Ltd | Supply and installation of 40,000 meters",
            "supplies",
            [("Harbour Metering Ltd",)],
        ),
        (
            "Lot 2 | Lagoon Roads Consult AB | Supervision of the works on the coastal road",
            "supervises",
            [("Lagoon Roads Consult AB",)],
        ),
        # The noun inside a cell, not opening it, says nothing of who does it.
        ("Lot 3 | Harbour Metering Ltd | Meters for the water supply network", "supplies", []),
    ],
)
def test_a_rows_one_body_does_what_another_cell_opens_with(
    row: str, verb: str, names: list[tuple[str, ...]]
) -> None:
    assert [d.names for d in doers_of(row, verb)] == names
