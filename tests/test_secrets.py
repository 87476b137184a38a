"""The bot's secrets stay secret: the bot token and the webhook secret appear in no log line at
any level, in no exception text, in nothing the bot sends, and in no file it writes.

Each bot here runs as ``qabot run`` does, at log level DEBUG, with a token that is easy to
find (a canary) and every file of its own under one directory: a copy of the corpus, the index,
the store. The tests provoke the failures whose messages could carry a secret (a refused token,
a server outage, errors inside a handler, a bad webhook request), then search every byte of the
log, of the requests the bot made, and of the files under that directory for the secrets in
every form they could take: whole, the token's secret half alone, URL-encoded.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import io
import json
import logging
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
import yaml

from benchmarks.services import free_port
from bot import telegram_app
from bot.config import load_config
from bot.logs import REDACTED, Redact, redact
from corpus.errors import ConfigError
from tests.bot_process import BotProcess, post_update, write_config
from tests.conftest import SEED_ACRONYMS, SEED_DOCUMENTS
from tests.fake_bot_api import Call, FakeBotApi, group_chat, private_chat, user

# In Telegram's format (bot id, colon, 35 characters of [A-Za-z0-9_-]), and nowhere else.
TOKEN = "123456789:QABOT-SECRET-CANARY-x7Kq2mZ9pL4vB8n"
WEBHOOK_SECRET = "QABOT-WEBHOOK-CANARY_r4Nd0m-s3cr3t-9xZ"
ADMIN = user(4343, "Root")


def forms(secret: str) -> list[str]:
    """Every form in which a secret could leak: whole, URL-encoded (as a path segment and as a
    form value), and, for a token, its secret half alone (the bot id before the colon is
    public)."""
    found = {secret, quote(secret, safe=""), quote(secret), quote_plus(secret)}
    if ":" in secret:
        found.add(secret.split(":", 1)[1])
    return sorted(found)


def needles(*secrets: str) -> list[bytes]:
    """The byte strings to look for, in UTF-8 (logs, JSON, SQLite's text) and UTF-16."""
    return [
        form.encode(encoding)
        for secret in secrets
        for form in forms(secret)
        for encoding in ("utf-8", "utf-16-le", "utf-16-be")
    ]


def leaks(data: bytes | str, *secrets: str) -> list[bytes]:
    """The needles found in ``data``."""
    haystack = data.encode() if isinstance(data, str) else data
    return [needle for needle in needles(*secrets) if needle in haystack]


def files_under(directory: Path) -> dict[str, bytes]:
    """Every regular file under ``directory``, hidden ones included, with its bytes."""
    found = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(directory))] = path.read_bytes()
    return found


def bot_home(directory: Path, **telegram: Any) -> Path:
    """A config whose every file lives under ``directory``: a copy of the seed corpus, the
    index and the store; the bot logs at DEBUG. Returns the config file."""
    shutil.copytree(SEED_DOCUMENTS, directory / "corpus" / "documents")
    shutil.copy(SEED_ACRONYMS, directory / "corpus" / "acronyms.yaml")
    path = write_config(directory, **telegram)
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["corpus"].update(
        documents=str(directory / "corpus" / "documents"),
        acronyms=str(directory / "corpus" / "acronyms.yaml"),
        index=str(directory / "state" / "index.npz"),
    )
    config["telegram"]["store"] = str(directory / "state" / "bot.sqlite3")
    assert config["log_level"] == "DEBUG"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def requests_made(api: FakeBotApi) -> str:
    """Every request the bot made, method and parameters, one JSON object a line."""
    return "\n".join(
        json.dumps({"method": c.method, "params": c.params}, ensure_ascii=False) for c in api.calls
    )


def say(api: FakeBotApi, chat: dict[str, Any], who: dict[str, Any], text: str) -> Call:
    """Send a message; the bot's next accepted message in that chat."""
    mark = api.mark()
    api.message(chat, who, text)
    return api.wait_for(
        "sendMessage",
        lambda c: c.params.get("chat_id") == chat["id"] and c.result is not None,
        after=mark,
        timeout=30,
    )


def keyboard(call: Call) -> dict[str, str]:
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
    return {button["text"]: button["callback_data"] for row in rows for button in row}


