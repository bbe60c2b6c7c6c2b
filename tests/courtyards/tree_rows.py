"""One row of every model that copies tree keys, placed as deep as it can go under a node, made by the services."""

import itertools
import uuid
from datetime import date

from django.utils import timezone

from courtyards import grids
from courtyards import services as tree_services
from governance.accounts import services as account_services
from governance.accounts.choices import Role
from tests.base import make_request, make_staff, make_user, request_set
from tests.factories import building_make, courtyard_make, units_make

_n = itertools.count(1)


def node_and_new_parent(demo, level: str):
    """The node of `level` to move, and where it goes (across a street, or for a street across districts)."""
    if level == "street":
        return demo.shuangqiaozi, tree_services.node_create(level="district", name="测试区", code="t-district")
    if level == "community":
        return demo.xinhong, demo.shengdeng
    courtyard = courtyard_make(community=demo.xinhong)
    if level == "courtyard":
        return courtyard, demo.hualin
    building = building_make(courtyard=courtyard)
    if level == "building":
        return building, courtyard_make(community=demo.hualin)
    return units_make(building=building, count=1)[0], building_make(courtyard=courtyard_make(community=demo.hualin))


def rows_make_under(demo, node) -> None:
    """A full branch under `node` and, on it, a row of every registered model."""
    place = _branch_under(node)
    unit, courtyard, community = place.get("unit"), place.get("courtyard"), place.get("community")
    worker = make_staff(role=Role.SOCIAL_WORKER, node=unit.community)
    _rows_of_the_territory(unit=unit, courtyard=courtyard, community=community)
    _rows_of_requests(unit=unit)
    _rows_of_bodies(unit=unit, courtyard=courtyard, community=community)
    _rows_of_field_work(worker=worker, place=unit.courtyard)
    _rows_of_grid_work(unit=unit)
    _rows_of_reports(community=community or unit.community)
    _rows_of_training(demo, street=place.get("street"))


def _rows_of_training(demo, *, street) -> None:
    """A course and a certificate of the street (they hang on the district or a street, no lower)."""
    if street is None:
        return
    from governance.training import services as training_services

    course = training_services.course_create(by=demo.admin, node=street, title="测试课程", provider="街道", kind="safety", hours=2)
    training_services.certificate_record(
        by=demo.admin,
        node=street,
        person=make_user(),
        kind="safety",
        number=f"T-{next(_n)}",
        issued_on=date(2026, 1, 5),
        issuer="街道",
        course=course,
    )


def _branch_under(node) -> dict:
    chain = {node.level: node}
    for level, make in (
        (
            "community",
            lambda parent: tree_services.node_create(level="community", name=f"测试社区{next(_n)}", code=f"t-c-{next(_n)}", parent=parent),
        ),
        ("courtyard", lambda parent: courtyard_make(community=parent)),
        ("building", lambda parent: building_make(courtyard=parent)),
        ("unit", lambda parent: units_make(building=parent, count=1)[0]),
    ):
        parent = chain.get(_above(level))
        if parent is not None and level not in chain:
            chain[level] = make(parent)
    return chain


def _above(level: str) -> str:
    return {"community": "street", "courtyard": "community", "building": "courtyard", "unit": "building"}[level]


def _rows_of_the_territory(*, unit, courtyard, community) -> None:
    make_user(home_unit=unit)  # a household and the resident's home
    tree_services.home_claim_create(user=make_user(), unit=unit, room="102")
    account_services.role_grant(user=make_user(), role=Role.GRID_WORKER, node=courtyard or unit.courtyard)
    if community is not None:
        grids.grid_create(community=community, name=f"网格{next(_n)}", code=f"t-g-{next(_n)}")
        from courtyards.households.models import ResettlementOrigin

        ResettlementOrigin.objects.create(district_id=community.district_id, community_name=f"旧村{next(_n)}", successor=community)
    tree_services.covenant_create(
        place=courtyard or unit.courtyard,
        title=f"公约{next(_n)}",
        kind="covenant",
        code=f"t-cov-{next(_n)}",
        text="爱护院落。",
        adopted_on=date(2026, 1, 1),
        method="assembly",
    )


