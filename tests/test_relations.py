"""Who runs what: relations read from sentences, and the answer line made from one."""

from __future__ import annotations

import pytest

from retrieval.indexing import Index
from retrieval.relations import Relation, is_generic, join_names, relations
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


def test_brings_together() -> None:
    relation = only("The Border Forum brings together ALPHA, BETA and the Kappa Council.")
    assert relation.subject == "Border Forum"
    assert relation.phrase == "brings together"
    assert relation.organisations == ("ALPHA", "BETA", "the Kappa Council")


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
