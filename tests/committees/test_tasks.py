"""The beat's reminder sweep, run by a real worker: members hear of tomorrow's meeting once."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from committees import services, tasks
from committees.models import Committee, Meeting
from governance.notifications.models import Notification
from tests.governance.notifications.test_tasks import wait_for


def test_the_reminder_sweep_is_on_the_beat_schedule():
    entries = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == tasks.meeting_reminders_sweep.name]
    assert entries and entries[0]["schedule"] <= 3600, "a sweep at least hourly, so no reminder comes less than a day ahead by much"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_the_reminders_of_tomorrows_meeting_once(demo_tx, celery_worker_process):
    council = Committee.objects.get(code="xiulinyuan-council")
    meeting = services.meeting_schedule(
        committee=council, title="明日议事", starts_at=timezone.now() + timedelta(hours=23), place="连心驿站"
    )
    tasks.meeting_reminders_sweep.delay()
    assert wait_for(lambda: Meeting.objects.get(pk=meeting.pk).reminded_at is not None)
    reminded_at = Meeting.objects.get(pk=meeting.pk).reminded_at
    tasks.meeting_reminders_sweep.delay()  # the next beat finds nothing left to remind
    time.sleep(1)
    assert Meeting.objects.get(pk=meeting.pk).reminded_at == reminded_at
    assert Notification.objects.filter(key__startswith=f"meeting:{meeting.pk}:reminder:").count() == 2  # the council's two members
