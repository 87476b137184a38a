"""The Telegram handlers: each one takes an update, asks the engine, and replies.

They stay short; the answering is the engine's, the formatting ``telegram_html``'s.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
import zlib
from collections.abc import Awaitable, Callable
from importlib.metadata import PackageNotFoundError, version
from typing import TypeVar

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes, filters

from bot.callbacks import Action, Press, decode, encode
from bot.databases import STORE_ERRORS
from bot.reloading import reload_now
from bot.service import LOADER, SERVICE, Service
from bot.store import AnswerRecord
from bot.telegram_html import (
    MAX_LINE,
    answer_html,
    escape,
    lines_html,
    link,
    plain_fallback,
    section_html,
)
from corpus.errors import QuestionError
from retrieval.answering import Answer
from retrieval.conversation import Conversation

log = logging.getLogger("qabot.bot")

# Titles /start names; /sources lists the rest, this many to a page.
START_TITLES = 5
SOURCES_PER_PAGE = 20
# Buttons outlive conversations, but not forever: older presses get "ask again".
BUTTON_LIFETIME_SECONDS = 30 * 24 * 3600
ASK_AS_TEXT = "Please send me your question as text."
NOT_ALLOWED = "Sorry, this bot is private. Ask its owner to let you in."
ADMINS_ONLY = "Sorry, that command is for the bot's admins."
SLOW_DOWN = "You're asking faster than I can keep up — please wait a moment and ask again."
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
TOO_OLD = "That answer is too old. Please ask again."
FORGED = "Sorry, that button doesn't work. Please ask again."
# Telegram's words when it refuses a message's markup or length: the cases a plain-text
# copy of the same message can fix.
_FIXABLE_BY_PLAIN_TEXT = ("can't parse entities", "message is too long", "entities")

HELP = """<b>How to ask</b>
Send a question in your own words: “Which agencies run AIRCOP?”. Acronyms, long names and \
typos are fine. Every passage comes with its source.

<b>Follow-ups</b>
After an answer, ask “And CRIMJUST?” or “who runs it?”, and I read it in the light of your \
last question. Send “more”, or press <i>More</i>, for further passages; <i>Full section</i> \
shows the whole section; 👍 and 👎 tell the maintainers how the answer did.

<b>In groups</b>
Mention me (@{username} your question), reply to one of my messages, or use /ask your question. \
I stay quiet otherwise.

<b>Anywhere</b>
Type @{username} and a question in any chat to pick a cited answer to send there.

/sources lists the documents I know, /about says what I am."""

# A Telegram @username: 5 to 32 letters, digits and underscores.
_USERNAME = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}\b")

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


def service_of(context: ContextTypes.DEFAULT_TYPE) -> Service:
    """The service that ``post_init`` put into ``bot_data``."""
    return context.bot_data[SERVICE]


def help_text(bot: Bot) -> str:
    """/help, with the bot's own username."""
    return HELP.format(username=escape(bot.username))


def _version() -> str:
    try:
        return version("qabot")
    except PackageNotFoundError:
        return "unknown"


def entity_text(text: str, entity: MessageEntity) -> str:
    """The part of ``text`` that an entity covers, its offsets counted in UTF-16 code units.

    PTB's ``parse_entities`` raises on a lone surrogate in the text, or on an entity that
    splits a surrogate pair; with ``surrogatepass`` such text stays text, and no update can
    make the filter below crash.
    """
    units = text.encode("utf-16-le", "surrogatepass")
    piece = units[entity.offset * 2 : (entity.offset + entity.length) * 2]
    return piece.decode("utf-16-le", "surrogatepass")


