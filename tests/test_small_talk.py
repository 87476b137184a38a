"""Small talk: thanks, greetings and "are you a bot" get a short reply, never a passage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram_html import answer_html
from retrieval.answering import Engine
from retrieval.small_talk import Talk, small_talk

# Formulas as chats type them, with what each does.
SAID = {
    "thx thats all i needed": Talk.THANKS,
    "ok thanks thats all": Talk.THANKS,
    "Thank you so much, that helped!": Talk.THANKS,
    "thx thats all for today 👍": Talk.THANKS,
    "cheers mate, bye": Talk.THANKS,
    "hey are you a real person or a bot": Talk.ASKS_WHO_I_AM,
    "are u a bot or a real person lol": Talk.ASKS_WHO_I_AM,
    "Who are you?": Talk.ASKS_WHO_I_AM,
    "what can you do": Talk.ASKS_WHO_I_AM,
    "good morning bot how r u today": Talk.GREETS,
    "Hello there": Talk.GREETS,
    "what's up": Talk.GREETS,
    "good morning!! hows ur day going": Talk.GREETS,
    "gm, how was your day": Talk.GREETS,
    "thanks, have a great weekend": Talk.THANKS,
    "hey thx for the help yesterday, u still there?": Talk.THANKS,
    "anyone there?": Talk.GREETS,
}


@pytest.mark.parametrize(("message", "talk"), SAID.items())
def test_a_message_made_only_of_formulas_is_small_talk(message: str, talk: Talk) -> None:
    assert small_talk(message) is talk


@pytest.mark.parametrize(
    "message",
    [
        "hi, who runs AIRCOP?",
        "thanks, and who funds it?",
        "lol thx bot, whats the weather in almaty tmrw",
        "tell me a joke about bees",
        "are you funded by the EU",
        "who is still there in the programme",
        "ok",  # an acknowledgement alone says nothing to reply to
        "",
    ],
)
def test_a_message_that_asks_anything_else_is_not_small_talk(message: str) -> None:
    assert small_talk(message) is None


@pytest.mark.parametrize(
    "message",
    ["whats 17 times 23", "what is 15% of 240?", "whats a 15% tip on 40 dollars", "2+2"],
)
def test_a_sum_is_no_question_of_the_documents(message: str) -> None:
    assert small_talk(message) is Talk.SUMS


@pytest.mark.parametrize(
    "message", ["2019-2024", "what is 2023-2027", "12/05/2024", "how much did norway give in 2023"]
)
def test_a_period_a_date_or_a_question_with_numbers_is_no_sum(message: str) -> None:
    assert small_talk(message) is not Talk.SUMS


def test_a_word_the_corpus_uses_as_a_name_is_asked_about() -> None:
    # A programme called CHEERS: "cheers" asks about it.
    assert small_talk("cheers", names={"cheers"}) is None
    assert small_talk("cheers") is Talk.THANKS


@given(
    st.lists(st.sampled_from(sorted(SAID)), min_size=1, max_size=3),
    st.sampled_from(["aircop", "budget", "funds", "2019", "interpol", "rice"]),
    st.integers(min_value=0, max_value=3),
)
def test_one_word_of_a_question_among_formulas_makes_it_a_question(
    formulas: list[str], word: str, at: int
) -> None:
    said = " ".join(formulas).split()
    assert small_talk(" ".join(said)) is not None
    said.insert(min(at, len(said)), word)
    assert small_talk(" ".join(said)) is None


def test_thanks_gets_a_reply_and_no_passage_and_keeps_the_conversation(engine: Engine) -> None:
    _, state = engine.ask("Which agencies run AIRCOP?")
    thanks, after = engine.ask("thx thats all i needed", state, now=1.0)
    assert thanks.note == Talk.THANKS.value
    assert thanks.no_answer and not thanks.hits and thanks.direct is None
    assert answer_html(thanks) == "You're welcome. Ask another question any time."
    follow_up, _ = engine.ask("And CRIMJUST?", after, now=2.0)
    assert "CRIMJUST" in follow_up.understood and not follow_up.no_answer


def test_are_you_a_bot_is_answered_by_what_the_bot_does(engine: Engine) -> None:
    answer, _ = engine.ask("hey are you a real person or a bot")
    assert answer.note == Talk.ASKS_WHO_I_AM.value
    assert not answer.hits