def _rows_of_requests(*, unit) -> None:
    resident = make_user(home_unit=unit)
    make_request(resident=resident, place=unit)
    rated = make_request(resident=resident, place=unit)
    from governance.requests import services as request_services

    request_set(rated, status="resolved", resolved_at=timezone.now())
    request_services.request_confirm(request=rated, by=resident, rating=1)  # a low rating opens a callback
    from governance.requests.models import Supervision

    Supervision.objects.create(
        request=rated,
        issued_by=resident,
        instruction="请尽快处理。",
        reply_due_on=timezone.localdate(),
        community_id=rated.community_id,
        street_id=rated.street_id,
        district_id=rated.district_id,
    )


def _rows_of_bodies(*, unit, courtyard, community) -> None:
    from associations import services as association_services
    from committees import services as committee_services

    place = unit.building
    committee_services.committee_create(place=place, name=f"楼栋自治小组{next(_n)}", kind="courtyard_group")
    association_services.association_create(place=place, name=f"楼栋社团{next(_n)}", kind="interest", anchor="courtyard")
    committee_services.need_raise(user=make_user(home_unit=unit), title="加装电梯", description="老人上下楼困难。")
    association_services.enterprise_create(street=unit.street, community=unit.community, name=f"商铺{next(_n)}", kind="shop")


def _rows_of_field_work(*, worker, place) -> None:
    from governance.activities import services as activity_services
    from governance.activities.models import ActivityType

    organiser = activity_services.organiser_create(node=place.community, name=f"社区{next(_n)}", kind="community")
    activity_services.project_create(
        node=place.community,
        organiser=organiser,
        code=f"t-p-{next(_n)}",
        name="关爱老人",
        kind="purchased",
        funder="成华区民政局",
        budget=10000,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )
    activity_services.station_create(community=place.community, courtyard=place, code=f"t-s-{next(_n)}", name="连心驿站")
    activity_services.activity_log(
        by=worker, idempotency_key=uuid.uuid4(), type=ActivityType.objects.first(), starts_at=timezone.now(), courtyard=place
    )
    family = activity_services.special_family_create(
        by=worker, community=place.community, courtyard=place, head_name="张大爷", reason="elderly_alone", assigned_worker=worker
    )
    activity_services.help_record_add(family=family, by=worker, description="送米送油", given_on=date(2026, 2, 1))


def _rows_of_grid_work(*, unit) -> None:
    """A grid over the unit's courtyard, and a patrol, a visit and an event of its worker there."""
    from governance.fieldwork import services as fieldwork_services
    from governance.fieldwork.models import FieldEvent

    worker = make_user()
    grid = grids.grid_create(
        community=unit.community, name=f"网格{next(_n)}", code=f"t-g-{next(_n)}", worker=worker, courtyards=[unit.courtyard]
    )
    unit.refresh_from_db()
    patrol = fieldwork_services.patrol_log(
        worker=worker, grid=grid, started_at=timezone.now(), courtyards=[unit.courtyard], idempotency_key=uuid.uuid4()
    )
    fieldwork_services.visit_log(worker=worker, grid=grid, unit=unit, room="103", visited_at=timezone.now(), idempotency_key=uuid.uuid4())
    keys = tree_services.ancestor_values(FieldEvent, unit.courtyard)
    FieldEvent.objects.create(patrol=patrol, reported_by=worker, note="楼道堆物", resolved_on_spot=True, **keys)


def _rows_of_reports(*, community) -> None:
    from governance.reports import services as report_services

    staff = make_staff(role=Role.STREET_STAFF, node=community.street)
    report_services.report_job_request(node=community, period_kind="monthly", start=date(2026, 3, 1), requested_by=staff)
    report_services.subscription_set(user=staff, street=community.street, subscribed=True)