@contextlib.contextmanager
def lifetime(process: BotProcess) -> Iterator[BotProcess]:
    """The bot process, killed on the way out if a failing test left it running."""
    try:
        yield process
    finally:
        if process.process is not None and process.process.poll() is None:
            process.process.kill()
            process.process.wait()


@dataclass(frozen=True)
class Aftermath:
    """What a bot left behind once stopped.

    Attributes:
        log: its stderr and stdout, every level.
        requests: every request it made to the Bot API, as text.
        files: every file under its directory (the log aside), with its bytes.
        replies: the texts it sent, by what they answered.
        exit_code: how it exited.
    """

    log: str
    requests: str
    files: dict[str, bytes]
    replies: dict[str, str]
    exit_code: int


def _exercise(api: FakeBotApi) -> dict[str, str]:
    """Use every command, a question, its buttons, inline mode; then make things fail."""
    replies: dict[str, str] = {}
    ada, group = user(501), group_chat(-5050)
    admin_chat = private_chat(ADMIN)
    for command in ("/start", "/help", "/sources", "/about"):
        replies[command] = say(api, private_chat(ada), ada, command).params["text"]
    replies["/stats"] = say(api, admin_chat, ADMIN, "/stats").params["text"]
    replies["/reload"] = say(api, admin_chat, ADMIN, "/reload").params["text"]
    replies["/stats by a stranger"] = say(api, private_chat(ada), ada, "/stats").params["text"]
    answer = say(api, private_chat(ada), ada, "Which agencies run AIRCOP?")
    replies["question"] = answer.params["text"]
    for label in ("More", "👍"):
        mark = api.mark()
        api.press(answer.result, keyboard(answer)[label], ada)
        api.wait_for("answerCallbackQuery", after=mark, timeout=30)
    replies["group"] = say(api, group, ada, "/ask what is UNODA").params["text"]
    mark = api.mark()
    api.inline(ada, "which agencies run AIRCOP")
    api.wait_for("answerInlineQuery", after=mark, timeout=30)

    # Errors inside handlers: Telegram refuses a reply outright, then blocks the bot; the
    # error handler logs each with its traceback and apologises.
    for code, description in (
        (400, "Bad Request: chat not found"),
        (403, "Forbidden: bot was blocked by the user"),
    ):
        bob = user(502 + code)
        api.fail("sendMessage", code, description)
        mark = api.mark()
        api.message(private_chat(bob), bob, "what is UNICRI")
        api.wait_for("sendMessage", lambda c: "went wrong" in c.params.get("text", ""), mark, 30)
    # Flood control: a 429 with retry_after.
    api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    say(api, private_chat(ada), ada, "what is ICAO")
    # The Bot API goes away and comes back: the polling loop logs its network errors.
    api.stop()
    time.sleep(3)
    api.start()
    say(api, private_chat(ada), ada, "what is UNODC")
    # /stats after all that, and /about again.
    replies["/stats at the end"] = say(api, admin_chat, ADMIN, "/stats").params["text"]
    replies["/about at the end"] = say(api, admin_chat, ADMIN, "/about").params["text"]
    return replies


def _aftermath(
    api: FakeBotApi, home: Path, process: BotProcess, replies: dict[str, str], code: int
) -> Aftermath:
    log = process.log.read_text(encoding="utf-8", errors="replace")
    files = {name: data for name, data in files_under(home).items() if name != process.log.name}
    return Aftermath(log, requests_made(api), files, replies, code)


@pytest.fixture(scope="module")
def polled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Aftermath]:
    """A polling bot's whole life with the canary token: start, every command, failures, stop."""
    home = tmp_path_factory.mktemp("polled")
    api = FakeBotApi(token=TOKEN).start()
    process = BotProcess(api, bot_home(home, admins=[ADMIN["id"]]), home / "bot.log")
    try:
        with lifetime(process):
            process.start()
            replies = _exercise(api)
            code = process.stop()
        yield _aftermath(api, home, process, replies, code)
    finally:
        api.stop()


