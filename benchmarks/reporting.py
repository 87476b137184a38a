"""What the benchmarks share: latency figures from timings, ratios, sizes and tables."""

from __future__ import annotations

import math
import os
import platform
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import numpy as np

_SIZE = re.compile(r"(\d+(?:\.\d+)?)([kKmM]?)")
_SCALE = {"": 1, "k": 1_000, "m": 1_000_000}


@dataclass(frozen=True)
class Latency:
    """How long one request took, over many.

    Attributes:
        samples: how many requests were timed.
        p50_ms: the median, in milliseconds.
        p99_ms: the 99th percentile, in milliseconds.
        per_second: requests per second, one after another on one core.
    """

    samples: int
    p50_ms: float
    p99_ms: float
    per_second: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Latency:
        """The figures of a list of timings, in seconds."""
        if not seconds:
            raise ValueError("no timings")
        p50, p99 = np.percentile(np.asarray(seconds), [50, 99]) * 1000
        return cls(len(seconds), float(p50), float(p99), len(seconds) / float(sum(seconds)))


def read_memory(pid: int | str = "self") -> tuple[int, int]:
    """A process's resident memory and its high-water mark, in bytes, from /proc (``"self"``:
    this process); where there is no /proc, psutil's resident memory for both."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        if sys.platform.startswith("linux"):
            raise ProcessLookupError(pid) from None
        import psutil

        rss = psutil.Process(None if pid == "self" else int(pid)).memory_info().rss
        return rss, rss
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmHWM"].split()[0]) * 1024


def machine(packages: Sequence[str] = ()) -> str:
    """The machine and software a run measures: timings mean little without them. The load
    average says whether other work shared the cores."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else math.nan
    software = ", ".join(f"{name} {version(name)}" for name in ("numpy", *packages))
    return (
        f"{os.cpu_count()} cores, load average {load:.2f} at the start; "
        f"Python {platform.python_version()}, {software}"
    )


def ratio(peer: float, ours: float) -> float:
    """How many times better ``ours`` is than ``peer``, for a figure where less is better; NaN
    when either is not positive (a memory delta can be zero, or below it)."""
    if ours <= 0 or peer <= 0:
        return math.nan
    return peer / ours


def times(value: float) -> str:
    """A ratio as people say it: "812×", "14×", "1.6×", "0.42×"; "n/a" for NaN."""
    if math.isnan(value):
        return "n/a"
    if value >= 100:
        return f"{value:,.0f}×"
    if value >= 10:
        return f"{value:.0f}×"
    return f"{value:.2g}×"


def parse_sizes(text: str) -> tuple[int, ...]:
    """Corpus sizes from "1k,10k,100k,1M"."""
    sizes = []
    for part in text.split(","):
        match = _SIZE.fullmatch(part.strip())
        if match is None:
            raise ValueError(f"{part.strip()!r} is not a size such as 1k, 250k or 1M")
        number = float(match.group(1)) * _SCALE[match.group(2).lower()]
        if number < 1 or number != int(number):
            raise ValueError(f"{part.strip()!r} is not a whole number of passages")
        sizes.append(int(number))
    return tuple(sizes)


def size_label(size: int) -> str:
    """1000 → "1k", 1000000 → "1M", 2500 → "2500"."""
    for suffix, scale in (("M", 1_000_000), ("k", 1_000)):
        if size >= scale and size % scale == 0:
            return f"{size // scale}{suffix}"
    return str(size)


def table(
    header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool = False, left: int = 1
) -> str:
    """Rows under a header, as a Markdown table or as aligned text: the first ``left`` columns
    to the left, the numbers after them to the right."""
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(width) if column < left else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    return "\n".join([line(header), *(line(row) for row in rows)])
