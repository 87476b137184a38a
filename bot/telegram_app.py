"""The Telegram application: built here for ``qabot run`` and for the tests alike."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import re
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import handlers, inline
from bot.config import Config
from bot.lanes import LanedUpdateProcessor
from bot.logs import redact
from bot.pacing import Pace
from bot.reloading import follow, watch
from bot.service import LOADER, SERVICE, Service, prepare
from bot.state import RedisState
from corpus.errors import ConfigError
from corpus.loading import corpus_manifest
from corpus.progress import until
from retrieval.answering import Engine
from retrieval.indexing import load_or_build

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
BASE_URL_ENV = "TELEGRAM_BASE_URL"
WEBHOOK_SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"
WATCHER = "watcher"
# The task that reloads when another worker asks every worker to.
FOLLOWER = "follower"
# A threading.Event, set when the bot starts stopping: a corpus rebuild in progress gives up.
STOPPING = "stopping"
POLL_GUARD = "poll_guard"
GAVE_UP = "gave_up"
# Set by ``run_bot`` when the bot polls: then the guard watches PTB's polling task.
POLLING = "polling"
# PTB's name for the task that polls Telegram for updates.
_POLLING_TASK = "Updater:start_polling:polling_task"
# How often the guard looks for that task until it exists: a token refused at the first request
# ends it a few milliseconds after it starts, and a task that has ended is no longer listed.
_LOOK_FOR_POLLING_SECONDS = 0.001

PRIVATE_COMMANDS = [
    BotCommand("start", "What I know, with example questions"),
    BotCommand("help", "How to ask, follow-ups, groups and inline use"),
    BotCommand("sources", "The documents I answer from"),
    BotCommand("about", "Version and corpus size"),
    BotCommand("ask", "Ask a question"),
]
GROUP_COMMANDS = [
    BotCommand("ask", "Ask a question"),
    BotCommand("help", "How to ask me"),
    BotCommand("sources", "The documents I answer from"),
]
MEDIA = (
    filters.PHOTO
    | filters.Sticker.ALL
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.ANIMATION
    | filters.Document.ALL
    | filters.LOCATION
    | filters.CONTACT
)

log = logging.getLogger("qabot.bot")

# A 429 says how long to wait; waiting is better than losing the reply, a few times over.
RETRY_AFTER_TIMES = 5
# A request that fails on the way (no connection, a 5xx, a timeout) is tried again after
# waits that double from the first to the longest, for this long after the first try: long
# enough to ride out a restart of the Bot API server or a short outage.
RETRY_FIRST_WAIT = 0.5
RETRY_LONGEST_WAIT = 5.0
RETRY_FOR_SECONDS = 60.0
# Once the bot is stopping, a request still failing gets this much longer, so that a stop
# during an outage does not outlast a service manager's patience.
STOP_GRACE_SECONDS = 3.0


def token_from_environment() -> str:
    """The bot token, from ``$TELEGRAM_BOT_TOKEN`` and nowhere else."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise ConfigError(
            f"qabot run needs a bot token in ${TOKEN_ENV}. Get one from @BotFather in Telegram: "
            "send /newbot, choose a name and a username, and copy the token it replies with; "
            f"then run  {TOKEN_ENV}=<token> qabot run. "
            "To try qabot without Telegram, run  qabot chat."
        )
    return token


def base_url(config: Config) -> str:
    """The Bot API URL prefix: ``$TELEGRAM_BASE_URL``, else the config's."""
    url = os.environ.get(BASE_URL_ENV, "").strip()
    if not url:
        return config.telegram.base_url
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise ConfigError(
            f"${BASE_URL_ENV} must be the Bot API URL before <token>/<method>, "
            "such as http://127.0.0.1:8081/bot"
        )
    return url


class RetryingRateLimiter(AIORateLimiter):
    """PTB's rate limiter, which waits out a 429's ``retry_after``, with Telegram's flood limits
    kept by ``pace`` (``bot/pacing.py``), and which also retries a request that failed on the
    way there.

    Every request but getUpdates passes through it; PTB's polling loop retries getUpdates
    itself. A refusal (400, 403, 404) is final and is not retried. A timed-out request may
    have reached Telegram, so its retry can, rarely, deliver a message twice: Telegram has no
    way to send a message at most once, and a lost answer is the worse outcome.
    """

    def __init__(
        self, paced: bool = True, per_second: float = 30, per_group_minute: float = 20
    ) -> None:
        # PTB's own pacing is off: ``pace`` keeps the flood limits, in this process or, for
        # workers that share Redis, with the others. Unpaced, it keeps to none: only for a bot
        # whose messages never reach Telegram, in tests and benchmarks of the bot's own work.
        super().__init__(max_retries=RETRY_AFTER_TIMES, overall_max_rate=0, group_max_rate=0)
        self._give_up_at = float("inf")
        self._stopping = asyncio.Event()
        self.pace = Pace(per_second, per_group_minute) if paced else None

    def stop_retrying(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """From ``grace`` seconds on, fail instead of retrying: the bot is stopping."""
        self._give_up_at = min(self._give_up_at, time.monotonic() + grace)
        self._stopping.set()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        """Send the request; on a network failure, wait longer each time and send it again."""
        deadline = time.monotonic() + RETRY_FOR_SECONDS
        wait = RETRY_FIRST_WAIT
        while True:
            if self.pace is not None:
                await self.pace.wait(data)
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise
            except NetworkError as error:
                # Up to half as long again, at random: replies that failed together do not
                # all come back at the same instant.
                pause = min(wait * random.uniform(1.0, 1.5), RETRY_LONGEST_WAIT)
                if time.monotonic() + pause > min(deadline, self._give_up_at):
                    raise
                log.warning("%s failed (%s); trying again in %.1f s", endpoint, error, pause)
                await self._pause(pause)
                wait *= 2

    async def _pause(self, seconds: float) -> None:
        """Sleep, but wake at once when the bot starts stopping, to try one last time."""
        if self._stopping.is_set():
            await asyncio.sleep(seconds)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)


