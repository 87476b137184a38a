"""The bot end to end: ``qabot run`` polls a Bot API server over HTTP; the tests are its users."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot_process import BotProcess, write_config
from tests.fake_bot_api import BOT, Call, FakeBotApi, group_chat, private_chat, user
from tests.telegram_html_check import parse

ADMIN_ID = 4242
_user_ids = itertools.count(100)


@pytest.fixture(scope="module")
def bot(api: FakeBotApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    directory = tmp_path_factory.mktemp("bot")
    config = write_config(directory, admins=[ADMIN_ID])
    process = BotProcess(api, config, directory / "bot.log").start()
    yield process
    assert process.stop() == 0


@pytest.fixture
def someone() -> dict[str, Any]:
    """A user of their own, so that tests do not share a conversation."""
    return user(next(_user_ids))


def say(api: FakeBotApi, chat: dict[str, Any], who: dict[str, Any], text: str) -> Call:
    """Send a message and return the bot's reply."""
    mark = api.mark()
    api.message(chat, who, text)
    return reply_in(api, chat, mark)


def reply_in(api: FakeBotApi, chat: dict[str, Any], after: int) -> Call:
    """The bot's next message in a chat."""
    return api.wait_for("sendMessage", lambda c: c.params["chat_id"] == chat["id"], after=after)


def ask(api: FakeBotApi, who: dict[str, Any], text: str) -> Call:
    return say(api, private_chat(who), who, text)


def keyboard(call: Call) -> dict[str, str]:
    """Button text → callback data, of a message the bot sent."""
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
    return {button["text"]: button["callback_data"] for row in rows for button in row}


def press(api: FakeBotApi, call: Call, label: str, who: dict[str, Any]) -> tuple[Call, int]:
    """Press a button; returns the callback answer and where the calls were before."""
    mark = api.mark()
    api.press(call.result, keyboard(call)[label], who)
    return api.wait_for("answerCallbackQuery", after=mark), mark


def test_the_bot_registers_a_menu_for_private_chats_and_a_shorter_one_for_groups(
    api: FakeBotApi, bot: BotProcess
) -> None:
    private = {c["command"] for c in api.commands["all_private_chats"]}
    groups = {c["command"] for c in api.commands["all_group_chats"]}
    assert {"start", "help", "sources", "about", "ask"} <= private
    assert groups < private | {"ask"} and "ask" in groups and len(groups) < len(private)


def test_start_greets_with_the_titles_and_example_buttons_that_ask_them(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    reply = ask(api, someone, "/start")
    assert "Cooperation with United Nations entities" in reply.params["text"]
    examples = keyboard(reply)
    assert len(examples) == 3
    question = next(iter(examples))
    mark = api.mark()
    api.press(reply.result, examples[question], someone)
    answer = reply_in(api, someone, mark)
    assert "<a href=" in answer.params["text"]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/help", "Follow-ups"),
        ("/sources", 'href="https://www.interpol.int/'),
        ("/about", "22 passages"),
    ],
)
def test_help_sources_and_about(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any], command: str, expected: str
) -> None:
    assert expected in ask(api, someone, command).params["text"]


