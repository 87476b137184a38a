"""PTB's network edge, answered in this process: the real ``Application`` runs unchanged, and
only the HTTP client is replaced.

``NetworkEdge`` is a ``telegram.request.BaseRequest``. It answers the Bot API methods that qabot
calls with the JSON that Telegram sends back for a request it accepts (a sent message comes back
as a real Message, dated in Unix seconds) and records every call with its parameters, for the
tests to judge. It accepts everything on purpose: judging is the tests' job, so that a bad reply
shows up as the reply the bot tried to send, not as whatever the bot did after a refusal.

The request body is encoded as PTB's HTTP client encodes it, so a parameter that could not
travel over the wire (a lone surrogate in a text) fails here as it would against Telegram.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any

from telegram.request import BaseRequest, RequestData

from tests.telegram_html_check import TelegramHtmlError, parse

TOKEN = "123456:NetworkEdgeTokenForTests-abcdefghijklmno"
BOT = {
    "id": 123456,
    "is_bot": True,
    "first_name": "QA Bot",
    "username": "qabot_edge_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
# The methods that answer a message; the others answer True (or the bot, for getMe).
_MESSAGE_RESULTS = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup"})
_TRUE_RESULTS = frozenset(
    {
        "answerCallbackQuery",
        "answerInlineQuery",
        "sendChatAction",
        "setMyCommands",
        "deleteMyCommands",
        "deleteWebhook",
        "setWebhook",
        "close",
        "logOut",
    }
)


@dataclass(frozen=True)
class Call:
    """One Bot API request the bot made.

    Attributes:
        method: the Bot API method, such as ``sendMessage``.
        params: its parameters as PTB sent them: JSON values, decoded.
        result: what the edge answered with: a Message for a sent message.
    """

    method: str
    params: dict[str, Any]
    result: Any = None


class NetworkEdge(BaseRequest):
    """A Bot API that lives in this process and says yes; ``calls`` is what the bot asked."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._message_ids = itertools.count(1_000_000)

    @property
    def read_timeout(self) -> float | None:
        """PTB asks for it; nothing here ever waits."""
        return 1.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Answer one request as Telegram would answer a request it accepts."""
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if request_data is not None:
            try:
                # PTB's httpx client sends a UTF-8 form: what cannot be encoded fails here too.
                request_data.url_encoded_parameters()
            except UnicodeEncodeError:
                self.calls.append(Call(name, params))
                raise
        if name == "getMe":
            result: Any = BOT
        elif name == "getUpdates" or name == "getMyCommands":
            result = []
        elif name in _MESSAGE_RESULTS:
            result = self._message(params)
        elif name in _TRUE_RESULTS:
            result = True
        else:
            body = {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
            self.calls.append(Call(name, params))
            return 404, json.dumps(body).encode()
        self.calls.append(Call(name, params, result))
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        """The Message that Telegram returns for a sent or edited message."""
        chat_id = int(params.get("chat_id") or 0)
        chat = (
            {"id": chat_id, "type": "supergroup", "title": "A group"}
            if chat_id < 0
            else {"id": chat_id, "type": "private", "first_name": "User"}
        )
        text = str(params.get("text") or "…")
        if str(params.get("parse_mode") or "").upper() == "HTML":
            # The tests judge the markup; the echo only needs to be a Message.
            with contextlib.suppress(TelegramHtmlError):
                text = parse(text).text
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT,
            "text": text or "…",
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def mark(self) -> int:
        """Where the calls are now, to look at the calls made after it."""
        return len(self.calls)

    def since(self, mark: int) -> list[Call]:
        """The calls made after ``mark``."""
        return self.calls[mark:]
