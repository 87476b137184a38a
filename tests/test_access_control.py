"""Who may do what: the allowlist and the admin-only commands hold alike for private chats,
groups, inline queries and button presses, and a button cannot be moved to another chat.

The real Application, as ``qabot run`` builds it, handles each update through
``process_update``; its requests stop at the fake Bot API in this process. A refused update
leaves no trace: no reply but the refusal, no question logged, no vote, no button used up.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import shutil
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from telegram import Update
from telegram.ext import Application

from bot.callbacks import Action, decode, encode
from bot.config import load_config
from bot.handlers import ADMINS_ONLY, APOLOGY, FORGED, NOT_ALLOWED
from bot.service import SERVICE, Service
from bot.telegram_app import build_application
from retrieval.answering import Engine
from retrieval.indexing import load_or_build
from tests.bot_process import write_config
from tests.conftest import ROOT, SEED_ACRONYMS, SEED_DOCUMENTS
from tests.fake_bot_api import BOT, TOKEN, Call, FakeBotApi, group_chat, private_chat, user
from tests.test_maintenance import PANGEA, STADIA, ask_json, page, qabot, snapshot
from tests.test_telegram_offline import OfflineRequest

ALICE = user(2001, "Alice")  # on the allowlist
ADMIN = user(2002, "Root")  # on the allowlist, and an admin
STRANGER = user(2666, "Mallory")  # on neither
OPEN_GROUP = group_chat(-3001)  # an allowed chat: anyone in it may ask
CLOSED_GROUP = group_chat(-3002)  # not allowed: only allowed users are answered there
QUESTION = "Which agencies run AIRCOP?"


@dataclass
class Bot:
    """The bot under test, and the users' side of it.

    Attributes:
        application: the Application, initialised, its post_init run.
        api: the fake Bot API that its requests reach.
        loads: how many times the corpus was loaded (start-up, then each /reload).
    """

    application: Application
    api: FakeBotApi
    loads: list[float]
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def service(self) -> Service:
        return self.application.bot_data[SERVICE]

    async def _process(self, kind: str, payload: dict[str, Any]) -> list[Call]:
        """Handle one update; the requests the bot made for it."""
        mark = self.api.mark()
        raw = {"update_id": next(self._ids), kind: payload}
        await self.application.process_update(Update.de_json(raw, self.application.bot))
        return self.api.calls[mark:]

    async def say(self, chat: dict[str, Any], who: dict[str, Any], text: str) -> list[Call]:
        """A user sends a text message, with the entities Telegram would give it."""
        message: dict[str, Any] = {
            "message_id": next(self._ids) + 100_000,
            "date": int(time.time()),
            "chat": chat,
            "from": who,
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        elif text.startswith(f"@{BOT['username']}"):
            length = len(BOT["username"]) + 1
            message["entities"] = [{"type": "mention", "offset": 0, "length": length}]
        return await self._process("message", message)

    async def press(
        self, who: dict[str, Any], data: str, message: dict[str, Any] | None
    ) -> list[Call]:
        """A user presses a button whose data is ``data`` under ``message`` (None: under an
        inline message, which the bot never sees)."""
        query: dict[str, Any] = {
            "id": str(next(self._ids)),
            "from": who,
            "chat_instance": "1",
            "data": data,
        }
        if message is None:
            query["inline_message_id"] = "inline-1"
        else:
            query["message"] = message
        return await self._process("callback_query", query)

    async def inline(self, who: dict[str, Any], text: str) -> list[Call]:
        """A user types ``@bot text`` in some chat."""
        query = {"id": str(next(self._ids)), "from": who, "query": text, "offset": ""}
        return await self._process("inline_query", query)

    def figures(self) -> tuple[int, int, int]:
        """Questions logged, 👍 and 👎 stored."""
        stats = self.service.store.stats()
        return stats.questions, stats.helpful, stats.unhelpful


Scenario = Callable[[Bot], Awaitable[None]]


def run(tmp_path: Path, scenario: Scenario) -> None:
    """Run ``scenario`` against a bot with an allowlist and an admin; no reply may be the
    apology of a crashed handler."""
    api = FakeBotApi()
    config = load_config(
        write_config(
            tmp_path,
            allowed_users=[ALICE["id"], ADMIN["id"]],
            allowed_chats=[OPEN_GROUP["id"]],
            admins=[ADMIN["id"]],
        )
    )
    loads: list[float] = []

    def load() -> Engine:
        loads.append(time.monotonic())
        return Engine(load_or_build(config.corpus), config.answers)

    async def main() -> None:
        application = build_application(
            config, TOKEN, "http://offline/bot", load, OfflineRequest(api)
        )
        async with application:
            await application.post_init(application)
            try:
                await scenario(Bot(application, api, loads))
            finally:
                await application.post_shutdown(application)

    asyncio.run(main())
    apologies = [c for c in api.calls if APOLOGY in str(c.params.get("text", ""))]
    assert apologies == [], "a handler crashed"


def sent(calls: list[Call]) -> list[str]:
    """The texts of the messages the bot sent."""
    return [c.params["text"] for c in calls if c.method == "sendMessage"]


def alerts(calls: list[Call]) -> list[tuple[str | None, bool]]:
    """The callback answers: (text, whether it is an alert)."""
    return [
        (c.params.get("text"), bool(c.params.get("show_alert")))
        for c in calls
        if c.method == "answerCallbackQuery"
    ]


def buttons_of(call: Call) -> dict[str, str]:
    """Button text → callback data, of a message the bot sent."""
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
    return {button["text"]: button["callback_data"] for row in rows for button in row}


def answer_of(calls: list[Call]) -> Call:
    """The one answer, with its buttons, among a message's calls."""
    (answer,) = [c for c in calls if c.method == "sendMessage" and buttons_of(c)]
    return answer


