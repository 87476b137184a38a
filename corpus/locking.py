"""One lock per corpus, so that concurrent commands and the running bot never see half a change.

Commands that change the corpus hold it exclusively, from the first file they write to the
index they save; readers that build an index hold it shared. It is an advisory ``flock`` on a
hidden file in the corpus directory, released by the kernel if a process dies.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus.errors import CorpusError

LOCK_NAME = ".qabot.lock"


@contextmanager
def locked(directory: Path, shared: bool = False, timeout: float = 60.0) -> Iterator[None]:
    """Hold the corpus lock; a read-only corpus needs none for reading, as nobody can write it."""
    try:
        handle = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        if shared and error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            yield
            return
        raise CorpusError(f"cannot lock the corpus in {directory}: {error.strerror}") from None
    try:
        mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, mode)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise CorpusError(
                        f"the corpus in {directory} stayed locked by another qabot command "
                        f"for {timeout:.0f} s; try again"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(handle)
