"""Fetching a web page for the corpus: safely, within limits, and only when it changed.

httpx (already installed with python-telegram-bot) does the HTTP; what is checked here is what
a corpus change must not do: follow a redirect to another scheme, read past a size limit, wait
forever on a slow server, import a binary file, or reach an address on this machine or on a
private network (unless the configuration allows it), which would let a corpus change probe the
network behind the bot. Each address is checked before the request and again on the connection
itself, so a name that resolves differently the second time gains nothing.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from corpus.errors import CorpusError, require

SCHEMES = ("http", "https")
_HTML_TYPES = ("text/html", "application/xhtml+xml")

if TYPE_CHECKING:
    import httpx


@dataclass(frozen=True)
class FetchSettings:
    """How pages are fetched (``corpus.fetch`` in the config).

    Attributes:
        timeout_seconds: the longest a whole fetch may take, redirects included.
        max_bytes: the largest page accepted.
        max_redirects: the most redirects followed.
        user_agent: how qabot names itself to the sites it fetches from.
        allow_private: whether addresses on this machine or on private networks may be fetched.
    """

    timeout_seconds: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = "qabot/0.1 (a question-answering bot, importing its corpus)"
    allow_private: bool = False

    def __post_init__(self) -> None:
        require(self.timeout_seconds > 0, "timeout_seconds", "must be more than 0")
        require(self.max_bytes >= 1024, "max_bytes", "must be 1024 or more")
        require(0 <= self.max_redirects <= 20, "max_redirects", "must be between 0 and 20")
        require(bool(self.user_agent.strip()), "user_agent", "must not be empty")


@dataclass(frozen=True)
class Fetched:
    """A page as fetched.

    Attributes:
        url: where it was found, after redirects.
        body: its bytes; None when the server said it has not changed since the validators.
        etag: the server's ETag, if it sent one.
        last_modified: the server's Last-Modified, if it sent one.
        fetched: when, in UTC, ISO 8601.
    """

    url: str
    body: bytes | None
    etag: str | None
    last_modified: str | None
    fetched: str


class FetchError(CorpusError):
    """A page cannot be imported from its URL; the message is one line and names the URL."""


def is_url(text: str) -> bool:
    """Whether a command-line argument names a URL rather than a file: it has a scheme."""
    parts = urlsplit(text)
    return bool(parts.scheme) and len(parts.scheme) > 1 and "://" in text


def is_http_url(text: str) -> bool:
    """Whether a document's URL is one to fetch it from: http or https."""
    return urlsplit(text).scheme.casefold() in SCHEMES


def check_url(url: str) -> str:
    """The URL, refused unless it is an http(s) URL with a host."""
    parts = urlsplit(url.strip())
    if parts.scheme.casefold() not in SCHEMES:
        raise FetchError(f"{url}: not an http(s) URL")
    if not parts.hostname:
        raise FetchError(f"{url}: no host in the URL")
    return url.strip()


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """The addresses a host name stands for."""
    return [str(found[4][0]) for found in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def _check_host(url: str, settings: FetchSettings) -> None:
    """Refuse a URL whose host is, or resolves to, a private or local address."""
    if settings.allow_private:
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        addresses = resolve(host, parts.port or 443)
    except (OSError, UnicodeError) as error:
        raise FetchError(f"{url}: cannot resolve {host}: {_reason(error)}") from None
    for address in addresses:
        if _refused(address):
            raise FetchError(
                f"{url}: {host} is a private or local address ({address}); "
                "set corpus.fetch.allow_private to import from it"
            )


def _check_peer(url: str, response: httpx.Response, settings: FetchSettings) -> None:
    """Refuse a connection that reached a private or local address after all."""
    if settings.allow_private:
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer and _refused(str(peer[0])):
        raise FetchError(f"{url}: connected to a private or local address ({peer[0]})")


def fetch(
    url: str,
    settings: FetchSettings,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """Fetch an HTML page, following redirects; ``FetchError`` with a one-line reason for
    anything that is not a page to import. With validators, an unchanged page comes back with
    no body."""
    current = check_url(url)
    deadline = time.monotonic() + settings.timeout_seconds
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    # Imported here: every qabot command reads the fetch settings, few fetch (0.04 s).
    import httpx

    try:
        with httpx.Client(follow_redirects=False, trust_env=False) as client:
            for _ in range(settings.max_redirects + 1):
                _check_host(current, settings)
                # Each hop waits only for what is left of the whole fetch's time.
                left = deadline - time.monotonic()
                if left <= 0:
                    raise _too_slow(url, settings)
                with client.stream("GET", current, headers=headers, timeout=left) as response:
                    _check_peer(current, response, settings)
                    if response.status_code in (301, 302, 303, 307, 308):
                        current = _redirect(current, response)
                        continue
                    return _read(current, response, settings, deadline)
    except httpx.TimeoutException:
        raise _too_slow(url, settings) from None
    except httpx.HTTPError as error:
        raise FetchError(f"{url}: cannot fetch: {_reason(error)}") from None
    raise FetchError(f"{url}: more than {settings.max_redirects} redirects")


def _too_large(url: str, settings: FetchSettings) -> FetchError:
    return FetchError(f"{url}: larger than corpus.fetch.max_bytes ({settings.max_bytes} bytes)")


def _too_slow(url: str, settings: FetchSettings) -> FetchError:
    return FetchError(f"{url}: no answer within {settings.timeout_seconds:g} s")


def _reason(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _redirect(current: str, response: httpx.Response) -> str:
    location = response.headers.get("Location")
    if not location:
        raise FetchError(f"{current}: a redirect ({response.status_code}) with no Location")
    target = urljoin(current, location)
    scheme, before = urlsplit(target).scheme.casefold(), urlsplit(current).scheme.casefold()
    # http → https is the web's usual upgrade; anything else changes what is trusted.
    if scheme not in SCHEMES or (before == "https" and scheme == "http"):
        raise FetchError(f"{current}: redirects to another scheme ({target})")
    return target


def _read(
    current: str, response: httpx.Response, settings: FetchSettings, deadline: float
) -> Fetched:
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    etag = response.headers.get("ETag")
    modified = response.headers.get("Last-Modified")
    if response.status_code == 304:
        return Fetched(current, None, etag, modified, now)
    if response.status_code >= 400:
        raise FetchError(f"{current}: HTTP {response.status_code} {response.reason_phrase}".strip())
    if response.status_code != 200:
        raise FetchError(f"{current}: HTTP {response.status_code}, not a page")
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().casefold()
    if kind and kind not in _HTML_TYPES:
        raise FetchError(f"{current}: not an HTML page ({kind})")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise _too_large(current, settings)
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > settings.max_bytes:
            raise _too_large(current, settings)
        if time.monotonic() > deadline:
            raise _too_slow(current, settings)
    if b"\x00" in body[:4096]:
        raise FetchError(f"{current}: a binary file, not an HTML page")
    return Fetched(current, bytes(body), etag, modified, now)
