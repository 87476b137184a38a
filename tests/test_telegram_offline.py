"""The bot without a network: updates built with ``Update.de_json`` go through
``process_update``, and the requests stop at an in-process copy of the fake Bot API."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.callbacks import Action, Press, decode, encode
from bot.config import load_config
from bot.handlers import SOURCES_PER_PAGE, sources_page
from bot.service import SERVICE, Service
from bot.telegram_app import build_application
from corpus.models import DocumentMeta
from retrieval.answering import Engine
from retrieval.indexing import load_or_build
from tests.bot_process import write_config
from tests.fake_bot_api import TOKEN, FakeBotApi, group_chat, private_chat, user
from tests.telegram_html_check import parse


class OfflineRequest(BaseRequest):
    """PTB's network edge, answered by the fake Bot API in this process; nothing leaves it."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        body = urlencode(request_data.json_parameters) if request_data else ""
        status, payload = self.api.handle(urlsplit(url).path, body, "")
        return status, json.dumps(payload).encode()


def run_bot(tmp_path: Path, scenario: Callable[[Application, FakeBotApi], Awaitable[None]]) -> None:
    """Run ``scenario`` against an initialised bot whose requests never leave the process."""
    api = FakeBotApi()
    config = load_config(write_config(tmp_path))

    def load() -> Engine:
        return Engine(load_or_build(config.corpus), config.answers)

    async def main() -> None:
        application = build_application(
            config, TOKEN, "http://offline/bot", load, OfflineRequest(api)
        )
        async with application:
            await application.post_init(application)
            await scenario(application, api)
            await application.post_shutdown(application)

    asyncio.run(main())


def message_update(update_id: int, chat: dict, who: dict, text: str) -> dict[str, Any]:
    message = {"message_id": update_id, "date": int(time.time()), "chat": chat, "from": who}
    message["text"] = text
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


def test_a_question_is_rendered_as_valid_telegram_html_with_four_buttons(tmp_path: Path) -> None:
    async def scenario(application: Application, api: FakeBotApi) -> None:
        ada = user(5)
        update = Update.de_json(
            message_update(1, private_chat(ada), ada, "what is UNODA"), application.bot
        )
        await application.process_update(update)
        sent = api.wait_for("sendMessage", timeout=1)
        parsed = parse(sent.params["text"])
        assert "United Nations Office for Disarmament Affairs (UNODA)" in parsed.text
        assert parsed.entities <= 100 and parsed.length <= 4096
        rows = sent.params["reply_markup"]["inline_keyboard"]
        assert [b["text"] for row in rows for b in row] == ["More", "Full section", "👍", "👎"]
        assert all(len(b["callback_data"].encode()) <= 64 for row in rows for b in row)

    run_bot(tmp_path, scenario)


@pytest.mark.parametrize("data", ["", "1u", "1u1.", "2u1.abcdefghij", "1z1.abcdefghij", "é" * 20])
def test_malformed_callback_data_gets_an_alert_not_a_crash(tmp_path: Path, data: str) -> None:
    async def scenario(application: Application, api: FakeBotApi) -> None:
        ada = user(6)
        message = message_update(2, private_chat(ada), ada, "hi")["message"]
        query = {"id": "q1", "from": ada, "message": message, "chat_instance": "1", "data": data}
        await application.process_update(
            Update.de_json({"update_id": 3, "callback_query": query}, application.bot)
        )
        answer = api.wait_for("answerCallbackQuery", timeout=1)
        assert answer.params["show_alert"] is True

    run_bot(tmp_path, scenario)


def test_a_signed_vote_is_recorded_once(tmp_path: Path) -> None:
    async def scenario(application: Application, api: FakeBotApi) -> None:
        service: Service = application.bot_data[SERVICE]
        ada = user(7)
        number = service.store.remember_answer(ada["id"], "what is ICAO", "what is ICAO", 1, None)
        message = message_update(4, private_chat(ada), ada, "hi")["message"]
        data = encode(Action.HELPFUL, number, service.store.secret)
        for update_id in (5, 6):
            query = {
                "id": f"q{update_id}",
                "from": ada,
                "message": message,
                "chat_instance": "1",
                "data": data,
            }
            await application.process_update(
                Update.de_json({"update_id": update_id, "callback_query": query}, application.bot)
            )
        answers = [c.params["text"] for c in api.calls if c.method == "answerCallbackQuery"]
        assert answers == ["Thanks, noted!", "You already told me, thanks."]
        assert service.store.stats().helpful == 1

    run_bot(tmp_path, scenario)


