"""Logging patrols and visits: who may, where, and a resubmitted draft making one row."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from courtyards.models import Household
from governance.fieldwork import selectors
from governance.fieldwork.models import Patrol, PatrolCourtyard, PatrolPhoto, Visit
from tests.base import make_user
from tests.governance.activities.helpers import png_upload

from .helpers import courtyard, grid_one, grid_two, grid_worker, patrol, unit_of, visit, worker_of_grid_two

pytestmark = pytest.mark.django_db


def test_the_grid_worker_logs_a_patrol_of_their_courtyards(demo):
    logged = patrol(
        courtyards=[courtyard("xinhong-nanlu"), courtyard("xinhuayuan")],
        checks=["fire_lanes", "safety", "safety"],
        note=" 消防通道畅通 ",
        route=[[30.6551, 104.1048, "2026-12-03T08:00:00Z"]],
        photos=[png_upload()],
    )
    row = Patrol.objects.get(pk=logged.pk)
    assert (row.worker, row.grid, row.community.code) == (grid_worker(), grid_one(), "xinhong")
    assert row.checks == ["safety", "fire_lanes"] and row.note == "消防通道畅通"
    assert row.route == [[30.6551, 104.1048, "2026-12-03T08:00:00Z"]]
    covered = PatrolCourtyard.objects.filter(patrol=row)
    assert {c.courtyard.code for c in covered} == {"xinhong-nanlu", "xinhuayuan"}
    assert {c.grid_id for c in covered} == {grid_one().pk}
    assert PatrolPhoto.objects.filter(patrol=row).count() == 1


def test_a_patrol_photo_keeps_no_exif(demo):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    logged = patrol(photos=[png_upload(fmt="JPEG", name="p.jpg", exif=exif.tobytes())])
    with PatrolPhoto.objects.get(patrol=logged).image.open("rb") as stored:
        assert not Image.open(stored).getexif()


def test_the_deputy_logs_a_patrol_too(demo):
    assert patrol(worker=demo.worker).worker == demo.worker


def test_the_same_key_returns_the_same_patrol(demo):
    key = uuid.uuid4()
    first = patrol(key=key)
    again = patrol(key=key, note="第二次提交")
    assert again.pk == first.pk
    assert Patrol.objects.filter(idempotency_key=key).count() == 1
    assert PatrolCourtyard.objects.filter(patrol=first).count() == 1


def test_someone_elses_key_is_refused(demo):
    key = uuid.uuid4()
    patrol(key=key)
    with pytest.raises(ValidationError):
        patrol(key=key, worker=demo.worker)


def test_a_courtyard_out_of_the_grid_is_refused_and_nothing_written(demo):
    before = Patrol.objects.count()
    with pytest.raises(ValidationError) as refused:
        patrol(courtyards=[courtyard("xinhong-nanlu"), courtyard("shuanglin")])
    assert "双林小区院落" in str(refused.value)
    assert Patrol.objects.count() == before


@pytest.mark.parametrize("who", ["other_grid", "resident"])
def test_others_may_not_log_in_the_grid(demo, who):
    person = worker_of_grid_two() if who == "other_grid" else demo.resident
    patrols, visits = Patrol.objects.count(), Visit.objects.count()
    with pytest.raises(PermissionDenied):
        patrol(worker=person)
    with pytest.raises(PermissionDenied):
        visit(worker=person)
    assert (Patrol.objects.count(), Visit.objects.count()) == (patrols, visits)


def test_the_worker_of_grid_two_logs_in_their_own_grid(demo):
    worker = worker_of_grid_two()
    assert patrol(worker=worker, grid=grid_two(), courtyards=[courtyard("shuanglin")]).grid == grid_two()


def test_the_grid_worker_logs_a_visit_and_the_household_is_made(demo):
    unit = unit_of(grid_one())
    logged = visit(unit=unit, room="909", purpose="care", findings="独居老人", follow_up="下周回访")
    row = Visit.objects.select_related("household").get(pk=logged.pk)
    assert (row.household.unit, row.household.room, row.grid, row.courtyard_id) == (unit, "909", grid_one(), unit.courtyard_id)
    assert (row.purpose, row.findings, row.follow_up) == ("care", "独居老人", "下周回访")


def test_the_same_key_returns_the_same_visit(demo):
    key = uuid.uuid4()
    assert visit(key=key).pk == visit(key=key).pk
    assert Visit.objects.filter(idempotency_key=key).count() == 1


def test_a_household_out_of_the_grid_is_refused_and_nothing_written(demo):
    households, visits = Household.objects.count(), Visit.objects.count()
    with pytest.raises(ValidationError):
        visit(unit=unit_of(grid_two()), room="707")
    assert (Household.objects.count(), Visit.objects.count()) == (households, visits)


def test_a_person_without_any_role_is_refused(demo):
    stranger = make_user()
    with pytest.raises(PermissionDenied):
        patrol(worker=stranger)


def test_last_patrol_by_courtyard_is_one_query(demo, django_assert_num_queries):
    places = [courtyard("xinhong-nanlu"), courtyard("xinhuayuan"), courtyard("shuanglin")]
    with django_assert_num_queries(1):
        last = selectors.last_patrol_by_courtyard(courtyards=places)
    assert set(last) == {places[0].pk, places[1].pk}  # 双林 was never patrolled in the demo
    assert last[places[0].pk] > last[places[1].pk]