class AddressedToBot(filters.MessageFilter):
    """A group message that mentions this bot, by username or by name, or replies to one of
    its messages. Captions count, so a captioned photo is addressed too."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        name = f"@{bot.username}".casefold()
        for text, entities in (
            (message.text, message.entities),
            (message.caption, message.caption_entities),
        ):
            for entity in entities:
                if entity.type == MessageEntity.MENTION and text:
                    if entity_text(text, entity).casefold() == name:
                        return True
                elif (
                    entity.type == MessageEntity.TEXT_MENTION
                    and entity.user
                    and entity.user.id == bot.id
                ):
                    return True
        replied = message.reply_to_message
        return (
            replied is not None and replied.from_user is not None and replied.from_user.id == bot.id
        )


def strip_mentions(text: str) -> str:
    """The question without @usernames, the bot's or anyone's: they address people, they are
    not what the question is about."""
    return " ".join(_USERNAME.sub(" ", text).split())


def admins_only(handler: Handler) -> Handler:
    """Run ``handler`` for the config's admins; tell anyone else it is not for them."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if not service_of(context).is_admin(user.id if user else None):
            await update.effective_message.reply_text(ADMINS_ONLY)
            return
        await handler(update, context)

    return guarded


def buttons(service: Service, answer_id: int) -> InlineKeyboardMarkup:
    """More, Full section, 👍 and 👎 under an answer."""

    def button(text: str, action: Action) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text, callback_data=encode(action, answer_id, service.store.secret)
        )

    return InlineKeyboardMarkup(
        [
            [button("More", Action.MORE), button("Full section", Action.SECTION)],
            [button("👍", Action.HELPFUL), button("👎", Action.UNHELPFUL)],
        ]
    )