# -- /stats and /reload -----------------------------------------------------------------------

_NAMES = {
    id(ALICE): "user",
    id(ADMIN): "admin",
    id(STRANGER): "stranger",
    id(OPEN_GROUP): "allowed-group",
    id(CLOSED_GROUP): "other-group",
}
# (who, where, what they get): an admin gets the command wherever they may use the bot; an
# allowed non-admin gets "admins only"; a stranger is refused by the allowlist first, politely
# in private and silently in a group the bot does not serve.
ADMIN_CASES = [
    (ADMIN, None, "works"),
    (ADMIN, OPEN_GROUP, "works"),
    (ADMIN, CLOSED_GROUP, "works"),
    (ALICE, None, "admins only"),
    (ALICE, OPEN_GROUP, "admins only"),
    (ALICE, CLOSED_GROUP, "admins only"),
    (STRANGER, None, "not allowed"),
    (STRANGER, OPEN_GROUP, "admins only"),
    (STRANGER, CLOSED_GROUP, "silence"),
]


@pytest.mark.parametrize("command", ["/stats", "/reload"])
@pytest.mark.parametrize(
    "who, where, outcome",
    ADMIN_CASES,
    ids=[f"{_NAMES[id(w)]}-in-{_NAMES.get(id(c), 'private')}" for w, c, _ in ADMIN_CASES],
)
def test_admin_commands_are_for_admins_in_private_chats_and_groups_alike(
    tmp_path: Path, command: str, who: dict[str, Any], where: dict[str, Any] | None, outcome: str
) -> None:
    async def scenario(bot: Bot) -> None:
        chat = where or private_chat(who)
        await bot.say(private_chat(ALICE), ALICE, QUESTION)  # one question, for /stats to count
        loads = len(bot.loads)
        texts = sent(await bot.say(chat, who, command))
        reloaded = len(bot.loads) - loads
        if outcome == "works":
            assert len(texts) == 1
            if command == "/stats":
                assert "<b>Questions</b>: 1" in texts[0] and "Unanswered" in texts[0]
            else:
                assert texts[0].startswith("Reloaded: 1 document(s)") and reloaded == 1
        else:
            assert texts == {"admins only": [ADMINS_ONLY], "not allowed": [NOT_ALLOWED]}.get(
                outcome, []
            )
            assert reloaded == 0
        assert bot.figures()[0] == 1  # a command is not a question

    run(tmp_path, scenario)


