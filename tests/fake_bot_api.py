"""A Bot API server on 127.0.0.1 for the tests: it speaks Telegram's JSON, and the tests play
the users.

It implements what qabot uses, the way https://core.telegram.org/bots/api describes it:
getMe, getUpdates (long polling with offset and timeout), sendMessage, editMessageText,
editMessageReplyMarkup, answerCallbackQuery, answerInlineQuery, setMyCommands, setWebhook,
deleteWebhook, getWebhookInfo and sendChatAction. Dates are Unix seconds, and sent messages
come back as real Message objects. It refuses what Telegram refuses: bad HTML, messages over
4096 characters, callback data over 64 bytes, more than 50 inline results.

It also misbehaves on demand, as a real server sometimes does: ``fail`` makes a method answer
with an error (a 500, a 502, a 429 with ``retry_after``), ``delay`` makes it answer late,
``stall`` makes it hang up without answering after a while (a timeout, to a client that waits
less), and ``stop`` then ``start`` take the whole server down and bring it back on the same
port.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from tests.telegram_html_check import TelegramHtmlError, parse

TOKEN = "987654321:AAFakeTokenForTestsOnly-abcdefghijk"
BOT = {
    "id": 987654321,
    "is_bot": True,
    "first_name": "QA Bot",
    "username": "qabot_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
# Parameters that are text even when they look like JSON ("123").
_TEXT_PARAMETERS = {"text", "caption", "parse_mode", "callback_query_id", "inline_query_id", "url"}


class ApiError(Exception):
    def __init__(
        self, code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


class HungUp(Exception):
    """The server closed the connection without answering: the request was never processed."""


@dataclass(frozen=True)
class Fault:
    """What the server does to one request instead of answering it at once.

    Attributes:
        code: the error to answer with, or 0 to answer normally.
        description: the error's description.
        retry_after: for a 429, the seconds Telegram asks the client to wait.
        delay: seconds to hold the request first.
        hang_up: after the delay, close the connection without answering or processing.
    """

    code: int = 0
    description: str = ""
    retry_after: int | None = None
    delay: float = 0.0
    hang_up: bool = False


@dataclass
class Call:
    """One request the bot made.

    Attributes:
        method: the Bot API method.
        params: its parameters, decoded.
        result: what the server answered with; None when it answered with an error.
        error: the error it answered with, or "hung up".
        at: when the request arrived, in monotonic seconds.
    """

    method: str
    params: dict[str, Any]
    result: Any = None
    error: str | None = None
    at: float = field(default_factory=time.monotonic)


@dataclass
class FakeBotApi:
    """The server's state; ``start()`` serves it on a free port of 127.0.0.1."""

    token: str = TOKEN
    updates: list[dict[str, Any]] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(1000))
    _changed: threading.Condition = field(default_factory=threading.Condition)
    webhook: dict[str, Any] = field(default_factory=dict)
    failures: dict[str, list[Fault]] = field(default_factory=dict)
    held: int = 0
    _server: ThreadingHTTPServer | None = None
    _port: int = 0
    # Counts the stops: a request that began before the last one is cut off, even if the
    # server is up again by the time it looks.
    _outages: int = 0

    def fail(
        self,
        method: str,
        code: int,
        description: str,
        times: int = 1,
        retry_after: int | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail as Telegram would report it; a
        429 may say how many seconds to wait, in ``parameters.retry_after``."""
        self._plan(method, Fault(code, description, retry_after), times)

    def delay(self, method: str, seconds: float, times: int = 1) -> None:
        """Hold the next ``times`` calls of ``method`` for ``seconds``, then answer them; a
        request held when the server stops is dropped unprocessed."""
        self._plan(method, Fault(delay=seconds), times)

    def stall(self, method: str, seconds: float, times: int = 1) -> None:
        """Hold the next ``times`` calls of ``method`` for ``seconds``, then hang up without
        processing them: a timeout, to a client whose read timeout is shorter."""
        self._plan(method, Fault(delay=seconds, hang_up=True), times)

    def _plan(self, method: str, fault: Fault, times: int) -> None:
        with self._changed:
            self.failures.setdefault(method, []).extend([fault] * times)

    # -- the server ---------------------------------------------------------------------------

    def start(self) -> FakeBotApi:
        """Serve on 127.0.0.1: on a free port the first time, on the same port after ``stop``."""
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                kind = self.headers.get("Content-Type", "")
                try:
                    status, payload = api.handle(self.path, body, kind)
                except HungUp:
                    self.close_connection = True
                    return
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot hung up mid long poll, as it does when it stops

            do_GET = do_POST

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), Handler)
        self._server.daemon_threads = True
        self._port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving, as a crashed server would: the port refuses connections, and waiting
        requests (long polls, held requests) are cut off unanswered and unprocessed.

        A request is either answered or never processed, never processed and then cut off, so
        that a test can count on what the bot was told.
        """
        if self._server is None:
            return
        with self._changed:
            self._outages += 1
            self._changed.notify_all()
        self._server.shutdown()
        self._server.server_close()
        self._server = None

    @property
    def base_url(self) -> str:
        """The URL prefix before ``<token>/<method>``, as PTB's ``base_url`` takes it."""
        assert self._port, "start the server first"
        return f"http://127.0.0.1:{self._port}/bot"

    def handle(self, path: str, body: str, kind: str) -> tuple[int, dict[str, Any]]:
        """Answer one request: (HTTP status, JSON body); ``HungUp`` when there is no answer."""
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix) :].split("?")[0]
        params = _decode(body, kind)
        call = Call(method, params)
        outages = self._outages
        try:
            with self._changed:
                planned = self.failures.get(method)
                fault = planned.pop(0) if planned else Fault()
            self._hold(fault.delay, outages)
            if fault.hang_up or self._outages != outages:  # timed out, or the server went down
                call.error = "hung up"
                self._record(call)
                raise HungUp
            if fault.code:
                raise ApiError(fault.code, fault.description, _retry(fault.retry_after))
            handler = getattr(self, f"_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            call.result = handler(params)
        except ApiError as error:
            call.error = f"{error.code} {error.description}"
            self._record(call)
            answer = {"ok": False, "error_code": error.code, "description": error.description}
            if error.parameters:
                answer["parameters"] = error.parameters
            return error.code, answer
        if method != "getUpdates":
            self._record(call)
        return 200, {"ok": True, "result": call.result}

    def _record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def _hold(self, seconds: float, outages: int) -> None:
        """Keep a request waiting for ``seconds``, or until the server stops."""
        if seconds <= 0:
            return
        deadline = time.monotonic() + seconds
        with self._changed:
            self.held += 1
            self._changed.notify_all()
            try:
                while self._outages == outages and time.monotonic() < deadline:
                    self._changed.wait(deadline - time.monotonic())
            finally:
                self.held -= 1
                self._changed.notify_all()

    # -- Bot API methods -----------------------------------------------------------------------

    def _getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT

    def _deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    def _getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        url = self.webhook.get("url", "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}

    def _setWebhook(self, params: dict[str, Any]) -> bool:
        if not str(params.get("url", "")).startswith(("http://", "https://")):
            raise ApiError(400, "Bad Request: bad webhook: invalid URL")
        self.webhook = params
        return True

    def _setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or not commands:
            raise ApiError(400, "Bad Request: commands must be non-empty")
        scope = (params.get("scope") or {}).get("type", "default")
        self.commands[scope] = commands
        return True

    def _sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        with self._changed:
            outages = self._outages
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline and self._outages == outages:
                self._changed.wait(deadline - time.monotonic())
            if self._outages != outages:  # a long poll cut off by an outage returns nothing
                raise HungUp
            return list(self.updates[: int(params.get("limit") or 100)])

    def _check_text(self, params: dict[str, Any]) -> str:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        plain = text
        if (params.get("parse_mode") or "").upper() == "HTML":
            try:
                parsed = parse(text)
            except TelegramHtmlError as error:
                raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
            if parsed.entities > 100:
                raise ApiError(400, "Bad Request: too many entities")
            plain = parsed.text
        if len(plain.encode("utf-16-le")) // 2 > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        _check_keyboard(params.get("reply_markup"))
        return plain

    def _sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        plain = self._check_text(params)
        chat_id = params.get("chat_id")
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(int(chat_id)),
            "from": BOT,
            "text": plain,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        reply = params.get("reply_parameters") or {}
        if reply.get("message_id"):
            message["reply_to_message"] = {
                "message_id": reply["message_id"],
                "date": int(time.time()),
                "chat": _chat(int(chat_id)),
            }
        return message

    def _editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        plain = self._check_text(params)
        return {
            "message_id": params.get("message_id"),
            "date": int(time.time()),
            "chat": _chat(int(params.get("chat_id") or 0)),
            "from": BOT,
            "text": plain,
        }

    def _editMessageReplyMarkup(self, params: dict[str, Any]) -> bool:
        _check_keyboard(params.get("reply_markup"))
        return True

    def _answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        if not params.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired")
        if len(params.get("text") or "") > 200:
            raise ApiError(400, "Bad Request: callback answer text is too long")
        return True

    def _answerInlineQuery(self, params: dict[str, Any]) -> bool:
        results = params.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [str(r.get("id", "")) for r in results]
        if len(set(ids)) != len(ids) or not all(1 <= len(i.encode()) <= 64 for i in ids):
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        for result in results:
            if result.get("type") != "article" or not result.get("title"):
                raise ApiError(400, "Bad Request: RESULT_TITLE_EMPTY")
            if not result.get("input_message_content"):
                raise ApiError(400, "Bad Request: MESSAGE_EMPTY")
            content = result.get("input_message_content") or {}
            self._check_text(
                {"text": content.get("message_text"), "parse_mode": content.get("parse_mode")}
            )
        return True

    # -- the users -----------------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        with self._changed:
            update = {"update_id": next(self._ids), **update}
            self.updates.append(update)
            self._changed.notify_all()
        return update

    def message(
        self,
        chat: dict[str, Any],
        user: dict[str, Any],
        text: str | None = None,
        reply_to: dict[str, Any] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A user sends a message; commands and mentions get their entities, as Telegram does."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user,
            **extra,
        }
        if text is not None:
            message["text"] = text
            entities = []
            if text.startswith("/"):
                entities.append(
                    {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
                )
            for found in re.finditer(r"(?<![\w@])@\w{5,32}", text):
                # Telegram counts offsets in UTF-16 code units.
                at = len(text[: found.start()].encode("utf-16-le")) // 2
                size = len(found.group().encode("utf-16-le")) // 2
                entities.append({"type": "mention", "offset": at, "length": size})
            if entities:
                message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        self.push({"message": message})
        return message

    def press(self, message: dict[str, Any], data: str, user: dict[str, Any]) -> dict[str, Any]:
        """A user presses an inline keyboard button under one of the bot's messages."""
        query = {
            "id": str(next(self._ids) + 10_000),
            "from": user,
            "message": message,
            "chat_instance": str(message["chat"]["id"]),
            "data": data,
        }
        self.push({"callback_query": query})
        return query

    def inline(self, user: dict[str, Any], text: str) -> dict[str, Any]:
        """A user types ``@bot text`` in some chat."""
        query = {"id": str(next(self._ids) + 20_000), "from": user, "query": text, "offset": ""}
        self.push({"inline_query": query})
        return query

    # -- waiting for the bot -------------------------------------------------------------------

    def wait_for(
        self,
        method: str,
        where: Callable[[Call], bool] = lambda call: True,
        after: int = 0,
        timeout: float = 10.0,
    ) -> Call:
        """The first call of ``method`` from index ``after`` on that ``where`` accepts."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for call in self.calls[after:]:
                    if call.method == method and where(call):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [(c.method, c.params.get("text", "")[:60]) for c in self.calls[after:]]
                    raise AssertionError(f"no {method} within {timeout}s; saw {seen}")
                self._changed.wait(remaining)

    def wait_until(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until ``condition``, read under the server's lock, holds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"condition not met within {timeout}s")
                self._changed.wait(remaining)

    def replies(self, chat_id: int, after: int = 0) -> list[Call]:
        """The messages the server accepted from the bot for one chat, from ``after`` on."""
        with self._changed:
            return [
                call
                for call in self.calls[after:]
                if call.method == "sendMessage"
                and call.result is not None
                and call.params.get("chat_id") == chat_id
            ]

    def mark(self) -> int:
        """Where the calls are now, to wait for calls after it."""
        with self._changed:
            return len(self.calls)

    def quiet_for(
        self, seconds: float, after: int, methods: tuple[str, ...] = ("sendMessage",)
    ) -> bool:
        """Whether the bot sends none of ``methods`` for ``seconds``."""
        time.sleep(seconds)
        with self._changed:
            return not any(call.method in methods for call in self.calls[after:])


def _retry(seconds: int | None) -> dict[str, Any] | None:
    return {"retry_after": seconds} if seconds is not None else None


def _decode(body: str, kind: str) -> dict[str, Any]:
    if not body:
        return {}
    if "application/json" in kind:
        return json.loads(body)
    params: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        if key in _TEXT_PARAMETERS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def _chat(chat_id: int) -> dict[str, Any]:
    if chat_id < 0:
        return {"id": chat_id, "type": "supergroup", "title": "Test group"}
    return {"id": chat_id, "type": "private", "first_name": "User"}


def _check_keyboard(markup: Any) -> None:
    if not markup:
        return
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


def private_chat(user: dict[str, Any]) -> dict[str, Any]:
    return {"id": user["id"], "type": "private", "first_name": user["first_name"]}


def group_chat(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "type": "supergroup", "title": "Test group"}


def user(user_id: int, name: str = "Ada") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "en"}


def text_update(update_id: int, text: str, who: dict[str, Any]) -> dict[str, Any]:
    """An update of a text message from ``who`` in their private chat, as Telegram sends it
    to a webhook."""
    message = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": private_chat(who),
        "from": who,
        "text": text,
    }
    return {"update_id": update_id, "message": message}
