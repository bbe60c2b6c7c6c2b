"""Three years after a request is closed its personal data goes; the request stays for the figures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.requests import retention
from governance.requests.choices import Status
from governance.requests.models import Request, Support, TimelineEvent
from governance.requests.public import services as public_services
from tests.base import make_request, request_set

pytestmark = pytest.mark.django_db


def closed_request(demo, *, days_ago: int, title: str):
    request = make_request(
        resident=demo.resident, title=title, text="漏水严重，请联系13712340000", reporter_public=True, address_text="3单元501"
    )
    public_services.support_add(request=request, user=demo.resident2)
    TimelineEvent.objects.filter(request=request).update(note="住户电话 13712340000")
    return request_set(request, status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=days_ago), rating=2, latitude=30.6)


def test_requests_closed_over_three_years_ago_lose_their_personal_data_and_recent_ones_do_not(demo):
    old = closed_request(demo, days_ago=3 * 366, title="旧诉求")
    recent = closed_request(demo, days_ago=300, title="新诉求")
    open_request = make_request(resident=demo.resident, title="未结诉求")
    before = (old.category_id, old.community_id, old.unit_id, old.status, old.rating, old.closed_at)

    assert retention.requests_anonymise_old(batch_size=1) == 1

    old.refresh_from_db()
    assert (old.category_id, old.community_id, old.unit_id, old.status, old.rating, old.closed_at) == before
    assert old.resident.username == "anonymised" and not old.resident.is_active and old.resident.phone is None
    assert (old.text, old.address_text, old.latitude, old.reporter_public) == ("漏水严重，请联系137****0000", "", None, False)
    assert not Support.objects.filter(request=old).exists() and old.support_count == 1
    assert set(TimelineEvent.objects.filter(request=old).values_list("note", flat=True)) == {"住户电话 137****0000"}
    assert not TimelineEvent.objects.filter(request=old, actor=demo.resident).exists()
    recent.refresh_from_db()
    assert recent.resident == demo.resident and recent.text.endswith("13712340000") and Support.objects.filter(request=recent).exists()
    assert Request.objects.get(pk=open_request.pk).resident == demo.resident


def test_the_job_is_idempotent_and_works_in_batches(demo):
    for n in range(3):
        closed_request(demo, days_ago=4 * 365, title=f"旧诉求{n}")
    assert retention.requests_anonymise_old(batch_size=2) == 3
    assert retention.requests_anonymise_old(batch_size=2) == 0
    assert Request.objects.filter(resident__username="anonymised").count() == 3


def test_beat_runs_the_job_daily(settings):
    from governance.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["requests-anonymise-old"]
    assert entry["task"] == "governance.requests.tasks.requests_anonymise_old" and entry["task"] in app.tasks