def test_an_admin_command_addressed_to_another_bot_is_ignored(tmp_path: Path) -> None:
    async def scenario(bot: Bot) -> None:
        loads = len(bot.loads)
        assert sent(await bot.say(OPEN_GROUP, ADMIN, "/reload@some_other_bot")) == []
        assert sent(await bot.say(OPEN_GROUP, ADMIN, "/stats@some_other_bot")) == []
        assert len(bot.loads) == loads
        reply = sent(await bot.say(OPEN_GROUP, ADMIN, f"/reload@{BOT['username']}"))
        assert reply[0].startswith("Reloaded") and len(bot.loads) == loads + 1

    run(tmp_path, scenario)


# -- button presses ---------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["More", "Full section", "👍", "👎"])
def test_a_stranger_pressing_an_answer_s_button_gets_an_alert_and_uses_nothing_up(
    tmp_path: Path, label: str
) -> None:
    """Alice asks in a group the bot does not serve; a stranger there presses a button."""

    async def scenario(bot: Bot) -> None:
        answer = answer_of(await bot.say(CLOSED_GROUP, ALICE, f"@{BOT['username']} {QUESTION}"))
        before = bot.figures()
        calls = await bot.press(STRANGER, buttons_of(answer)[label], answer.result)
        assert alerts(calls) == [(NOT_ALLOWED, True)]
        assert sent(calls) == []
        assert bot.figures() == before
        # The press was not spent: Alice's own press works as the first one.
        calls = await bot.press(ALICE, buttons_of(answer)[label], answer.result)
        if label in ("More", "Full section"):
            assert len(sent(calls)) == 1
        else:
            assert alerts(calls) == [("Thanks, noted!", False)]

    run(tmp_path, scenario)


def test_a_stranger_pressing_an_example_button_is_not_answered(tmp_path: Path) -> None:
    async def scenario(bot: Bot) -> None:
        (greeting,) = [c for c in await bot.say(CLOSED_GROUP, ALICE, "/start") if buttons_of(c)]
        example = next(iter(buttons_of(greeting).values()))
        calls = await bot.press(STRANGER, example, greeting.result)
        assert alerts(calls) == [(NOT_ALLOWED, True)] and sent(calls) == []
        assert bot.figures()[0] == 0
        assert len(sent(await bot.press(ALICE, example, greeting.result))) == 1

    run(tmp_path, scenario)


def test_a_stranger_s_press_in_an_allowed_group_works_as_their_messages_do(tmp_path: Path) -> None:
    async def scenario(bot: Bot) -> None:
        answer = answer_of(await bot.say(OPEN_GROUP, ALICE, f"/ask {QUESTION}"))
        calls = await bot.press(STRANGER, buttons_of(answer)["👎"], answer.result)
        assert alerts(calls) == [("Thanks, noted!", False)]
        assert bot.figures()[2] == 1

    run(tmp_path, scenario)


def test_a_stranger_s_press_under_an_inline_message_gets_an_alert(tmp_path: Path) -> None:
    async def scenario(bot: Bot) -> None:
        answer = answer_of(await bot.say(private_chat(ALICE), ALICE, QUESTION))
        calls = await bot.press(STRANGER, buttons_of(answer)["More"], None)
        assert alerts(calls) == [(NOT_ALLOWED, True)] and sent(calls) == []

    run(tmp_path, scenario)


