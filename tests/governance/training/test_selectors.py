"""The training figures of a node equal the totals of what was recorded, counted by hand."""

from datetime import date
from decimal import Decimal

import pytest

from courtyards.models import Courtyard
from governance.accounts.choices import Role
from governance.accounts.models import RoleAssignment
from governance.reports import figures
from governance.training import selectors
from tests.base import make_staff

from .helpers import attend, certify, course, grid_worker, session, training_cleared

pytestmark = pytest.mark.django_db
START, END = date(2026, 3, 1), date(2026, 5, 31)


def grid_workers_by_hand(street) -> int:
    """People holding the grid-worker role on the street or a place in it, counted in Python."""
    held = RoleAssignment.objects.filter(role=Role.GRID_WORKER).select_related("street", "community", "courtyard")
    return len({a.user_id for a in held if (a.street_id or getattr(a.node, "street_id", None)) == street.pk})


@pytest.fixture
def recorded(demo):
    """Two grid workers of 新鸿社区 (one on a courtyard), one of 华林社区, a social worker; a spring of sessions."""
    training_cleared()
    nanlu = Courtyard.objects.get(code="xinhong-nanlu")
    people = {
        "in1": grid_worker(demo.xinhong, nanlu),  # two roles: counted once
        "in2": grid_worker(nanlu),
        "out": grid_worker(demo.hualin),
        "social": make_staff(role=Role.SOCIAL_WORKER, node=demo.xinhong),  # not a grid worker (demo_worker deputises on a grid)
    }
    social_work = course(by=demo.admin, node=demo.district, title="社工职业资格培训", kind="social_work", hours=16)
    march, may, july = (
        session(by=demo.admin, course=social_work, day=day, hours=h)
        for day, h in ((START.replace(day=10), 6), (date(2026, 5, 5), 4), (date(2026, 7, 1), 3))
    )
    for person, at, hours in [
        ("in1", march, 6),
        ("in1", may, 4),
        ("in2", march, 0),
        ("in2", may, 4),
        ("out", march, 6),
        ("social", march, 6),
        ("in1", july, 3),
    ]:
        attend(by=demo.admin, session=at, person=people[person], hours=hours)
    for person, kind, number, issued_on in [
        ("in1", "assistant_social_worker", "A-1", date(2026, 4, 1)),
        ("in2", "grid_worker", "G-1", date(2026, 4, 1)),  # not a social-work qualification
        ("in2", "assistant_social_worker", "A-2", date(2026, 8, 1)),  # issued after the period
        ("out", "social_worker", "S-1", date(2025, 6, 1)),
        ("social", "senior_social_worker", "S-2", date(2025, 6, 1)),
    ]:
        certify(by=demo.admin, node=demo.district, person=people[person], kind=kind, number=number, issued_on=issued_on)
    return people


def test_a_street_counts_its_grid_workers_trained_their_hours_and_qualifications(demo, recorded):
    totals = selectors.node_training_totals(node=demo.shuangqiaozi, start=START, end=END)
    assert totals == {
        "grid_workers": grid_workers_by_hand(demo.shuangqiaozi),
        "grid_workers_trained": 2,  # in1 and in2; in2's absence in March is no training
        "training_hours": Decimal("14.0"),  # 6 + 4 + 4; July lies outside the period
        "social_work_qualified": 1,  # in1; in2's assistant certificate came in August
    }


def test_every_level_counts_the_grid_workers_below_it(demo, recorded):
    district = selectors.node_training_totals(node=demo.district, start=START, end=END)
    assert (district["grid_workers_trained"], district["training_hours"], district["social_work_qualified"]) == (3, Decimal("20.0"), 2)
    community = selectors.node_training_totals(node=demo.xinhong, start=START, end=END)
    assert (community["grid_workers_trained"], community["training_hours"], community["social_work_qualified"]) == (2, Decimal("14.0"), 1)
    courtyard = selectors.node_training_totals(node=Courtyard.objects.get(code="xinhong-nanlu"), start=START, end=END)
    assert (courtyard["grid_workers"], courtyard["grid_workers_trained"], courtyard["training_hours"]) == (2, 2, Decimal("14.0"))
    assert selectors.node_training_totals(node=demo.shengdeng, start=START, end=END)["training_hours"] == Decimal("6.0")


def test_without_a_period_every_session_counts(demo, recorded):
    assert selectors.node_training_totals(node=demo.xinhong)["training_hours"] == Decimal("17.0")


def test_the_figures_are_one_query(demo, recorded, django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.node_training_totals(node=demo.district, start=START, end=END)


def test_the_district_report_states_the_training_figures(demo, recorded):
    section = next(s for s in figures.all_sections(demo.district, START, END) if s.key == "training")
    assert section.value("grid_workers_trained") == 3
    assert section.value("training_hours") == 20.0
    assert section.value("social_work_qualified") == 2
    trend = dict(section.trend)
    assert (trend[date(2026, 3, 1)], trend[date(2026, 4, 1)], trend[date(2026, 5, 1)]) == (12.0, 0, 8.0)


def test_a_person_s_record_sums_their_own_hours(demo, recorded):
    totals = selectors.person_totals(person=recorded["in1"])
    assert (totals["hours"], totals["sessions"]) == (Decimal("13.0"), 3)
    assert [c.number for c in selectors.certificates_of(person=recorded["in1"])] == ["A-1"]
