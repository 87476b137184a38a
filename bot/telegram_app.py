"""The Telegram application: built here for ``qabot run`` and for the tests alike."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
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

from bot import handlers
from bot.config import Config
from bot.service import LOADER, SERVICE, Service
from corpus.errors import ConfigError
from retrieval.answering import Engine

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
BASE_URL_ENV = "TELEGRAM_BASE_URL"
WEBHOOK_SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"

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
NOT_TEXT = (
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
    return os.environ.get(BASE_URL_ENV, "").strip() or config.telegram.base_url


def _file_url(api_url: str) -> str:
    # Telegram serves files under /file/bot<token>/ beside /bot<token>/.
    return api_url[: -len("bot")] + "file/bot" if api_url.endswith("/bot") else api_url


async def _post_init(application: Application) -> None:
    """Build the engine off the event loop, open the store, register the command menus."""
    config: Config = application.bot_data["config"]
    engine = await asyncio.to_thread(application.bot_data[LOADER])
    application.bot_data[SERVICE] = Service.start(config, engine)
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


async def _post_shutdown(application: Application) -> None:
    """Close the store."""
    service: Service | None = application.bot_data.get(SERVICE)
    if service is not None:
        service.store.close()


def build_application(
    config: Config,
    token: str,
    api_url: str,
    load: Callable[[], Engine],
    request: BaseRequest | None = None,
) -> Application:
    """The bot, wired: ``load`` builds the engine, at start-up and on /reload. ``request``
    replaces the HTTP client, for tests that stop at the network edge."""
    builder = ApplicationBuilder()
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = (
        builder.token(token)
        .base_url(api_url)
        .base_file_url(_file_url(api_url))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(AIORateLimiter())
        .concurrent_updates(True)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data["config"] = config
    application.bot_data[LOADER] = load

    new_messages = filters.UpdateType.MESSAGE
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
    application.add_handler(MessageHandler(new_messages & private & NOT_TEXT, handlers.not_text))
    application.add_handler(
        MessageHandler(new_messages & groups & NOT_TEXT & addressed, handlers.not_text)
    )
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(InlineQueryHandler(handlers.inline_query))
    application.add_error_handler(handlers.error_handler)
    return application
