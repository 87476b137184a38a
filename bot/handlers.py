"""The Telegram handlers: each one takes an update, asks the engine, and replies.

They stay short; the answering is the engine's, the formatting ``telegram_html``'s.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
from importlib.metadata import PackageNotFoundError, version

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    MaybeInaccessibleMessage,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes, filters

from bot.callbacks import Action, decode, encode
from bot.rendering import NO_ANSWER, covered_line
from bot.service import LOADER, SERVICE, Service
from bot.store import AnswerRecord
from bot.telegram_html import (
    answer_html,
    escape,
    hit_html,
    link,
    plain_fallback,
    section_html,
)
from corpus.errors import QuestionError
from retrieval.answering import Answer
from retrieval.conversation import Conversation

log = logging.getLogger("qabot.bot")

MIN_INLINE_CHARS = 3
NOT_TEXT = "Please send me your question as text."
NOT_ALLOWED = "Sorry, this bot is private. Ask its owner to let you in."
ADMINS_ONLY = "Sorry, that command is for the bot's admins."
SLOW_DOWN = "You're asking faster than I can keep up — please wait a moment and ask again."
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."

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


def service_of(context: ContextTypes.DEFAULT_TYPE) -> Service:
    """The service that ``post_init`` put into ``bot_data``."""
    return context.bot_data[SERVICE]


def _version() -> str:
    try:
        return version("qabot")
    except PackageNotFoundError:
        return "unknown"


class AddressedToBot(filters.MessageFilter):
    """A group message that mentions the bot or replies to one of its messages."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        mentioned = bool(message.text) and f"@{bot.username}".casefold() in message.text.casefold()
        replied = message.reply_to_message is not None and (
            message.reply_to_message.from_user is not None
            and message.reply_to_message.from_user.id == bot.id
        )
        return mentioned or replied


# A Telegram @username: 5 to 32 letters, digits and underscores.
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}\b")


def strip_mentions(text: str) -> str:
    """The question without @usernames, the bot's or anyone's: they address people, they are
    not what the question is about."""
    return " ".join(_MENTION.sub(" ", text).split())


def buttons(service: Service, answer_id: int) -> InlineKeyboardMarkup:
    """More, Full section, 👍 and 👎 under an answer."""
    secret = service.store.secret

    def button(text: str, action: Action) -> InlineKeyboardButton:
        return InlineKeyboardButton(text, callback_data=encode(action, answer_id, secret))

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
    """Send HTML, as a reply to ``reply_to`` when it still exists; if Telegram refuses the
    markup, send the same text without it."""
    reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
    try:
        await bot.send_message(chat_id, markup, reply_markup=keyboard, reply_parameters=reply)
    except BadRequest as error:
        log.warning("HTML reply refused (%s); sending plain text", error.message)
        await bot.send_message(
            chat_id,
            plain_fallback(markup),
            reply_markup=keyboard,
            reply_parameters=reply,
            parse_mode=None,
        )


async def reply_with_answer(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str
) -> None:
    """Answer a question in its chat's conversation, with buttons, and log it."""
    service = service_of(context)
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or message is None:
        return
    if user is not None and not service.rate_limit.allow(user.id):
        await message.reply_text(SLOW_DOWN, do_quote=True)
        return
    started = time.monotonic()
    async with service.lock(chat.id):
        try:
            await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
        except TelegramError as error:  # "typing…" is a courtesy; the answer matters
            log.debug("no typing indicator: %s", error)
        engine = service.engine
        try:
            answer, after = await asyncio.to_thread(
                engine.ask, question, service.store.conversation(chat.id), time.time()
            )
        except QuestionError as error:
            await message.reply_text(f"I can't search for that: {error}.", do_quote=True)
            return
        service.store.save_conversation(chat.id, after)
    await _send_answer(service, message, chat.id, answer, after)
    _log_question(service, chat.type, user.id if user else None, answer, time.monotonic() - started)


