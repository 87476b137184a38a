"""What the fuzz tests share: how many examples they run, and a hard time bound per example.

The default test run uses the ``qabot-fuzz-fast`` Hypothesis profile: 200 examples per test, the
same ones every run. ``QABOT_FUZZ=full pytest tests/test_fuzz_updates.py tests/test_fuzz_corpus.py``
selects ``qabot-fuzz-full``: 10,000 updates (the corpus test reads 4,000 files), new ones each
run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

from hypothesis import HealthCheck, settings

FUZZ_ENV = "QABOT_FUZZ"
FULL = os.environ.get(FUZZ_ENV, "").strip().casefold() == "full"

# Examples are built from long texts and whole updates, so Hypothesis's own speed and size
# checks would only flag the strategies' nature; the deadline is set per test instead.
_SLOW_STRATEGIES = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
]
settings.register_profile(
    "qabot-fuzz-fast",
    max_examples=200,
    suppress_health_check=_SLOW_STRATEGIES,
    # A fixed seed keeps the default run reproducible and its time steady; the full run
    # explores afresh each time.
    derandomize=True,
    print_blob=True,
)
settings.register_profile(
    "qabot-fuzz-full",
    max_examples=10_000,
    suppress_health_check=_SLOW_STRATEGIES,
    print_blob=True,
)
PROFILE = settings.get_profile("qabot-fuzz-full" if FULL else "qabot-fuzz-fast")


class Hang(BaseException):
    """An example ran past its time bound. A BaseException, so that no ``except Exception`` in
    the code under test can swallow it."""


class TooSlow(AssertionError):
    """An example went past its time bound: a test failure, which Hypothesis shrinks."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with ``TooSlow`` if the block runs longer than ``seconds``.

    A real-time timer signal interrupts pure Python and the regular expression engine alike,
    so a hang becomes a test failure instead of a stuck run. Main thread only, where signals
    are delivered.
    """
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("time_limit works on the main thread only")

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except Hang as error:
        # Out of the code under test, it becomes an ordinary failure, so that Hypothesis
        # shrinks the example and shows it.
        raise TooSlow(str(error)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