def test_the_polling_bot_used_every_command_and_failed_as_planned(polled: Aftermath) -> None:
    assert polled.exit_code == 0
    assert (
        "Questions" in polled.replies["/stats"]
        and "admins" in polled.replies["/stats by a stranger"]
    )
    assert "passages" in polled.replies["/about"] and "Reloaded" in polled.replies["/reload"]
    assert "AIRCOP is implemented by" in polled.replies["question"]
    # The log is at DEBUG, PTB's own lines included, and it holds the tracebacks of the
    # failures: what could have carried the token was there to be written.
    assert " DEBUG telegram." in polled.log
    assert "Traceback" in polled.log
    assert "Chat not found" in polled.log and "bot was blocked" in polled.log
    assert "httpx.ConnectError" in polled.log  # the outage, seen by the polling


def test_the_token_is_in_no_log_line_at_any_level(polled: Aftermath) -> None:
    assert leaks(polled.log, TOKEN) == []
    assert REDACTED in polled.log  # PTB logs the Bot API URL at DEBUG: it was blanked


def test_the_token_is_in_nothing_the_bot_sends_about_and_stats_included(polled: Aftermath) -> None:
    for command in ("/about", "/stats", "/stats at the end", "/about at the end", "/reload"):
        assert leaks(polled.replies[command], TOKEN) == [], command
    assert leaks(polled.requests, TOKEN) == []


def test_the_token_is_in_no_file_the_bot_writes(polled: Aftermath) -> None:
    names = set(polled.files)
    assert {"state/index.npz", "state/bot.sqlite3"} <= names
    for name, data in polled.files.items():
        assert leaks(data, TOKEN) == [], name


def refused_start(api: FakeBotApi, process: BotProcess) -> str:
    """Start a bot that the server refuses: it exits with 1; its log."""
    try:
        with lifetime(process):
            process.start(ready=False)
            assert process.process is not None
            assert process.process.wait(timeout=60) == 1
    finally:
        api.stop()
    return process.log.read_text(encoding="utf-8", errors="replace")


def assert_leaks_nowhere(log: str, home: Path) -> None:
    """The token is in neither the log nor any file under ``home``."""
    assert leaks(log, TOKEN) == []
    for name, data in files_under(home).items():
        assert leaks(data, TOKEN) == [], name


def test_a_refused_token_leaks_nowhere(tmp_path: Path) -> None:
    """The server refuses the token at start-up: PTB's InvalidToken quotes it."""
    api = FakeBotApi(token="987654321:AAAnotherTokenTheServerKnows_0123456").start()
    process = BotProcess(
        api, bot_home(tmp_path), tmp_path / "bot.log", env={"TELEGRAM_BOT_TOKEN": TOKEN}
    )
    log = refused_start(api, process)
    assert "refused the token" in log
    assert_leaks_nowhere(log, tmp_path)


def test_a_token_revoked_while_the_bot_runs_stops_it_cleanly_and_leaks_nowhere(
    tmp_path: Path,
) -> None:
    """BotFather revokes the token: every request from then on is refused with 401."""
    api = FakeBotApi(token=TOKEN).start()
    process = BotProcess(api, bot_home(tmp_path), tmp_path / "bot.log")
    try:
        with lifetime(process):
            process.start()
            ada = user(601)
            say(api, private_chat(ada), ada, "what is AIRCOP")
            api.token = "987654321:AAAnotherTokenTheServerKnows_0123456"
            assert process.process is not None
            assert process.process.wait(timeout=60) == 1
    finally:
        api.stop()
    log = process.log.read_text(encoding="utf-8", errors="replace")
    assert "Invalid token" in log  # PTB's polling gave up, which stopped the bot
    assert log.rstrip().splitlines()[-1].startswith("Error: the Bot API at ")
    assert "refused the token" in log
    assert "Task was destroyed" not in log  # it stopped in order: store closed, watcher ended
    assert_leaks_nowhere(log, tmp_path)


def test_a_token_refused_at_the_first_poll_stops_the_bot_too(tmp_path: Path) -> None:
    """Polling gives up a few milliseconds after it starts, before the bot is even running."""
    api = FakeBotApi(token=TOKEN).start()
    api.fail("getUpdates", 401, "Unauthorized", times=1000)
    process = BotProcess(api, bot_home(tmp_path), tmp_path / "bot.log")
    try:
        with lifetime(process):
            process.start()
            assert process.process is not None
            assert process.process.wait(timeout=60) == 1
    finally:
        api.stop()
    log = process.log.read_text(encoding="utf-8", errors="replace")
    assert "refused the token" in log.rstrip().splitlines()[-1]
    assert_leaks_nowhere(log, tmp_path)


