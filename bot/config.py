"""``config.yaml`` into one frozen ``Config``, checked key by key.

The YAML mirrors the dataclasses: each mapping is a dataclass and each key a
field. Relative paths are relative to the config file. Secrets never live here:
they come from the environment, read by the entry point that needs them.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from corpus.errors import ConfigError, SettingError, require
from corpus.metadata import YAML_FAILURES, safe_load, yaml_problem
from retrieval.answering import AnswerSettings
from retrieval.eval_sets import EvalSettings
from retrieval.indexing import CorpusSettings

CONFIG_ENV = "QABOT_CONFIG"
REDIS_URL_ENV = "QABOT_REDIS_URL"
STORE_URL_ENV = "QABOT_STORE_URL"
_POSTGRES = ("postgresql://", "postgres://")
_REDIS = ("redis://", "rediss://", "unix://")
DEFAULT_CONFIG = Path("config.yaml")


def is_postgres(url: str | Path) -> bool:
    """Whether a store's location is a PostgreSQL URL (else it is a SQLite file)."""
    return str(url).startswith(_POSTGRES)


@dataclass(frozen=True)
class TelegramSettings:
    """The Telegram bot: where its Bot API is, whom it serves, and how much.

    Attributes:
        base_url: the Bot API URL before ``<token>/<method>``; ``$TELEGRAM_BASE_URL`` wins.
        poll_timeout: seconds that one long poll (getUpdates) waits for updates.
        store: the SQLite file for conversations, feedback and the question log.
        allowed_chats: when this or ``allowed_users`` is set, only these chats…
        allowed_users: …and these users may use the bot; others get a polite refusal.
        admins: user ids that may use /stats and /reload.
        questions_per_minute: questions one user may ask per minute before "slow down".
        inline_results: cited answers offered in inline mode, 1 to 5.
        inline_cache_seconds: how long Telegram may cache an inline answer.
        log_question_text: whether the log shows questions' text at INFO level.
        hash_user_ids: whether the store keeps user and chat ids only as salted hashes.
        retention_days: how long the store keeps questions, feedback and conversations.
        reload_seconds: how often the running bot looks for a changed corpus.
        typing_after_seconds: how long a question may take before the chat shows "typing…".
        messages_per_second: Telegram's flood limit for the whole bot, kept by all its workers
            together when they share Redis.
        group_messages_per_minute: Telegram's flood limit for one group.
    """

    base_url: str = "https://api.telegram.org/bot"
    poll_timeout: int = 30
    store: Path = Path(".qabot/bot.sqlite3")
    allowed_chats: tuple[int, ...] = ()
    allowed_users: tuple[int, ...] = ()
    admins: tuple[int, ...] = ()
    questions_per_minute: int = 20
    inline_results: int = 5
    inline_cache_seconds: int = 300
    log_question_text: bool = False
    hash_user_ids: bool = True
    retention_days: int = 365
    reload_seconds: float = 2.0
    typing_after_seconds: float = 0.5
    messages_per_second: int = 30
    group_messages_per_minute: int = 20

    def __post_init__(self) -> None:
        require(self.base_url.startswith(("http://", "https://")), "base_url", "must be a URL")
        require(1 <= self.poll_timeout <= 600, "poll_timeout", "must be between 1 and 600")
        require(self.questions_per_minute >= 1, "questions_per_minute", "must be 1 or more")
        require(1 <= self.inline_results <= 5, "inline_results", "must be between 1 and 5")
        require(self.inline_cache_seconds >= 0, "inline_cache_seconds", "must be 0 or more")
        require(self.retention_days >= 1, "retention_days", "must be 1 or more")
        require(0.1 <= self.reload_seconds <= 3600, "reload_seconds", "must be 0.1 to 3600")
        require(0 <= self.typing_after_seconds <= 60, "typing_after_seconds", "must be 0 to 60")
        require(self.messages_per_second >= 1, "messages_per_second", "must be 1 or more")
        require(
            self.group_messages_per_minute >= 1, "group_messages_per_minute", "must be 1 or more"
        )


@dataclass(frozen=True)
class StateSettings:
    """What several workers of one bot share while they run (``bot/state.py``).

    Attributes:
        redis_url: the Redis that holds conversations, handled updates, allowances and reload
            signals for every worker (``redis://host:6379/0``); "" keeps them in the process.
            ``$QABOT_REDIS_URL`` wins, and is the place for a URL with a password.
        lease_seconds: how long a worker's claim on an update holds, renewed while it answers;
            once a worker died, its updates are answered by another after this long.
        done_seconds: how long a handled update is remembered, so that Telegram's re-sending
            of it is acknowledged and not answered again.
    """

    redis_url: str = ""
    lease_seconds: float = 10.0
    done_seconds: float = 86400.0

    def __post_init__(self) -> None:
        require(
            not self.redis_url or self.redis_url.startswith(_REDIS),
            "redis_url",
            "must start with redis://, rediss:// or unix://",
        )
        require(1 <= self.lease_seconds <= 3600, "lease_seconds", "must be between 1 and 3600")
        require(
            self.done_seconds >= self.lease_seconds, "done_seconds", "must be lease_seconds or more"
        )


@dataclass(frozen=True)
class StoreSettings:
    """Where the bot keeps answers, feedback and the question log.

    Attributes:
        url: a PostgreSQL database (``postgresql://user@host:5432/qabot``) that several
            workers share; "" keeps the store in the SQLite file ``telegram.store``.
            ``$QABOT_STORE_URL`` wins, and is the place for a URL with a password.
    """

    url: str = ""

    def __post_init__(self) -> None:
        require(
            not self.url or is_postgres(self.url),
            "url",
            "must be a postgresql:// URL, or empty for the SQLite file telegram.store",
        )


