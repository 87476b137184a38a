"""What a maintainer sees of a document with `qabot corpus show ID --relations`: who plays which
part in what, as the bot reads it, and the line the bot gives when asked."""

from __future__ import annotations

from collections.abc import Callable

from retrieval.answering import Engine
from retrieval.readings import Source, asked, readings
from retrieval.roles import Role

PAGE = {
    "reef-watch.txt": (
        "Reef Watch\n\n"
        "Reef Watch is a monitoring programme for coral reefs in the western Pacific.\n\n"
        "Partners\n\n"
        "Reef Watch is implemented by the Pacific Fisheries Agency (PFA) and UNEP.\n\n"
        "Funding\n\n"
        "The programme is financed by Norway and New Zealand.\n\n"
        "Secretariat\n\n"
        "Until 2014 the secretariat was hosted by the Coral Institute. "
        "It is now hosted by UNEP in Apia.\n\n"
        "The Harbour Office has no role in Reef Watch.\n"
    ),
}


def test_every_part_a_page_gives_is_read_with_its_passage(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(PAGE)
    found = readings(engine, "reef-watch")
    lines = [r.line for r in found]
    assert any("implemented by" in line and "UNEP" in line and "PFA" in line for line in lines)
    assert any("Norway and New Zealand" in line for line in lines)
    funders = [r for r in found if r.role is Role.FUND]
    assert funders and all(r.subject == "Reef Watch" for r in funders)
    ids = {p.id for p in engine.index.passages if p.doc_id == "reef-watch"}
    assert {r.passage_id for r in found} <= ids


def test_a_part_played_in_the_past_is_marked_as_such(make_engine: Callable[..., Engine]) -> None:
    hosts = [r for r in readings(make_engine(PAGE), "reef-watch") if r.role is Role.HOST]
    assert {r.former for r in hosts if "Coral Institute" in r.line} == {True}
    assert {r.former for r in hosts if "UNEP" in r.line} == {False}
    assert "in the past" in str(next(r for r in hosts if r.former))


def test_an_organisation_the_page_says_has_no_part_is_shown_as_such(
    make_engine: Callable[..., Engine],
) -> None:
    denials = [r for r in readings(make_engine(PAGE), "reef-watch") if r.source is Source.DENIAL]
    assert [r.line for r in denials] == ["the Harbour Office has no part in Reef Watch"]


def test_the_bot_is_asked_about_each_part_and_its_answer_line_shown(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(PAGE)
    answers = {a.question: a.line for a in asked(engine, readings(engine, "reef-watch"))}
    assert answers["who funds Reef Watch?"] is not None
    assert "Norway" in answers["who funds Reef Watch?"]
    assert "Harbour Office" not in " ".join(line or "" for line in answers.values())
    # The same question asked as a user would gets the same line.
    assert engine.ask("who funds Reef Watch?")[0].direct == answers["who funds Reef Watch?"]


def test_a_page_that_names_no_part_reads_nothing(make_engine: Callable[..., Engine]) -> None:
    engine = make_engine({"weather.txt": "Weather\n\nIt rained in Lyon on Monday.\n"})
    assert readings(engine, "weather") == []
    assert asked(engine, []) == []


def test_what_several_cues_of_one_sentence_say_alike_is_read_once(
    make_engine: Callable[..., Engine],
) -> None:
    page = {
        "peat.txt": (
            "Peat Watch\n\n"
            "Peat Watch brings together more than 50 partners under the leadership of UNEP.\n"
        )
    }
    found = readings(make_engine(page), "peat")
    assert found
    assert len(found) == len(set(found))