async def send_html(
    bot: Bot,
    chat_id: int,
    reply_to: int | None,
    markup: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """Send HTML, as a reply to ``reply_to`` if it still exists; if Telegram refuses the
    markup or the length, send the same text without markup."""
    reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
    try:
        await bot.send_message(chat_id, markup, reply_markup=keyboard, reply_parameters=reply)
    except BadRequest as error:
        if not any(words in error.message.casefold() for words in _FIXABLE_BY_PLAIN_TEXT):
            raise
        log.warning("HTML reply refused (%s); sending plain text", error.message)
        await bot.send_message(
            chat_id,
            plain_fallback(markup),
            reply_markup=keyboard,
            reply_parameters=reply,
            parse_mode=None,
        )


def _asker(update: Update) -> int | None:
    """Who a question counts against: its user, or its chat when it has no user."""
    user, chat = update.effective_user, update.effective_chat
    return user.id if user else chat.id if chat else None


async def reply_with_answer(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str
) -> None:
    """Answer a question in its chat's conversation, with buttons, and log it."""
    service = service_of(context)
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    if not await service.state.allow(_asker(update)):
        await message.reply_text(SLOW_DOWN, do_quote=True)
        return
    started = time.monotonic()
    async with service.state.chat_lock(chat.id):
        before = await service.state.conversation(chat.id, message.message_id)
        asking = asyncio.ensure_future(
            asyncio.to_thread(service.engine.ask, question, before, time.time())
        )
        # Most answers take milliseconds: "typing…" would cost a round trip to Telegram
        # and show nothing. Only a slow one gets it.
        done, _ = await asyncio.wait({asking}, timeout=service.config.telegram.typing_after_seconds)
        if not done:
            await _typing(context.bot, chat.id)
        try:
            answer, after = await asking
        except QuestionError as error:
            await message.reply_text(f"I can't search for that: {error}.", do_quote=True)
            return
        await service.state.save_conversation(chat.id, after, message.message_id, before)
    await _send_answer(service, context.bot, chat.id, message.message_id, answer, after)
    log_question(service, chat.type, update, answer, time.monotonic() - started)


async def _typing(bot: Bot, chat_id: int) -> None:
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
    except TelegramError as error:  # "typing…" is a courtesy; the answer matters
        log.debug("no typing indicator: %s", error)


async def _send_answer(
    service: Service,
    bot: Bot,
    chat_id: int,
    reply_to: int | None,
    answer: Answer,
    after: Conversation,
    question: str | None = None,
) -> None:
    """Send an answer, with buttons when it has passages; ``question`` is what the user asked,
    when the answer continues an earlier one."""
    keyboard = None
    if answer.hits and after.question is not None:
        answer_id = _stored(
            "the answer",
            service.store.remember_answer,
            chat_id,
            question or answer.question,
            after.question,
            after.shown,
            answer.hits[0].passage.id,
        )
        # Without a stored answer the buttons would have nothing to act on.
        keyboard = buttons(service, answer_id) if answer_id is not None else None
    await send_html(bot, chat_id, reply_to, answer_html(answer), keyboard)


T = TypeVar("T")


def _stored(what: str, write: Callable[..., T], *args: object) -> T | None:
    """A write to the store, or None when the store cannot take it (a full or read-only disk):
    the user still gets the answer, and the log says what was not kept."""
    try:
        return write(*args)
    except STORE_ERRORS as error:
        log.warning("could not store %s: %s", what, error)
        return None


def log_question(
    service: Service, chat_type: str, update: Update, answer: Answer, seconds: float
) -> None:
    top = answer.hits[0] if answer.hits else None
    answered = not answer.no_answer
    text = f" text={answer.question!r}" if service.config.telegram.log_question_text else ""
    log.info("question chat=%s answered=%s seconds=%.3f%s", chat_type, answered, seconds, text)
    if answer.note is not None:
        return  # small talk, or "more" past the last passage: no question the corpus missed
    user = update.effective_user
    _stored(
        "the question",
        service.store.log_question,
        chat_type,
        user.id if user else None,
        answer.question,
        answered,
        top.passage.id if top else None,
        top.score if top else None,
        seconds,
    )


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let only allowed chats and users through, telling the others politely."""
    service = service_of(context)
    chat, user = update.effective_chat, update.effective_user
    if service.allows(chat.id if chat else None, user.id if user else None):
        return
    if update.callback_query:
        await update.callback_query.answer(NOT_ALLOWED, show_alert=True)
    elif update.inline_query:
        refusal = article("private", NOT_ALLOWED, "", escape(NOT_ALLOWED))
        await update.inline_query.answer([refusal], cache_time=0, is_personal=True)
    elif update.message and chat and chat.type == ChatType.PRIVATE:
        await update.message.reply_text(NOT_ALLOWED)
    raise ApplicationHandlerStop


def example_number(question: str) -> int:
    """The number an example question's button carries: a hash of the question, so that an
    old button never asks a different question after the examples change."""
    return zlib.crc32(question.encode())


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, say what the bot knows in a few titles, and offer example questions as buttons."""
    service = service_of(context)
    documents = service.engine.index.documents
    titles = [f"• {escape(d.title)}" for d in documents[:START_TITLES]]
    if len(documents) > START_TITLES:
        titles.append(f"… and {len(documents) - START_TITLES} more: /sources lists them all.")
    head = (
        f"Hello! I answer questions from {len(documents)} document(s), such as:"
        if documents
        else "Hello! I have no documents yet."
    )
    text = lines_html(head, titles)
    hint = (
        "\n\nAsk in your own words, and I reply with the passages that answer you, each with "
        "its source. Try one of these, or /help:"
    )
    secret = service.store.secret
    rows = [
        [InlineKeyboardButton(q, callback_data=encode(Action.EXAMPLE, example_number(q), secret))]
        for q in service.examples
    ]
    await update.effective_message.reply_html(
        lines_html(text + hint, []), reply_markup=InlineKeyboardMarkup(rows)
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain asking, follow-ups, "more", groups and inline use."""
    await update.effective_message.reply_html(help_text(context.bot))


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the documents with their links, a page at a time."""
    text, keyboard = sources_page(service_of(context), 0)
    await update.effective_message.reply_html(text, reply_markup=keyboard)


def sources_page(service: Service, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    """A page of /sources, and the buttons that turn to the pages beside it."""
    documents = service.engine.index.documents
    pages = max(1, -(-len(documents) // SOURCES_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = documents[page * SOURCES_PER_PAGE : (page + 1) * SOURCES_PER_PAGE]
    lines = [f"• {link(d.title, d.url)}" for d in shown] or ["The corpus is empty."]
    head = "<b>Sources</b>" + (f" (page {page + 1} of {pages})" if pages > 1 else "")
    secret = service.store.secret
    turns = [
        InlineKeyboardButton(label, callback_data=encode(Action.SOURCES, number, secret))
        for label, number in (("‹ Previous", page - 1), ("Next ›", page + 1))
        if 0 <= number < pages
    ]
    return lines_html(head, lines), InlineKeyboardMarkup([turns]) if turns else None


async def _turn_sources(update: Update, context: ContextTypes.DEFAULT_TYPE, page: int) -> None:
    """Show another page of /sources in the message whose button was pressed."""
    query = update.callback_query
    text, keyboard = sources_page(service_of(context), page)
    await query.answer()
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard)
    except BadRequest as error:
        log.info("could not turn the page of /sources: %s", error)


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Give the version and the size of the corpus."""
    index = service_of(context).engine.index
    await update.effective_message.reply_html(
        f"qabot {escape(_version())}: answers from {len(index.documents)} document(s), "
        f"{len(index.passages)} passages, every one cited. No language model: what you read "
        "is the documents' own text."
    )


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer /ask QUESTION, in groups and private chats alike."""
    question = strip_mentions(" ".join(context.args or []))
    if not question:
        await update.effective_message.reply_text("Ask like this: /ask Which agencies run AIRCOP?")
        return
    await reply_with_answer(update, context, question)


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a question sent in a private chat."""
    await reply_with_answer(update, context, strip_mentions(update.effective_message.text))


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a group message that mentions the bot or replies to it."""
    question = strip_mentions(update.effective_message.text)
    if not question:
        await update.effective_message.reply_text("Yes? Ask me a question.", do_quote=True)
        return
    await reply_with_answer(update, context, question)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask for text when someone sends a photo, a sticker, a voice message or a file."""
    await update.effective_message.reply_text(ASK_AS_TEXT, do_quote=True)


@admins_only
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Report questions, the unanswered share and feedback, to admins only."""
    service = service_of(context)
    figures = service.store.stats()
    share = figures.unanswered / figures.questions if figures.questions else 0.0
    index = service.engine.index
    await update.effective_message.reply_html(
        f"<b>Questions</b>: {figures.questions}\n"
        f"<b>Unanswered</b>: {figures.unanswered} ({share:.0%})\n"
        f"<b>Feedback</b>: 👍 {figures.helpful} · 👎 {figures.unhelpful}\n"
        f"<b>Corpus</b>: {len(index.documents)} document(s), {len(index.passages)} passages"
        + (
            f"\n<b>Last reload failed</b> {escape(service.reload_error[:MAX_LINE])}"
            if service.reload_error
            else ""
        )
    )


@admins_only
async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Rebuild the index from the corpus and serve from it, for admins only."""
    service, user = service_of(context), update.effective_user
    await reload_now(service, context.bot_data[LOADER], context.bot, user.id if user else None)
    await service.state.announce_reload()  # and every other worker of the bot reloads too
    index = service.engine.index
    # The error names a file, which may hold "<" or "&", and may be long.
    status = (
        f"Reload failed, still serving the old index: {service.reload_error[:MAX_LINE]}"
        if service.reload_error
        else "Reloaded"
    )
    await update.effective_message.reply_html(
        escape(f"{status}: {len(index.documents)} document(s), {len(index.passages)} passages.")
    )


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handle a press on More, Full section, 👍, 👎 or an example question."""
    service, query = service_of(context), update.callback_query
    press = decode(query.data, service.store.secret)
    if press is None:
        await query.answer(FORGED, show_alert=True)
    elif press.action is Action.EXAMPLE:
        await _example(update, context, press)
    elif press.action is Action.SOURCES:
        await _turn_sources(update, context, press.number)
    elif query.message is None:
        await query.answer("That button only works in a chat with me.")
    else:
        record = service.store.answer(press.number)
        if record is None or record.chat != service.store.hashed(query.message.chat.id):
            await query.answer(FORGED, show_alert=True)
        elif time.time() - record.created > BUTTON_LIFETIME_SECONDS:
            await query.answer(TOO_OLD, show_alert=True)
        elif press.action in (Action.HELPFUL, Action.UNHELPFUL):
            helpful = press.action is Action.HELPFUL
            new = service.store.record_feedback(record, query.from_user.id, helpful)
            await query.answer("Thanks, noted!" if new else "You already told me, thanks.")
        elif not service.store.first_press(record.id, press.action.value):
            await query.answer("Already shown below.")
        elif press.action is Action.SECTION:
            await query.answer()
            markup = _section_of(service, record.top_passage)
            await send_html(context.bot, query.message.chat.id, query.message.message_id, markup)
        else:
            await _more(update, context, record)


async def _example(update: Update, context: ContextTypes.DEFAULT_TYPE, press: Press) -> None:
    """Ask the example question that a /start button stands for."""
    service, query = service_of(context), update.callback_query
    question = next((q for q in service.examples if example_number(q) == press.number), None)
    if question is None:
        await query.answer("That example has changed. Please tap /start again.")
        return
    await query.answer()
    await reply_with_answer(update, context, question)


async def _more(update: Update, context: ContextTypes.DEFAULT_TYPE, record: AnswerRecord) -> None:
    """Send the passages after those an answer showed, with buttons that go on from there.

    If the chat is still on that question, typing "more" afterwards goes on from here too.
    """
    service, query, now = service_of(context), update.callback_query, time.time()
    if not await service.state.allow(_asker(update)):
        await query.answer(SLOW_DOWN)
        return
    state = Conversation(record.understood, record.shown, now)
    answer, after = await asyncio.to_thread(service.engine.ask, "more", state, now)
    await query.answer(None if answer.hits else "There are no more passages for that question.")
    if not answer.hits:
        return
    chat_id = query.message.chat.id
    async with service.state.chat_lock(chat_id):
        if (await service.state.conversation(chat_id)).question == record.understood:
            await service.state.save_conversation(chat_id, after)
    await _send_answer(
        service, context.bot, chat_id, query.message.message_id, answer, after, record.question
    )


def _section_of(service: Service, passage_id: str | None) -> str:
    return section_html(service.engine.section_of(passage_id))


def article(result_id: str, title: str, description: str, markup: str) -> InlineQueryResultArticle:
    """An inline result: a titled, described message, sent as HTML when picked."""
    return InlineQueryResultArticle(
        id=result_id,
        title=title[:100],
        description=description[:200],
        input_message_content=InputTextMessageContent(markup),
    )


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error, then apologise to the user; the bot keeps running.

    A network failure with no update is PTB's polling failing to reach the Bot API, which it
    retries on its own: one warning line each time, not an error with a traceback, or an
    outage of a minute fills the log with tracebacks that say nothing new.
    """
    if update is None and isinstance(context.error, NetworkError):
        log.warning("cannot reach the Bot API to fetch updates (%s); retrying", context.error)
        return
    where = "no update"
    if isinstance(update, Update):
        chat = update.effective_chat
        kind = next(
            (k for k in ("message", "callback_query", "inline_query") if getattr(update, k)),
            "other",
        )
        where = f"update {update.update_id} ({kind}, {chat.type if chat else 'no chat'})"
    log.error("error while handling %s", where, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, escape(APOLOGY))
        except TelegramError:  # the apology is a courtesy; failing to send it must not loop
            log.warning("could not send the apology", exc_info=True)