@dataclass(frozen=True)
class Config:
    """All of qabot's settings.

    Attributes:
        corpus: where the corpus and its index live, and how documents are read.
        answers: how questions are searched and answered.
        eval: the evaluation.
        telegram: the Telegram bot.
        state: what several workers share.
        store: the store several workers share.
        log_level: DEBUG, INFO, WARNING or ERROR.
        source: the file this came from.
    """

    corpus: CorpusSettings
    eval: EvalSettings = dataclasses.field(default_factory=EvalSettings)
    answers: AnswerSettings = dataclasses.field(default_factory=AnswerSettings)
    telegram: TelegramSettings = dataclasses.field(default_factory=TelegramSettings)
    state: StateSettings = dataclasses.field(default_factory=StateSettings)
    store: StoreSettings = dataclasses.field(default_factory=StoreSettings)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"
    source: Path = DEFAULT_CONFIG


def _describe(kind: Any) -> str:
    if typing.get_origin(kind) is Literal:
        return "one of " + ", ".join(repr(v) for v in typing.get_args(kind))
    if typing.get_origin(kind) is tuple:
        return f"a list of {_describe(typing.get_args(kind)[0])}s"
    return {
        bool: "true or false",
        int: "an integer",
        float: "a number",
        str: "text",
        Path: "a path",
    }.get(kind, getattr(kind, "__name__", str(kind)))


_SCALARS: dict[Any, Callable[[Any], bool]] = {
    bool: lambda raw: isinstance(raw, bool),
    int: lambda raw: isinstance(raw, int) and not isinstance(raw, bool),
    float: lambda raw: isinstance(raw, (int, float)) and not isinstance(raw, bool),
    str: lambda raw: isinstance(raw, str),
    Path: lambda raw: isinstance(raw, str) and bool(raw.strip()),
}


def _value(kind: Any, raw: Any, key: str, base: Path) -> Any:
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind):
        return _build(kind, raw, key, base)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if raw is None and type(None) in options:
            return None
        (inner,) = [option for option in options if option is not type(None)]
        return _value(inner, raw, key, base)
    if origin is Literal and raw in typing.get_args(kind):
        return raw
    if origin is tuple:
        (item, _) = typing.get_args(kind)
        if isinstance(raw, list):
            return tuple(_value(item, value, f"{key}[{i}]", base) for i, value in enumerate(raw))
        if item is Path and _SCALARS[Path](raw):
            return (base / raw,)  # one path where a list of them may stand
    if kind in _SCALARS and _SCALARS[kind](raw):
        return base / raw if kind is Path else float(raw) if kind is float else raw
    raise ConfigError(f"config key {key!r}: {raw!r} is not {_describe(kind)}")


def _build(cls: Any, raw: Any, prefix: str, base: Path) -> Any:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"config key {prefix or '(top level)'!r} must be a mapping of keys")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "source"}
    for key in raw:
        if key not in fields:
            known = ", ".join(sorted(fields))
            where = f"{prefix}.{key}" if prefix else str(key)
            raise ConfigError(f"unknown config key {where!r} (known here: {known})")
    values: dict[str, Any] = {}
    for name, field in fields.items():
        key = f"{prefix}.{name}" if prefix else name
        if name in raw:
            values[name] = _value(hints[name], raw[name], key, base)
        elif hints[name] is Path and isinstance(field.default, Path):
            values[name] = base / field.default  # like a path in the file, relative to it
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            if dataclasses.is_dataclass(hints[name]):
                values[name] = _build(hints[name], {}, key, base)
            else:
                raise ConfigError(f"config key {key!r} is missing")
    try:
        return cls(**values)
    except SettingError as error:
        key = f"{prefix}.{error.field}" if prefix else error.field
        raise ConfigError(f"config key {key!r}: {error}") from None


def find_config(explicit: Path | None) -> Path:
    """The config file to use: ``--config``, else ``$QABOT_CONFIG``, else ./config.yaml."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get(CONFIG_ENV)
    return Path(from_env) if from_env else DEFAULT_CONFIG


def load_config(path: Path) -> Config:
    """Read and check a config file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"no config file at {path}: run qabot from its checkout, or pass --config PATH"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config file {path}: {error}") from None
    try:
        raw = safe_load(text)
    except YAML_FAILURES as error:
        problem = error if isinstance(error, yaml.YAMLError) else yaml_problem(error)
        raise ConfigError(f"{path} is not valid YAML: {problem}") from None
    config = _build(Config, raw, "", path.resolve().parent)
    return dataclasses.replace(config, source=path)


def redis_url(config: Config) -> str:
    """The Redis the workers share: ``$QABOT_REDIS_URL``, else ``state.redis_url``; "" for
    none."""
    url = os.environ.get(REDIS_URL_ENV, "").strip()
    if url and not url.startswith(_REDIS):
        raise ConfigError(f"${REDIS_URL_ENV} must start with redis://, rediss:// or unix://")
    return url or config.state.redis_url


def store_location(config: Config) -> str | Path:
    """Where the store is: ``$QABOT_STORE_URL``, else ``store.url``, else the SQLite file
    ``telegram.store``."""
    url = os.environ.get(STORE_URL_ENV, "").strip()
    if url and not is_postgres(url):
        raise ConfigError(f"${STORE_URL_ENV} must be a postgresql:// URL")
    return url or config.store.url or config.telegram.store
