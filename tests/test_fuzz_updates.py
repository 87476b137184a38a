"""Hostile updates through the real Application: whatever a chat sends, the bot does not crash,
replies at most once, and every reply is valid Telegram HTML within Telegram's limits.

Hypothesis writes the updates as JSON. They travel as Telegram's bytes would (``_deliver``),
become Updates through PTB's own parsing and ``Update.de_json``, and go through
``application.process_update`` of the Application that ``qabot run`` builds. Only the network
edge is fake (tests/network_edge.py). ``QABOT_FUZZ=full`` runs 10,000 examples (tests/fuzzing.py).
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
import logging
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest

from bot import handlers
from bot.callbacks import MAX_BYTES, Action, base36, encode, signature
from bot.config import load_config
from bot.handlers import APOLOGY, example_number
from bot.service import LOADER, SERVICE, Service
from bot.telegram_app import WATCHER, build_application
from bot.telegram_html import escape
from corpus.errors import DocumentError
from retrieval.answering import Engine
from retrieval.indexing import load_or_build
from tests.bot_process import write_config
from tests.fuzzing import PROFILE
from tests.network_edge import BOT, TOKEN, Call, NetworkEdge
from tests.telegram_html_check import TelegramHtmlError, parse

ADMIN_ID = 4242
# No question may be refused for speed here: "slow down" would hide what the bot does.
UNLIMITED = 1_000_000
# Far longer than any update takes (tens of milliseconds): past it, the bot has hung.
UPDATE_SECONDS = 20.0
MAX_CHARS = 4096
MAX_ENTITIES = 100
MAX_INLINE_RESULTS = 50
MAX_CALLBACK_ANSWER = 200
USERNAME = BOT["username"]
ANONYMOUS_ADMIN = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
REPLIES = ("sendMessage", "editMessageText")
# A @username that Telegram would turn into a mention (5 to 32 characters), undefused.
_LIVE_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}")
_MENTION_IN_TEXT = re.compile(r"(?<![\w@])@\w{5,32}")
# A command as Telegram marks it at the start of a message: "/name" or "/name@bot".
_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{0,32})?")
COMMANDS = frozenset({"start", "help", "sources", "about", "ask", "stats", "reload"})


# -- the bot under test ------------------------------------------------------------------------


class _ErrorRecords(logging.Handler):
    """Every ERROR log record: the bot's error handler logs each exception it is given."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Harness:
    """One initialised bot for the whole module, driven on an event loop of its own.

    Attributes:
        application: the Application that ``qabot run`` builds.
        edge: the network edge it talks to.
        loop: the event loop it runs on, between examples too.
        errors: ERROR records logged since the last ``deliver``.
        spaces: a fresh range of user and chat ids for each example.
    """

    application: Application
    edge: NetworkEdge
    loop: asyncio.AbstractEventLoop
    errors: _ErrorRecords
    spaces: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def service(self) -> Service:
        return self.application.bot_data[SERVICE]

    def deliver(self, update: dict[str, Any], wire: Wire) -> list[Call]:
        """Process one update as if it came from Telegram; the calls the bot made for it."""
        self.errors.records.clear()
        mark = self.edge.mark()
        parsed = Update.de_json(_deliver(update, wire), self.application.bot)
        self.loop.run_until_complete(
            asyncio.wait_for(self.application.process_update(parsed), UPDATE_SECONDS)
        )
        return self.edge.since(mark)


Wire = Literal["utf-8", "escaped"]


