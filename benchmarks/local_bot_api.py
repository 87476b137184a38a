"""A minimal Telegram Bot API server on 127.0.0.1 for the bot benchmark and the load test.

It answers the methods the bot calls with the JSON that Telegram would send (getMe,
sendMessage, sendChatAction, setMyCommands, and the rest as plain successes), keeps HTTP
connections open as Telegram does, and notes when each sendMessage and answerInlineQuery
request has arrived and been decoded. It serves getUpdates as Telegram does: the updates that
``push`` made available, from the ``offset`` on, at most ``limit`` of them, waiting up to
``timeout`` seconds for one (long polling); an offset confirms, and forgets, the updates before
it. It checks nothing else: the tests' fake server (tests/fake_bot_api.py) is the one that
refuses what Telegram refuses.
"""

from __future__ import annotations

import collections
import itertools
import json
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from benchmarks.webhook_delivery import Delivery

BOT = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "qabot benchmark",
    "username": "qabot_benchmark_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
# Form parameters whose values are JSON objects or arrays; the others are text.
_JSON_PARAMETERS = {
    "reply_markup",
    "reply_parameters",
    "link_preview_options",
    "entities",
    "commands",
    "scope",
    "results",
}
# Methods whose result is a plain True.
_SUCCEEDS = {
    "sendChatAction",
    "setMyCommands",
    "deleteWebhook",
    "answerCallbackQuery",
    "answerInlineQuery",
    "editMessageReplyMarkup",
}
# The longest a getUpdates waits, whatever its timeout asks: Telegram's own cap is 50 s.
MAX_POLL_SECONDS = 50.0
# Connections waiting to be accepted: a burst of replies opens many at once, and the default
# of 5 would make the rest retry their SYN a second later.
LISTEN_BACKLOG = 128
# The start of a sent message's text that ``Sent`` keeps: enough to tell what kind it is.
TEXT_KEPT = 300


@dataclass(frozen=True)
class Reply:
    """A sendMessage that the server received.

    Attributes:
        chat_id: the chat it was sent to.
        text: its text.
        has_buttons: whether it carried an inline keyboard (answers with passages do).
        arrived: ``time.perf_counter()`` once its JSON was read and decoded.
    """

    chat_id: int
    text: str
    has_buttons: bool
    arrived: float


@dataclass(frozen=True)
class Sent:
    """A request by which the bot answered someone: a sendMessage or an answerInlineQuery.

    Attributes:
        method: ``sendMessage`` or ``answerInlineQuery``.
        chat_id: the chat a message went to; 0 for an inline answer.
        reply_to: the message a message replied to (its ``reply_parameters``), if any.
        inline_query_id: the inline query answered; "" for a message.
        has_buttons: whether a message carried an inline keyboard (answers with passages do).
        text: the start of a message's text (``TEXT_KEPT`` characters).
        results: the ids of an inline answer's results.
        arrived: ``time.perf_counter()`` once its JSON was read and decoded.
    """

    method: str
    chat_id: int
    reply_to: int | None
    inline_query_id: str
    has_buttons: bool
    text: str
    results: tuple[str, ...]
    arrived: float


@dataclass
class _Pending:
    """An update made available to getUpdates, not yet confirmed."""

    update_id: int
    payload: dict[str, Any]
    offered: float
    handed_out: list[float] = field(default_factory=list)


