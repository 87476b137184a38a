"""Changing the corpus directory all at once or not at all.

A ``Change`` collects the files to write and to delete. ``apply`` writes each new file to a
temporary name, moves every file it replaces or deletes aside, and then renames the new files
into place; ``rollback`` puts everything back; ``commit`` drops what was moved aside. Nothing
outside the corpus directory is ever written: every name is checked to stay inside it.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import CorpusError


def leads_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, its links followed, is inside the directory ``root``."""
    # realpath, unlike Path.resolve, does not raise on a link loop.
    return Path(os.path.realpath(path)).is_relative_to(root.resolve())


def inside(directory: Path, name: str) -> Path:
    """``directory / name``, refused if ``name`` is absolute, climbs out, or is hidden."""
    candidate = Path(name)
    if candidate.is_absolute() or ".." in candidate.parts or not name or name.startswith("."):
        raise CorpusError(f"refusing to write {name!r}: outside the corpus directory")
    path = directory / candidate
    # A link loop is just a name inside the directory, which the change replaces.
    if not leads_inside(path, directory):
        raise CorpusError(f"refusing to write {name!r}: it leads outside the corpus directory")
    return path


@dataclass
class Change:
    """Files to write and delete in one corpus directory.

    Attributes:
        directory: the corpus directory.
        writes: file name → new content.
        deletes: file names to remove.
    """

    directory: Path
    writes: dict[str, bytes] = field(default_factory=dict)
    deletes: set[str] = field(default_factory=set)
    _staged: list[tuple[Path, Path]] = field(default_factory=list)
    _aside: list[tuple[Path, Path]] = field(default_factory=list)

    def write(self, name: str, content: bytes) -> None:
        """Plan to write ``name``."""
        inside(self.directory, name)
        self.writes[name] = content
        self.deletes.discard(name)

    def delete(self, name: str) -> None:
        """Plan to remove ``name``."""
        inside(self.directory, name)
        self.deletes.add(name)
        self.writes.pop(name, None)

    def apply(self) -> None:
        """Make the change on disk; on any failure, undo what was done and raise."""
        try:
            for name, content in self.writes.items():
                target = inside(self.directory, name)
                handle, temporary = tempfile.mkstemp(prefix=".new-", dir=self.directory)
                self._staged.append((Path(temporary), target))
                with os.fdopen(handle, "wb") as stream:
                    stream.write(content)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.chmod(temporary, 0o644)
            for target in [t for _, t in self._staged] + [
                inside(self.directory, n) for n in self.deletes
            ]:
                # lexists: a broken link is moved aside and put back too, not lost.
                if os.path.lexists(target):
                    aside = self.directory / f".old-{secrets.token_hex(8)}"
                    os.replace(target, aside)
                    self._aside.append((aside, target))
            for temporary, target in self._staged:
                os.replace(temporary, target)
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        """Put the directory back as it was before ``apply``."""
        for temporary, target in self._staged:
            if temporary.exists():
                temporary.unlink()
            elif os.path.lexists(target) and not any(t == target for _, t in self._aside):
                target.unlink()
        for aside, target in reversed(self._aside):
            if os.path.lexists(target):
                target.unlink()
            os.replace(aside, target)
        self._staged.clear()
        self._aside.clear()

    def commit(self) -> None:
        """Forget the old files for good."""
        for aside, _ in self._aside:
            aside.unlink(missing_ok=True)
        self._staged.clear()
        self._aside.clear()
