"""What the generator wrote, counted as it wrote it: per street and for the district, in the terms of the
portal's figures (`public.figures`, `clock.ontime`), so a test or a report can be checked against it."""

import json
from collections import Counter

from django.utils import timezone

from governance.requests.choices import OPEN_STATUSES, Status

LOCAL = timezone.get_default_timezone()


def _bucket() -> dict:
    return {
        "requests": 0,
        "open": 0,
        "resolved": 0,
        "overdue": 0,  # open past its deadline, as the queue flags it (workflow.rules.overdue_q)
        "resolved_late": 0,
        "on_time": 0,
        "on_time_due": 0,
        "accepted_on_time": 0,
        "response_due": 0,
        "reopened": 0,
        "rated": 0,
        "rating_sum": 0,
        "events": 0,
        "supports": 0,
        "by_status": Counter(),
        "by_category": Counter(),
        "by_year": Counter(),
    }


class Totals:
    def __init__(self, categories: dict[int, str] | None = None):
        self.district = _bucket()
        self.streets: dict[int, dict] = {}
        self.street_names: dict[int, str] = {}
        self.categories = categories or {}
        self.rows: dict[str, int] = {}

    def request_add(self, row: dict, *, reopened: bool, events: int, now) -> None:
        street = self.streets.setdefault(row["street_id"], _bucket())
        for bucket in (self.district, street):
            _count(bucket, row, reopened=reopened, events=events, now=now, category=self.categories.get(row["category_id"], "?"))

    def as_json(self) -> dict:
        streets = {str(pk): {"name": self.street_names.get(pk, ""), **_plain(b)} for pk, b in sorted(self.streets.items())}
        return {"district": _plain(self.district), "streets": streets, "rows": dict(sorted(self.rows.items()))}

    def write(self, path: str, **extra) -> None:
        with open(path, "w", encoding="utf-8") as out:
            json.dump({**extra, **self.as_json()}, out, ensure_ascii=False, indent=1, default=str)


def _count(bucket: dict, row: dict, *, reopened: bool, events: int, now, category: str) -> None:
    status, resolved, accepted = row["status"], row.get("resolved_at"), row.get("accepted_at")
    bucket["requests"] += 1
    bucket["by_status"][status] += 1
    bucket["by_category"][category] += 1
    bucket["by_year"][str(row["created_at"].astimezone(LOCAL).year)] += 1  # the year as the portal's reports count it
    bucket["open"] += status in OPEN_STATUSES
    bucket["resolved"] += resolved is not None
    bucket["overdue"] += status in OPEN_STATUSES and row["accept_due_at" if status == Status.SUBMITTED else "resolve_due_at"] < now
    bucket["resolved_late"] += resolved is not None and resolved > row["resolve_due_at"]
    if status != Status.REJECTED and (row["resolve_due_at"] <= now or resolved is not None):
        bucket["on_time_due"] += 1
        bucket["on_time"] += resolved is not None and resolved <= row["resolve_due_at"]
    if row["accept_due_at"] <= now or accepted is not None:
        bucket["response_due"] += 1
        bucket["accepted_on_time"] += accepted is not None and accepted <= row["accept_due_at"]
    bucket["reopened"] += reopened
    bucket["rated"] += row.get("rating") is not None
    bucket["rating_sum"] += row.get("rating") or 0
    bucket["events"] += events
    bucket["supports"] += row.get("support_count", 0)


def _plain(bucket: dict) -> dict:
    return {key: dict(sorted(value.items())) if isinstance(value, Counter) else value for key, value in bucket.items()}
