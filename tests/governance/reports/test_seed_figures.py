"""数说: the district's yearly report states each figure of the kind the seed gives, from records (issue 13 point 8).

Two new streets of the demo district get known records; each figure of a street's section equals the totals made
here, the other street's records are never counted, and the district's figures grow by both streets' totals.
"""

import io
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from associations import services as association_services
from governance.accounts.choices import Role
from governance.reports import figures, periods, seed_figures, services
from governance.reports.choices import JobStatus, PeriodKind
from governance.reports.models import ReportJob
from tests.base import make_staff
from tests.factories import (
    activity_make,
    association_make,
    community_make,
    enterprise_make,
    family_make,
    help_make,
    specialised_committee_make,
    street_make,
)

TOPICS = ["public_environment", "co_building", "safety_mediation", "public_affairs", "welfare", "public_opinion"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@dataclass
class Known:
    street: object
    communities: list
    values: dict = field(default_factory=dict)
    per_community: dict = field(default_factory=dict)


def _at(days_ago: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(10)))


def _day(days_ago: int):
    return timezone.localdate() - timedelta(days=days_ago)


def make_street(demo, *, scale: int = 1) -> Known:
    """A street with two communities and records of every kind the section counts; `scale` multiplies the rows."""
    street = street_make(district=demo.district)
    first, second = community_make(street=street), community_make(street=street)
    worker = make_staff(role=Role.SOCIAL_WORKER, node=street)
    known = Known(street, [first, second])
    _activities(known, worker, scale)
    _families(known, worker, scale)
    _enterprises(known, scale, demo)
    _bodies(known, scale)
    return known


def _activities(known: Known, worker, scale: int) -> None:
    first, second = known.communities
    clinics = [30, 45] * scale
    volunteering = [20, 25, 15] * scale
    for n in clinics:
        activity_make(by=worker, community=first, category="clinic", person_times=n, starts_at=_at(10))
    for n in volunteering:
        activity_make(by=worker, community=second, category="volunteer", person_times=n, starts_at=_at(20))
    activity_make(by=worker, community=first, category="mediation", person_times=4, starts_at=_at(5))  # neither kind
    activity_make(by=worker, community=first, category="clinic", person_times=500, starts_at=_at(200))  # before the period
    known.values |= {
        "clinic_events": len(clinics),
        "clinic_person_times": sum(clinics),
        "volunteer_events": len(volunteering),
        "volunteer_person_times": sum(volunteering),
    }


def _families(known: Known, worker, scale: int) -> None:
    """Each family once in the total, once under each helper that helped it in the period."""
    first = known.communities[0]
    pharmacy = enterprise_make(street=known.street, kind="shop")
    clinic = activity_make(by=worker, community=first, category="clinic", person_times=0, starts_at=_at(8), organiser_body=pharmacy)
    helped_by = {"enterprise": 0, "individual": 0, "association": 0, "community": 0}
    for _ in range(scale):
        both = family_make(worker=worker, community=first)
        help_make(family=both, worker=worker, given_on=_day(8), activity=clinic)  # the enterprise's clinic: its help
        help_make(family=both, worker=worker, given_on=_day(7), helper_kind="individual")
        help_make(family=both, worker=worker, given_on=_day(6), helper_kind="individual")  # the same family again
        by_association = family_make(worker=worker, community=first)
        help_make(family=by_association, worker=worker, given_on=_day(3), helper_kind="association")
        by_community = family_make(worker=worker, community=first)
        help_make(family=by_community, worker=worker, given_on=_day(2))  # no activity, no kind: the community's
        long_ago = family_make(worker=worker, community=first)
        help_make(family=long_ago, worker=worker, given_on=_day(300), helper_kind="enterprise")  # before the period
        for kind in ("enterprise", "individual", "association", "community"):
            helped_by[kind] += 1
    known.values |= {f"families_helped_by_{kind}": n for kind, n in helped_by.items()}
    known.values["families_helped"] = 3 * scale
    known.values["clinic_events"] = known.values.get("clinic_events", 0) + 1


