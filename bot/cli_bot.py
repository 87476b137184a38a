"""The ``qabot`` commands that run the Telegram bot: ``run`` (one process), ``serve`` (one
webhook worker of several) and ``webhook`` (register the webhook once per deployment).

The bot's modules are imported when a command runs: ``qabot ask`` needs none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from telegram import Bot

    from bot.cli import State


@click.command()
@click.option("--webhook-url", help="Receive updates by webhook at this public URL.")
@click.option("--listen", default="127.0.0.1", show_default=True, help="Webhook: address to bind.")
@click.option("--port", default=8443, show_default=True, type=int, help="Webhook: port to bind.")
@click.pass_obj
def run(state: State, webhook_url: str | None, listen: str, port: int) -> None:
    """Run the Telegram bot: long polling, or a webhook with --webhook-url.

    The token comes from $TELEGRAM_BOT_TOKEN; $TELEGRAM_BASE_URL overrides telegram.base_url;
    a webhook also needs $TELEGRAM_WEBHOOK_SECRET.

    Examples:

        TELEGRAM_BOT_TOKEN=123456:ABC... qabot run

        qabot run --webhook-url https://bot.example.org/qabot --listen 127.0.0.1 --port 8443
    """
    from bot.telegram_app import (
        Webhook,
        run_bot,
        token_from_environment,
        webhook_secret_from_environment,
    )

    token = token_from_environment()
    secret = webhook_secret_from_environment() if webhook_url else None
    config = state.load_config(secrets=(token, secret or ""))
    webhook = Webhook(webhook_url, listen, port, secret) if webhook_url and secret else None
    run_bot(config, token, webhook)


@click.command()
@click.option("--listen", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8443, show_default=True, type=click.IntRange(1, 65535))
@click.option("--path", default="/telegram", show_default=True, help="URL path of the updates.")
@click.pass_obj
def serve(state: State, listen: str, port: int, path: str) -> None:
    """Run one webhook worker, one of several behind a reverse proxy.

    It answers the updates POSTed to --path that carry $TELEGRAM_WEBHOOK_SECRET, and does not
    register the webhook: `qabot webhook set` does, once. With state.redis_url (or
    $QABOT_REDIS_URL) set, every worker shares conversations, handled updates and allowances.

    Example:

        qabot serve --listen 127.0.0.1 --port 8081
    """
    from bot.telegram_app import token_from_environment, webhook_secret_from_environment
    from bot.worker import Listen
    from bot.worker import serve as serve_worker

    token = token_from_environment()
    secret = webhook_secret_from_environment()
    config = state.load_config(secrets=(token, secret))
    serve_worker(config, token, Listen(listen, port, path, secret))


@click.group()
def webhook() -> None:
    """Register, remove or show the bot's webhook: once per deployment, not per worker."""


@webhook.command(name="set")
@click.argument("url")
@click.option("--max-connections", default=40, show_default=True, type=click.IntRange(1, 100))
@click.option("--drop-pending", is_flag=True, help="Drop the updates waiting to be sent.")
@click.pass_obj
def webhook_set(state: State, url: str, max_connections: int, drop_pending: bool) -> None:
    """Send the bot's updates to URL, with $TELEGRAM_WEBHOOK_SECRET.

    Example:

        qabot webhook set https://bot.example.org/telegram
    """
    from bot.telegram_app import webhook_secret_from_environment
    from bot.webhooks import check_url, set_webhook

    check_url(url)
    secret = webhook_secret_from_environment()
    _with_bot(state, lambda bot: set_webhook(bot, url, secret, max_connections, drop_pending))


@webhook.command(name="delete")
@click.option("--drop-pending", is_flag=True, help="Drop the updates waiting to be sent.")
@click.pass_obj
def webhook_delete(state: State, drop_pending: bool) -> None:
    """Stop sending updates to the webhook (for `qabot run` with polling)."""
    from bot.webhooks import delete_webhook

    _with_bot(state, lambda bot: delete_webhook(bot, drop_pending))


@webhook.command(name="info")
@click.pass_obj
def webhook_info(state: State) -> None:
    """Show where updates go, how many wait, and the last delivery error."""
    from bot.webhooks import webhook_info as info

    _with_bot(state, info)


def _with_bot(state: State, act: Callable[[Bot], Awaitable[str]]) -> None:
    """Run ``act(bot)`` with the configured Bot API and print what it returns."""
    import asyncio

    from bot.telegram_app import base_url, telegram_errors, token_from_environment
    from bot.webhooks import bot_for

    token = token_from_environment()
    config = state.load_config(secrets=(token,))
    api_url = base_url(config)

    async def main() -> str:
        async with bot_for(token, api_url) as bot:
            return await act(bot)

    with telegram_errors(api_url, (token,)):
        click.echo(asyncio.run(main()))
