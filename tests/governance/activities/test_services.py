"""Workers log field work; the rules hold in the services, whoever calls them."""

import io
import random
import uuid
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from courtyards.models import Courtyard
from governance.accounts.choices import Role
from governance.activities import selectors, services
from governance.activities.choices import HoursStatus
from governance.activities.models import Activity, ServiceStation, VolunteerHours
from governance.activities.photos import MAX_PHOTO_BYTES
from governance.notifications.models import Notification
from tests.base import make_staff, make_user

from .helpers import log, png_upload

pytestmark = pytest.mark.django_db


def test_an_activity_at_a_station_carries_the_station_s_place_keys(demo):
    station = ServiceStation.objects.get(code="xinhong-station")
    activity = log(by=demo.worker, community=None, station=station)
    assert (activity.district_id, activity.street_id, activity.community_id) == (demo.district.pk, demo.shuangqiaozi.pk, demo.xinhong.pk)
    assert activity.courtyard_id == Courtyard.objects.get(code="xinhong-nanlu").pk


def test_the_same_submission_key_returns_the_activity_already_logged(demo):
    key = uuid.uuid4()
    first = log(by=demo.worker, community=demo.xinhong, idempotency_key=key, person_times=30)
    second = log(by=demo.worker, community=demo.xinhong, idempotency_key=key, person_times=30)
    assert first.pk == second.pk
    assert Activity.objects.filter(idempotency_key=key).count() == 1


def test_someone_else_cannot_reuse_a_submission_key(demo):
    key = uuid.uuid4()
    log(by=demo.worker, community=demo.xinhong, idempotency_key=key)
    with pytest.raises(ValidationError):
        log(by=demo.community, community=demo.xinhong, idempotency_key=key)


def test_a_worker_cannot_log_in_another_community(demo):
    with pytest.raises(PermissionDenied):
        log(by=demo.worker, community=demo.hualin)
    with pytest.raises(PermissionDenied):
        log(by=demo.resident, community=demo.xinhong)


def test_the_author_may_edit_for_seven_days_then_only_community_staff(demo):
    activity = log(by=demo.worker, community=demo.xinhong, person_times=10)
    services.activity_update(activity=activity, by=demo.worker, person_times=12)
    Activity.objects.filter(pk=activity.pk).update(created_at=timezone.now() - timedelta(days=8))
    activity.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.activity_update(activity=activity, by=demo.worker, person_times=14)
    services.activity_update(activity=activity, by=demo.community, person_times=15)
    other_worker = make_staff(role=Role.SOCIAL_WORKER, node=demo.xinhong)
    with pytest.raises(PermissionDenied):
        services.activity_update(activity=activity, by=other_worker, person_times=16)
    activity.refresh_from_db()
    assert activity.person_times == 15


def test_every_edit_is_on_the_audit_trail(demo):
    activity = log(by=demo.worker, community=demo.xinhong, person_times=10)
    services.activity_update(activity=activity, by=demo.worker, person_times=11)
    update = LogEntry.objects.get_for_object(activity).get(action=LogEntry.Action.UPDATE)
    assert update.changes_dict["person_times"] == ["10", "11"]


def test_a_bad_activity_is_refused_with_nothing_saved(demo):
    before = Activity.objects.count()
    starts_at = timezone.now()
    with pytest.raises(ValidationError):
        services.activity_log(
            by=demo.worker,
            idempotency_key=uuid.uuid4(),
            type=selectors.activity_types().first(),
            starts_at=starts_at,
            ends_at=starts_at - timedelta(hours=1),
            community=demo.xinhong,
        )
    assert Activity.objects.count() == before


# --- photos ----------------------------------------------------------------------------


def test_a_photo_is_re_encoded_without_exif(demo):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (30, 39, 0)}  # GPS
    upload = png_upload(name="p.jpg", fmt="JPEG", exif=exif.tobytes())
    activity = log(by=demo.worker, community=demo.xinhong)
    photo = services.photo_add(activity=activity, by=demo.worker, upload=upload)
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(demo):
    activity = log(by=demo.worker, community=demo.xinhong)
    fake = SimpleUploadedFile("photo.jpg", b"<?php echo 'hi'; ?>" * 10, content_type="image/jpeg")
    with pytest.raises(ValidationError):
        services.photo_add(activity=activity, by=demo.worker, upload=fake)
    assert not activity.photos.exists()


def test_a_photo_over_5_mb_is_refused(demo):
    activity = log(by=demo.worker, community=demo.xinhong)
    big = SimpleUploadedFile("big.png", b"\0" * (MAX_PHOTO_BYTES + 1), content_type="image/png")
    with pytest.raises(ValidationError, match="5 MB"):
        services.photo_add(activity=activity, by=demo.worker, upload=big)


# --- volunteer hours -------------------------------------------------------------------


