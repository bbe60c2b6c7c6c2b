"""The quick log form names each service station with its community, as a street's worker is offered several."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.activities.forms import ActivityLogForm
from governance.activities.models import ServiceStation

pytestmark = pytest.mark.django_db


def _labels(form) -> list[str]:
    return [str(label) for _value, label in form.fields["station"].choices][1:]


def test_each_station_reads_its_community_and_its_name(demo):
    labels = _labels(ActivityLogForm(user=demo.worker))
    assert labels and all(re.fullmatch(r"\S+社区 · .+", label) for label in labels)
    station = ServiceStation.objects.select_related("community").first()
    assert f"{station.community.name} · {station.name}" in _labels(ActivityLogForm(user=demo.admin))


def test_the_station_choices_cost_one_query_however_many_stations(demo):
    form = ActivityLogForm(user=demo.admin)
    with CaptureQueriesContext(connection) as queries:
        _labels(form)
    assert len(queries) == 1
