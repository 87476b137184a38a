"""Acronyms: mined from "Long Name (ACRONYM)", read from the maintainers' file, and combined."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.acronyms import acronym_table, aliases, mine, read_overrides
from corpus.errors import DocumentError
from retrieval.answering import Engine

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "corpus" / "documents" / "cooperation-with-united-nations-entities.txt"
SEED_ACRONYMS = ROOT / "corpus" / "acronyms.yaml"


@pytest.fixture(scope="module")
def seed_pairs() -> dict[str, str]:
    pairs = mine(SEED_TEXT.read_text(encoding="utf-8"))
    table = dict(pairs)
    assert len(table) == len(pairs)
    return table


# --- mining -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "The World Health Organization (WHO) issued guidance.",
            [("WHO", "World Health Organization")],
        ),
        (
            "It works with the Food and Agriculture Organization (FAO) on food safety.",
            [("FAO", "Food and Agriculture Organization")],
        ),
        (
            "Experts of the International Atomic Energy Agency (IAEA), and others.",
            [("IAEA", "International Atomic Energy Agency")],
        ),
        (
            "We met the Secretary General (SG). Then the United Nations (UN) spoke.",
            [("SG", "Secretary General"), ("UN", "United Nations")],
        ),
        (
            "Officers of the New York Police Department (NYPD) attended.",
            [("NYPD", "New York Police Department")],
        ),
    ],
)
def test_long_name_followed_by_its_acronym_in_brackets_is_mined(
    text: str, pairs: list[tuple[str, str]]
) -> None:
    assert mine(text) == pairs


@pytest.mark.parametrize(
    "text",
    [
        "The committee established pursuant to resolution 1540 (2004) met.",
        "Some agencies (e.g.) were present.",
        "Some agencies (i.e. most) were present.",
        "It was done (quickly) by them.",
        "It was done by the team (Alpha) last year.",
        "A word with a single capital (Word) is not an acronym.",
        "Nothing spells it out here (ZYXW).",
        "No brackets at all in this World Health Organization sentence.",
        "",
    ],
)
def test_brackets_without_an_acronym_or_its_long_name_give_no_pair(text: str) -> None:
    assert mine(text) == []


def test_long_name_is_looked_for_only_within_the_same_sentence() -> None:
    # The words that spell "CC" are in the previous sentence: they are not its long name.
    assert mine("Crime Commission met. It then formed the group (CC).") == []


def test_first_letter_of_the_acronym_must_start_a_word_of_the_long_name() -> None:
    # "ABC" could be spelled inside "slabs Bring Cargo", but "a" does not start a word there.
    assert mine("The slabs Bring Cargo (ABC) today.") == []


def test_long_name_may_contain_commas_and_small_words() -> None:
    text = "United Nations Educational, Scientific and Cultural Organization (UNESCO)"
    assert mine(text) == [
        ("UNESCO", "United Nations Educational, Scientific and Cultural Organization")
    ]


def test_a_long_name_is_mined_from_where_it_starts_not_from_a_small_word_in_it() -> None:
    # The shortest long form that spells FIIAPP starts at "for"; the name starts earlier.
    text = (
        "It is led by the International and Ibero-American Foundation for Administration and "
        "Public Policies (FIIAPP) in Madrid."
    )
    assert mine(text) == [
        (
            "FIIAPP",
            "International and Ibero-American Foundation for Administration and Public Policies",
        )
    ]


def test_seed_document_defines_the_expected_acronyms(seed_pairs: dict[str, str]) -> None:
    assert seed_pairs["UNODC"] == "United Nations Office on Drugs and Crime"
    assert seed_pairs["AIRCOP"] == "Airport Communication Project"
    assert seed_pairs["ICCWC"] == "International Consortium on Combating Wildlife Crime"
    assert seed_pairs["UNODA"] == "United Nations Office for Disarmament Affairs"
    assert seed_pairs["UNDSS"] == "United Nations Department of Safety and Security"
    assert seed_pairs["UNEP"] == "United Nations Environmental Programme"
    assert seed_pairs["UNOIOS"] == "United Nations Office of Internal Oversight Services"
    assert seed_pairs["UNICRI"] == (
        "United Nations Interregional Crime and Justice Research Institute"
    )
    assert seed_pairs["ICAO"] == "International Civil Aviation Organization"


def test_seed_document_year_in_brackets_is_not_an_acronym(seed_pairs: dict[str, str]) -> None:
    assert "2004" not in seed_pairs
    assert all(sum(ch.isupper() for ch in short) >= 2 for short in seed_pairs)


def test_seed_acronyms_file_fixes_what_the_miner_gets_wrong(seed_pairs: dict[str, str]) -> None:
    overrides = read_overrides(SEED_ACRONYMS)
    table = acronym_table([SEED_TEXT.read_text(encoding="utf-8")], overrides)
    assert table["CTED"] == "Counter-Terrorism Committee Executive Directorate"
    assert table["UN"] == "United Nations"
    assert table["WCO"] == "World Customs Organization"
    assert table["UNODC"] == seed_pairs["UNODC"]


# --- the maintainers' file --------------------------------------------------------------------


def _overrides(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "acronyms.yaml"
    path.write_text(content, encoding="utf-8")
    return path


def test_overrides_file_maps_acronyms_to_long_names_or_null(tmp_path: Path) -> None:
    path = _overrides(
        tmp_path, "# comment\nWHO: World Health Organization\nFAO:  Food Org  \nUNEP: null\n"
    )
    assert read_overrides(path) == {
        "WHO": "World Health Organization",
        "FAO": "Food Org",
        "UNEP": None,
    }


def test_missing_or_empty_overrides_file_means_no_overrides(tmp_path: Path) -> None:
    assert read_overrides(tmp_path / "absent.yaml") == {}
    assert read_overrides(_overrides(tmp_path, "# nothing yet\n")) == {}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("WHO: [unclosed\n", "bad acronyms file"),
        ("- WHO\n- FAO\n", "must map"),
        ("WHO: 42\n", "long name must be text or null"),
        ("WHO: ''\n", "long name must be text or null"),
        ("WHO:\n  nested: mapping\n", "long name must be text or null"),
        ("1540: Committee\n", "bad acronym"),
        ("just a sentence\n", "must map"),
    ],
)
def test_malformed_overrides_file_is_a_document_error(
    tmp_path: Path, content: str, message: str
) -> None:
    path = _overrides(tmp_path, content)
    with pytest.raises(DocumentError, match=message) as caught:
        read_overrides(path)
    assert caught.value.path == path


def test_overrides_yaml_error_names_its_line(tmp_path: Path) -> None:
    path = _overrides(tmp_path, "WHO: World Health Organization\nFAO: [unclosed\n")
    with pytest.raises(DocumentError) as caught:
        read_overrides(path)
    assert caught.value.line == 3
    assert f"{path}:3:" in str(caught.value)


def test_overrides_file_that_is_not_utf8_is_a_document_error(tmp_path: Path) -> None:
    path = tmp_path / "acronyms.yaml"
    path.write_bytes(b"WHO: World \xff Health\n")
    with pytest.raises(DocumentError, match="cannot read acronyms"):
        read_overrides(path)


# --- the table --------------------------------------------------------------------------------

_TEXTS = [
    "The World Health Organization (WHO) met the Food and Agriculture Organization (FAO).",
    "Later the Wrong Half Opinion (WHO) and the Universal Nonsense Environment Program (UNEP).",
]


def test_table_holds_every_mined_pair() -> None:
    table = acronym_table(_TEXTS, {})
    assert table == {
        "WHO": "World Health Organization",
        "FAO": "Food and Agriculture Organization",
        "UNEP": "Universal Nonsense Environment Program",
    }


def test_first_definition_in_the_corpus_wins() -> None:
    assert acronym_table(_TEXTS, {})["WHO"] == "World Health Organization"
    assert acronym_table(list(reversed(_TEXTS)), {})["WHO"] == "Wrong Half Opinion"


def test_override_adds_a_pair_the_corpus_does_not_define() -> None:
    table = acronym_table(_TEXTS, {"UN": "United Nations"})
    assert table["UN"] == "United Nations"
    assert table["WHO"] == "World Health Organization"


def test_override_beats_a_mined_pair() -> None:
    table = acronym_table(_TEXTS, {"UNEP": "United Nations Environment Programme"})
    assert table["UNEP"] == "United Nations Environment Programme"


def test_null_override_drops_a_mined_pair() -> None:
    table = acronym_table(_TEXTS, {"FAO": None, "NOTMINED": None})
    assert "FAO" not in table
    assert "NOTMINED" not in table
    assert set(table) == {"WHO", "UNEP"}


def test_overrides_read_from_a_file_apply_to_the_table(tmp_path: Path) -> None:
    path = _overrides(tmp_path, "WHO: World Health Org\nFAO: null\nUN: United Nations\n")
    table = acronym_table(_TEXTS, read_overrides(path))
    assert table == {
        "WHO": "World Health Org",
        "UNEP": "Universal Nonsense Environment Program",
        "UN": "United Nations",
    }


def test_a_name_a_title_gives_may_be_asked_by_its_initials_the_corpus_never_writes(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "story.md": (
            '---\ntitle: "Five years of the Reef Child Nutrition Fund: what we learned"\n---\n'
            "The fund's board is co-chaired by the Lagoon Bank and the Tide Foundation.\n"
        ),
        "other.md": "---\ntitle: Island Water Fund\n---\nThe fund pays for wells.\n",
    }
    engine = make_engine(pages)
    answer, _ = engine.ask("who chairs the board of the rcnf")
    assert [(e.short, e.long) for e in answer.expansions] == [("RCNF", "Reef Child Nutrition Fund")]
    assert answer.named == ("the Lagoon Bank", "the Tide Foundation"), answer.direct
    # Three initials are too few to tell a name by: "iwf" is no name.
    assert engine.ask("who funds the iwf")[0].expansions == ()


def test_part_of_a_title_name_may_be_asked_by_its_initials_beside_the_rest_of_the_name(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "story.md": (
            '---\ntitle: "Why the Horn of Africa One Health Partnership matters"\n---\n'
            "The partnership brings together the Rangeland Vets Union and the Coast Clinics"
            " Network.\n"
        ),
        "other.md": "---\ntitle: Island Water Fund\n---\nThe fund pays for wells.\n",
    }
    engine = make_engine(pages)
    answer, _ = engine.ask("which agencies are part of the hoa one health partnership")
    assert [(e.short, e.long) for e in answer.expansions] == [("HOA", "Horn of Africa")]
    assert answer.named == ("the Rangeland Vets Union", "the Coast Clinics Network"), answer.direct
    # Without a word of the name beside it, a short word is no part of the name: "hoa" here
    # is unknown, and the question is about what the corpus lacks.
    alone = engine.ask("who funds the hoa")[0]
    assert alone.expansions == () and alone.hits == ()


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "The Red Coralina de Vigilancia (RECOVI), or Coral Reef Watch Network, counts fish.",
            [("RECOVI", "Coral Reef Watch Network")],
        ),
        (
            "Full name: Programa Andino de Semilla (PAS) – Andean Seed Potato Programme",
            [("PAS", "Andean Seed Potato Programme")],
        ),
        (
            "It is run by the Lagoon Office (LO), also known as the Tide House Lagoon Bureau.",
            [("LO", "Tide House Lagoon Bureau")],
        ),
        # Two words are no other name, nor is what follows a bracket that is no acronym.
        ("The Reef Fund (RF), or Reef Money, pays.", []),
        ("The fund (see below) – Lagoon Reef Care Partnership", []),
    ],
)
def test_other_names_a_text_gives_an_acronym_are_its_aliases(
    text: str, pairs: list[tuple[str, str]]
) -> None:
    assert aliases([text]) == pairs


def test_a_question_spelling_out_an_acronyms_other_name_brings_the_acronym(
    make_engine: Callable[..., Engine],
) -> None:
    pages = {
        "recovi.txt": (
            "About RECOVI\n\nThe Red Coralina de Vigilancia del Arrecife (RECOVI), or Coral Reef"
            " Watch Network, counts the fish of four countries.\n\nRECOVI is financed by the"
            " Lagoon Trust.\n"
        ),
        "other.txt": "Reef Fund\n\nThe Reef Fund is financed by the Tide Office.\n",
    }
    engine = make_engine(pages)
    assert engine.index.aliases == {"Coral Reef Watch Network": "RECOVI"}
    answer, _ = engine.ask("who funds the coral reef watch network")
    assert [(e.short, e.long) for e in answer.expansions] == [
        ("RECOVI", "Coral Reef Watch Network")
    ]


def test_an_acronym_after_or_that_the_name_before_spells_is_mined() -> None:
    assert mine(
        "In English the programme is called Teacher Coaching for Early Grades, or TCEG."
    ) == [("TCEG", "Teacher Coaching for Early Grades")]
    # "CT Travel" is a short name of two words, not the acronym CT.
    assert mine("The Countering Terrorist Travel Programme, or CT Travel, is run by UNOCT.") == []