class _Application(Application):
    """The application, which tells the rate limiter to stop retrying and a corpus rebuild in
    progress to give up when it stops, so that it stops within a few seconds."""

    async def stop(self) -> None:
        """Stop retrying soon and stop rebuilding, then stop as PTB does: finish the updates
        in flight."""
        if isinstance(self.bot.rate_limiter, RetryingRateLimiter):
            self.bot.rate_limiter.stop_retrying()
        _stop_rebuilding(self)
        await super().stop()


def _stop_rebuilding(application: Application) -> None:
    """Make a corpus rebuild in progress give up (see ``STOPPING``)."""
    stopping: threading.Event | None = application.bot_data.get(STOPPING)
    if stopping is not None:
        stopping.set()


async def _post_init(application: Application) -> None:
    """Build the engine off the event loop, open the store, register the command menus."""
    config: Config = application.bot_data["config"]
    # The corpus as it was before loading: a change made while the index loads is then
    # still a change to the watcher.
    seen = await asyncio.to_thread(
        corpus_manifest, config.corpus.documents, (config.corpus.acronyms,)
    )
    engine, examples = await asyncio.to_thread(prepare, application.bot_data[LOADER])
    service = await Service.open(config, engine, examples, application.bot.id)
    application.bot_data[SERVICE] = service
    limiter = application.bot.rate_limiter
    paced = isinstance(limiter, RetryingRateLimiter) and limiter.pace is not None
    if isinstance(service.state, RedisState) and paced:
        limiter.pace = service.state.pace(
            config.telegram.messages_per_second, config.telegram.group_messages_per_minute
        )
    try:
        await application.bot.set_my_commands(
            PRIVATE_COMMANDS, scope=BotCommandScopeAllPrivateChats()
        )
        await application.bot.set_my_commands(GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats())
    except TelegramError as error:  # menus are a convenience; the bot answers without them
        log.warning("could not register the command menus: %s", error)
    log.info(
        "serving %d passages from %d document(s)",
        len(engine.index.passages),
        len(engine.index.documents),
    )
    application.bot_data[WATCHER] = asyncio.create_task(
        watch(service, application.bot_data[LOADER], application.bot, seen)
    )
    application.bot_data[FOLLOWER] = asyncio.create_task(
        follow(service, application.bot_data[LOADER], application.bot)
    )
    application.bot_data[POLL_GUARD] = asyncio.create_task(_stop_if_polling_gives_up(application))


async def _stop_if_polling_gives_up(application: Application) -> None:
    """Stop the bot, rather than idle without updates, when PTB's polling gives up for good:
    Telegram refused the token while the bot ran (revoked with @BotFather). The reason is kept
    in ``bot_data`` for ``run_bot`` to report, and the bot stops as it does on SIGTERM."""
    if not application.bot_data.get(POLLING):
        return  # a webhook
    while (polling := _polling_task()) is None:
        await asyncio.sleep(_LOOK_FOR_POLLING_SECONDS)
    await asyncio.wait({polling})
    if polling.cancelled() or polling.exception() is None:
        return
    application.bot_data[GAVE_UP] = polling.exception()
    with contextlib.suppress(TelegramError):  # stopping the updater raises the error again
        await application.updater.stop()
    application.stop_running()


def _polling_task() -> asyncio.Task[object] | None:
    """PTB's task that polls Telegram, while it runs."""
    return next((t for t in asyncio.all_tasks() if t.get_name() == _POLLING_TASK), None)


async def _post_shutdown(application: Application) -> None:
    """Stop watching the corpus and the polling, and close the store. A start-up build that
    is still running (the bot was stopped while starting) gives up too."""
    _stop_rebuilding(application)
    for name in (WATCHER, FOLLOWER, POLL_GUARD):
        task: asyncio.Task[None] | None = application.bot_data.get(name)
        if task is not None:
            task.cancel()
    service: Service | None = application.bot_data.get(SERVICE)
    if service is not None:
        await service.state.close()
        service.store.close()