@pytest.mark.parametrize(
    "code, description",
    [(403, "Forbidden: bot was blocked"), (409, "Conflict: can't use getMe while webhook is set")],
)
def test_a_refusal_at_start_up_is_one_clear_line_without_the_token(
    tmp_path: Path, code: int, description: str
) -> None:
    api = FakeBotApi(token=TOKEN).start()
    api.fail("getMe", code, description)
    process = BotProcess(api, bot_home(tmp_path), tmp_path / "bot.log")
    log = refused_start(api, process)
    # The last line is the reason, not an uncaught traceback; PTB's own ERROR line about it
    # comes before, in the log's format.
    last = log.rstrip().splitlines()[-1]
    assert last.startswith(f"Error: the Bot API at {api.base_url} refused to start the bot: ")
    assert description in last
    assert leaks(log, TOKEN) == []


def test_an_unreachable_bot_api_is_one_clear_line_without_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up against a port where nothing listens: PTB's NetworkError, after the retries."""
    monkeypatch.setattr(telegram_app, "RETRY_FOR_SECONDS", 1.0)
    monkeypatch.setenv("TELEGRAM_BASE_URL", f"http://127.0.0.1:{free_port()}/bot")
    config = load_config(bot_home(tmp_path))
    # run_polling takes the thread's event loop and closes it: give it one of its own.
    asyncio.set_event_loop(asyncio.new_event_loop())
    try:
        with pytest.raises(ConfigError) as refused:
            telegram_app.run_bot(config, TOKEN)
    finally:
        asyncio.set_event_loop(None)
    assert "cannot reach the Bot API" in str(refused.value)
    assert leaks(str(refused.value), TOKEN) == []


# -- the log filter itself ------------------------------------------------------------------------

_PROBE = """
import logging, sys
import httpx
from bot.logs import configure_logging
token, url = sys.argv[1], sys.argv[2]
configure_logging("DEBUG", (token,))
# The HTTP libraries are kept at WARNING; turn them up, so that the filter alone has to keep
# the token out of their request lines.
for name in ("httpx", "httpcore"):
    logging.getLogger(name).setLevel(logging.DEBUG)
httpx.post(f"{url}{token}/getMe")
httpx.post(url + token.replace(":", "%3A") + "/getMe")
"""


