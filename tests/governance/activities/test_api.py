"""The field-work API under /api/v1/: scoped by the permission module, described in the OpenAPI schema."""

import pytest
from django.urls import reverse

from governance.accounts.choices import Role
from governance.activities import selectors
from tests.base import make_staff

from .helpers import log

pytestmark = pytest.mark.django_db


def test_activities_are_listed_within_the_caller_s_scope(demo, client):
    activity = log(by=demo.worker, community=demo.xinhong, person_times=30)
    client.force_login(demo.street)
    codes = {row["code"] for row in client.get(reverse("api:activity-list"), {"community": "xinhong", "limit": 500}).json()["results"]}
    assert str(activity.code) in codes
    client.force_login(make_staff(role=Role.STREET_STAFF, node=demo.shengdeng))
    assert client.get(reverse("api:activity-list"), {"community": "xinhong"}).json()["count"] == 0
    assert client.get(reverse("api:activity-detail", kwargs={"code": activity.code})).status_code == 404


def test_the_totals_endpoint_gives_the_selector_s_figures(demo, client):
    client.force_login(demo.street)
    data = client.get(reverse("api:activity-totals"), {"node": "shuangqiaozi", "start": "2000-01-01"}).json()
    expected = selectors.node_totals(node=demo.shuangqiaozi)
    assert data["clinic_person_times"] == expected["clinic_person_times"] and data["families_helped"] == expected["families_helped"]
    assert client.get(reverse("api:activity-totals"), {"node": "shuangqiaozi", "start": "not-a-date"}).status_code == 400


def test_project_progress_is_in_the_api(demo, client):
    client.force_login(demo.community)
    row = client.get(reverse("api:project-detail", kwargs={"code": "xinhong-venture-2026"})).json()
    project = selectors.project_list(user=demo.community).get(code="xinhong-venture-2026")
    assert (row["events_done"], row["person_times_done"]) == (project.events_done, project.person_times_done) != (0, 0)


def test_the_schema_describes_the_new_endpoints(demo, client):
    client.force_login(demo.admin)
    schema = client.get(reverse("schema"), HTTP_ACCEPT="application/json").content.decode()
    for path in ["/api/v1/activities/", "/api/v1/projects/", "/api/v1/special-families/", "/api/v1/activity-totals/"]:
        assert path in schema