def _deliver(update: dict[str, Any], wire: Wire) -> dict[str, Any]:
    """The update as PTB hands it over after reading it from the network.

    Telegram sends UTF-8 JSON. A lone surrogate cannot be UTF-8, so it arrives either as invalid
    bytes (``utf-8``: PTB decodes them as U+FFFD) or as a JSON escape such as ``\\ud800``
    (``escaped``: PTB's ``json.loads`` hands it over as it is). Both go through PTB's own parser.
    """
    if wire == "escaped":
        payload = json.dumps(update, ensure_ascii=True).encode("ascii")
    else:
        payload = json.dumps(update, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return BaseRequest.parse_json_payload(payload)


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    """The bot, built and initialised as ``qabot run`` does it, behind the network edge."""
    directory = tmp_path_factory.mktemp("fuzz-bot")
    config = load_config(write_config(directory, admins=[ADMIN_ID], questions_per_minute=UNLIMITED))

    def load() -> Engine:
        return Engine(load_or_build(config.corpus), config.answers)

    edge, errors, loop = NetworkEdge(), _ErrorRecords(), asyncio.new_event_loop()
    # Telegram's flood limits (30 messages a second, 20 a minute per group) would make 10,000
    # examples take many minutes; the rate limiter stays in the chain, without pacing.
    application = build_application(
        config, TOKEN, "http://edge.invalid/bot", load, edge, paced=False
    )
    # The bot's one error handler apologises and logs at ERROR: that log is what is watched.
    assert list(application.error_handlers) == [handlers.error_handler]
    root = logging.getLogger()
    root.addHandler(errors)
    loop.run_until_complete(application.initialize())
    loop.run_until_complete(application.post_init(application))
    try:
        yield Harness(application, edge, loop, errors)
    finally:
        root.removeHandler(errors)
        loop.run_until_complete(application.post_shutdown(application))
        watcher = application.bot_data.get(WATCHER)
        if watcher is not None:
            loop.run_until_complete(asyncio.gather(watcher, return_exceptions=True))
        loop.run_until_complete(application.shutdown())
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()


# -- what updates say --------------------------------------------------------------------------

# Characters that break naive code: controls, invisible format characters, bidirectional
# overrides, line separators, a BOM, non-characters.
_AWKWARD = (
    "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\xa0\xad\u061c\u180e\u200b\u200c\u200d\u200e"
    "\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\u3000"
    "\ufeff\ufff9\ufffc\ufffd\ufffe\uffff"
)
_RTL = "שלום עולם مرحبا بالعالم ܫܠܡܐ"
_MARKUP = "<>&\"';*_`~|[](){}#+-=.!\\/@$%"
_PIECES = (
    "AIRCOP",
    "aircop",
    "UNODC",
    "INTERPOL",
    "CRIMJUST",
    "ICCWC",
    "which agencies run",
    "who runs it",
    "what about",
    "And",
    "more",
    "Full section",
    f"@{USERNAME}",
    f"@{USERNAME.upper()}",
    "@otherbot",
    "@someone_else",
    "&amp;",
    "&lt;b&gt;",
    "&#0;",
    "&bogus;",
    "<b>",
    "</i>",
    "<a href='javascript:x'>",
    "<tg-spoiler>",
    "<!--",
    "]]>",
    "**bold**",
    "__under__",
    "[link](http://example.org)",
    "`code`",
    "```pre```",
    "http://example.org/?a=1&b=<2>",
    "tg://user?id=1",
    "user@example.org",
    "#hashtag",
    "$USD",
    "/ask",
    "\u202eevil\u202c",
    "e\u0301\u0301\u0301",
    "👍🏽",
    "🏳️‍🌈",
    "\U0001f600" * 3,
)
_characters = st.one_of(
    st.characters(),
    st.characters(categories=["Cs"]),  # lone surrogates, which st.characters() leaves out
    st.sampled_from(_AWKWARD),
    st.sampled_from(_RTL),
    st.sampled_from(_MARKUP),
)
_fragments = st.one_of(st.text(_characters, max_size=12), st.sampled_from(_PIECES))
_mixed_text = st.lists(_fragments, max_size=12).map("".join)
_whitespace = st.text(
    st.sampled_from(" \t\n\r\xa0\u2000\u2003\u2028\u3000\u200b\ufeff"), max_size=40
)
_long_text = st.one_of(
    # 4096 characters: the most a Telegram message holds.
    st.tuples(_fragments.filter(bool), st.integers(0, 8)).map(
        lambda pair: (pair[0] * MAX_CHARS)[pair[1] : pair[1] + MAX_CHARS].ljust(MAX_CHARS, "x")
    ),
    st.text(_characters, min_size=MAX_CHARS, max_size=MAX_CHARS),
    st.integers(900, 1100).map(lambda n: ("aircop " * n)[:n]),
)
_commands = st.tuples(
    st.sampled_from(
        [
            "/ask",
            "/start",
            "/help",
            "/sources",
            "/about",
            "/stats",
            "/reload",
            "/unknown",
            "/ASK",
            "/a",
            "/" + "x" * 64,
        ]
    ),
    st.sampled_from(["", f"@{USERNAME}", f"@{USERNAME.upper()}", "@otherbot", "@"]),
    st.one_of(st.just(""), st.just(" "), _mixed_text.map(lambda t: " " + t)),
).map("".join)
# Lone surrogates among words: Telegram's JSON can carry them only escaped (see ``_deliver``).
_with_surrogates = st.lists(
    st.one_of(st.characters(categories=["Cs"]), _fragments), min_size=1, max_size=6
).map("".join)
TEXTS = st.one_of(
    _mixed_text,
    _with_surrogates,
    st.just(""),
    _whitespace,
    _commands,
    _long_text,
    st.sampled_from(["which agencies run AIRCOP?", "more", "And CRIMJUST?", "who runs it?"]),
)
_ENTITY_TYPES = [
    "mention",
    "hashtag",
    "cashtag",
    "url",
    "email",
    "phone_number",
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
    "code",
    "pre",
    "text_link",
    "text_mention",
    "custom_emoji",
    "blockquote",
    "expandable_blockquote",
]
_ENTITIES = st.lists(
    st.tuples(st.sampled_from(_ENTITY_TYPES), st.integers(0, 5000), st.integers(0, 5000)),
    max_size=4,
)


@dataclass(frozen=True)
class Post:
    """A message of any kind, as a chat sends it.

    Attributes:
        kind: the update field it comes in.
        chat: the type of its chat.
        chat_slot: which of the example's chats.
        sender: which of the example's users sent it; 0 is the admin, None no ``from``.
        text: its text, if it is a text message.
        media: what it carries instead of text, if anything.
        caption: the media's caption.
        address: how it is addressed to the bot, if at all.
        mention_first: whether the mention comes before the text.
        entities: formatting entities as (type, offset, length), clipped to the text.
        via_bot: whether it is one of the bot's own inline answers, sent into a chat.
        sender_chat: whether it was sent on behalf of a chat (an anonymous admin, a channel).
    """

    kind: Literal["message", "edited_message", "channel_post", "edited_channel_post"]
    chat: Literal["private", "group", "supergroup", "channel"]
    chat_slot: int
    sender: int | None
    text: str | None
    media: str | None
    caption: str | None
    address: Literal["none", "mention", "text_mention", "reply_to_bot", "reply_to_user"]
    mention_first: bool
    entities: tuple[tuple[str, int, int], ...]
    via_bot: bool
    sender_chat: bool


@dataclass(frozen=True)
class RawData:
    """Callback data as a modified client may send it: any text, any length, or none."""

    data: str | None


@dataclass(frozen=True)
class SignedData:
    """Callback data in the bot's format, signed with its real secret, then perhaps tampered
    with: another version (an old button), another action, a forged signature, a changed
    number, or padding past Telegram's 64 bytes."""

    version: str
    action: str
    number: int
    tamper: Literal["none", "signature", "number", "pad"]


@dataclass(frozen=True)
class ReplyButton:
    """A button under the bot's last reply in this example, pressed as it is: a genuine press,
    or a replayed one when pressed again."""

    index: int


@dataclass(frozen=True)
class ExampleButton:
    """A /start example question's button; ``index`` None is one whose question has changed."""

    index: int | None


DataSpec = RawData | SignedData | ReplyButton | ExampleButton


@dataclass(frozen=True)
class Press:
    """A press on an inline keyboard button.

    Attributes:
        data: what its callback data is.
        sender: which of the example's users pressed it.
        chat: the chat of the message it sits under.
        chat_slot: which of the example's chats.
        message: the message it sits under: the bot's, an inline message (no chat), or one
            too old for Telegram to include.
    """

    data: DataSpec
    sender: int
    chat: Literal["private", "group", "supergroup"]
    chat_slot: int
    message: Literal["bot", "inline", "inaccessible"]


@dataclass(frozen=True)
class Inline:
    """``@bot query`` typed in some chat."""

    query: str
    sender: int
    chat_type: str | None


Step = Post | Press | Inline

_senders = st.sampled_from([0, 1, 1, 2, 3])
_chat_slots = st.integers(0, 2)
_new_message_kind = st.sampled_from(["message"] * 6 + ["edited_message"])
_posts_in_chats = st.one_of(
    st.tuples(_new_message_kind, st.sampled_from(["private", "group", "supergroup"])),
    st.tuples(st.sampled_from(["channel_post", "edited_channel_post"]), st.just("channel")),
)
_media = st.sampled_from(
    ["photo", "sticker", "voice", "document", "location", "contact", "video", "service"]
)


@st.composite
def posts(draw: st.DrawFn, kind: str | None = None, chat: str | None = None) -> Post:
    """A message of any kind, in any chat."""
    drawn_kind, drawn_chat = draw(_posts_in_chats)
    kind, chat = kind or drawn_kind, chat or drawn_chat
    has_text = draw(st.booleans()) or draw(st.booleans())
    return Post(
        kind=kind,  # type: ignore[arg-type]
        chat=chat,  # type: ignore[arg-type]
        chat_slot=draw(_chat_slots),
        sender=draw(st.one_of(_senders, st.none())),
        text=draw(TEXTS) if has_text else None,
        media=None if has_text else draw(_media),
        caption=draw(st.one_of(st.none(), _mixed_text)),
        address=draw(
            st.sampled_from(["none", "none", "mention", "text_mention", "reply_to_bot"])
            | st.just("reply_to_user")
        ),
        mention_first=draw(st.booleans()),
        entities=tuple(draw(_ENTITIES)),
        via_bot=draw(st.integers(0, 9)) == 0,
        sender_chat=draw(st.integers(0, 5)) == 0,
    )


_data = st.one_of(
    st.builds(RawData, st.one_of(st.none(), st.text(_characters, max_size=80), _with_surrogates)),
    st.builds(RawData, st.text(_characters, min_size=MAX_BYTES + 1, max_size=200)),  # oversized
    st.builds(
        SignedData,
        version=st.sampled_from(["1", "1", "0", "2", "9"]),
        action=st.sampled_from([a.value for a in Action] + ["z", "M"]),
        number=st.integers(0, 36**12 - 1),
        tamper=st.sampled_from(["none", "signature", "number", "pad"]),
    ),
    st.builds(ReplyButton, st.integers(0, 3)),
    st.builds(ExampleButton, st.one_of(st.none(), st.integers(0, 5))),
)
presses = st.builds(
    Press,
    data=_data,
    sender=_senders,
    chat=st.sampled_from(["private", "group", "supergroup"]),
    chat_slot=_chat_slots,
    message=st.sampled_from(["bot", "bot", "bot", "inline", "inaccessible"]),
)
inlines = st.builds(
    Inline,
    query=st.one_of(
        st.just(""),
        st.text(_characters, max_size=3),
        _mixed_text.map(lambda t: t[:256]),
        _with_surrogates,
        st.text(_characters, min_size=256, max_size=256),
        st.sampled_from(["which agencies run AIRCOP", "aircop", f"@{USERNAME} aircop"]),
    ),
    sender=_senders,
    chat_type=st.sampled_from([None, "sender", "private", "group", "supergroup", "channel"]),
)
# A question, then presses on its buttons (the second press of the same button is a replay).
_question_then_presses = st.tuples(
    posts(kind="message", chat="private").map(
        lambda post: dataclasses.replace(
            post,
            text="which agencies run AIRCOP?",
            media=None,
            sender=1,
            chat_slot=0,
            via_bot=False,
        )
    ),
    st.lists(
        st.builds(
            Press,
            data=st.builds(ReplyButton, st.integers(0, 3)),
            sender=st.just(1),
            chat=st.just("private"),
            chat_slot=st.just(0),
            message=st.just("bot"),
        ),
        min_size=1,
        max_size=3,
    ),
).map(lambda pair: [pair[0], *pair[1]])
EXAMPLES = st.one_of(
    st.lists(st.one_of(posts(), presses, inlines), min_size=1, max_size=3),
    _question_then_presses,
)


# -- from a step to an update ------------------------------------------------------------------


def _utf16(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts offsets; a lone surrogate is one."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _slice16(text: str, offset: int, length: int) -> str:
    units = text.encode("utf-16-le", "surrogatepass")
    return units[offset * 2 : (offset + length) * 2].decode("utf-16-le", "surrogatepass")


@dataclass
class Example:
    """What one example has made so far: its id range and the bot's last reply."""

    space: int
    secret: bytes
    examples: tuple[str, ...]
    updates: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    last_reply: Call | None = None

    def user_id(self, slot: int) -> int:
        return ADMIN_ID if slot == 0 else 10_000_000 + self.space * 10 + slot

    def user(self, slot: int) -> dict[str, Any]:
        return {"id": self.user_id(slot), "is_bot": False, "first_name": f"User {slot}"}

    def chat(self, kind: str, slot: int, sender: int | None) -> dict[str, Any]:
        if kind == "private":
            chat_id = self.user_id(sender) if sender is not None else self.user_id(slot + 5)
            return {"id": chat_id, "type": "private", "first_name": "User"}
        number = self.space * 10 + slot
        if kind == "group":
            return {"id": -(10_000_000 + number), "type": "group", "title": "A group"}
        prefix = 1_000_000_000_000
        return {"id": -(prefix + number), "type": kind, "title": "A supergroup or channel"}

    def update_id(self) -> int:
        return self.space * 100 + next(self.updates)


def _entities(text: str, post: Post) -> list[dict[str, Any]]:
    """The entities Telegram would send with ``text``: commands and mentions, as it detects
    them, and the post's formatting, clipped to the text."""
    found: list[dict[str, Any]] = []
    if command := _COMMAND.match(text):
        found.append({"type": "bot_command", "offset": 0, "length": _utf16(command.group())})
    for mention in _MENTION_IN_TEXT.finditer(text):
        found.append(
            {
                "type": "mention",
                "offset": _utf16(text[: mention.start()]),
                "length": _utf16(mention.group()),
            }
        )
    size = _utf16(text)
    if post.address == "text_mention" and size:
        found.append({"type": "text_mention", "offset": 0, "length": size, "user": BOT})
    for kind, offset, length in post.entities:
        offset = offset % (size + 1)
        length = min(length, size - offset)
        if length <= 0:
            continue
        entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
        if kind == "text_link":
            entity["url"] = "https://example.org/"
        elif kind == "text_mention":
            entity["user"] = {"id": 77, "is_bot": False, "first_name": "Someone"}
        elif kind == "custom_emoji":
            entity["custom_emoji_id"] = "5368324170671202286"
        found.append(entity)
    return found


def _media_fields(kind: str) -> dict[str, Any]:
    file = {"file_id": "AgAD", "file_unique_id": "AQAD"}
    return {
        "photo": {"photo": [{**file, "width": 90, "height": 90}]},
        "sticker": {
            "sticker": {
                **file,
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        },
        "voice": {"voice": {**file, "duration": 3}},
        "document": {"document": file},
        "video": {"video": {**file, "width": 1, "height": 1, "duration": 1}},
        "location": {"location": {"latitude": 45.76, "longitude": 4.83}},
        "contact": {"contact": {"phone_number": "+3300000000", "first_name": "Ada"}},
        "service": {"new_chat_title": "Renamed"},
    }[kind]


def on_the_wire(text: str, wire: Wire) -> str:
    """Text as Telegram holds it: sent as UTF-8, a lone surrogate is invalid bytes, which PTB
    reads as U+FFFD; sent as a JSON escape, it stays. Entities are counted on this text."""
    if wire == "escaped":
        return text
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def post_update(post: Post, example: Example, wire: Wire) -> dict[str, Any]:
    """The Update JSON for a message of any kind."""
    chat = example.chat(post.chat, post.chat_slot, post.sender)
    message: dict[str, Any] = {
        "message_id": next(example.updates) + 10,
        "date": int(time.time()),
        "chat": chat,
    }
    if post.sender is not None:
        message["from"] = (
            ANONYMOUS_ADMIN
            if post.sender_chat and post.chat != "private"
            else example.user(post.sender)
        )
    if post.sender_chat and post.chat != "private":
        message["sender_chat"] = {k: v for k, v in chat.items() if k != "first_name"}

    def addressed(body: str) -> str:
        body = on_the_wire(body, wire)
        if post.address != "mention":
            return body
        mention = f"@{USERNAME}"
        return f"{mention} {body}" if post.mention_first else f"{body} {mention}"

    if post.text is not None:
        text = addressed(post.text)
        message["text"] = text
        if entities := _entities(text, post):
            message["entities"] = entities
    elif post.media is not None:
        message.update(_media_fields(post.media))
        if post.caption is not None and post.media != "service":
            caption = addressed(post.caption)
            message["caption"] = caption
            if entities := _entities(caption, post):
                message["caption_entities"] = entities
    if post.address in ("reply_to_bot", "reply_to_user"):
        message["reply_to_message"] = {
            "message_id": 1,
            "date": int(time.time()) - 60,
            "chat": chat,
            "from": BOT if post.address == "reply_to_bot" else example.user(9),
            "text": "an earlier message",
        }
    if post.via_bot:
        message["via_bot"] = BOT
    if post.kind.startswith("edited"):
        message["edit_date"] = int(time.time())
    return {"update_id": example.update_id(), post.kind: message}


def callback_data(spec: DataSpec, example: Example) -> str | None:
    """The callback data a press carries."""
    if isinstance(spec, RawData):
        return spec.data
    if isinstance(spec, SignedData):
        payload = f"{spec.version}{spec.action}{base36(spec.number)}"
        data = f"{payload}.{signature(example.secret, payload)}"
        if spec.tamper == "signature":
            data = data[:-1] + ("A" if data[-1] != "A" else "B")
        elif spec.tamper == "number":
            data = f"{spec.version}{spec.action}{base36(spec.number + 1)}" + data[len(payload) :]
        elif spec.tamper == "pad":
            data += "=" * (MAX_BYTES + 1 - len(data))
        return data
    if isinstance(spec, ReplyButton):
        buttons = _buttons(example.last_reply)
        return buttons[spec.index % len(buttons)] if buttons else "1m0.AAAAAAAAAA"
    if spec.index is None or not example.examples:
        return encode(Action.EXAMPLE, 12345, example.secret)
    question = example.examples[spec.index % len(example.examples)]
    return encode(Action.EXAMPLE, example_number(question), example.secret)


def _buttons(reply: Call | None) -> list[str]:
    if reply is None:
        return []
    rows = (reply.params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row]


def press_update(press: Press, example: Example, wire: Wire) -> dict[str, Any]:
    """The Update JSON for a button press."""
    query: dict[str, Any] = {
        "id": f"q{example.update_id()}",
        "from": example.user(press.sender),
        "chat_instance": "-4815162342",
    }
    data = callback_data(press.data, example)
    if data is not None:
        query["data"] = on_the_wire(data, wire)
    reply = example.last_reply if isinstance(press.data, ReplyButton) else None
    if press.message == "inline":
        query["inline_message_id"] = "BAAAAAAAAAA"
    elif reply is not None and reply.result is not None:
        query["message"] = reply.result  # the bot's own message, as Telegram returned it
    else:
        message = {
            "message_id": 77,
            "date": 0 if press.message == "inaccessible" else int(time.time()),
            "chat": example.chat(press.chat, press.chat_slot, press.sender),
        }
        if press.message == "bot":
            message.update({"from": BOT, "text": "an earlier answer"})
        query["message"] = message
    return {"update_id": example.update_id(), "callback_query": query}


def inline_update(inline: Inline, example: Example, wire: Wire) -> dict[str, Any]:
    """The Update JSON for an inline query."""
    query: dict[str, Any] = {
        "id": f"i{example.update_id()}",
        "from": example.user(inline.sender),
        "query": on_the_wire(inline.query, wire),
        "offset": "",
    }
    if inline.chat_type is not None:
        query["chat_type"] = inline.chat_type
    return {"update_id": example.update_id(), "inline_query": query}


def to_update(step: Step, example: Example, wire: Wire) -> dict[str, Any]:
    """The Update JSON for a step, with its text as it travels on ``wire``."""
    if isinstance(step, Post):
        return post_update(step, example, wire)
    if isinstance(step, Press):
        return press_update(step, example, wire)
    return inline_update(step, example, wire)


# -- what a reply must be ----------------------------------------------------------------------


def check_text(text: Any, parse_mode: Any, where: str) -> None:
    """A message text as Telegram accepts it: valid HTML when sent as HTML, at most 4096
    characters once parsed and 100 entities, not empty, and no @mention of anyone."""
    assert isinstance(text, str), f"{where}: text is {text!r}"
    if str(parse_mode or "").upper() == "HTML":
        try:
            parsed = parse(text)
        except TelegramHtmlError as error:
            raise AssertionError(f"{where}: Telegram would refuse {text!r}: {error}") from None
        plain, entities = parsed.text, parsed.entities
    else:
        plain, entities = text, 0
    assert plain.strip(), f"{where}: empty text {text!r}"
    assert _utf16(plain) <= MAX_CHARS, f"{where}: {_utf16(plain)} characters"
    assert entities <= MAX_ENTITIES, f"{where}: {entities} entities"
    # The bot names itself in /help ("@bot your question"); a mention of itself pings no one.
    pings = {m.casefold() for m in _LIVE_MENTION.findall(plain)} - {f"@{USERNAME}".casefold()}
    assert not pings, f"{where}: mentions {pings} in {plain!r}"


def check_keyboard(markup: Any, where: str) -> None:
    """Buttons with text, and callback data of 1 to 64 bytes."""
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            assert button.get("text"), f"{where}: a button without text"
            data = button.get("callback_data")
            if data is not None:
                assert 1 <= len(data.encode()) <= MAX_BYTES, f"{where}: callback data {data!r}"


def check_inline_answer(params: dict[str, Any]) -> None:
    """At most 50 results, with unique ids of 1 to 64 bytes, titles, and valid messages."""
    results = params["results"]
    assert len(results) <= MAX_INLINE_RESULTS
    ids = [result["id"] for result in results]
    assert len(set(ids)) == len(ids) and all(1 <= len(i.encode()) <= 64 for i in ids), ids
    for result in results:
        assert result["title"].strip(), result
        content = result["input_message_content"]
        check_text(content["message_text"], content.get("parse_mode"), f"inline {result['id']}")


def _command(message: dict[str, Any]) -> str | None:
    """The command a message starts with, as its entity marks it."""
    for entity in message.get("entities", []):
        if entity["type"] == "bot_command" and entity["offset"] == 0:
            return _slice16(message["text"], 0, entity["length"])
    return None


def _ours(command: str) -> bool:
    """Whether a command is one of this bot's, for any bot or for this one by name."""
    name, at, bot = command[1:].partition("@")
    return name.casefold() in COMMANDS and (not at or bot.casefold() == USERNAME.casefold())


def _asks_something(message: dict[str, Any]) -> bool:
    """Whether a message holds text or media: what a private chat always gets a reply to."""
    return bool(message.get("text")) or any(
        key in message
        for key in ("photo", "sticker", "voice", "document", "video", "location", "contact")
    )


def _chat_of(update: dict[str, Any]) -> dict[str, Any]:
    """The chat an update comes from, where a reply belongs."""
    if "callback_query" in update:
        return update["callback_query"]["message"]["chat"]
    kind = next(k for k in update if k != "update_id")
    return update[kind]["chat"]


def _addressed(message: dict[str, Any]) -> bool:
    """Whether a group message is addressed to the bot: it mentions it (in its text or caption),
    names it in a text mention, or replies to it. Worked out from the JSON itself."""
    for text_key, entities_key in (("text", "entities"), ("caption", "caption_entities")):
        text = message.get(text_key) or ""
        for entity in message.get(entities_key, []):
            piece = _slice16(text, entity["offset"], entity["length"])
            if entity["type"] == "mention" and piece.casefold() == f"@{USERNAME}".casefold():
                return True
            if entity["type"] == "text_mention" and entity["user"]["id"] == BOT["id"]:
                return True
    replied = message.get("reply_to_message") or {}
    return (replied.get("from") or {}).get("id") == BOT["id"]


def check_calls(step: Step, update: dict[str, Any], calls: list[Call]) -> Call | None:
    """Check everything the bot sent for one update; its message reply, if any."""
    methods = [call.method for call in calls]
    replies = [call for call in calls if call.method in REPLIES]
    assert len(replies) <= 1, f"more than one reply: {methods}"
    for call in calls:
        if call.method in REPLIES:
            check_text(call.params.get("text"), call.params.get("parse_mode"), call.method)
            check_keyboard(call.params.get("reply_markup"), call.method)
            assert call.params.get("text") != escape(APOLOGY), "the error handler apologised"
        elif call.method == "answerCallbackQuery":
            text = call.params.get("text") or ""
            assert len(text) <= MAX_CALLBACK_ANSWER, text
            assert call.params["callback_query_id"] == update["callback_query"]["id"]
        elif call.method == "answerInlineQuery":
            check_inline_answer(call.params)
            assert call.params["inline_query_id"] == update["inline_query"]["id"]
        else:
            assert call.method == "sendChatAction", f"unexpected call {call.method}"
    if isinstance(step, Press):
        assert methods.count("answerCallbackQuery") == 1, f"a press answered {methods}"
        assert "answerInlineQuery" not in methods
        if "message" not in update["callback_query"]:
            assert not replies, "a reply to an inline message's button went to some chat"
    elif isinstance(step, Inline):
        assert methods == ["answerInlineQuery"], f"an inline query answered with {methods}"
    else:
        assert "answerCallbackQuery" not in methods and "answerInlineQuery" not in methods
        message = update[step.kind]
        command = _command(message)
        if step.kind != "message" or step.via_bot:
            assert not replies, "a reply to an edit, a channel post or the bot's own answer"
        elif command is not None and not _ours(command):
            assert not replies, f"a reply to {command}, which is not this bot's command"
        elif step.chat != "private" and command is None and not _addressed(message):
            assert not replies, "a reply in a group to a message not addressed to the bot"
        elif step.chat == "private" and command is None and _asks_something(message):
            assert len(replies) == 1, f"a private message answered with {methods}"
    if replies:
        assert replies[0].params["chat_id"] == _chat_of(update)["id"], "a reply to another chat"
    return replies[0] if replies else None


# -- the tests ---------------------------------------------------------------------------------


# Bugs the fuzzing found, kept as examples that every run tries first.
_GROUP_MENTION = Post(
    kind="message",
    chat="supergroup",
    chat_slot=0,
    sender=1,
    text="which agencies run AIRCOP?",
    media=None,
    caption=None,
    address="mention",
    mention_first=True,
    entities=(),
    via_bot=False,
    sender_chat=False,
)


@settings(PROFILE, deadline=None)
@given(steps=EXAMPLES)
# PTB's parse_entities raised UnicodeEncodeError on a lone surrogate in a group message...
@example(steps=[dataclasses.replace(_GROUP_MENTION, text="\ud800 which agencies run AIRCOP?")])
# ...and UnicodeDecodeError on an entity that splits a surrogate pair, in a text or a caption.
@example(steps=[dataclasses.replace(_GROUP_MENTION, text="😀 aircop", entities=(("bold", 1, 2),))])
@example(
    steps=[
        dataclasses.replace(
            _GROUP_MENTION, text=None, media="photo", caption="😀 x", entities=(("mention", 1, 3),)
        )
    ]
)
def test_no_update_crashes_the_bot_or_gets_more_than_one_valid_reply(
    harness: Harness, steps: list[Step]
) -> None:
    example = Example(
        space=next(harness.spaces),
        secret=harness.service.store.secret,
        examples=harness.service.examples,
    )
    for step in steps:
        wires: list[Wire] = ["utf-8", "escaped"] if _has_surrogates(step) else ["utf-8"]
        for wire in wires:
            update = to_update(step, example, wire)
            calls = harness.deliver(update, wire)
            assert not harness.errors.records, _describe(harness.errors.records)
            reply = check_calls(step, update, calls)
            sent = "+".join(sorted({call.method for call in calls})) or "nothing"
            event(f"{type(step).__name__} over {wire}: {sent}")
            if reply is not None and _buttons(reply):
                example.last_reply = reply


def _has_surrogates(step: Step) -> bool:
    """Whether a step's texts hold a lone surrogate, which can travel in two ways."""
    texts = [value for value in vars(step).values() if isinstance(value, str)]
    if isinstance(step, Press) and isinstance(step.data, RawData) and step.data.data:
        texts.append(step.data.data)
    return any(0xD800 <= ord(ch) <= 0xDFFF for text in texts for ch in text)


def _describe(records: list[logging.LogRecord]) -> str:
    lines = []
    for record in records:
        lines.append(f"{record.name}: {record.getMessage()}")
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            lines.append(f"  {type(error).__name__}: {error}")
    return "\n".join(lines)


def test_the_checks_catch_an_exception_that_reaches_the_error_handler(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fuzzing can fail: a handler that raises is seen in the log and in the apology."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in the engine")

    monkeypatch.setattr(harness.service.engine, "ask", broken)
    example = Example(next(harness.spaces), harness.service.store.secret, harness.service.examples)
    question = dataclasses.replace(_GROUP_MENTION, chat="private", address="none")
    update = to_update(question, example, "utf-8")
    calls = harness.deliver(update, "utf-8")
    assert "RuntimeError: a bug in the engine" in _describe(harness.errors.records)
    with pytest.raises(AssertionError, match="the error handler apologised"):
        check_calls(question, update, calls)


def test_the_checks_catch_a_reply_that_telegram_would_refuse() -> None:
    """Invalid HTML, a second reply and an overlong text each fail the checks."""
    example = Example(1, b"secret", ())
    question = dataclasses.replace(_GROUP_MENTION, chat="private", address="none")
    update = to_update(question, example, "utf-8")
    chat_id = update["message"]["chat"]["id"]

    def reply(text: str) -> Call:
        return Call("sendMessage", {"chat_id": chat_id, "text": text, "parse_mode": "HTML"})

    check_calls(question, update, [reply("<b>fine</b>")])
    for calls in (
        [reply("<b>unclosed")],
        [reply("one"), reply("two")],
        [reply("x" * (MAX_CHARS + 1))],
        [reply("ask @someone_else")],
    ):
        with pytest.raises(AssertionError):
            check_calls(question, update, calls)


def test_a_failed_reload_is_answered_once_in_valid_html(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/reload of a corpus with a broken file whose name holds markup: one reply, valid HTML."""

    def broken() -> Engine:
        raise DocumentError(Path("documents/<b>&co.txt"), "not valid UTF-8 (byte 3)", 1)

    monkeypatch.setitem(harness.application.bot_data, LOADER, broken)
    example = Example(next(harness.spaces), harness.service.store.secret, harness.service.examples)
    command = dataclasses.replace(
        _GROUP_MENTION, chat="private", sender=0, text="/reload", address="none"
    )
    update = to_update(command, example, "utf-8")
    reply = check_calls(command, update, harness.deliver(update, "utf-8"))
    assert reply is not None and "still serving the old index" in reply.params["text"]
    assert "<b>&co.txt" in parse(reply.params["text"]).text
    monkeypatch.undo()
    update = to_update(command, example, "utf-8")
    reply = check_calls(command, update, harness.deliver(update, "utf-8"))
    assert reply is not None and reply.params["text"].startswith("Reloaded")


def test_a_store_on_a_full_disk_still_gets_the_user_their_answer(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer goes out, without buttons that could not work, and nothing is apologised for."""

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    for write in ("save_conversation", "remember_answer", "log_question"):
        monkeypatch.setattr(harness.service.store, write, full)
    example = Example(next(harness.spaces), harness.service.store.secret, harness.service.examples)
    question = dataclasses.replace(_GROUP_MENTION, chat="private", address="none")
    update = to_update(question, example, "utf-8")
    reply = check_calls(question, update, harness.deliver(update, "utf-8"))
    assert not harness.errors.records, _describe(harness.errors.records)
    assert reply is not None and "AIRCOP is implemented by" in reply.params["text"]
    assert not _buttons(reply)