def test_the_filter_alone_keeps_the_token_out_of_httpx_request_lines(tmp_path: Path) -> None:
    api = FakeBotApi(token=TOKEN).start()
    try:
        completed = subprocess.run(
            [sys.executable, "-c", _PROBE, TOKEN, api.base_url],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
    finally:
        api.stop()
    assert "HTTP Request: POST http://127.0.0.1" in completed.stderr
    assert " DEBUG httpcore" in completed.stderr
    assert leaks(completed.stderr, TOKEN) == []
    # Both request lines, the URL-encoded token's too (httpx logs it decoded).
    assert completed.stderr.count(f"/bot{REDACTED}/getMe") == 2


def _formatted(record: logging.LogRecord, *secrets: str) -> str:
    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    for secret in secrets:
        handler.addFilter(Redact(secret))
    handler.handle(record)
    stream = handler.stream
    assert isinstance(stream, io.StringIO)
    return stream.getvalue()


def _record(
    message: str, *args: object, exc_info: Any = None, sinfo: str | None = None
) -> logging.LogRecord:
    return logging.LogRecord(
        "t", logging.ERROR, __file__, 1, message, args or None, exc_info, sinfo=sinfo
    )


@pytest.mark.parametrize("form", forms(TOKEN))
def test_every_form_of_the_token_is_blanked_from_a_message_and_its_arguments(form: str) -> None:
    for record in (_record(f"url /bot{form}/getMe"), _record("url /bot%s/getMe", form)):
        text = _formatted(record, TOKEN)
        assert leaks(text, TOKEN) == [] and REDACTED in text


def test_the_token_is_blanked_from_chained_tracebacks_and_stacks() -> None:
    try:
        try:
            raise ValueError(f"The token `{TOKEN}` was rejected by the server.")
        except ValueError as error:
            raise RuntimeError(f"while calling {quote(TOKEN, safe='')}") from error
    except RuntimeError:
        exc_info = sys.exc_info()
    record = _record("failed", exc_info=exc_info, sinfo=f"Stack (most recent call last):\n {TOKEN}")
    text = _formatted(record, TOKEN)
    assert "ValueError" in text and "RuntimeError" in text and "Stack" in text
    assert leaks(text, TOKEN, WEBHOOK_SECRET) == []


def test_two_secrets_are_both_blanked_and_ordinary_words_are_not() -> None:
    text = _formatted(_record("%s and %s, x and 1", TOKEN, WEBHOOK_SECRET), TOKEN, WEBHOOK_SECRET)
    assert text == f"ERROR {REDACTED} and {REDACTED}, x and 1\n"
    # A test token whose secret half is short: only the whole token is blanked, not every "x".
    assert redact("token 1:x, and x alone", ("1:x",)) == f"token {REDACTED}, and x alone"


# -- webhook mode ---------------------------------------------------------------------------------

HOOK_PATH = "/qabot-hook"
# Header values that must be refused: none, empty, wrong, and near misses of the secret.
REFUSED = {
    "no header": None,
    "empty": "",
    "wrong": "not-the-secret",
    "one character more": WEBHOOK_SECRET + "x",
    "one character less": WEBHOOK_SECRET[:-1],
    "other case": WEBHOOK_SECRET.swapcase(),
}


def _refuses(url: str) -> bool:
    """Whether the webhook server listens, and refuses a request without the secret."""
    try:
        return post_update(url, {}, None) == 403
    except urllib.error.URLError:  # nothing listens yet
        return False


def _hook_update(update_id: int, who: dict[str, Any], text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": private_chat(who),
        "from": who,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


@dataclass(frozen=True)
class Hooked:
    """A webhook bot's whole life, and what the test posted to it.

    Attributes:
        aftermath: what it left behind.
        statuses: HTTP status of each refused post, by name.
        refused_ids: the update ids of the refused posts.
        questions: rows in the store's question log.
    """

    aftermath: Aftermath
    statuses: dict[str, int]
    refused_ids: tuple[int, ...]
    questions: int


@pytest.fixture(scope="module")
def hooked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hooked]:
    """A webhook bot with the canary token and secret: answered, refused, failed, stopped."""
    home = tmp_path_factory.mktemp("hooked")
    api = FakeBotApi(token=TOKEN).start()
    port = free_port()
    url = f"http://127.0.0.1:{port}{HOOK_PATH}"
    process = BotProcess(
        api,
        bot_home(home, admins=[ADMIN["id"]]),
        home / "bot.log",
        args=("--webhook-url", url, "--listen", "127.0.0.1", "--port", str(port)),
        env={"TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET},
    )
    try:
        process.start()
        api.wait_for("setWebhook", timeout=30)
        deadline = time.monotonic() + 30
        while not _refuses(url):  # until the web server listens
            assert time.monotonic() < deadline, "the webhook server never listened"
            time.sleep(0.1)
        replies: dict[str, str] = {}
        ada = user(701)
        for number, (who, text) in enumerate(
            [(ada, "Which agencies run AIRCOP?"), (ADMIN, "/about"), (ADMIN, "/stats")], 1
        ):
            mark = api.mark()
            assert post_update(url, _hook_update(number, who, text), WEBHOOK_SECRET) == 200
            reply = api.wait_for(
                "sendMessage", lambda c, to=who["id"]: c.params["chat_id"] == to, mark
            )
            replies[text] = reply.params["text"]
        # A handler that fails: Telegram refuses the reply.
        api.fail("sendMessage", 400, "Bad Request: chat not found")
        mark = api.mark()
        assert post_update(url, _hook_update(50, ada, "what is UNICRI"), WEBHOOK_SECRET) == 200
        api.wait_for("sendMessage", lambda c: "went wrong" in c.params.get("text", ""), mark)
        statuses: dict[str, int] = {}
        refused_ids = []
        mark = api.mark()
        for number, (name, secret) in enumerate(REFUSED.items(), 9001):
            statuses[name] = post_update(url, _hook_update(number, ADMIN, "/stats"), secret)
            refused_ids.append(number)
        assert api.quiet_for(1.0, mark, methods=("sendMessage", "sendChatAction"))
        code = process.stop()
        with sqlite3.connect(home / "state" / "bot.sqlite3") as store:
            questions = store.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
        yield Hooked(
            _aftermath(api, home, process, replies, code),
            statuses,
            tuple(refused_ids),
            questions,
        )
    finally:
        if process.process is not None and process.process.poll() is None:
            process.process.kill()
            process.process.wait()
        api.stop()


def test_a_webhook_request_without_the_right_secret_is_refused_with_403(hooked: Hooked) -> None:
    assert hooked.statuses == dict.fromkeys(REFUSED, 403)


def test_a_refused_webhook_request_is_not_processed(hooked: Hooked) -> None:
    log = hooked.aftermath.log
    # PTB saw each request, and refused it before reading its body as an update...
    missing = re.findall(r"DEBUG telegram\.ext\.Updater: Request did not include the secret", log)
    wrong = re.findall(r"DEBUG telegram\.ext\.Updater: Request had the wrong secret token", log)
    assert len(wrong) == 4 and len(missing) >= 2
    for update_id in hooked.refused_ids:
        assert f'"update_id": {update_id}' not in log and f"update_id={update_id}" not in log
    assert "Received Update with ID 1 on Webhook" in log
    # ...so nothing was answered (the fixture listened for a second), and the store holds only
    # the one question that was let in and answered.
    assert hooked.questions == 1


def test_in_webhook_mode_the_token_and_secret_are_in_no_log_reply_or_file(hooked: Hooked) -> None:
    aftermath = hooked.aftermath
    assert aftermath.exit_code == 0
    assert "AIRCOP is implemented by" in aftermath.replies["Which agencies run AIRCOP?"]
    assert "Questions" in aftermath.replies["/stats"]
    assert " DEBUG telegram." in aftermath.log and "Chat not found" in aftermath.log
    # PTB logs setWebhook's parameters at DEBUG, the secret among them: blanked.
    assert "'secret_token': '<token>'" in aftermath.log
    assert leaks(aftermath.log, TOKEN, WEBHOOK_SECRET) == []
    for text in aftermath.replies.values():
        assert leaks(text, TOKEN, WEBHOOK_SECRET) == []
    for name, data in aftermath.files.items():
        assert leaks(data, TOKEN, WEBHOOK_SECRET) == [], name


def test_in_webhook_mode_the_secret_goes_only_to_set_webhook(hooked: Hooked) -> None:
    """Telegram must be told the secret, once, in setWebhook; no other request carries it."""
    requests = [json.loads(line) for line in hooked.aftermath.requests.splitlines()]
    told = [r for r in requests if r["params"].get("secret_token") == WEBHOOK_SECRET]
    assert [r["method"] for r in told] == ["setWebhook"]
    for request in requests:
        params = {
            k: v
            for k, v in request["params"].items()
            if request["method"] != "setWebhook" or k != "secret_token"
        }
        assert leaks(json.dumps(params, ensure_ascii=False), TOKEN, WEBHOOK_SECRET) == []


# -- no file is loaded in a way that runs code ----------------------------------------------------
#
# The index is the one file qabot loads that is not text: an .npz of plain arrays and JSON,
# loaded with pickling refused. tests/test_indexing.py feeds it crafted files and checks that
# none is ever executed: test_pickle_file_in_place_of_the_index_is_never_executed,
# test_pickled_object_array_inside_the_archive_is_never_executed and
# test_crafted_json_with_python_hooks_is_never_executed. The check below keeps every other
# loader honest: no module that deserialises Python objects, no eval, no YAML loader that
# builds objects, no NumPy load that allows pickles.

PACKAGES = ("benchmarks", "bot", "corpus", "retrieval")
# Modules whose loading of a file can run code.
_UNSAFE_MODULES = {
    "pickle",
    "_pickle",
    "cPickle",
    "cloudpickle",
    "dill",
    "joblib",
    "jsonpickle",
    "marshal",
    "shelve",
    "runpy",
}
_UNSAFE_CALLS = {
    "eval",
    "exec",
    "compile",
    "__import__",
    "importlib.import_module",
    "yaml.unsafe_load",
    "yaml.unsafe_load_all",
    "yaml.full_load",
    "yaml.full_load_all",
    "pandas.read_pickle",
    "pd.read_pickle",
    "torch.load",
}
_YAML_SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}
_YAML_SAFE_NAMES = {"safe_load", "safe_load_all", "safe_dump", "dump", "YAMLError"}


def _dotted(node: ast.expr) -> str:
    """``a.b.c`` for a name or an attribute chain, else ''."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _keyword(call: ast.Call, name: str, position: int | None = None) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def unsafe_loads(source: str) -> list[tuple[int, str]]:
    """(line, what) for each way in ``source`` that loading data could run code."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, f"import {alias.name}")
                for alias in node.names
                if alias.name.split(".")[0] in _UNSAFE_MODULES
            ]
        elif isinstance(node, ast.ImportFrom) and node.module:
            root = node.module.split(".")[0]
            names = {alias.name for alias in node.names}
            if (
                root in _UNSAFE_MODULES
                or (root == "yaml" and not names <= _YAML_SAFE_NAMES | _YAML_SAFE_LOADERS)
                or (root == "numpy" and "load" in names)
            ):
                found.append((node.lineno, f"from {node.module} import {', '.join(names)}"))
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            # sqlite3's load_extension loads a shared library.
            if name in _UNSAFE_CALLS or name.endswith(".load_extension"):
                found.append((node.lineno, name))
            elif name in ("yaml.load", "yaml.load_all"):
                loader = _keyword(node, "Loader", 1)
                if loader is None or _dotted(loader).split(".")[-1] not in _YAML_SAFE_LOADERS:
                    found.append((node.lineno, f"{name} without a safe Loader"))
            elif name in ("np.load", "numpy.load"):
                allow = _keyword(node, "allow_pickle", 2)
                if not (isinstance(allow, ast.Constant) and allow.value is False):
                    found.append((node.lineno, f"{name} without allow_pickle=False"))
    return found


