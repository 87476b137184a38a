"""The other names a page gives what it is about (``retrieval.other_names``), and questions that
ask by them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from retrieval.answering import Engine
from retrieval.other_names import other_names
from retrieval.tokenizing import Tokenizer

TERMS = Tokenizer(frozenset()).terms


@pytest.mark.parametrize(
    ("texts", "title", "names"),
    [
        (
            [
                'Hatua Mpya ("new step" in Kiswahili), also called the New Steps Kenya clubfoot '
                "programme, treats every child born with clubfoot."
            ],
            "Our partners | Hatua Mpya",
            ("New Steps Kenya",),
        ),
        (
            [
                "The Rímac Valley Landslide Early Warning System, known in Spanish as Alerta "
                "Huayco, links rain gauges to sirens."
            ],
            "Sirens buy Chosica eleven minutes as huayco hits Rímac",
            ("Rímac Valley Landslide Early Warning System", "Alerta Huayco"),
        ),
        (
            ["The Ahwar Revival Project (in Arabic, Ihya' al-Ahwar) works in the marshes."],
            "Ahwar Revival Project",
            ("Ihya' al-Ahwar",),
        ),
        (
            ["Project number: 55123-001", "Local name: Surya Sinchai Pariyojana"],
            "Terai Solar Pumps for Smallholders Project",
            ("Surya Sinchai Pariyojana",),
        ),
        (
            [
                'The programme, whose name means "sunlight" in Tashelhit, is officially called the '
                "Argan Futures Programme."
            ],
            "Argan programme Tafyout enters second year",
            ("Argan Futures Programme",),
        ),
    ],
)
def test_a_page_gives_what_it_is_about_other_names(
    texts: list[str], title: str, names: tuple[str, ...]
) -> None:
    assert other_names(texts, title, TERMS) == names


@pytest.mark.parametrize(
    "text",
    [
        # A partner's other name, in the middle of a sentence about the work.
        "The sensors are run with the Center for Volcanology and Geological Hazard Mitigation "
        "(CVGHM), known in Indonesia as Pusat Vulkanologi.",
        # A body's former name.
        "The lead partner of the network is the Ministry of Culture, which until 2023 was "
        "called the Ministry of Arts.",
    ],
)
def test_the_other_names_of_something_else_are_not_the_pages(text: str) -> None:
    filler = "The orchestras rehearse twice a week in the town halls of the coast."
    assert other_names([filler, filler, filler, text], "Pacific Youth Orchestras", TERMS) == ()


PAGE = """<html><head><title>55123-001: Terai Solar Pumps for Smallholders Project</title></head>
<body><h1>55123-001: Terai Solar Pumps for Smallholders Project</h1>
<h2>Project details</h2><ul><li>Project number: 55123-001</li>
<li>Local name: Surya Sinchai Pariyojana</li><li>Country: Nepal</li>
<li>Executing agency: Ministry of Energy, Water Resources and Irrigation (MoEWRI)</li></ul>
<h2>Description</h2><p>The project installs solar water pumps for smallholder farmers in
eight districts of the Terai, with a grant for each pump and a loan for the rest.</p>
</body></html>"""


def test_a_who_question_may_name_a_page_by_its_other_name(
    make_engine: Callable[[dict[str, str]], Engine],
) -> None:
    engine = make_engine({"terai.html": PAGE})
    answer, _ = engine.ask("executing agency of surya sinchai?")
    assert answer.direct is not None
    assert "Ministry of Energy, Water Resources and Irrigation (MoEWRI)" in answer.direct
