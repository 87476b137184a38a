"""Document metadata: YAML sidecars, front matter, and the rules they must follow."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from corpus.errors import DocumentError

# libyaml's parser, where PyYAML was built with it, reads a corpus's metadata about ten times
# as fast; the constructor, which decides what is safe, is the same.
try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader

# Where a page fetched from the web came from, and the validators to ask whether it changed.
FETCH_KEYS = ("fetched", "etag", "last_modified")
KEYS = ("id", "title", "url", "publisher", "language", *FETCH_KEYS)
_ID = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?")
_FRONT_MATTER_OPEN = "---\n"
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def slugify(text: str) -> str:
    """A valid document id made from a title or a file name: letters without their accents
    ("Bénin’s" gives "benins"), digits, and a dash for anything else."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = re.sub(r"(?<=\w)['’](?=\w)", "", plain)
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return slug[:100].rstrip("-") or "document"


def check_id(value: str, path: Path) -> str:
    """Reject ids that could name a path outside the corpus or are otherwise malformed."""
    if not _ID.fullmatch(value) or ".." in value:
        raise DocumentError(
            path,
            f"bad id {value!r}: use lower-case letters, digits, '.', '-' and '_' "
            "(at most 100, starting and ending with a letter or digit)",
        )
    return value


def validate(raw: Any, path: Path, line: int | None = None) -> dict[str, str]:
    """Check a metadata mapping: known keys only, each a string."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise DocumentError(path, "metadata must be a mapping of key: value", line)
    fields: dict[str, str] = {}
    for key, value in raw.items():
        if key not in KEYS:
            raise DocumentError(
                path, f"unknown metadata key {key!r} (known: {', '.join(KEYS)})", line
            )
        if not isinstance(value, str) or not value.strip():
            raise DocumentError(path, f"metadata key {key!r} must be a non-empty string", line)
        fields[key] = value.strip()
    if "id" in fields:
        check_id(fields["id"], path)
    return fields


# PyYAML reports most malformed input as YAMLError, but not all of it: a date such as
# 2020-13-45, "0x_" or "!!int abc" raise ValueError, "!!timestamp x" AttributeError, and
# nesting a few thousand levels deep RecursionError.
YAML_FAILURES = (
    yaml.YAMLError,
    ValueError,
    TypeError,
    AttributeError,
    OverflowError,
    RecursionError,
)


def yaml_problem(error: BaseException) -> str:
    """What is wrong with a YAML text, in a few words, from one of ``YAML_FAILURES``."""
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, yaml.YAMLError):
        return getattr(error, "problem", None) or "invalid YAML"
    return str(error) or type(error).__name__


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, with libyaml where PyYAML was built with it."""
    return yaml.load(text, Loader=SafeLoader)


def _parse_yaml(text: str, path: Path, first_line: int) -> Any:
    try:
        return safe_load(text)
    except YAML_FAILURES as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        raise DocumentError(path, f"bad metadata: {yaml_problem(error)}", line) from None


def read_sidecar(path: Path) -> dict[str, str]:
    """The metadata in a ``.yaml`` file that sits beside a document."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DocumentError(path, f"cannot read metadata: {error}") from None
    return validate(_parse_yaml(text, path, 1), path, 1)


def split_front_matter(text: str, path: Path) -> tuple[dict[str, str], int]:
    """Metadata from a leading ``---`` YAML block, and the offset where the body starts."""
    if not text.startswith(_FRONT_MATTER_OPEN):
        return {}, 0
    close = _FRONT_MATTER_CLOSE.search(text, len(_FRONT_MATTER_OPEN))
    if close is None:
        raise DocumentError(path, "front matter opened with '---' is never closed", 1)
    raw = _parse_yaml(text[len(_FRONT_MATTER_OPEN) : close.start()], path, 2)
    body = close.end() + 1 if text.startswith("\n", close.end()) else close.end()
    return validate(raw, path, 1), body
