"""Who gave a special family its help (企业, 个人, 社团, 社区): recorded with the help, shown on the case file, counted by the reports."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from governance.activities import services
from governance.activities.choices import HelperKind
from governance.activities.models import HelpRecord, SpecialFamily
from tests.factories import activity_make, association_make, enterprise_make

pytestmark = pytest.mark.django_db


def seeded_family() -> SpecialFamily:
    return SpecialFamily.objects.get(head_name="何素珍")


def _help(demo, **fields) -> HelpRecord:
    return services.help_record_add(family=seeded_family(), by=demo.worker, description="上门帮扶", given_on=timezone.localdate(), **fields)


def test_help_at_an_enterprise_or_association_activity_is_theirs_and_otherwise_the_community_s(demo):
    pharmacy = enterprise_make(street=demo.shuangqiaozi, kind="shop")
    eldercare = association_make(community=demo.xinhong, kind="service")
    at = timezone.now()
    by_enterprise = activity_make(
        by=demo.worker, community=demo.xinhong, category="clinic", person_times=5, starts_at=at, organiser_body=pharmacy
    )
    by_association = activity_make(
        by=demo.worker, community=demo.xinhong, category="volunteer", person_times=5, starts_at=at, organiser_body=eldercare
    )
    plain = activity_make(by=demo.worker, community=demo.xinhong, category="volunteer", person_times=5, starts_at=at)

    assert _help(demo, activity=by_enterprise).helper_kind == HelperKind.ENTERPRISE
    assert _help(demo, activity=by_association).helper_kind == HelperKind.ASSOCIATION
    assert _help(demo, activity=plain).helper_kind == HelperKind.COMMUNITY
    assert _help(demo).helper_kind == HelperKind.COMMUNITY
    assert _help(demo, activity=by_enterprise, helper_kind=HelperKind.INDIVIDUAL).helper_kind == HelperKind.INDIVIDUAL  # said, not guessed


def test_an_unknown_helper_is_refused(demo):
    with pytest.raises(ValidationError):
        _help(demo, helper_kind="government")


def test_the_worker_records_who_helped_and_the_case_file_shows_it(demo, client):
    family = seeded_family()
    client.force_login(demo.worker)
    response = client.post(
        reverse("activities:family_help", kwargs={"code": family.code}),
        {"description": "爱心人士资助医药费", "given_on": timezone.localdate().isoformat(), "helper_kind": "individual"},
    )
    assert response.status_code == 302
    assert HelpRecord.objects.get(family=family, description="爱心人士资助医药费").helper_kind == HelperKind.INDIVIDUAL
    with translation.override("zh-hans"):
        page = client.get(reverse("activities:family_detail", kwargs={"code": family.code}), HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert "爱心人士资助医药费 · 个人" in page
