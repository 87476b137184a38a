"""qabot's exceptions. Every layer raises these; the edges (CLI, bot) translate them."""

from __future__ import annotations

from pathlib import Path


class QabotError(Exception):
    """Base of every error that qabot reports to a person instead of crashing."""


class ConfigError(QabotError):
    """The configuration file is missing, malformed, or has a bad key or value."""


class CorpusError(QabotError):
    """The corpus as a whole cannot be used (missing directory, duplicate ids, ...)."""


class DocumentError(CorpusError):
    """One document cannot be read. Names the file and, where it applies, the line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type[DocumentError], tuple[Path, str, int | None]]:
        # A worker process of an index build sends its DocumentError to the parent pickled.
        return type(self), (self.path, self.reason, self.line)


class BenchmarkError(QabotError):
    """A benchmark collection's file is missing or malformed. Names the file and, where it
    applies, the line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {message}")


class BuildCancelled(QabotError):
    """An index build was stopped before it finished: the process is stopping."""


class IndexFormatError(QabotError):
    """A saved index is unreadable, of another format version, or not an index at all."""


class QuestionError(QabotError):
    """The question cannot be asked as given (empty, no words, too long)."""


class SettingError(QabotError, ValueError):
    """A setting has a value outside its range. ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field} {message}")


def require(condition: bool, field: str, message: str) -> None:
    """Raise ``SettingError(field, message)`` unless ``condition`` holds."""
    if not condition:
        raise SettingError(field, message)