def test_an_edited_message_or_a_channel_post_gets_no_reply(tmp_path: Path) -> None:
    async def scenario(application: Application, api: FakeBotApi) -> None:
        ada = user(8)
        edited = message_update(7, private_chat(ada), ada, "what is ICAO")
        edited["edited_message"] = edited.pop("message")
        post = message_update(8, group_chat(-100), ada, "what is ICAO")
        post["channel_post"] = post.pop("message")
        for raw in (edited, post):
            await application.process_update(Update.de_json(raw, application.bot))
        assert not [c for c in api.calls if c.method == "sendMessage"]

    run_bot(tmp_path, scenario)


def test_a_slow_question_does_not_hold_up_other_chats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = FakeBotApi().start()
    config = load_config(write_config(tmp_path))
    engine = Engine(load_or_build(config.corpus), config.answers)
    ask = engine.ask

    def slow_ask(message: str, *args: Any, **kwargs: Any) -> Any:
        if "slow" in message:
            time.sleep(3)
        return ask(message, *args, **kwargs)

    monkeypatch.setattr(engine, "ask", slow_ask)

    async def main() -> None:
        application = build_application(config, TOKEN, api.base_url, lambda: engine)
        async with application:
            await application.post_init(application)
            await application.start()
            await application.updater.start_polling(poll_interval=0, timeout=1)
            slow, quick = user(9), user(10)
            api.message(private_chat(slow), slow, "slow: what is AIRCOP")
            await asyncio.sleep(0.3)
            api.message(private_chat(quick), quick, "what is UNODA")
            first = await asyncio.to_thread(api.wait_for, "sendMessage", timeout=10)
            assert first.params["chat_id"] == quick["id"]
            await asyncio.to_thread(
                api.wait_for, "sendMessage", lambda c: c.params["chat_id"] == slow["id"]
            )
            await application.updater.stop()
            await application.stop()
            await application.post_shutdown(application)

    try:
        asyncio.run(main())
    finally:
        api.stop()


def test_sources_come_a_page_at_a_time_with_buttons_to_turn_them() -> None:
    documents = tuple(
        DocumentMeta(id=f"d{n}", title=f"Page {n}", url=f"https://example.org/{n}")
        for n in range(45)
    )
    service = SimpleNamespace(
        engine=SimpleNamespace(index=SimpleNamespace(documents=documents)),
        store=SimpleNamespace(secret=b"secret"),
    )
    first, buttons = sources_page(service, 0)  # type: ignore[arg-type]
    assert first.startswith("<b>Sources</b> (page 1 of 3)")
    assert first.count("<a href=") == SOURCES_PER_PAGE
    [[after]] = buttons.inline_keyboard
    assert after.text == "Next ›"
    assert decode(after.callback_data, b"secret") == Press(Action.SOURCES, 1)
    last, buttons = sources_page(service, 7)  # type: ignore[arg-type]
    assert last.startswith("<b>Sources</b> (page 3 of 3)")
    assert last.count("<a href=") == 5 and "Page 44" in last
    [[before]] = buttons.inline_keyboard
    assert decode(before.callback_data, b"secret") == Press(Action.SOURCES, 1)
    parse(first)


def test_a_page_button_under_sources_turns_the_page_in_place(tmp_path: Path) -> None:
    async def scenario(application: Application, api: FakeBotApi) -> None:
        service: Service = application.bot_data[SERVICE]
        ada = user(8)
        message = message_update(9, private_chat(ada), ada, "/sources")["message"]
        data = encode(Action.SOURCES, 0, service.store.secret)
        query = {"id": "q9", "from": ada, "message": message, "chat_instance": "1", "data": data}
        await application.process_update(
            Update.de_json({"update_id": 10, "callback_query": query}, application.bot)
        )
        edit = api.wait_for("editMessageText", timeout=1)
        assert "Cooperation with United Nations entities" in edit.params["text"]
        assert edit.params["parse_mode"] == "HTML"

    run_bot(tmp_path, scenario)
