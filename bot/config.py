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

from corpus.errors import ConfigError, SettingError
from retrieval.answering import AnswerSettings
from retrieval.indexing import CorpusSettings

CONFIG_ENV = "QABOT_CONFIG"
DEFAULT_CONFIG = Path("config.yaml")


@dataclass(frozen=True)
class EvalSettings:
    """The evaluation.

    Attributes:
        gold: the gold questions, with the thresholds that ``qabot eval`` enforces.
    """

    gold: Path | None = None


@dataclass(frozen=True)
class Config:
    """All of qabot's settings.

    Attributes:
        corpus: where the corpus and its index live, and how documents are read.
        answers: how questions are searched and answered.
        eval: the evaluation.
        log_level: DEBUG, INFO, WARNING or ERROR.
        source: the file this came from.
    """

    corpus: CorpusSettings
    eval: EvalSettings = dataclasses.field(default_factory=EvalSettings)
    answers: AnswerSettings = dataclasses.field(default_factory=AnswerSettings)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"
    source: Path = DEFAULT_CONFIG


def _describe(kind: Any) -> str:
    if typing.get_origin(kind) is Literal:
        return "one of " + ", ".join(repr(v) for v in typing.get_args(kind))
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
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} is not valid YAML: {error}") from None
    config = _build(Config, raw, "", path.resolve().parent)
    return dataclasses.replace(config, source=path)