def test_no_package_source_loads_data_in_a_way_that_can_run_code() -> None:
    root = Path(__file__).resolve().parent.parent
    sources = [path for package in PACKAGES for path in sorted((root / package).rglob("*.py"))]
    assert len(sources) > 30
    problems = {
        f"{path.relative_to(root)}:{line}": what
        for path in sources
        for line, what in unsafe_loads(path.read_text(encoding="utf-8"))
    }
    assert problems == {}


UNSAFE_SNIPPETS = [
    "import pickle\npickle.load(f)",
    "import _pickle",
    "from pickle import loads",
    "import dill",
    "import joblib",
    "import marshal",
    "import shelve",
    "import runpy",
    "yaml.load(text)",
    "yaml.load(text, Loader=yaml.Loader)",
    "yaml.load(text, yaml.UnsafeLoader)",
    "yaml.load_all(text, Loader=yaml.FullLoader)",
    "yaml.unsafe_load(text)",
    "yaml.full_load(text)",
    "from yaml import load",
    "from yaml import Loader",
    "np.load(path)",
    "np.load(path, allow_pickle=True)",
    "numpy.load(path, mmap_mode='r', allow_pickle=flag)",
    "from numpy import load",
    "eval(text)",
    "exec(code)",
    "compile(source, 'x', 'exec')",
    "__import__(name)",
    "importlib.import_module(name)",
    "connection.load_extension('x.so')",
]
SAFE_SNIPPETS = [
    "import re\nre.compile('x')",
    "yaml.safe_load(text)",
    "yaml.load(text, Loader=yaml.BaseLoader)",
    "yaml.load(text, yaml.CSafeLoader)",
    "from yaml import safe_load, YAMLError",
    "np.load(path, allow_pickle=False)",
    "json.loads(text)",
    "'''pickle.load(f), eval(text) and yaml.load(x) in a docstring'''",
    "# pickle.load(f) in a comment",
    "model.eval()",
]


@pytest.mark.parametrize("snippet", UNSAFE_SNIPPETS)
def test_the_check_finds_each_unsafe_way_to_load(snippet: str) -> None:
    assert unsafe_loads(snippet)


@pytest.mark.parametrize("snippet", SAFE_SNIPPETS)
def test_the_check_lets_safe_loading_pass(snippet: str) -> None:
    assert unsafe_loads(snippet) == []