def test_a_question_gets_a_cited_html_reply_to_its_message_with_buttons(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    mark = api.mark()
    question = api.message(private_chat(someone), someone, "Which agencies run AIRCOP?")
    reply = reply_in(api, someone, mark)
    text = reply.params["text"]
    assert reply.params["parse_mode"] == "HTML"
    assert reply.params["reply_parameters"]["message_id"] == question["message_id"]
    assert text.startswith(
        "<b>AIRCOP is implemented by UNODC, the World Customs Organization and INTERPOL [1]</b>"
    )
    assert "<b>Additionally, the <i>Airport</i>" in text
    assert '<a href="https://www.interpol.int/' in text
    assert "Cooperation with United Nations entities › INTERPOL and the United Nations" in text
    assert "<i>AIRCOP = Airport Communication Project</i>" in text
    assert set(keyboard(reply)) == {"More", "Full section", "👍", "👎"}
    assert reply.params["link_preview_options"] == {"is_disabled": True}
    parse(text)


def test_a_quick_answer_comes_without_a_typing_indicator(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    mark = api.mark()
    assert "AIRCOP" in ask(api, someone, "Which agencies run AIRCOP?").params["text"]
    assert [c.method for c in api.calls[mark:] if c.method == "sendChatAction"] == []


def test_a_corrected_question_is_shown_to_the_user(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    text = ask(api, someone, "wich agencys run aircop").params["text"]
    assert "<i>Read as: which agency run aircop" in text
    assert "World Customs Organization" in text


def test_a_question_outside_the_corpus_gets_the_no_answer_reply_without_buttons(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    reply = ask(api, someone, "how do I renew my passport?")
    assert reply.params["text"].startswith("I can't find that in the corpus.")
    assert "Nothing in the corpus comes near it." in reply.params["text"]
    assert keyboard(reply) == {}


def test_follow_ups_use_the_chat_s_previous_question(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    ask(api, someone, "Which agencies run AIRCOP?")
    text = ask(api, someone, "And CRIMJUST?").params["text"]
    assert text.startswith("<b>CRIMJUST is implemented jointly by UNODC, INTERPOL and Transparency")
    more = ask(api, someone, "more").params["text"]
    assert "[2]" in more


def test_more_shows_the_next_passages_and_a_second_press_gets_a_notice(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    reply = ask(api, someone, "what does UNODC do with INTERPOL")
    _, mark = press(api, reply, "More", someone)
    more = reply_in(api, someone, mark)
    assert "[4]" in more.params["text"]
    assert set(keyboard(more)) == {"More", "Full section", "👍", "👎"}
    again, _ = press(api, reply, "More", someone)
    assert "already" in again.params["text"].casefold()


def test_full_section_shows_the_section_of_the_top_passage(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    reply = ask(api, someone, "what is UNODA")
    _, mark = press(api, reply, "Full section", someone)
    section = api.wait_for(
        "sendMessage", lambda c: c.params["chat_id"] == someone["id"], after=mark
    )
    text = section.params["text"]
    assert "Cooperation with other UN entities" in text
    assert text.count("• United Nations") >= 10
    parse(text)


def test_votes_are_stored_and_a_repeated_vote_gets_a_notice(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    reply = ask(api, someone, "what is ICAO")
    first, _ = press(api, reply, "👍", someone)
    second, _ = press(api, reply, "👍", someone)
    assert first.params["text"] == "Thanks, noted!"
    assert "already" in second.params["text"]
    store = sqlite3.connect(bot.config.parent / "bot.sqlite3")
    rows = store.execute("SELECT vote, question FROM feedback WHERE question = 'what is ICAO'")
    assert rows.fetchall() == [(1, "what is ICAO")]


@pytest.mark.parametrize("data", ["garbage", "1m1.AAAAAAAAAA", "1m99999.xxxxxxxxxx", "x" * 64])
def test_forged_or_malformed_button_data_gets_a_polite_alert(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any], data: str
) -> None:
    reply = ask(api, someone, "what is ICAO")
    mark = api.mark()
    api.press(reply.result, data, someone)
    alert = api.wait_for("answerCallbackQuery", after=mark)
    assert alert.params.get("show_alert") is True
    assert "Sorry" in alert.params["text"]
    assert "ICAO" in ask(api, someone, "what is ICAO").params["text"]


def test_in_a_group_the_bot_answers_mentions_replies_and_ask_and_stays_quiet_otherwise(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    group = group_chat(-1000 - someone["id"])
    mentioned = say(api, group, someone, f"@{BOT['username']} which agencies run AIRCOP?")
    assert "AIRCOP is implemented by" in mentioned.params["text"]
    asked = say(api, group, someone, "/ask what is UNODA")
    assert "Disarmament Affairs" in asked.params["text"]
    mark = api.mark()
    api.message(group, someone, "and CRIMJUST?", reply_to=mentioned.result)
    replied = reply_in(api, group, mark)
    assert "Transparency International" in replied.params["text"]
    mark = api.mark()
    api.message(group, someone, "what is ICAO")
    api.message(group, someone, "/start@some_other_bot")
    assert api.quiet_for(1.5, mark)


@pytest.mark.parametrize(
    "text",
    [
        f"@{BOT['username']}_evil what is AIRCOP",
        f"mail bob@{BOT['username']}.org about AIRCOP",
        f"what is AIRCOP, asks {BOT['username']}",
    ],
)
def test_a_group_message_that_only_looks_addressed_gets_no_reply(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any], text: str
) -> None:
    mark = api.mark()
    api.message(group_chat(-6000 - someone["id"]), someone, text)
    assert api.quiet_for(1.0, mark)


def test_a_captioned_photo_addressed_in_a_group_is_asked_for_text(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    group = group_chat(-7000 - someone["id"])
    mark = api.mark()
    photo = [{"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1}]
    caption = f"@{BOT['username']} what is this?"
    entities = [{"type": "mention", "offset": 0, "length": len(BOT["username"]) + 1}]
    api.message(group, someone, photo=photo, caption=caption, caption_entities=entities)
    assert "as text" in reply_in(api, group, mark).params["text"]


def test_the_bot_does_not_answer_its_own_inline_answer_sent_to_a_chat(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    mark = api.mark()
    api.message(private_chat(someone), someone, "AIRCOP is implemented by …", via_bot=BOT)
    assert api.quiet_for(1.0, mark)


def test_typing_more_after_the_more_button_goes_on_from_there(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    reply = ask(api, someone, "what does UNODC do with INTERPOL")
    _, mark = press(api, reply, "More", someone)
    reply_in(api, someone, mark)
    assert "[7]" in ask(api, someone, "more").params["text"]


def test_other_people_s_mentions_are_not_part_of_the_question_nor_of_the_reply(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    group = group_chat(-5000 - someone["id"])
    text = say(api, group, someone, f"@{BOT['username']} @durov_friend who runs AIRCOP?")
    assert "AIRCOP is implemented by" in text.params["text"]
    assert "@durov_friend" not in text.params["text"]


def test_a_photo_or_sticker_gets_asked_for_text(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    mark = api.mark()
    photo = [{"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1}]
    api.message(private_chat(someone), someone, photo=photo)
    reply = reply_in(api, someone, mark)
    assert "as text" in reply.params["text"]


def test_inline_mode_offers_up_to_five_cited_answers(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    mark = api.mark()
    api.inline(someone, "which agencies run AIRCOP")
    call = api.wait_for("answerInlineQuery", after=mark)
    results = call.params["results"]
    assert 1 <= len(results) <= 5
    assert call.params["cache_time"] == 300
    first = results[0]["input_message_content"]
    assert first["parse_mode"] == "HTML"
    assert "AIRCOP is implemented by" in first["message_text"]
    assert all("›" in r["description"] for r in results)


def test_inline_small_talk_is_offered_its_reply(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    mark = api.mark()
    api.inline(someone, "hey are you a bot")
    [result] = api.wait_for("answerInlineQuery", after=mark).params["results"]
    assert result["title"].startswith("I'm a bot")


def test_inline_mode_hints_when_the_query_is_too_short(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    mark = api.mark()
    api.inline(someone, "ai")
    results = api.wait_for("answerInlineQuery", after=mark).params["results"]
    assert len(results) == 1
    assert "3 characters" in results[0]["title"]


def test_admin_commands_are_refused_to_others_and_work_for_admins(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    assert "admins" in ask(api, someone, "/stats").params["text"]
    assert "admins" in ask(api, someone, "/reload").params["text"]
    admin = user(ADMIN_ID, "Root")
    stats = ask(api, admin, "/stats").params["text"]
    assert "Questions" in stats and "Unanswered" in stats and "👍" in stats
    assert "Reloaded: 1 document(s), 22 passages" in ask(api, admin, "/reload").params["text"]
    assert "AIRCOP" in ask(api, someone, "what is AIRCOP").params["text"]


def test_small_talk_gets_a_reply_of_its_own_and_is_no_unanswered_question(
    api: FakeBotApi, bot: BotProcess, someone: dict[str, Any]
) -> None:
    admin = user(ADMIN_ID, "Root")

    def unanswered() -> str:
        stats = ask(api, admin, "/stats").params["text"]
        return next(line for line in stats.splitlines() if "Unanswered" in line)

    before = unanswered()
    reply = ask(api, someone, "thx thats all i needed").params["text"]
    assert reply == "You're welcome. Ask another question any time."
    assert unanswered() == before


def test_the_token_is_nowhere_in_the_debug_log(api: FakeBotApi, bot: BotProcess) -> None:
    ask(api, user(next(_user_ids)), "what is AIRCOP")
    log = bot.log.read_text(encoding="utf-8", errors="replace")
    assert "DEBUG" in log
    assert api.token not in log
    assert api.token.split(":")[1] not in log


def test_one_question_per_line_is_logged_with_chat_type_timing_and_outcome(
    api: FakeBotApi, bot: BotProcess
) -> None:
    ask(api, user(next(_user_ids)), "what is UNICRI")
    lines = [line for line in bot.log.read_text().splitlines() if "qabot.bot: question" in line]
    assert any("chat=private answered=True seconds=" in line for line in lines)
    assert not any("UNICRI" in line for line in lines)


def test_conversations_survive_a_restart(tmp_path: Path) -> None:
    server = FakeBotApi().start()
    try:
        config = write_config(tmp_path)
        first = BotProcess(server, config, tmp_path / "bot.log").start()
        ada = user(7)
        ask(server, ada, "Which agencies run AIRCOP?")
        assert first.stop() == 0
        second = BotProcess(server, config, tmp_path / "bot.log").start()
        text = ask(server, ada, "And CRIMJUST?").params["text"]
        assert second.stop() == 0
        assert "Transparency International" in text
    finally:
        server.stop()
