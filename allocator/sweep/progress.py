"""Progress of a sweep on stderr: runs done, failed, and the time left at the pace so far."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

EVERY_SECONDS = 5.0


class Progress:
    """Counts rows as they come and prints a line at most every ``every`` seconds, and one at the end."""

    def __init__(
        self,
        total: int,
        *,
        skipped: int = 0,
        stream: TextIO | None = None,
        every: float = EVERY_SECONDS,
        quiet: bool = False,
    ) -> None:
        self.total, self.skipped = total, skipped
        self.stream = stream if stream is not None else sys.stderr
        self.every, self.quiet = every, quiet
        self.done = self.failed = 0
        self.started = self.printed = time.monotonic()
        self.printed_line = ""

    def add(self, row: dict[str, Any]) -> None:
        self.done += 1
        if not row.get("ok"):
            self.failed += 1
        now = time.monotonic()
        if now - self.printed >= self.every:
            self.printed = now
            self.print()

    def line(self) -> str:
        left = self.total - self.skipped - self.done
        text = f"sweep: {self.skipped + self.done} of {self.total} runs done"
        if self.skipped:
            text += f" ({self.skipped} from before)"
        text += f", {self.failed} failed"
        if left and self.done:
            per_run = (time.monotonic() - self.started) / self.done
            text += f", about {_duration(per_run * left)} left"
        return text

    def finish(self) -> None:
        """The last line, unless the last line printed already said it."""
        if self.printed_line != self.line():
            self.print()

    def print(self) -> None:
        self.printed_line = self.line()
        if not self.quiet:
            print(self.printed_line, file=self.stream, flush=True)


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"