async def _send_answer(
    service: Service,
    message: MaybeInaccessibleMessage,
    chat_id: int,
    answer: Answer,
    after: Conversation,
    question: str | None = None,
) -> None:
    """Send an answer, with buttons when it has passages; ``question`` is what the user asked,
    when the answer continues an earlier one."""
    markup = None
    if answer.hits and after.question is not None:
        answer_id = service.store.remember_answer(
            chat_id,
            question or answer.question,
            after.question,
            after.shown,
            answer.hits[0].passage.id,
        )
        markup = buttons(service, answer_id)
    await send_html(message.get_bot(), chat_id, message.message_id, answer_html(answer), markup)


def _log_question(
    service: Service, chat_type: str, user_id: int | None, answer: Answer, seconds: float
) -> None:
    top = answer.hits[0] if answer.hits else None
    answered = not answer.no_answer
    if service.config.telegram.log_question_text:
        log.info(
            "question chat=%s answered=%s seconds=%.3f text=%r",
            chat_type,
            answered,
            seconds,
            answer.question,
        )
    else:
        log.info("question chat=%s answered=%s seconds=%.3f", chat_type, answered, seconds)
    service.store.log_question(
        chat_type,
        user_id,
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
        await update.inline_query.answer([], cache_time=0, is_personal=True)
    elif update.message and chat and chat.type == ChatType.PRIVATE:
        await update.message.reply_text(NOT_ALLOWED)
    raise ApplicationHandlerStop


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, say what the bot knows, and offer example questions as buttons."""
    service = service_of(context)
    titles = "; ".join(f"“{escape(t)}”" for t in service.engine.titles) or "nothing yet"
    text = (
        f"Hello! I answer questions from these documents: {titles}.\n\n"
        "Ask in your own words, and I reply with the passages that answer you, each with its "
        "source. Try one of these, or /help:"
    )
    rows = [
        [InlineKeyboardButton(q, callback_data=encode(Action.EXAMPLE, i, service.store.secret))]
        for i, q in enumerate(service.examples)
    ]
    await update.effective_message.reply_html(text, reply_markup=InlineKeyboardMarkup(rows))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain asking, follow-ups, "more", groups and inline use."""
    await update.effective_message.reply_html(HELP.format(username=escape(context.bot.username)))


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the documents with their links."""
    documents = service_of(context).engine.index.documents
    lines = [f"• {link(d.title, d.url)}" for d in documents] or ["The corpus is empty."]
    await update.effective_message.reply_html("<b>Sources</b>\n" + "\n".join(lines))


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
    await update.effective_message.reply_text(NOT_TEXT, do_quote=True)


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Report questions, the unanswered share and feedback, to admins only."""
    service = service_of(context)
    if not service.is_admin(update.effective_user.id if update.effective_user else None):
        await update.effective_message.reply_text(ADMINS_ONLY)
        return
    figures = service.store.stats()
    share = figures.unanswered / figures.questions if figures.questions else 0.0
    await update.effective_message.reply_html(
        f"<b>Questions</b>: {figures.questions}\n"
        f"<b>Unanswered</b>: {figures.unanswered} ({share:.0%})\n"
        f"<b>Feedback</b>: 👍 {figures.helpful} · 👎 {figures.unhelpful}\n"
        f"<b>Corpus</b>: {len(service.engine.index.documents)} document(s), "
        f"{len(service.engine.index.passages)} passages"
    )


async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Rebuild the index from the corpus and serve from it, for admins only."""
    service = service_of(context)
    if not service.is_admin(update.effective_user.id if update.effective_user else None):
        await update.effective_message.reply_text(ADMINS_ONLY)
        return
    engine = await asyncio.to_thread(context.bot_data[LOADER])
    service.use(engine)
    index = engine.index
    await update.effective_message.reply_text(
        f"Reloaded: {len(index.documents)} document(s), {len(index.passages)} passages."
    )


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handle a press on More, Full section, 👍, 👎 or an example question."""
    service, query = service_of(context), update.callback_query
    press = decode(query.data, service.store.secret)
    if press is None:
        await query.answer("Sorry, that button doesn't work. Please ask again.", show_alert=True)
        return
    if press.action is Action.EXAMPLE:
        if press.number >= len(service.examples):
            await query.answer("That example has changed. Please tap /start again.")
            return
        await query.answer()
        await reply_with_answer(update, context, service.examples[press.number])
        return
    record = service.store.answer(press.number)
    if record is None:
        await query.answer("That answer is too old. Please ask again.", show_alert=True)
        return
    if press.action in (Action.HELPFUL, Action.UNHELPFUL):
        helpful = press.action is Action.HELPFUL
        new = service.store.record_feedback(record, query.from_user.id, helpful)
        await query.answer("Thanks, noted!" if new else "You already told me, thanks.")
    elif not service.store.first_press(record.id, press.action.value):
        await query.answer("Already shown below.")
    elif press.action is Action.SECTION:
        await query.answer()
        chat_id, message_id = query.message.chat.id, query.message.message_id
        await send_html(context.bot, chat_id, message_id, _section_of(service, record.top_passage))
    else:
        await _more(update, service, record)


async def _more(update: Update, service: Service, record: AnswerRecord) -> None:
    """Send the passages after those an answer showed, with buttons that go on from there."""
    query, now = update.callback_query, time.time()
    state = Conversation(record.understood, record.shown, now)
    answer, after = await asyncio.to_thread(service.engine.ask, "more", state, now)
    await query.answer(None if answer.hits else "There are no more passages for that question.")
    if answer.hits:
        chat_id = query.message.chat.id
        await _send_answer(service, query.message, chat_id, answer, after, record.question)


def _section_of(service: Service, passage_id: str | None) -> str:
    passages = service.engine.index.passages
    top = next((p for p in passages if p.id == passage_id), None)
    if top is None:
        return section_html([])
    return section_html([p for p in passages if (p.doc_id, p.section) == (top.doc_id, top.section)])


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer cited answers to ``@bot question`` from any chat."""
    service, query = service_of(context), update.inline_query
    text = query.query.strip()
    cache = service.config.telegram.inline_cache_seconds
    if len(text) < MIN_INLINE_CHARS:
        titles = "; ".join(service.engine.titles)
        hint = InlineQueryResultArticle(
            id="hint",
            title="Type a question (3 characters or more)",
            description=f"I answer from: {titles}"[:200],
            input_message_content=InputTextMessageContent(
                HELP.format(username=escape(context.bot.username)), parse_mode=ParseMode.HTML
            ),
        )
        await query.answer([hint], cache_time=cache)
        return
    try:
        answer, _ = await asyncio.to_thread(
            service.engine.ask, text, None, time.time(), service.config.telegram.inline_results
        )
    except QuestionError as error:
        await query.answer([], cache_time=cache, is_personal=True)
        log.info("inline query refused: %s", error)
        return
    await query.answer(inline_results(answer), cache_time=cache)


def inline_results(answer: Answer) -> list[InlineQueryResultArticle]:
    """One article per passage, the answer line first when there is one."""
    if answer.no_answer:
        text = f"{escape(NO_ANSWER)}\n{escape(covered_line(answer.covered))}"
        return [
            InlineQueryResultArticle(
                id="none",
                title=NO_ANSWER,
                description=covered_line(answer.covered)[:200],
                input_message_content=InputTextMessageContent(text, parse_mode=ParseMode.HTML),
            )
        ]
    results = []
    for hit in answer.hits:
        head = f"<b>{escape(answer.direct)}</b>\n\n" if answer.direct and hit.rank == 1 else ""
        body = head + hit_html(hit)
        results.append(
            InlineQueryResultArticle(
                id=f"{hit.rank}-{hit.passage.id}"[:64],
                title=(answer.direct if head else hit.best_sentence)[:100],
                description=f"[{hit.rank}] {hit.passage.citation}"[:200],
                input_message_content=InputTextMessageContent(body, parse_mode=ParseMode.HTML),
            )
        )
    return results


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error, then apologise to the user; the bot keeps running."""
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
            await context.bot.send_message(update.effective_chat.id, html.escape(APOLOGY))
        except Exception:  # the apology is a courtesy; failing to send it must not loop
            log.warning("could not send the apology", exc_info=True)
