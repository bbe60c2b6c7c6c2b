"""The pages: the quick log form, the lists (with pinned query counts), the public totals."""

import re
import subprocess
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.accounts.choices import Role
from governance.activities import selectors, services
from governance.activities.models import Activity, ActivityType, VolunteerHours
from tests.base import make_staff, make_user

from .helpers import announce, log, png_upload

pytestmark = pytest.mark.django_db


def log_form_data(demo, **overrides) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "type": ActivityType.objects.get(code="clinic").pk,
        "day": timezone.localdate().isoformat(),
        "start": "09:30",
        "hours": "2",
        "community": "xinhong",
        "station": "",
        "organiser": "",
        "person_times": "30",
        "headcount": "",
        "project": "",
        "capacity": "",
        "title": "",
        "description": "",
    }
    return {**data, **overrides}


def clinic_figure(html: str) -> int:
    match = re.search(r"义诊服务 ([\d,]+) 人次", html)
    assert match, "the community page states the clinics' person-times in the seed's terms"
    return int(match.group(1).replace(",", ""))


def test_a_double_submitted_log_form_creates_one_activity(demo, client):
    client.force_login(demo.worker)
    data = log_form_data(demo)
    first = client.post(reverse("activities:log"), data)
    second = client.post(reverse("activities:log"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Activity.objects.filter(idempotency_key=data["idempotency_key"]).count() == 1


def test_the_log_form_defaults_to_today_and_the_worker_s_last_place_and_organiser(demo, client):
    last = log(
        by=demo.worker,
        community=None,
        station=selectors.stations_for(user=demo.worker).first(),
        organiser=selectors.organisers_for(user=demo.worker).first(),
    )
    client.force_login(demo.worker)
    form = client.get(reverse("activities:log")).context["form"]
    assert form.initial["day"] == timezone.localdate()
    assert form.initial["station"] == last.station_id
    assert form.initial["organiser"] == f"{last.organiser.kind}:{last.organiser.body.pk}"  # the body it stands for
    assert form.initial["community"] == "xinhong"
    assert uuid.UUID(str(form.initial["idempotency_key"]))


def test_a_log_form_with_a_missing_number_is_shown_again_and_saves_nothing(demo, client):
    client.force_login(demo.worker)
    before = Activity.objects.count()
    response = client.post(reverse("activities:log"), log_form_data(demo, person_times=""))
    assert response.status_code == 200 and response.context["form"].errors["person_times"]
    assert Activity.objects.count() == before


def test_a_worker_cannot_log_into_a_community_outside_their_scope(demo, client):
    client.force_login(demo.worker)
    response = client.post(reverse("activities:log"), log_form_data(demo, community="hualin"))
    assert response.status_code == 200 and "community" in response.context["form"].errors


def test_a_logged_clinic_raises_the_community_page_total_by_exactly_its_person_times(demo, client):
    page = reverse("courtyards:community", kwargs={"code": "xinhong"})
    before = clinic_figure(client.get(page).content.decode())
    client.force_login(demo.worker)
    client.post(reverse("activities:log"), log_form_data(demo, person_times="30"))
    client.logout()
    assert clinic_figure(client.get(page).content.decode()) == before + 30


def test_the_street_page_states_the_seed_s_figures(demo, client):
    html = client.get(reverse("courtyards:street", kwargs={"code": "shuangqiaozi"})).content.decode()
    assert re.search(r"志愿活动 [\d,]+ 场，服务 [\d,]+ 人次", html)
    assert re.search(r"[\d,]+ 个特殊家庭", html)
    assert "何素珍" not in html


def test_street_staff_see_the_activity_and_staff_of_another_street_do_not(demo, client):
    activity = log(by=demo.worker, community=demo.xinhong, person_times=30)
    url = reverse("activities:detail", kwargs={"code": activity.code})
    client.force_login(demo.street)
    assert client.get(url).status_code == 200
    assert activity in client.get(reverse("activities:list")).context["page"]
    shengdeng = make_staff(role=Role.STREET_STAFF, node=demo.shengdeng)
    client.force_login(shengdeng)
    assert client.get(url).status_code == 404
    assert activity not in client.get(reverse("activities:list")).context["page"]


def test_the_certificate_is_a_pdf_in_chinese(demo, client, tmp_path):
    client.force_login(demo.resident)
    response = client.get(reverse("activities:certificate"))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "志愿服务证明" in text and "张同珍" in text


def test_a_volunteer_sees_their_accumulated_hours(demo, client):
    client.force_login(demo.resident)
    response = client.get(reverse("activities:mine"))
    approved = VolunteerHours.objects.filter(volunteer=demo.resident, status="approved")
    assert response.context["total"]["hours"] == sum(e.hours for e in approved) > 0


# --- query counts: one row and many cost the same -----------------------------------------


def count_queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types), which are not per-row costs
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_activity_list_costs_the_same_with_one_row_and_many(demo, client):
    url = reverse("activities:list") + "?community=renmintang"
    renmintang = demo.shengdeng.communities.get(code="renmintang")
    other = make_staff(role=Role.SOCIAL_WORKER, node=renmintang)
    log(by=other, community=renmintang)
    client.force_login(other)
    one = count_queries(client, url)
    for _ in range(5):
        log(by=other, community=renmintang, organiser=None)
    assert count_queries(client, url) == one


def test_the_project_list_costs_the_same_with_one_row_and_many(demo, client):
    client.force_login(demo.community)
    one = count_queries(client, reverse("activities:project_list"))
    organiser = selectors.organisers_for(user=demo.community).first()
    for n in range(4):
        services.project_create(
            node=demo.xinhong, organiser=organiser, code=f"p{n}", name=f"项目{n}", kind="venture", funder="区", budget="1",
            starts_on=timezone.localdate(), ends_on=timezone.localdate(),
        )  # fmt: skip
    assert count_queries(client, reverse("activities:project_list")) == one


def test_the_family_list_and_my_volunteering_cost_the_same_with_one_row_and_many(demo, client):
    client.force_login(demo.worker)
    families_one = count_queries(client, reverse("activities:family_list"))
    for n in range(3):
        services.special_family_create(
            by=demo.worker, community=demo.xinhong, head_name=f"家庭{n}", reason="other", assigned_worker=demo.worker
        )
    assert count_queries(client, reverse("activities:family_list")) == families_one
    volunteer = make_user()
    client.force_login(volunteer)
    activities = [log(by=demo.worker, community=demo.xinhong, type_code="volunteer") for _ in range(4)]
    services.volunteer_hours_report(activity=activities[0], volunteer=volunteer, hours="1")
    mine_one = count_queries(client, reverse("activities:mine"))
    for activity in activities[1:]:
        services.volunteer_hours_report(activity=activity, volunteer=volunteer, hours="1")
    assert count_queries(client, reverse("activities:mine")) == mine_one


def test_the_community_page_costs_the_same_with_few_and_many_activities(demo, client):
    url = reverse("courtyards:community", kwargs={"code": "renmintang"})
    renmintang = demo.shengdeng.communities.get(code="renmintang")
    other = make_staff(role=Role.SOCIAL_WORKER, node=renmintang)
    announce(by=other, community=renmintang, capacity=5)
    one = count_queries(client, url)
    for _ in range(4):
        announce(by=other, community=renmintang, capacity=5)
        log(by=other, community=renmintang)
    assert count_queries(client, url) == one


def test_the_worker_names_volunteers_by_mobile_number_and_their_hours_count_at_once(demo, client):
    client.force_login(demo.worker)
    before = selectors.approved_hours_total(user=demo.resident2)["hours"]
    data = log_form_data(demo, type=ActivityType.objects.get(code="volunteer").pk, volunteers="13900000002 3\n13900000003 1.5")
    assert client.post(reverse("activities:log"), data).status_code == 302
    activity = Activity.objects.get(idempotency_key=data["idempotency_key"])
    assert sorted(activity.volunteer_hours.values_list("hours", flat=True)) == [Decimal("1.5"), Decimal("3")]
    assert selectors.approved_hours_total(user=demo.resident2)["hours"] == before + 3


def test_an_unknown_volunteer_number_is_refused_and_nothing_is_logged(demo, client):
    client.force_login(demo.worker)
    data = log_form_data(demo, volunteers="13999999999 2")
    response = client.post(reverse("activities:log"), data)
    assert "13999999999" in str(response.context["form"].errors["volunteers"])
    assert not Activity.objects.filter(idempotency_key=data["idempotency_key"]).exists()


def test_after_seven_days_the_author_no_longer_gets_the_edit_page_but_community_staff_do(demo, client):
    activity = log(by=demo.worker, community=demo.xinhong)
    url = reverse("activities:edit", kwargs={"code": activity.code})
    client.force_login(demo.worker)
    assert client.get(url).status_code == 200
    Activity.objects.filter(pk=activity.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert client.get(url).status_code == 404
    assert client.post(url, {"person_times": "99"}).status_code == 404
    client.force_login(demo.community)
    assert client.get(url).status_code == 200


def test_a_photo_uploaded_on_the_activity_page_is_served_only_in_scope(demo, client):
    activity = log(by=demo.worker, community=demo.xinhong)
    client.force_login(demo.worker)
    client.post(reverse("activities:photo_upload", kwargs={"code": activity.code}), {"photo": png_upload()})
    photo = activity.photos.get()
    url = reverse("activities:photo", kwargs={"code": activity.code, "photo_code": photo.code})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    client.force_login(make_staff(role=Role.STREET_STAFF, node=demo.shengdeng))
    assert client.get(url).status_code == 404


def test_a_social_worker_approves_reported_hours_from_the_queue_at_a_constant_cost(demo, client):
    activities = [log(by=demo.worker, community=demo.xinhong, type_code="volunteer") for _ in range(4)]
    volunteers = [make_user() for _ in activities]
    services.volunteer_hours_report(activity=activities[0], volunteer=volunteers[0], hours="2")
    client.force_login(demo.worker)
    one = count_queries(client, reverse("activities:hours_queue"))
    for activity, volunteer in zip(activities[1:], volunteers[1:], strict=True):
        services.volunteer_hours_report(activity=activity, volunteer=volunteer, hours="2")
    assert count_queries(client, reverse("activities:hours_queue")) == one
    entry = VolunteerHours.objects.get(volunteer=volunteers[0])
    url = reverse("activities:hours_decide", kwargs={"code": activities[0].code, "hours_id": entry.pk})
    assert client.post(url, {"decision": "approve", "back": "queue"})["Location"] == reverse("activities:hours_queue")
    assert selectors.approved_hours_total(user=volunteers[0])["hours"] == 2
    client.force_login(make_staff(role=Role.SOCIAL_WORKER, node=demo.hualin))
    assert not client.get(reverse("activities:hours_queue")).context["page"].object_list
