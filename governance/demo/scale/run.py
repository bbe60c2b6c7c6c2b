"""One generation run: the plan, the id counters, a writer per model and what has been written."""

import sys
import time
from functools import partial

from django.core.management.base import OutputWrapper
from django.db.models import Model

from .loader import Ids, Writer
from .plan import Plan


class Progress:
    """One line per part, rewritten in place: rows written and rows per second."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        # A command's OutputWrapper ends every write with a newline unless told otherwise.
        self.write = partial(self.stream.write, ending="") if isinstance(self.stream, OutputWrapper) else self.stream.write
        self.counts: dict[str, int] = {}
        self.started = time.monotonic()

    def rows(self, model: type[Model], n: int) -> None:
        name = model._meta.label
        self.counts[name] = self.counts.get(name, 0) + n
        elapsed = max(time.monotonic() - self.started, 1e-6)
        self.write(f"\r  {name:<32} {self.counts[name]:>10,} rows  {sum(self.counts.values()) / elapsed:>9,.0f} rows/s")
        self.stream.flush()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def step(self, label: str) -> None:
        self.write(f"\n[{time.monotonic() - self.started:7.1f} s] {label}\n")
        self.stream.flush()


class Run:
    def __init__(self, plan: Plan, progress: Progress):
        self.plan, self.progress = plan, progress
        self.ids = Ids()
        self.writers: dict[type[Model], Writer] = {}
        self.written: list[type[Model]] = []

    def add(self, model: type[Model], row: dict) -> int:
        """Queue one row of `model`, choosing its id unless given; returns the id."""
        if "id" not in row:
            row["id"] = self.ids.take(model)
        writer = self.writers.get(model)
        if writer is None:
            writer = self.writers[model] = Writer(model, self.plan.now, on_write=self.progress.rows)
            self.written.append(model)
        writer.add(row)
        return row["id"]

    def flush(self) -> None:
        for writer in self.writers.values():
            writer.flush()
