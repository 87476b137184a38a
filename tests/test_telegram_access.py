"""Who may use the bot, how fast, and what happens when Telegram says no."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.bot_process import BotProcess, write_config
from tests.fake_bot_api import BOT, FakeBotApi, group_chat, private_chat, user
from tests.test_telegram_e2e import ask, keyboard, say

# Each test asks as an allowed user of its own, so that the per-minute limit is its own too.
ALLOWED = list(range(1001, 1011))
STRANGER = user(666, "Mallory")
ALLOWED_GROUP = -4242
PER_MINUTE = 3
IDLE_SECONDS = 2


@pytest.fixture(scope="module")
def bot(api: FakeBotApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    directory = tmp_path_factory.mktemp("restricted")
    config = write_config(
        directory,
        allowed_users=ALLOWED,
        allowed_chats=[ALLOWED_GROUP],
        questions_per_minute=PER_MINUTE,
        log_question_text=True,
        # Every question shows "typing…" here, so that a failing indicator can be tested.
        typing_after_seconds=0,
        answers={"idle_seconds": IDLE_SECONDS},
    )
    process = BotProcess(api, config, directory / "bot.log").start()
    yield process
    assert process.stop() == 0


def test_a_stranger_gets_a_polite_refusal_in_a_private_chat(
    api: FakeBotApi, bot: BotProcess
) -> None:
    assert "private" in ask(api, STRANGER, "Which agencies run AIRCOP?").params["text"]


def test_a_stranger_gets_a_refusal_instead_of_inline_answers(
    api: FakeBotApi, bot: BotProcess
) -> None:
    mark = api.mark()
    api.inline(STRANGER, "which agencies run AIRCOP")
    call = api.wait_for("answerInlineQuery", after=mark)
    assert [r["id"] for r in call.params["results"]] == ["private"]
    assert "private" in call.params["results"][0]["title"]
    assert call.params["is_personal"] is True


def test_with_an_allowlist_inline_answers_are_personal(api: FakeBotApi, bot: BotProcess) -> None:
    mark = api.mark()
    api.inline(user(ALLOWED[8]), "which agencies run AIRCOP")
    call = api.wait_for("answerInlineQuery", after=mark)
    assert "AIRCOP" in call.params["results"][0]["title"]
    assert call.params["is_personal"] is True


def test_a_stranger_in_an_allowed_group_is_answered(api: FakeBotApi, bot: BotProcess) -> None:
    reply = say(api, group_chat(ALLOWED_GROUP), STRANGER, "/ask what is UNODA")
    assert "Disarmament Affairs" in reply.params["text"]


def test_the_log_shows_question_text_when_the_config_asks_for_it(
    api: FakeBotApi, bot: BotProcess
) -> None:
    ask(api, user(ALLOWED[9]), "what is UNICRI")
    log = bot.log.read_text()
    assert "text='what is UNICRI'" in log


def test_a_conversation_idle_for_longer_than_configured_is_forgotten(
    api: FakeBotApi, bot: BotProcess
) -> None:
    member = user(ALLOWED[8])
    ask(api, member, "Which agencies run AIRCOP?")
    time.sleep(IDLE_SECONDS + 1)
    text = ask(api, member, "And CRIMJUST?").params["text"]
    assert "Read as" not in text


def test_a_stranger_pressing_a_button_gets_an_alert(api: FakeBotApi, bot: BotProcess) -> None:
    member = user(ALLOWED[0])
    group = group_chat(-777)
    reply = say(api, group, member, f"@{BOT['username']} what is AIRCOP")
    mark = api.mark()
    api.press(reply.result, keyboard(reply)["👍"], STRANGER)
    alert = api.wait_for("answerCallbackQuery", after=mark)
    assert alert.params["show_alert"] is True
    assert "private" in alert.params["text"]


def test_a_stranger_in_a_group_is_not_answered(api: FakeBotApi, bot: BotProcess) -> None:
    mark = api.mark()
    api.message(group_chat(-778), STRANGER, f"@{BOT['username']} what is AIRCOP")
    assert api.quiet_for(1.5, mark)


def test_an_allowed_user_is_answered_in_any_group(api: FakeBotApi, bot: BotProcess) -> None:
    reply = say(api, group_chat(-779), user(ALLOWED[1]), "/ask what is UNODA")
    assert "Disarmament Affairs" in reply.params["text"]


def test_too_many_questions_in_a_minute_get_a_friendly_slow_down(
    api: FakeBotApi, bot: BotProcess
) -> None:
    hurried = user(ALLOWED[2])
    for _ in range(PER_MINUTE):
        assert "AIRCOP" in ask(api, hurried, "what is AIRCOP").params["text"]
    assert "wait a moment" in ask(api, hurried, "what is AIRCOP").params["text"]
    assert "AIRCOP" in ask(api, user(ALLOWED[3]), "what is AIRCOP").params["text"]


def test_a_failed_request_gets_an_apology_and_the_bot_keeps_answering(
    api: FakeBotApi, bot: BotProcess
) -> None:
    member = user(ALLOWED[5])
    # A refusal that no retry and no plain-text copy can fix (a 5xx is retried: test_faults).
    api.fail("sendMessage", 400, "Bad Request: message to be replied not found")
    mark = api.mark()
    api.message(private_chat(member), member, "what is UNICRI")
    apology = api.wait_for("sendMessage", lambda c: c.result is not None, after=mark)
    assert "went wrong" in apology.params["text"]
    assert "UNICRI" in ask(api, member, "what is UNICRI").params["text"]


def test_a_failing_typing_indicator_does_not_stop_the_answer(
    api: FakeBotApi, bot: BotProcess
) -> None:
    mark = api.mark()
    api.fail("sendChatAction", 404, "Not Found: method not found")
    assert "UNICRI" in ask(api, user(ALLOWED[4]), "what is UNICRI").params["text"]
    assert any(call.method == "sendChatAction" for call in api.calls[mark:])


@pytest.mark.parametrize(
    "refusal",
    ["Bad Request: can't parse entities: unclosed tag", "Bad Request: message is too long"],
)
def test_refused_html_falls_back_to_plain_text_and_the_user_still_gets_an_answer(
    api: FakeBotApi, bot: BotProcess, refusal: str
) -> None:
    member = user(ALLOWED[6 if "parse" in refusal else 7])
    api.fail("sendMessage", 400, refusal)
    mark = api.mark()
    api.message(private_chat(member), member, "what is ICAO")
    plain = api.wait_for(
        "sendMessage", lambda c: c.params["chat_id"] == member["id"] and c.result, after=mark
    )
    assert "parse_mode" not in plain.params
    assert "International Civil Aviation Organization (ICAO)" in plain.params["text"]
    assert "<b>" not in plain.params["text"]