def _enterprises(known: Known, scale: int, demo) -> None:
    street = known.street
    for _ in range(2 * scale):
        enterprise_make(street=street, kind="chamber_member")
    for _ in range(3 * scale):
        enterprise_make(street=street, kind="chamber_member", alliance_member=False)
    for _ in range(4 * scale):
        enterprise_make(street=street, kind="shop")
    enterprise_make(street=street, kind="shop", alliance_member=False)
    employer = enterprise_make(street=street, kind="chamber_member")
    start = _day(100)
    jobs = association_services.pledge_create(enterprise=employer, kind="jobs", title="就业岗位", capacity=40 * scale, starts_on=start)
    outing = association_services.pledge_create(enterprise=employer, kind="outing", title="观光", capacity=10, starts_on=start)
    for used in [12, 20] * scale:
        association_services.pledge_fulfilment_record(pledge=jobs, used=used, happened_on=_day(30), by=demo.admin)
    association_services.pledge_fulfilment_record(pledge=outing, used=5, happened_on=_day(30), by=demo.admin)  # not jobs
    known.values |= {
        "chamber_enterprises": 5 * scale + 1,
        "chamber_in_alliance": 2 * scale + 1,
        "shops_in_alliance": 4 * scale + 1,  # the pharmacy is a shop of the alliance too
        "jobs_pledged": 40 * scale,
        "jobs_provided": 32 * scale,
    }


def _bodies(known: Known, scale: int) -> None:
    first, second = known.communities
    for topic in TOPICS:
        specialised_committee_make(community=first, topic=topic)
    for topic in TOPICS[:2]:
        specialised_committee_make(community=second, topic=topic)
    from committees import services as committee_services

    committee_services.committee_create(place=first, name="议事会", kind="council")  # not a specialised committee
    kinds = {first: {"governance": 3 * scale, "interest": scale}, second: {"self_governance": 2 * scale, "volunteer": 1, "service": 1}}
    for community, counts in kinds.items():
        for kind, count in counts.items():
            for _ in range(count):
                association_make(community=community, kind=kind)
    per_kind = {kind: sum(counts.get(kind, 0) for counts in kinds.values()) for kind in seed_figures.AssociationKind.values}
    known.values |= {f"associations_{kind}": n for kind, n in per_kind.items()}
    known.values["specialised_committees"] = 8
    known.per_community = {
        first.name: [6, 4 * scale, 0, 3 * scale, scale, 0, 0],
        second.name: [2, 2 * scale + 2, 2 * scale, 0, 0, 1, 1],
    }


def _period():
    return timezone.localdate() - timedelta(days=100), timezone.localdate()


def _values(section) -> dict:
    return {figure.key: figure.value for figure in section.figures}


@pytest.mark.django_db
def test_each_figure_of_a_street_equals_what_was_recorded_and_another_street_is_not_counted(demo):
    start, end = _period()
    district_before = _values(figures.seed_section(demo.district, start, end))
    known = make_street(demo)
    other = make_street(demo, scale=2)  # out of the first street's scope

    section = figures.seed_section(known.street, start, end)

    assert _values(section) == known.values
    assert all(value > 0 for value in known.values.values())
    table = next(t for t in section.tables if t.key == "seed_communities")
    assert {row[0]: row[1:] for row in table.rows} == known.per_community
    assert sum(value for _, value in section.trend) == 30 + 45 + 500  # the clinics of the twelve months, the period's and before
    district = _values(figures.seed_section(demo.district, start, end))
    assert {key: district[key] - district_before[key] for key in known.values} == {
        key: known.values[key] + other.values[key] for key in known.values
    }


@pytest.mark.django_db
def test_the_labels_are_rendered_from_their_kind_in_the_readers_language(demo):
    known = make_street(demo)
    section = figures.seed_section(known.street, *_period())
    with translation.override("zh-hans"):
        labels = {figure.key: figure.label for figure in section.figures}
        title = str(section.title)
    with translation.override("en"):
        english = {figure.key: figure.label for figure in section.figures}
    assert labels["families_helped_by_enterprise"] == "受企业帮扶的特殊家庭"
    assert labels["families_helped_by_individual"] == "受个人帮扶的特殊家庭"
    assert labels["associations_governance"] == "治理类社会组织"
    assert labels["clinic_person_times"] == "义诊服务人次"
    assert english["families_helped_by_association"] == "Special families helped by: Association"
    assert title.startswith("数说") and known.street.name in title
    assert section.figures[0].kind == "clinic_events" and section.figures[3].params["helper"]["value"] == "enterprise"


@pytest.mark.django_db
def test_the_section_costs_the_same_queries_with_few_rows_and_with_many(demo):
    start, end = _period()
    small, large = make_street(demo), make_street(demo, scale=3)
    with CaptureQueriesContext(connection) as few:
        figures.seed_section(small.street, start, end)
    with CaptureQueriesContext(connection) as many:
        figures.seed_section(large.street, start, end)
    assert len(few) == len(many) == 5  # the scalars, the table per community, the monthly trend, households by origin, training


