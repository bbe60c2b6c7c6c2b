"""The demo district's training records: every training figure of its yearly report is more than zero."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from governance.accounts.choices import Role
from governance.accounts.models import User
from governance.reports import figures
from governance.training.models import Attendance, Certificate, Course

pytestmark = pytest.mark.django_db


def test_the_district_s_report_of_a_year_states_grid_workers_trained_hours_and_qualifications(demo):
    today = timezone.localdate()  # the demo's sessions lie in the last three months
    section = figures.training_figures(demo.district, today - timedelta(days=364), today)
    values = {figure.key: figure.value for figure in section.figures}
    assert all(value > 0 for value in values.values()), values
    assert values["grid_workers_trained"] >= 4 and values["training_hours"] >= 57 and values["social_work_qualified"] >= 2
    trainee = User.objects.get(username="trainee_01")
    assert trainee.role_assignments.filter(role=Role.GRID_WORKER, community=demo.xinhong).exists()
    assert demo.worker.certificates.filter(kind="social_worker").exists()


def test_seeding_again_writes_no_second_course(demo):
    counts = (Course.objects.count(), Attendance.objects.count(), Certificate.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Course.objects.count(), Attendance.objects.count(), Certificate.objects.count()) == counts
