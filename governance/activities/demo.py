"""A season of field work for the demo district, so the community pages show real totals on the first run.

Idempotent: each seeded activity has a fixed idempotency key (uuid5 of its name), so a
second run finds them all and writes nothing.
"""

import random
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from associations.models import Association, Enterprise
from committees.models import Committee
from courtyards.models import Community, Courtyard
from governance.accounts.models import User

from . import services
from .choices import Category, FamilyReason, HelperKind, HoursStatus, OrganiserKind, ProjectKind
from .models import Activity, ActivityType, Organiser, ServiceStation, VolunteerHours

NAMESPACE = uuid.UUID("6f0c1c1e-5d47-4d37-9a43-2015c0de0005")
TYPES = [
    ("clinic", "义诊", "Free clinic", Category.CLINIC),
    ("volunteer", "志愿服务", "Volunteering", Category.VOLUNTEER),
    ("mediation", "矛盾调解", "Mediation", Category.MEDIATION),
    ("cultural", "文化活动", "Cultural activity", Category.CULTURAL),
    ("training", "技能培训", "Skills training", Category.TRAINING),
    ("home-visit", "入户走访", "Home visit", Category.HOME_VISIT),
]
# community code -> (station code, station name, courtyard code or None)
STATIONS = {"xinhong": ("xinhong-station", "新鸿连心驿站", "xinhong-nanlu"), "xiulin": ("xiulin-station", "秀林苑连心驿站", "xiulinyuan")}
SEASON = {"xinhong": 14, "hualin": 8, "xiulin": 10, "shuangqiao": 6}
# type code -> (title, person-times range)
PLAN = {
    "clinic": ("社区义诊", (30, 80)),
    "volunteer": ("院落志愿服务", (20, 60)),
    "mediation": ("邻里纠纷调解", (2, 6)),
}


def seed() -> None:
    types = {
        code: ActivityType.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en, "category": cat, "order": i})[0]
        for i, (code, name, name_en, cat) in enumerate(TYPES)
    }
    if Activity.objects.filter(idempotency_key=_key("xinhong", 0)).exists():
        return
    worker, staff = User.objects.get(username="demo_worker"), User.objects.get(username="demo_community")
    district_admin = User.objects.get(username="demo_admin")
    xinhong = Community.objects.get(code="xinhong")
    organisers = _organisers(xinhong)
    stations = {code: _station(code, *spec) for code, spec in STATIONS.items()}
    project = services.project_create(
        node=xinhong,
        organiser=organisers["association"],
        code="xinhong-venture-2026",
        name="新鸿社区“院落+社团”公益创投项目",
        kind=ProjectKind.VENTURE,
        funder="成华区民政局",
        budget=Decimal("50000.00"),
        starts_on=date(timezone.localdate().year, 1, 1),
        ends_on=date(timezone.localdate().year, 12, 31),
        target_person_times=500,
        target_events=20,
    )
    activities = _season(types, organisers, stations, project, worker, district_admin)
    _volunteers(activities)
    _upcoming(types["cultural"], xinhong, stations["xinhong"], organisers["association"], worker)
    _family(xinhong, worker, staff, next(a for a in activities if a.type_id == types["clinic"].pk and a.community_id == xinhong.pk))
    volunteering = next(a for a in activities if a.type_id == types["volunteer"].pk and a.community_id == xinhong.pk)
    _families_helped_by_others(xinhong, worker, volunteering)


