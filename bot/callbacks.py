"""Callback data for the buttons: small, versioned and signed, so forged presses are refused.

Telegram gives callback data at most 64 bytes, and a modified client can send any bytes it
likes; so the data is ``<version><action><number>.<signature>``, about 20 bytes, where the
signature is an HMAC with a secret that lives in the bot's store.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import Enum

VERSION = "1"
MAX_BYTES = 64
_SIGNATURE_CHARS = 10
_DATA = re.compile(rf"{VERSION}(?P<action>[a-z])(?P<number>[0-9a-z]{{1,12}})\.(?P<sig>[\w-]+)")


class Action(str, Enum):
    """What a button does."""

    MORE = "m"
    SECTION = "s"
    HELPFUL = "u"
    UNHELPFUL = "d"
    EXAMPLE = "e"
    SOURCES = "p"


@dataclass(frozen=True)
class Press:
    """A button press, once its data has been checked.

    Attributes:
        action: what the button does.
        number: the answer it belongs to; for an example question, its number; for a page
            of /sources, the page.
    """

    action: Action
    number: int


def signature(secret: bytes, payload: str) -> str:
    """The signature of callback data's payload: the first characters of its HMAC."""
    digest = hmac.new(secret, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:_SIGNATURE_CHARS]


def base36(number: int) -> str:
    """A number in the fewest characters that callback data may hold."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if number == 0:
            return text


def encode(action: Action, number: int, secret: bytes) -> str:
    """The callback data for a button."""
    payload = f"{VERSION}{action.value}{base36(number)}"
    data = f"{payload}.{signature(secret, payload)}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError("callback data over Telegram's 64 bytes")
    return data


def decode(data: str | None, secret: bytes) -> Press | None:
    """The press that callback data stands for, or None when it is forged, old or malformed."""
    match = _DATA.fullmatch(data or "")
    if match is None:
        return None
    payload = data[: match.start("sig") - 1] if data else ""
    if not hmac.compare_digest(match.group("sig"), signature(secret, payload)):
        return None
    try:
        action = Action(match.group("action"))
    except ValueError:
        return None
    return Press(action, int(match.group("number"), 36))