def test_a_button_copied_into_another_chat_is_refused_as_forged(tmp_path: Path) -> None:
    """Correctly signed data of Alice's private answer, pressed under a message of another
    chat, by the admin in their own chat, and by Alice herself in a group: the answer belongs
    to Alice's private chat, so neither may use it."""

    async def scenario(bot: Bot) -> None:
        answer = answer_of(await bot.say(private_chat(ALICE), ALICE, QUESTION))
        elsewhere = [
            (ADMIN, answer_of(await bot.say(private_chat(ADMIN), ADMIN, "what is UNODA"))),
            (ALICE, answer_of(await bot.say(OPEN_GROUP, ALICE, "/ask what is UNODA"))),
        ]
        before = bot.figures()
        for who, other in elsewhere:
            for label in ("More", "Full section", "👍", "👎"):
                calls = await bot.press(who, buttons_of(answer)[label], other.result)
                assert alerts(calls) == [(FORGED, True)], (who["first_name"], label)
                assert sent(calls) == []
        assert bot.figures() == before
        # In its own chat, the button still works, and as the first press.
        assert len(sent(await bot.press(ALICE, buttons_of(answer)["More"], answer.result))) == 1

    run(tmp_path, scenario)


def test_a_button_signed_with_another_bot_s_secret_is_refused_as_forged(tmp_path: Path) -> None:
    async def scenario(bot: Bot) -> None:
        answer = answer_of(await bot.say(private_chat(ALICE), ALICE, QUESTION))
        genuine = decode(buttons_of(answer)["More"], bot.service.store.secret)
        assert genuine is not None
        for action in (Action.MORE, Action.HELPFUL):
            forged = encode(action, genuine.number, b"another bot's secret")
            calls = await bot.press(ALICE, forged, answer.result)
            assert alerts(calls) == [(FORGED, True)] and sent(calls) == []
        assert bot.figures()[1] == 0

    run(tmp_path, scenario)


# -- inline queries and messages --------------------------------------------------------------


@pytest.mark.parametrize("text", ["which agencies run AIRCOP", "", "ai"])
def test_a_stranger_s_inline_query_gets_only_the_refusal_and_is_not_asked(
    tmp_path: Path, text: str
) -> None:
    async def scenario(bot: Bot) -> None:
        (call,) = await bot.inline(STRANGER, text)
        assert call.method == "answerInlineQuery"
        assert [r["id"] for r in call.params["results"]] == ["private"]
        assert call.params["is_personal"] is True and call.params["cache_time"] == 0
        assert bot.figures()[0] == 0
        (allowed,) = await bot.inline(ALICE, text)
        assert [r["id"] for r in allowed.params["results"]] != ["private"]
        assert allowed.params["is_personal"] is True  # an allowlist makes every answer personal

    run(tmp_path, scenario)


def test_a_stranger_s_messages_are_refused_and_leave_no_trace(tmp_path: Path) -> None:
    async def scenario(bot: Bot) -> None:
        assert sent(await bot.say(private_chat(STRANGER), STRANGER, QUESTION)) == [NOT_ALLOWED]
        assert sent(await bot.say(private_chat(STRANGER), STRANGER, "/ask what is UNODA")) == [
            NOT_ALLOWED
        ]
        assert sent(await bot.say(CLOSED_GROUP, STRANGER, f"@{BOT['username']} {QUESTION}")) == []
        assert sent(await bot.say(CLOSED_GROUP, STRANGER, "/ask what is UNODA")) == []
        assert bot.figures() == (0, 0, 0)
        store = bot.service.store
        assert store.conversation(STRANGER["id"]) is None
        assert store.conversation(CLOSED_GROUP["id"]) is None
        # The same messages from people the bot serves are answered.
        assert "AIRCOP" in sent(await bot.say(OPEN_GROUP, STRANGER, f"/ask {QUESTION}"))[0]
        assert "AIRCOP" in sent(await bot.say(CLOSED_GROUP, ALICE, f"/ask {QUESTION}"))[0]
        assert bot.figures()[0] == 2

    run(tmp_path, scenario)


