"""The bot's webhook, registered once per deployment (``qabot webhook``), for the workers that
``qabot serve`` runs behind a reverse proxy."""

from __future__ import annotations

from urllib.parse import urlsplit

from telegram import Bot

from bot.telegram_app import UPDATES
from corpus.errors import ConfigError


def bot_for(token: str, api_url: str) -> Bot:
    """A bot client for one command; use it as ``async with``."""
    return Bot(token, base_url=api_url)


def check_url(url: str) -> None:
    """A ``ConfigError`` unless ``url`` is an http(s) URL with a host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"the webhook URL must be an http(s) URL: {url!r}")


async def set_webhook(
    bot: Bot, url: str, secret: str, max_connections: int, drop_pending: bool
) -> str:
    """Send the bot's updates to ``url`` (``check_url``), with the secret token ``secret``."""
    await bot.set_webhook(
        url,
        secret_token=secret,
        allowed_updates=UPDATES,
        max_connections=max_connections,
        drop_pending_updates=drop_pending,
    )
    return f"updates now go to {url}, with the secret token"


async def delete_webhook(bot: Bot, drop_pending: bool) -> str:
    """Stop sending updates to the webhook."""
    await bot.delete_webhook(drop_pending_updates=drop_pending)
    return "no webhook: updates wait for `qabot run` to poll them"


async def webhook_info(bot: Bot) -> str:
    """Where updates go, how many wait, and the last error in delivering them."""
    info = await bot.get_webhook_info()
    lines = [
        f"url: {info.url or '(none: polling)'}",
        f"pending updates: {info.pending_update_count}",
        f"max connections: {info.max_connections or '-'}",
        f"allowed updates: {', '.join(info.allowed_updates or ()) or '(all)'}",
    ]
    if info.last_error_date:
        lines.append(
            f"last error: {info.last_error_date:%Y-%m-%d %H:%M:%S} {info.last_error_message}"
        )
    return "\n".join(lines)
