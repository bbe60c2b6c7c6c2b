"""Sentinel rows for the list checks, picked from the demo district for any model with ``tree_paths``.

inside: a row of 新鸿社区 (in scope of demo_street, demo_community and demo_worker), owned by no persona;
outside: a row outside 双桥子街道 (华林社区 or elsewhere: only demo_admin's);
own / other: rows owned by demo_resident (新鸿社区) and by demo_resident2 (华林社区), for models with an owner.
Where the seed has no such row, MAKERS makes one in the test's transaction.
"""

from collections.abc import Callable

from django.apps import apps
from django.urls import reverse

INSIDE, OUTSIDE, OWN, OTHER = "inside", "outside", "own", "other"
STAFF = ("admin", "street", "community", "worker")


def _first(queryset, label: str, row: str):
    obj = queryset.order_by("pk").first()
    if obj is None and (label, row) in MAKERS:
        return MAKERS[(label, row)]()
    assert obj is not None, f"no {row} sentinel row of {label} in the demo: add one to MAKERS"
    return obj


def _owner_filter(model, user_ids) -> dict:
    owner = getattr(model, "owner_path", None)
    return {f"{owner}__in": user_ids} if owner else {}


def row_getters(label: str) -> dict[str, Callable]:
    """name -> demo -> the sentinel object, for the rows this model can have."""
    model = apps.get_model(label)
    paths = getattr(model, "tree_paths", {})
    objects = model._default_manager
    personas = lambda d: [d.resident.pk, d.resident2.pk]  # noqa: E731
    getters = {}
    if "community" in paths:
        getters[INSIDE] = lambda d: _first(
            objects.filter(**{paths["community"]: d.xinhong.pk}).exclude(**_owner_filter(model, personas(d))), label, INSIDE
        )
    if "street" in paths:
        getters[OUTSIDE] = lambda d: _first(
            objects.exclude(**{paths["street"]: d.shuangqiaozi.pk})
            .exclude(**{f"{paths['street']}__isnull": True})
            .exclude(**_owner_filter(model, personas(d))),
            label,
            OUTSIDE,
        )
    if getattr(model, "owner_path", None):
        getters[OWN] = lambda d: _first(objects.filter(**_owner_filter(model, [d.resident.pk])), label, OWN)
        getters[OTHER] = lambda d: _first(objects.filter(**_owner_filter(model, [d.resident2.pk])), label, OTHER)
    return getters


def admin_marker(obj) -> str:
    """A changelist row links to its change page."""
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def api_marker(field: str, attribute: str | None = None):
    """A list item carries its lookup value (code, number or id) at the top level."""
    return lambda obj: f"\n{field}={getattr(obj, attribute or field)}\n"


def model_rows(label: str, marker: Callable, only: set[str] | None = None) -> dict[str, Callable]:
    getters = row_getters(label)
    return {name: (lambda d, get=get: marker(get(d))) for name, get in getters.items() if only is None or name in only}


def staff_sees(rows: dict, viewers=STAFF, residents: bool = False) -> dict[str, set[str]]:
    """demo_admin sees every sentinel; other viewers the 新鸿社区 ones; residents (if let in) their own."""
    names = set(rows)
    sees = {p: (names if p == "admin" else names & {INSIDE, OWN}) if p in viewers else set() for p in STAFF}
    if residents:
        sees["resident"] = names & {OWN}
        sees["resident2"] = names & {OTHER}
    return sees


# --- rows the seed lacks -------------------------------------------------------------------------


def _courtyard(code: str):
    from courtyards.models import Courtyard

    return Courtyard.objects.get(code=code)


def _make_grid_outside():
    from courtyards import grids
    from courtyards.models import Community

    return grids.grid_create(community=Community.objects.get(code="hualin"), name="华林社区哨兵网格", code="hualin-grid-sentinel")


def _make_covenant_outside():
    from datetime import date

    from courtyards import services

    return services.covenant_create(
        place=_courtyard("hualin-a"),
        title="华林哨兵公约",
        kind="covenant",
        code="hualin-sentinel",
        text="爱护绿地。",
        adopted_on=date(2026, 1, 5),
        method="assembly",
    )