def test_self_reported_hours_count_once_a_social_worker_approves_them(demo):
    activity = log(by=demo.worker, community=demo.xinhong, type_code="volunteer")
    volunteer = make_user(home_unit=demo.resident.home_unit)
    entry = services.volunteer_hours_report(activity=activity, volunteer=volunteer, hours="3")
    assert selectors.approved_hours_total(user=volunteer)["hours"] == 0
    with pytest.raises(PermissionDenied):
        services.volunteer_hours_decide(entry=entry, by=demo.resident, approve=True)
    services.volunteer_hours_decide(entry=entry, by=demo.worker, approve=True)
    assert selectors.approved_hours_total(user=volunteer)["hours"] == 3
    assert Notification.objects.filter(recipient=volunteer, kind="hours.approved").count() == 1
    with pytest.raises(ValidationError):
        services.volunteer_hours_report(activity=activity, volunteer=volunteer, hours="2")


def test_rejected_hours_do_not_count(demo):
    activity = log(by=demo.worker, community=demo.xinhong, type_code="volunteer")
    volunteer = make_user()
    entry = services.volunteer_hours_report(activity=activity, volunteer=volunteer, hours="2")
    services.volunteer_hours_decide(entry=entry, by=demo.community, approve=False)
    assert VolunteerHours.objects.get(pk=entry.pk).status == HoursStatus.REJECTED
    assert selectors.approved_hours_total(user=volunteer)["hours"] == 0


# --- projects --------------------------------------------------------------------------


def test_a_project_s_progress_equals_the_sum_of_its_activities(demo):
    """Generated data (fixed seed): many activities, some in the project, some not."""
    rng = random.Random(5)
    project = services.project_create(
        node=demo.xinhong,
        organiser=selectors.organisers_for(user=demo.worker).first(),
        code="generated",
        name="生成的项目",
        kind="purchased",
        funder="成华区",
        budget="10000",
        starts_on=timezone.localdate() - timedelta(days=100),
        ends_on=timezone.localdate(),
        target_person_times=500,
        target_events=20,
    )
    in_project = []
    for _ in range(rng.randint(20, 40)):
        chosen = rng.random() < 0.6
        activity = log(
            by=demo.worker,
            community=demo.xinhong,
            type_code=rng.choice(["clinic", "volunteer", "mediation"]),
            person_times=rng.randint(0, 120),
            days_ago=rng.randint(1, 90),
            project=project if chosen else None,
        )
        if chosen:
            in_project.append(activity)
    progress = selectors.project_list(user=demo.worker).get(pk=project.pk)
    assert progress.events_done == len(in_project)
    assert progress.person_times_done == sum(a.person_times for a in in_project)


# --- totals ----------------------------------------------------------------------------


def test_totals_add_up_from_community_to_street_to_district(demo):
    before = {n.code: selectors.node_totals(node=n) for n in (demo.xinhong, demo.shuangqiaozi, demo.district, demo.hualin)}
    log(by=demo.worker, community=demo.xinhong, type_code="clinic", person_times=30)
    log(by=demo.worker, community=demo.xinhong, type_code="volunteer", person_times=40)
    after = {n.code: selectors.node_totals(node=n) for n in (demo.xinhong, demo.shuangqiaozi, demo.district, demo.hualin)}
    for code in ("xinhong", "shuangqiaozi", "chenghua"):
        assert after[code]["clinic_person_times"] - before[code]["clinic_person_times"] == 30
        assert after[code]["volunteer_events"] - before[code]["volunteer_events"] == 1
        assert after[code]["person_times"] - before[code]["person_times"] == 70
    assert after["hualin"] == before["hualin"]


def test_totals_respect_the_period(demo):
    log(by=demo.worker, community=demo.xinhong, person_times=7, days_ago=400)
    today = timezone.localdate()
    year = selectors.node_totals(node=demo.xinhong, start=today - timedelta(days=365), end=today)
    ever = selectors.node_totals(node=demo.xinhong)
    assert ever["person_times"] - year["person_times"] == 7


def test_totals_take_a_constant_number_of_queries(demo, django_assert_num_queries):
    with django_assert_num_queries(2):
        selectors.node_totals(node=demo.district)


def test_families_helped_count_each_family_once(demo):
    family = selectors.family_list(user=demo.worker).first()
    before = selectors.node_totals(node=demo.xinhong)["families_helped"]
    services.help_record_add(family=family, by=demo.worker, description="再次上门", given_on=timezone.localdate())
    assert selectors.node_totals(node=demo.xinhong)["families_helped"] == before
    assert before >= 1


def test_image_helper_really_makes_images():
    assert Image.open(io.BytesIO(png_upload().read())).format == "PNG"


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_of_one_form_make_one_activity(demo_tx):
    import threading

    from django.db import connection

    key, barrier, results = uuid.uuid4(), threading.Barrier(2), []

    def submit():
        try:
            barrier.wait(timeout=10)
            results.append(log(by=demo_tx.worker, community=demo_tx.xinhong, idempotency_key=key, person_times=30).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(results) == 2 and results[0] == results[1]
    assert Activity.objects.filter(idempotency_key=key).count() == 1