# -- corpus ids and paths ---------------------------------------------------------------------

SEED_ID = "cooperation-with-united-nations-entities"
SECRET_PAGE = "Secret plans\n\nThe vault code is 1234 and nobody knows it.\n"
# Ids that name something outside corpus/documents, or climb through it.
CLIMBING_IDS = [
    "../../etc/passwd",
    "/etc/passwd",
    f"../documents/{SEED_ID}",
    f"{SEED_ID}/../{SEED_ID}",
    "..",
    "./x",
]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A config over a writable copy of the seed corpus, with a folder of files outside the
    corpus (``outside/``) that nothing may read into it or write; returns the config file."""
    config = tmp_path / "site" / "config.yaml"
    config.parent.mkdir()
    shutil.copytree(SEED_DOCUMENTS, config.parent / "corpus" / "documents")
    shutil.copy(SEED_ACRONYMS, config.parent / "corpus" / "acronyms.yaml")
    settings = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    settings["corpus"].update(
        documents="corpus/documents", acronyms="corpus/acronyms.yaml", index="state/index.npz"
    )
    settings["telegram"]["store"] = "state/bot.sqlite3"
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET_PAGE, encoding="utf-8")
    (outside / "secret.yaml").write_text(
        "title: Leaked Title\nurl: https://leak.example/\n", encoding="utf-8"
    )
    assert qabot(config, "index", "build").exit_code == 0
    return config


def documents_of(config: Path) -> Path:
    return config.parent / "corpus" / "documents"


def everything_but_the_corpus(config: Path) -> dict[str, bytes]:
    """Every file under the test's directory outside the corpus and the index, with its bytes:
    what no corpus command may write, whatever it is given."""
    root = config.parent.parent
    inside = (config.parent / "corpus", config.parent / "state")
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(p.is_relative_to(folder) for folder in inside)
    }


def listed_ids(config: Path) -> set[str]:
    result = qabot(config, "corpus", "list", "--json")
    assert result.exit_code == 0, result.output
    return {document["id"] for document in json.loads(result.stdout)}


@pytest.mark.parametrize("command", ["update", "remove", "show"])
@pytest.mark.parametrize("bad_id", CLIMBING_IDS)
def test_an_id_that_climbs_or_is_absolute_is_refused_and_changes_nothing(
    home: Path, tmp_path: Path, command: str, bad_id: str
) -> None:
    source = page(tmp_path, "stadia.html", STADIA)
    args = {"update": [bad_id, str(source)], "remove": [bad_id, "--yes"], "show": [bad_id]}
    before, outside = snapshot(home), everything_but_the_corpus(home)
    result = qabot(home, "corpus", command, *args[command])
    assert result.exit_code == 1
    assert f"no document with id {bad_id!r}" in result.output
    assert "Traceback" not in result.output
    assert snapshot(home) == before
    assert everything_but_the_corpus(home) == outside


@pytest.mark.parametrize("where", ["sidecar", "front matter"])
@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "/etc/passwd", "sub/../../x"])
def test_an_imported_page_whose_metadata_names_a_climbing_id_is_refused(
    home: Path, tmp_path: Path, where: str, bad_id: str
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    if where == "sidecar":
        source = page(folder, "pangea.txt", PANGEA)
        page(folder, "pangea.yaml", f"id: '{bad_id}'\n")
    else:
        source = page(folder, "pangea.txt", PANGEA.replace("---\n", f"---\nid: '{bad_id}'\n", 1))
    before, outside = snapshot(home), everything_but_the_corpus(home)
    result = qabot(home, "corpus", "add", str(source))
    assert result.exit_code == 1
    assert f"bad id {bad_id!r}" in result.output
    assert snapshot(home) == before
    assert everything_but_the_corpus(home) == outside


def test_a_sidecar_edited_by_hand_to_a_climbing_id_stops_the_load_and_names_it(
    home: Path,
) -> None:
    sidecar = documents_of(home) / f"{SEED_ID}.yaml"
    fields = yaml.safe_load(sidecar.read_text())
    fields["id"] = "../../etc/passwd"
    sidecar.write_text(yaml.safe_dump(fields), encoding="utf-8")
    outside = everything_but_the_corpus(home)
    result = qabot(home, "corpus", "check")
    assert result.exit_code == 1
    assert f"{SEED_ID}.yaml" in result.output and "bad id '../../etc/passwd'" in result.output
    assert qabot(home, "index", "build").exit_code == 1
    assert everything_but_the_corpus(home) == outside


@pytest.mark.parametrize("form", ["climbing", "absolute"])
def test_a_source_named_by_a_climbing_or_absolute_path_lands_inside_the_corpus(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    source = page(tmp_path / "outside", "stadia.html", STADIA)
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    named = "../../outside/stadia.html" if form == "climbing" else str(source)
    outside = everything_but_the_corpus(home)
    result = qabot(home, "corpus", "add", named)
    assert result.exit_code == 0, result.output
    assert (documents_of(home) / "project-stadia.html").read_bytes() == STADIA.encode()
    assert everything_but_the_corpus(home) == outside


def test_a_symlinked_subdirectory_that_leads_outside_is_not_read(
    home: Path, tmp_path: Path
) -> None:
    (documents_of(home) / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    (documents_of(home) / "linked.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    assert qabot(home, "index", "build").exit_code == 0
    assert listed_ids(home) == {SEED_ID}
    assert ask_json(home, "what is the vault code")["no_answer"] is True
    assert qabot(home, "corpus", "check").exit_code == 0
    for doc_id in ("secret", "linked", "linked/secret"):
        assert qabot(home, "corpus", "remove", doc_id, "--yes").exit_code == 1
    assert (tmp_path / "outside" / "secret.txt").read_text() == SECRET_PAGE


def test_a_symlinked_subdirectory_inside_the_corpus_is_not_read_twice(home: Path) -> None:
    (documents_of(home) / "again").symlink_to(documents_of(home), target_is_directory=True)
    assert qabot(home, "index", "build").exit_code == 0
    assert listed_ids(home) == {SEED_ID}


def test_a_sidecar_that_links_outside_the_corpus_is_not_read(home: Path, tmp_path: Path) -> None:
    sidecar = documents_of(home) / f"{SEED_ID}.yaml"
    sidecar.unlink()
    sidecar.symlink_to(tmp_path / "outside" / "secret.yaml")
    assert qabot(home, "index", "build").exit_code == 0
    listed = json.loads(qabot(home, "corpus", "list", "--json").stdout)
    assert [d["title"] for d in listed] != ["Leaked Title"]
    assert "leak.example" not in json.dumps(listed)
    assert "Leaked" not in qabot(home, "corpus", "check").output
    assert "leak.example" not in json.dumps(ask_json(home, "which agencies run AIRCOP?"))


@pytest.mark.parametrize("planted", ["project-stadia.html", "project-stadia.yaml"])
def test_a_change_never_writes_through_a_link_planted_in_the_corpus(
    home: Path, tmp_path: Path, planted: str
) -> None:
    """A link named like the file an import will write, leading outside: the import is refused
    rather than overwrite what the link points to."""
    target = tmp_path / "outside" / "precious.txt"
    target.write_text("do not overwrite\n", encoding="utf-8")
    (documents_of(home) / planted).symlink_to(target)
    result = qabot(home, "corpus", "add", str(page(tmp_path, "stadia.html", STADIA)), "--replace")
    assert result.exit_code == 1
    assert "outside the corpus directory" in result.output
    assert target.read_text() == "do not overwrite\n"
    assert (documents_of(home) / planted).is_symlink()