@pytest.mark.django_db
def test_under_the_demo_every_figure_of_the_district_is_non_zero(demo):
    start, end = periods.last_twelve_months()
    section = figures.seed_section(demo.district, start, end)
    zero = [figure.key for figure in section.figures if not figure.value]
    assert zero == []
    table = next(t for t in section.tables if t.key == "seed_communities")
    rows = {row[0]: row for row in table.rows}
    assert rows[demo.hualin.name][1] == 6  # the seed's six specialised committees of 华林社区
    assert rows[demo.xinhong.name][2] == 9  # and the nine associations of 新鸿社区


def _pdf_text(job, tmp_path) -> str:
    path = tmp_path / f"report-{job.pk}.pdf"
    with job.pdf.open("rb") as handle:
        path.write_bytes(handle.read())
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _sheet_values(job, title: str) -> dict:
    with job.xlsx.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    return {row[0]: row[1] for row in book[title[:31]].iter_rows(values_only=True) if row and row[0]}


def _built(job):
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    return job


@pytest.mark.django_db
def test_the_yearly_district_report_states_the_figures_in_its_pdf_and_workbook(demo, tmp_path):
    known = make_street(demo)
    job, _created = services.report_job_request(
        node=demo.district, period_kind=PeriodKind.YEARLY, start=timezone.localdate(), requested_by=demo.admin
    )
    assert (job.start.month, job.start.day, job.end.month, job.end.day) == (1, 1, 12, 31)
    job = _built(job)
    with translation.override(settings.LANGUAGE_CODE):
        section = figures.seed_section(demo.district, job.start, job.end)
        labels = {figure.key: figure.label for figure in section.figures}
        title = str(section.title)
    assert title == "数说成华区"
    text = _pdf_text(job, tmp_path)
    assert title in text and labels["jobs_provided"] in text and labels["families_helped_by_individual"] in text
    assert known.communities[0].name in text  # the table per community
    values = _sheet_values(job, title)
    assert {key: values[labels[key]] for key in labels} == {figure.key: figure.value for figure in section.figures}


@pytest.mark.django_db
def test_a_street_officer_sees_and_reports_only_their_street(client, demo, tmp_path):
    known, other = make_street(demo), make_street(demo, scale=2)
    officer = make_staff(role=Role.STREET_STAFF, node=known.street)
    client.force_login(officer)
    assert client.get(reverse("reports:dashboard", kwargs={"level": "district", "code": demo.district.code})).status_code == 404
    assert client.get(reverse("reports:dashboard", kwargs={"level": "street", "code": other.street.code})).status_code == 404
    page = client.get(reverse("reports:dashboard", kwargs={"level": "street", "code": known.street.code}))
    assert page.status_code == 200 and 'id="section-seed"' in page.text and known.communities[0].name in page.text
    assert other.communities[0].name not in page.text

    start, end = _period()
    response = client.post(
        reverse("reports:job_create", kwargs={"level": "street", "code": known.street.code}),
        {"period_kind": "custom", "start": start.isoformat(), "end": end.isoformat()},
    )
    job = _built(ReportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1])))
    with translation.override(settings.LANGUAGE_CODE):
        section = figures.seed_section(known.street, job.start, job.end)
        labels = {figure.key: figure.label for figure in section.figures}
        values = _sheet_values(job, str(section.title))
    assert {key: values[labels[key]] for key in labels} == known.values  # the other street's (twice as large) are not there
    assert other.communities[0].name not in _pdf_text(job, tmp_path)


@pytest.mark.django_db
def test_the_district_states_xiulinyuan_s_resettled_households_by_origin_and_its_trained_grid_workers(demo):
    """Compared with the demo's own records: 1,000 households from 5 communities and 13 resident groups; the trainees."""
    from courtyards.models import Household
    from governance.training import selectors as training_selectors

    start, end = periods.last_twelve_months()
    section = figures.seed_section(demo.district, start, end)
    values = _values(section)
    resettled = Household.objects.filter(origin__isnull=False)
    assert values["resettled_households"] == resettled.count() == 1000
    assert values["origin_communities"] == resettled.values("origin__community_name").distinct().count() == 5
    assert values["origin_groups"] == 13
    trained = training_selectors.node_training_totals(node=demo.district, start=start, end=end)
    assert values["grid_workers_trained"] == trained["grid_workers_trained"] > 0
    assert values["social_work_qualified"] == trained["social_work_qualified"] > 0
    table = next(t for t in section.tables if t.key == "seed_households")
    assert sum(row[2] for row in table.rows) == 1000
