"""The demo's four weeks of grid work in 新鸿社区第一网格."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.fieldwork import demo as fieldwork_demo
from governance.fieldwork import selectors
from governance.fieldwork.models import Patrol, Visit

from .helpers import courtyard, grid_one

pytestmark = pytest.mark.django_db


def test_the_demo_grid_has_four_weeks_of_patrols_and_visits(demo):
    patrols = Patrol.objects.filter(grid=grid_one())
    assert patrols.count() >= 8 and patrols.filter(worker__username="demo_grid").exists()
    assert patrols.filter(worker__username="demo_worker").exists()  # the deputy walks too
    assert patrols.order_by("started_at").first().started_at > timezone.now() - timedelta(days=29)
    assert Visit.objects.filter(grid=grid_one(), follow_up_due__isnull=False).exists()


def test_one_courtyard_of_the_demo_grid_waits_ten_days_and_more(demo):
    last = selectors.last_patrol_by_courtyard(courtyards=[courtyard("xinhong-nanlu"), courtyard("xinhuayuan")])
    now = timezone.now()
    assert now - last[courtyard("xinhuayuan").pk] > timedelta(days=10)
    assert now - last[courtyard("xinhong-nanlu").pk] < timedelta(days=3)


def test_seeding_again_writes_nothing(demo):
    counts = Patrol.objects.count(), Visit.objects.count()
    fieldwork_demo.seed()
    assert (Patrol.objects.count(), Visit.objects.count()) == counts