def _key(community_code: str, n: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{community_code}:{n}")


def _organisers(xinhong: Community) -> dict[str, Organiser]:
    """The seeded bodies where they exist (associations/demo.py, committees/demo.py), else stand-ins."""
    bodies = {
        "association": Association.objects.filter(code="xinhong-residents").first(),
        "committee": Committee.objects.filter(code="xinhong-safety-mediation").first(),
        "enterprise": Enterprise.objects.filter(street=xinhong.street, name="双桥子惠民大药房").first(),
    }
    specs = {
        "association": ("新鸿社区居民自治协会", OrganiserKind.ASSOCIATION, "xinhong-residents-association", xinhong),
        "committee": ("新鸿社区安全与民调专委会", OrganiserKind.COMMITTEE, "xinhong-safety-committee", xinhong),
        "enterprise": ("双桥子惠民大药房", OrganiserKind.ENTERPRISE, "huimin-pharmacy", xinhong.street),
    }
    return {
        key: services.organiser_for(body=bodies[key])
        if bodies[key]
        else services.organiser_create(node=node, name=name, kind=kind, code=code)
        for key, (name, kind, code, node) in specs.items()
    }


def _station(community_code: str, code: str, name: str, courtyard_code: str) -> ServiceStation:
    community = Community.objects.get(code=community_code)
    return services.station_create(community=community, code=code, name=name, courtyard=Courtyard.objects.get(code=courtyard_code))


def _season(types, organisers, stations, project, worker, elsewhere) -> list[Activity]:
    """The last ninety days: clinics, volunteer events and mediations, with person-times drawn from a fixed seed."""
    rng = random.Random(2015)
    today = timezone.localdate()
    rows = []
    for code, count in SEASON.items():
        community = Community.objects.select_related("street").get(code=code)
        for n in range(count):
            type_code = ("clinic", "volunteer", "volunteer", "mediation")[n % 4]
            title, (low, high) = PLAN[type_code]
            starts_at = timezone.make_aware(datetime.combine(today - timedelta(days=rng.randint(1, 90)), time(9 + n % 6)))
            station = stations.get(code) if n % 2 == 0 else None
            keys = services.place_keys(community=community, station=station)
            person_times = rng.randint(low, high)
            rows.append(
                Activity(
                    idempotency_key=_key(code, n),
                    type=types[type_code],
                    title=title,
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=2),
                    organiser=_organiser_for(type_code, organisers) if code == "xinhong" else None,
                    project=project if code == "xinhong" and type_code != "mediation" else None,
                    logged_by=worker if code == "xinhong" else elsewhere,
                    person_times=person_times,
                    headcount=person_times,
                    **keys,
                )
            )
    return Activity.objects.bulk_create(rows)


def _organiser_for(type_code: str, organisers: dict) -> Organiser:
    return {"clinic": organisers["enterprise"], "mediation": organisers["committee"]}.get(type_code, organisers["association"])


def _volunteers(activities: list[Activity]) -> None:
    residents = list(User.objects.filter(username__in=["demo_resident", "resident_03", "resident_04"]).order_by("username"))
    xinhong_id = Community.objects.get(code="xinhong").pk
    volunteer_events = [a for a in activities if a.title == PLAN["volunteer"][0] and a.community_id == xinhong_id]
    VolunteerHours.objects.bulk_create(
        VolunteerHours(activity=a, volunteer=r, hours=Decimal("2.0") + i % 2, status=HoursStatus.APPROVED)
        for a in volunteer_events
        for i, r in enumerate(residents)
    )


def _upcoming(type_, community, station, organiser, worker) -> None:
    """An announced event residents can sign up to (ten places)."""
    starts_at = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=10), time(15)))
    services.activity_log(
        by=worker,
        idempotency_key=_key("xinhong-upcoming", 0),
        type=type_,
        title="院落邻里节",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        community=community,
        station=station,
        organiser=organiser,
        capacity=10,
    )


def _family(community: Community, worker: User, staff: User, clinic: Activity) -> None:
    family = services.special_family_create(
        by=worker,
        community=community,
        courtyard=Courtyard.objects.get(code="xinhong-nanlu"),
        head_name="何素珍",
        phone="13900000099",
        reason=FamilyReason.ELDERLY_ALONE,
        needs="独居老人，行动不便，需要定期上门量血压和代购药品。",
        assigned_worker=worker,
    )
    services.special_family_grant(family=family, user=staff, by=worker)
    services.help_record_add(
        family=family, by=worker, description="义诊后上门复查血压", given_on=timezone.localtime(clinic.starts_at).date(), activity=clinic
    )
    services.case_note_add(family=family, by=worker, text="首次走访：老人独居，女儿在外地，每周电话联系。")


def _families_helped_by_others(community: Community, worker: User, volunteering: Activity) -> None:
    """More families: helped by a person (爱心人士), by an association at its volunteer event and by the community itself,
    so the report's families helped by each kind of helper are all non-zero."""
    courtyard = Courtyard.objects.get(code="xinhong-nanlu")
    specs = [
        ("张德明", FamilyReason.LOW_INCOME, "低保家庭，孩子上学需要资助。", "爱心人士每月资助学费", HelperKind.INDIVIDUAL, None),
        ("刘桂英", FamilyReason.DISABILITY, "肢体残疾，需要上门打扫和陪同就医。", "志愿者上门打扫卫生", "", volunteering),
        ("陈玉兰", FamilyReason.ELDERLY_ALONE, "高龄独居，冬季取暖困难。", "社区走访慰问，送米送油", HelperKind.COMMUNITY, None),
    ]
    for head_name, reason, needs, help_given, helper_kind, activity in specs:
        family = services.special_family_create(
            by=worker, community=community, courtyard=courtyard, head_name=head_name, reason=reason, needs=needs, assigned_worker=worker
        )
        given_on = timezone.localtime(activity.starts_at).date() if activity else timezone.localdate() - timedelta(days=12)
        services.help_record_add(
            family=family, by=worker, description=help_given, given_on=given_on, activity=activity, helper_kind=helper_kind
        )
