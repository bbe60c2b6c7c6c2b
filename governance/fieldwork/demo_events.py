"""Demo events found in the field by demo_grid (新鸿社区第一网格): some filed as requests, some resolved on the
spot; and 何素珍's case file opened to the grid worker. Safe to run again (each event has a fixed key)."""

import uuid

from courtyards.models import Courtyard
from governance.accounts.models import User
from governance.activities import services as activity_services
from governance.activities.models import SpecialFamily
from governance.requests.models import Category

from . import events
from .models import Patrol

# courtyard code, category, what was found, what was done on the spot ("" when filed for the community).
EVENTS = [
    ("xinhong-nanlu", "facilities", "3栋门口路灯不亮，晚上老人出行不便", ""),
    ("xinhong-nanlu", "sanitation", "垃圾桶满溢，周边有异味", "联系保洁当场清运，周边已冲洗"),
    ("xinhuayuan", "safety", "消防通道停放三辆电动车", "联系车主当场挪走，已提醒不要再停"),
    ("xinhuayuan", "property", "2栋电梯按钮失灵", ""),
]
NAMESPACE = uuid.UUID("6f1d1c1e-3a52-4d0b-9a8e-5c1f0e7b2a10")


def seed() -> None:
    worker = User.objects.filter(username="demo_grid").first()
    if worker is None:
        return
    for n, (courtyard_code, category_code, text, done) in enumerate(EVENTS):
        courtyard = Courtyard.objects.get(code=courtyard_code)
        events.field_event_file(
            worker=worker,
            category=Category.objects.get(code=category_code),
            place=courtyard,
            text=text,
            idempotency_key=uuid.uuid5(NAMESPACE, f"demo-event-{n}"),
            patrol=_patrol_through(worker, courtyard),
            on_spot_note=done,
        )
    _case_file_open(worker)


def _patrol_through(worker, courtyard):
    """The worker's latest patrol of the courtyard, where the fieldwork demo logged one."""
    return Patrol.objects.filter(worker=worker, covered__courtyard=courtyard).order_by("-started_at").first()


def _case_file_open(worker) -> None:
    family = SpecialFamily.objects.filter(head_name="何素珍").select_related("assigned_worker", "courtyard").first()
    if family is not None:
        activity_services.special_family_grant(family=family, user=worker, by=family.assigned_worker)