class _Server(ThreadingHTTPServer):
    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet about a client that hung up, as a bot does on a long poll when it stops."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class LocalBotApi:
    """The server; use it as a context manager, or ``start()`` and ``stop()`` it.

    Attributes:
        sent: every sendMessage and answerInlineQuery received, in order of arrival.
        calls: how many requests each method received.
        polled: set once the bot has first called getUpdates: it is polling.
        handed_out: update id → when each getUpdates handed it out (more than once: resent).
        confirmed: the highest update id that an offset has confirmed.
        to_chats: when each request to a chat (with a ``chat_id``) arrived, in
            ``time.perf_counter()`` seconds: the bot's send rate.
        delivery: when set, new updates are POSTed to a webhook, as Telegram does, rather than
            kept for getUpdates.
    """

    def __init__(self, token: str) -> None:
        self.token = token
        self._replies: dict[int, Reply] = {}
        self._lock = threading.Lock()
        self._message_ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self.sent: list[Sent] = []
        self.calls: collections.Counter[str] = collections.Counter()
        self.polled = threading.Event()
        self.handed_out: dict[int, list[float]] = {}
        self.confirmed = 0
        self._updates: collections.deque[_Pending] = collections.deque()
        self._update_ids = itertools.count(1)
        self._updates_ready = threading.Condition()
        self._closed = False
        self.to_chats: list[float] = []
        self.delivery: Delivery | None = None
        # Methods whose requests wait, until ``release``: a worker stopped between taking an
        # update and answering it.
        self._held: set[str] = set()
        self._release = threading.Condition()

    def __enter__(self) -> LocalBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> LocalBotApi:
        """Serve on a free port of 127.0.0.1, from a daemon thread."""
        api = self

        class Handler(BaseHTTPRequestHandler):
            # HTTP/1.1 keeps the bot's connections open between requests, as Telegram's do.
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Without it, Nagle's algorithm holds the body back until the client
                # acknowledges the headers, which it delays: 40 ms per request.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, payload = api.handle(self.path, body, self.headers.get("Content-Type", ""))
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: request lines hold the token."""

        self._closed = False
        self._server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving and close the port; a getUpdates still waiting returns at once."""
        with self._updates_ready:
            self._closed = True
            self._updates_ready.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def base_url(self) -> str:
        """The URL before ``<token>/<method>``, as ``build_application`` takes it."""
        assert self._server is not None, "start() the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def reply(self, chat_id: int) -> Reply | None:
        """The last message sent to ``chat_id``, if any."""
        with self._lock:
            return self._replies.get(chat_id)

    def sent_since(self, start: int) -> list[Sent]:
        """The answers received after the first ``start`` ones."""
        with self._lock:
            return self.sent[start:]

    def quiet_for(self, seconds: float) -> bool:
        """Whether no answer (sendMessage, answerInlineQuery) has arrived for ``seconds``."""
        with self._lock:
            last = self.sent[-1].arrived if self.sent else 0.0
        return time.perf_counter() - last >= seconds

    def new_message_id(self) -> int:
        """A message id no other message has: for the users' messages, as for the bot's."""
        with self._lock:
            return next(self._message_ids)

    def push(self, update: dict[str, Any]) -> tuple[int, float]:
        """Make an update (without its ``update_id``) available to getUpdates, or deliver it to
        the webhook; returns the update id it was given and ``time.perf_counter()`` when it
        became available."""
        with self._updates_ready:
            update_id = next(self._update_ids)
            offered = time.perf_counter()
            if self.delivery is None:
                payload = {"update_id": update_id, **update}
                self._updates.append(_Pending(update_id, payload, offered))
            self._updates_ready.notify_all()
        if self.delivery is not None:
            self.delivery.send({"update_id": update_id, **update})
        return update_id, offered

    def hold(self, method: str) -> None:
        """Make the requests of ``method`` wait, from now until ``release``."""
        with self._release:
            self._held.add(method)

    def release(self, method: str) -> None:
        with self._release:
            self._held.discard(method)
            self._release.notify_all()

    def handle(self, path: str, body: bytes, kind: str) -> tuple[int, dict[str, Any]]:
        """The status and JSON answer to one request."""
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix) :].split("?")[0]
        params = _decode(body, kind)
        with self._lock:
            self.calls[method] += 1
            if "chat_id" in params:
                self.to_chats.append(time.perf_counter())
        with self._release:
            while method in self._held and not self._closed:
                self._release.wait(0.1)
        if method == "getMe":
            return 200, {"ok": True, "result": BOT}
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        if method in ("sendMessage", "editMessageText"):
            return 200, {"ok": True, "result": self._message(method, params)}
        if method == "answerInlineQuery":
            self._inline_answer(params)
        if method in _SUCCEEDS:
            return 200, {"ok": True, "result": True}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """The updates from ``offset`` on, waiting up to ``timeout`` seconds for one."""
        self.polled.set()
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = min(max(float(params.get("timeout") or 0), 0.0), MAX_POLL_SECONDS)
        deadline = time.monotonic() + timeout
        with self._updates_ready:
            if offset > 0:
                self.confirmed = max(self.confirmed, offset - 1)
                while self._updates and self._updates[0].update_id < offset:
                    self._updates.popleft()
            while not self._updates and not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._updates_ready.wait(left)
            batch = list(itertools.islice(self._updates, limit))
            now = time.perf_counter()
            for pending in batch:
                pending.handed_out.append(now)
                self.handed_out[pending.update_id] = pending.handed_out
        return [pending.payload for pending in batch]

    def _inline_answer(self, params: dict[str, Any]) -> None:
        results = params.get("results") or []
        ids = tuple(str(result.get("id")) for result in results if isinstance(result, dict))
        sent = Sent(
            "answerInlineQuery",
            0,
            None,
            str(params.get("inline_query_id") or ""),
            False,
            "",
            ids,
            time.perf_counter(),
        )
        with self._lock:
            self.sent.append(sent)

    def _message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        text = str(params.get("text") or "")
        if method == "sendMessage":
            arrived = time.perf_counter()
            buttons = bool(params.get("reply_markup"))
            reply_to = (params.get("reply_parameters") or {}).get("message_id")
            if reply_to is None and params.get("reply_to_message_id"):
                reply_to = params["reply_to_message_id"]
            sent = Sent(
                method,
                chat_id,
                int(reply_to) if reply_to is not None else None,
                "",
                buttons,
                text[:TEXT_KEPT],
                (),
                arrived,
            )
            with self._lock:
                self._replies[chat_id] = Reply(chat_id, text, buttons, arrived)
                self.sent.append(sent)
        chat = (
            {"id": chat_id, "type": "private", "first_name": "User"}
            if chat_id > 0
            else {"id": chat_id, "type": "supergroup", "title": "Group"}
        )
        return {
            "message_id": int(params.get("message_id") or self.new_message_id()),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT,
            "text": text,
        }


def _decode(body: bytes, kind: str) -> dict[str, Any]:
    """The parameters of a request: a JSON body, or a form in which objects (keyboards, reply
    parameters) are JSON."""
    if not body:
        return {}
    if "application/json" in kind:
        return json.loads(body)
    params: dict[str, Any] = {}
    for key, value in parse_qsl(body.decode(), keep_blank_values=True):
        params[key] = json.loads(value) if key in _JSON_PARAMETERS else value
    return params
