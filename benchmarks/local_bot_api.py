"""A minimal Telegram Bot API server on 127.0.0.1 for the bot benchmark.

It answers the methods the bot calls with the JSON that Telegram would send (getMe,
sendMessage, sendChatAction, setMyCommands, and the rest as plain successes), keeps HTTP
connections open as Telegram does, and notes when each sendMessage request has arrived and
been decoded. It checks nothing else: the tests' fake server (tests/fake_bot_api.py) is the one
that refuses what Telegram refuses.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

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


class LocalBotApi:
    """The server; use it as a context manager, or ``start()`` and ``stop()`` it."""

    def __init__(self, token: str) -> None:
        self.token = token
        self._replies: dict[int, Reply] = {}
        self._lock = threading.Lock()
        self._message_ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None

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

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving and close the port."""
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

    def handle(self, path: str, body: bytes, kind: str) -> tuple[int, dict[str, Any]]:
        """The status and JSON answer to one request."""
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix) :].split("?")[0]
        params = _decode(body, kind)
        if method == "getMe":
            return 200, {"ok": True, "result": BOT}
        if method == "getUpdates":
            return 200, {"ok": True, "result": []}
        if method in ("sendMessage", "editMessageText"):
            return 200, {"ok": True, "result": self._message(method, params)}
        if method in _SUCCEEDS:
            return 200, {"ok": True, "result": True}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}

    def _message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        text = str(params.get("text") or "")
        if method == "sendMessage":
            reply = Reply(chat_id, text, bool(params.get("reply_markup")), time.perf_counter())
            with self._lock:
                self._replies[chat_id] = reply
        chat = (
            {"id": chat_id, "type": "private", "first_name": "User"}
            if chat_id > 0
            else {"id": chat_id, "type": "supergroup", "title": "Group"}
        )
        return {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
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