def build_application(
    config: Config,
    token: str,
    api_url: str,
    load: Callable[[], Engine],
    request: BaseRequest | None = None,
    paced: bool = True,
) -> Application:
    """The bot, wired: ``load`` builds the engine, at start-up and on /reload. ``request``
    replaces the HTTP client, for tests that stop at the network edge; ``paced=False`` lifts
    Telegram's flood limits from the rate limiter, for tests and benchmarks whose messages
    never reach Telegram."""
    builder = ApplicationBuilder().application_class(_Application)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = (
        builder.token(token)
        .base_url(api_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                allow_sending_without_reply=True,
            )
        )
        .rate_limiter(
            RetryingRateLimiter(
                paced,
                config.telegram.messages_per_second,
                config.telegram.group_messages_per_minute,
            )
        )
        .concurrent_updates(LanedUpdateProcessor())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data["config"] = config
    application.bot_data[LOADER] = load

    # New messages only, and not the bot's own inline answers that a user sends into a chat.
    new_messages = filters.UpdateType.MESSAGE & ~filters.VIA_BOT
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    addressed = handlers.AddressedToBot()
    text = filters.TEXT & ~filters.COMMAND
    application.add_handler(TypeHandler(Update, handlers.gate), group=-1)
    for name, callback in (
        ("start", handlers.start),
        ("help", handlers.help_command),
        ("sources", handlers.sources),
        ("about", handlers.about),
        ("ask", handlers.ask_command),
        ("stats", handlers.stats),
        ("reload", handlers.reload),
    ):
        application.add_handler(CommandHandler(name, callback, filters=new_messages))
    application.add_handler(MessageHandler(new_messages & private & text, handlers.private_text))
    application.add_handler(
        MessageHandler(new_messages & groups & text & addressed, handlers.group_text)
    )
    application.add_handler(MessageHandler(new_messages & private & MEDIA, handlers.not_text))
    application.add_handler(
        MessageHandler(new_messages & groups & MEDIA & addressed, handlers.not_text)
    )
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(InlineQueryHandler(inline.inline_query))
    application.add_error_handler(handlers.error_handler)
    return application


# The updates the bot handles; Telegram need not send the others (reactions, member changes).
UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


@dataclass(frozen=True)
class Webhook:
    """Where Telegram sends updates in webhook mode.

    Attributes:
        url: the public URL registered with Telegram; its path is served.
        listen: the address the bot's web server binds.
        port: the port it binds.
        secret: the token Telegram sends back in ``X-Telegram-Bot-Api-Secret-Token``.
    """

    url: str
    listen: str
    port: int
    secret: str


def webhook_secret_from_environment() -> str:
    """The webhook secret, from ``$TELEGRAM_WEBHOOK_SECRET``, in the form Telegram accepts."""
    secret = os.environ.get(WEBHOOK_SECRET_ENV, "").strip()
    if not _WEBHOOK_SECRET.fullmatch(secret):
        raise ConfigError(
            f"webhook mode needs a secret in ${WEBHOOK_SECRET_ENV}: 1 to 256 characters of "
            "A-Z, a-z, 0-9, _ and -. Telegram sends it with every update, and requests without "
            "it are refused."
        )
    return secret


def application_for(config: Config, token: str) -> Application:
    """The bot's application for ``qabot run`` and ``qabot serve``: the engine built from the
    configured corpus, a rebuild giving up when the bot stops."""
    # The process waits for the threads it started: a rebuild of a large corpus must not
    # keep a stopping bot alive for minutes.
    stopping = threading.Event()
    application = build_application(
        config,
        token,
        base_url(config),
        lambda: Engine(load_or_build(config.corpus, until(stopping)), config.answers),
    )
    application.bot_data[STOPPING] = stopping
    return application


@contextlib.contextmanager
def telegram_errors(api_url: str, secrets: tuple[str, ...]) -> Iterator[None]:
    """Telegram's refusals at start-up as one-line ``ConfigError``s, with no secret in them."""
    try:
        yield
    except InvalidToken:  # its message quotes the token
        raise ConfigError(
            f"the Bot API at {api_url} refused the token in ${TOKEN_ENV}; check it with "
            "@BotFather (/mybots, then API Token)"
        ) from None
    except NetworkError as error:
        raise ConfigError(
            f"cannot reach the Bot API at {api_url}: {redact(str(error), secrets)}"
        ) from None
    except TelegramError as error:  # refused at start-up (403, 409): one line, no traceback
        raise ConfigError(
            f"the Bot API at {api_url} refused to start the bot: {redact(str(error), secrets)}"
        ) from None


def run_bot(config: Config, token: str, webhook: Webhook | None = None) -> None:
    """Run the bot until it is stopped: long polling, or the webhook."""
    application = application_for(config, token)
    secrets = (token, webhook.secret if webhook else "")
    with telegram_errors(base_url(config), secrets):
        if webhook is None:
            application.bot_data[POLLING] = True
            application.run_polling(timeout=config.telegram.poll_timeout, allowed_updates=UPDATES)
            if GAVE_UP in application.bot_data:
                raise application.bot_data[GAVE_UP]
        else:
            application.run_webhook(
                listen=webhook.listen,
                port=webhook.port,
                url_path=urlsplit(webhook.url).path.lstrip("/"),
                webhook_url=webhook.url,
                secret_token=webhook.secret,
                allowed_updates=UPDATES,
            )
