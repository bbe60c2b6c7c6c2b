"""Generated requests with known totals: each row is decided by a seeded random generator, and the
expected figures are counted from the same plan in Python, independently of the code under test."""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from courtyards.models import Community
from governance.requests.choices import OPEN_STATUSES, OwnerBody, Status
from governance.requests.models import Category, Request
from tests.base import make_user

SHANGHAI = ZoneInfo("Asia/Shanghai")
_numbers = iter(range(1, 10_000_000))


def categories() -> list[Category]:
    wanted = [("road", "道路维修"), ("lighting", "路灯照明"), ("noise", "噪音扰民")]
    return [
        Category.objects.get_or_create(code=code, defaults={"name_zh": name, "name_en": code, "owner_body": OwnerBody.COMMUNITY})[0]
        for code, name in wanted
    ]


@dataclass
class Expected:
    by_status: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    submitted: int = 0
    open: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    accepted_on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    ratings: list = field(default_factory=list)
    resolve_hours: list = field(default_factory=list)
    merged: int = 0  # duplicates merged into another request: counted once, in the one they joined, so never here


def make_requests(*, street, count: int, start: date, end: date, seed: int = 7, resident=None) -> Expected:
    """`count` requests spread over the communities of `street`, submitted between start and end (local days)."""
    rng = random.Random(seed)
    cats = categories()
    communities = list(Community.objects.filter(street=street))
    resident = resident or make_user(display_name="生成的居民")
    expected, rows = Expected(), []
    span = (end - start).days + 1
    for _ in range(count):
        community, category = rng.choice(communities), rng.choice(cats)
        day = start + timedelta(days=rng.randrange(span))
        created = datetime.combine(day, time(rng.randrange(24), rng.randrange(60)), tzinfo=SHANGHAI)
        status = rng.choice(list(Status))
        accept_due, resolve_due = created + timedelta(hours=24), created + timedelta(hours=72)
        accepted = created + timedelta(hours=rng.choice([2, 30])) if status != Status.SUBMITTED else None
        resolved = created + timedelta(hours=rng.choice([10, 48, 100])) if status in (Status.RESOLVED, Status.CLOSED) else None
        rating = rng.choice([None, 1, 3, 4, 5]) if status == Status.CLOSED else None
        rows.append(
            Request(
                number=f"T-{next(_numbers):07d}",
                resident=resident,
                category=category,
                title="生成的诉求",
                text="用于报表测试",
                status=status,
                community=community,
                street_id=community.street_id,
                district_id=community.district_id,
                owner_body=OwnerBody.COMMUNITY,
                owner_label=community.name,
                accept_due_at=accept_due,
                resolve_due_at=resolve_due,
                owner_accept_due_at=accept_due,
                owner_resolve_due_at=resolve_due,
                accepted_at=accepted,
                resolved_at=resolved,
                rating=rating,
            )
        )
        if status == Status.MERGED:
            expected.merged += 1
            continue
        expected.submitted += 1
        expected.by_status[str(Status(status).label)] += 1
        expected.by_category[category.name_zh] += 1
        expected.open += status in OPEN_STATUSES
        if resolved:
            expected.resolved += 1
            expected.resolved_on_time += resolved <= resolve_due
            expected.resolve_hours.append((resolved - created).total_seconds() / 3600)
        expected.accepted_on_time += bool(accepted and accepted <= accept_due)
        if rating:
            expected.rated += 1
            expected.satisfied += rating >= 4
            expected.ratings.append(rating)
    created_rows = Request.objects.bulk_create(rows, batch_size=2000)
    # created_at is auto_now_add: set the planned submission times afterwards.
    for row, planned in zip(created_rows, rows, strict=True):
        row.created_at = planned.accept_due_at - timedelta(hours=24)
    Request.objects.bulk_update(created_rows, ["created_at"], batch_size=2000)
    return expected
