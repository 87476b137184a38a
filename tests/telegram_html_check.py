"""Telegram's HTML parse mode, checked as strictly as Telegram checks it.

Used by the fake Bot API server, to refuse what Telegram would refuse, and by the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

ALLOWED = {
    "b": set(),
    "strong": set(),
    "i": set(),
    "em": set(),
    "u": set(),
    "ins": set(),
    "s": set(),
    "strike": set(),
    "del": set(),
    "a": {"href"},
    "code": {"class"},
    "pre": set(),
    "blockquote": {"expandable"},
    "tg-spoiler": set(),
    "span": {"class"},
    "tg-emoji": {"emoji-id"},
}
# Telegram knows only these named entities; any other "&name;" is an error there.
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


class TelegramHtmlError(ValueError):
    """What Telegram would answer: "Bad Request: can't parse entities: ..."."""


@dataclass(frozen=True)
class Parsed:
    """A message as Telegram sees it once parsed.

    Attributes:
        text: the text without markup.
        entities: how many formatting entities the markup made.
    """

    text: str
    entities: int

    @property
    def length(self) -> int:
        """Its length as Telegram counts it, in UTF-16 code units."""
        return len(self.text.encode("utf-16-le")) // 2


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.entities = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            raise TelegramHtmlError(f'unsupported start tag "{tag}"')
        for name, _ in attrs:
            if name not in ALLOWED[tag]:
                raise TelegramHtmlError(f'unsupported attribute "{name}" of tag "{tag}"')
        if tag == "a" and not dict(attrs).get("href"):
            raise TelegramHtmlError("a link needs an href")
        self.stack.append(tag)
        self.entities += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise TelegramHtmlError(f'unsupported self-closing tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise TelegramHtmlError(f'unmatched end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        raise TelegramHtmlError("comments are not supported")

    def handle_decl(self, decl: str) -> None:
        raise TelegramHtmlError("declarations are not supported")


def parse(markup: str) -> Parsed:
    """Parse Telegram HTML; ``TelegramHtmlError`` where Telegram would refuse it."""
    for amp in re.finditer("&", markup):
        if not _ENTITY.match(markup, amp.start()):
            raise TelegramHtmlError(f"unsupported entity at byte offset {amp.start()}")
    for less in re.finditer("<", markup):
        if not re.match(r"</?[a-z][a-z-]*[\s>/]", markup[less.start() : less.start() + 30]):
            raise TelegramHtmlError(f'unescaped "<" at byte offset {less.start()}')
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    if parser.stack:
        raise TelegramHtmlError(
            f'can\'t find end tag corresponding to start tag "{parser.stack[-1]}"'
        )
    return Parsed("".join(parser.text), parser.entities)