def _community(code: str):
    from courtyards.models import Community

    return Community.objects.get(code=code)


def _make_meeting_inside():
    from datetime import timedelta

    from django.utils import timezone

    from committees import services
    from committees.models import Committee

    committee = Committee.objects.get(code="xinhong-welfare")
    return services.meeting_schedule(
        committee=committee, title="新鸿哨兵会议", starts_at=timezone.now() + timedelta(days=3), place="活动室"
    )


def _make_organiser_outside():
    from governance.activities import services

    return services.organiser_create(node=_community("hualin"), name="华林哨兵志愿队", kind="community", code="hualin-sentinel-org")


def _make_project_outside():
    from datetime import date

    from governance.activities import services

    return services.project_create(
        node=_community("hualin"),
        organiser=_make_organiser_outside(),
        code="hualin-sentinel-2026",
        name="华林哨兵项目",
        kind="venture",
        funder="区民政局",
        budget=1000,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )


def _make_association_outside():
    from associations import services
    from associations.models import Association

    existing = Association.objects.filter(name="华林哨兵社团").first()
    return existing or services.association_create(place=_courtyard("hualin-a"), name="华林哨兵社团", kind="interest", anchor="courtyard")


def _application_by(username: str):
    from associations import services
    from governance.accounts.models import User

    return lambda: services.membership_apply(association=_make_association_outside(), user=User.objects.get(username=username))


def _make_family_outside():
    from governance.accounts.choices import Role
    from governance.accounts.models import User
    from governance.activities import services
    from tests.base import make_staff

    hualin = _community("hualin")
    worker = make_staff(role=Role.SOCIAL_WORKER, node=hualin)
    admin = User.objects.get(username="demo_admin")
    return services.special_family_create(
        by=admin, community=hualin, head_name="华林哨兵户", reason="elderly_alone", assigned_worker=worker
    )


def _make_enterprise_inside():
    from associations import services

    xinhong = _community("xinhong")
    return services.enterprise_create(street=xinhong.street, community=xinhong, name="新鸿哨兵商铺", kind="shop")


def _need_by(username: str):
    from committees import services
    from governance.accounts.models import User

    return lambda: services.need_raise(user=User.objects.get(username=username), title=f"{username}的哨兵需求", description="需要")


def _report_job_inside():
    from governance.accounts.models import User
    from tests.base import report_job_of

    return report_job_of(_community("xinhong"), by=User.objects.get(username="demo_community"))


def _report_job_outside():
    from courtyards.models import Street
    from governance.accounts.models import User
    from tests.base import report_job_of

    return report_job_of(Street.objects.get(code="shengdeng"), by=User.objects.get(username="demo_admin"))


def _make_department_outside():
    from courtyards.models import Street
    from governance.requests.dispatch import services

    street = Street.objects.get(code="shengdeng")
    return services.department_create(name="圣灯派出所", kind="police", district=street.district, street=street)


MAKERS: dict[tuple[str, str], Callable] = {
    ("requests.department", OUTSIDE): _make_department_outside,
    ("courtyards.grid", OUTSIDE): _make_grid_outside,
    ("courtyards.covenant", OUTSIDE): _make_covenant_outside,
    ("committees.meeting", INSIDE): _make_meeting_inside,
    ("committees.need", INSIDE): _need_by("resident_03"),
    ("committees.need", OWN): _need_by("demo_resident"),
    ("committees.need", OTHER): _need_by("demo_resident2"),
    ("activities.organiser", OUTSIDE): _make_organiser_outside,
    ("activities.project", OUTSIDE): _make_project_outside,
    ("associations.association", OUTSIDE): _make_association_outside,
    ("associations.enterprise", INSIDE): _make_enterprise_inside,
    ("associations.associationmembership", OUTSIDE): _application_by("resident_07"),
    ("associations.associationmembership", OTHER): _application_by("demo_resident2"),
    ("activities.specialfamily", OUTSIDE): _make_family_outside,
    ("reports.reportjob", INSIDE): _report_job_inside,
    ("reports.reportjob", OUTSIDE): _report_job_outside,
}
