"""The seed's associations: 新鸿社区's nine governance organisations with some members, and
建设路's enterprise alliance with its pledges (one already partly used). Idempotent."""

from datetime import date, timedelta

from django.utils import timezone

from committees.models import Committee
from courtyards.models import Community, Courtyard, Street
from governance.accounts.models import User

from . import services
from .choices import Anchor, AssociationKind, EnterpriseKind, PledgeKind
from .models import Association, Enterprise

# code, name, kind, anchor, guiding committee code (or None), courtyard code (or None)
XINHONG = [
    ("xinhong-residents", "社区居民自治协会", AssociationKind.SELF_GOVERNANCE, Anchor.COMMUNITY, "xinhong-public-opinion", None),
    ("xinhong-governance", "综合治理协会", AssociationKind.GOVERNANCE, Anchor.COMMUNITY, "xinhong-safety-mediation", None),
    ("xinhong-mediation", "邻里纠纷调解协会", AssociationKind.GOVERNANCE, Anchor.COMMUNITY, "xinhong-safety-mediation", None),
    ("xinhong-patrol", "平安巡逻志愿者协会", AssociationKind.VOLUNTEER, Anchor.COMMUNITY, "xinhong-safety-mediation", None),
    (
        "xinhong-nanlu-self",
        "新鸿南路居民自治会",
        AssociationKind.SELF_GOVERNANCE,
        Anchor.COURTYARD,
        "xinhong-public-opinion",
        "xinhong-nanlu",
    ),
    ("xinhong-buildings", "楼栋长联谊会", AssociationKind.SELF_GOVERNANCE, Anchor.BUILDING, "xinhong-public-opinion", None),
    ("xinhong-eldercare", "居家养老互助协会", AssociationKind.SERVICE, Anchor.COMMUNITY, "xinhong-welfare", None),
    ("xinhong-civility", "文明劝导协会", AssociationKind.GOVERNANCE, Anchor.COMMUNITY, "xinhong-public-opinion", None),
    ("xinhong-hygiene", "环境卫生监督协会", AssociationKind.GOVERNANCE, Anchor.COMMUNITY, "xinhong-welfare", None),
]
HOW_TO_JOIN = "新鸿社区居民均可申请，由协会负责人审核；也可到社区服务中心报名。"


def seed() -> None:
    _associations()
    _interest_group()
    seed_chamber()


def _interest_group() -> None:
    """An interest association of 华林社区 (新鸿社区 keeps the seed's nine), so every kind is in the report."""
    if Association.objects.filter(code="hualin-taichi").exists():
        return
    services.association_create(
        place=Community.objects.get(code="hualin"),
        name="华林社区太极拳协会",
        kind=AssociationKind.INTEREST,
        anchor=Anchor.INTEREST,
        interest="太极拳",
        how_to_join="华林社区居民均可报名，每天早上在社区广场练习。",
        code="hualin-taichi",
    )


def _associations() -> None:
    if Association.objects.filter(code="xinhong-residents").exists():
        return
    xinhong = Community.objects.get(code="xinhong")
    committees = {c.code: c for c in Committee.objects.filter(community=xinhong)}
    for code, name, kind, anchor, guide, courtyard in XINHONG:
        place = Courtyard.objects.get(code=courtyard) if courtyard else xinhong
        services.association_create(
            place=place, name=name, kind=kind, anchor=anchor, guiding_committee=committees.get(guide), how_to_join=HOW_TO_JOIN, code=code
        )
    people = {u.username: u for u in User.objects.filter(username__in=["demo_resident", "resident_03", "resident_04", "resident_05"])}
    residents = Association.objects.get(code="xinhong-residents")
    services.leader_appoint(association=residents, user=people["demo_resident"])
    services.membership_decide(
        membership=services.membership_apply(association=residents, user=people["resident_04"]), by=people["demo_resident"], approve=True
    )
    governance = Association.objects.get(code="xinhong-governance")
    services.leader_appoint(association=governance, user=people["resident_03"])
    services.membership_apply(association=governance, user=people["resident_05"], message="想参加院落治安巡逻")
    _alliance()


def seed_chamber() -> None:
    """建设路商圈商会: members outside the alliance beside those in it, more shops, and this year's jobs pledge with the jobs it
    actually provided, so the report's chamber / alliance / shops and jobs figures are non-zero (the seed: 89, 23, 400+, 30+)."""
    if Enterprise.objects.filter(code="jianshelu-chamber-1").exists():
        return
    street = Street.objects.get(code="jianshelu")
    for n, name in enumerate(["建设路商圈百货公司", "建设路电子市场", "建设路餐饮管理公司"], start=1):
        services.enterprise_create(
            street=street, name=name, kind=EnterpriseKind.CHAMBER_MEMBER, alliance_member=False, code=f"jianshelu-chamber-{n}"
        )
    for n, name in enumerate(["建设巷修鞋铺", "建设路便民菜店"], start=1):
        services.enterprise_create(street=street, name=name, kind=EnterpriseKind.SHOP, code=f"jianshelu-shop-{n}")
    company = services.enterprise_create(
        street=street, name="建设路家政服务公司", kind=EnterpriseKind.CHAMBER_MEMBER, code="jianshelu-housekeeping"
    )
    today = timezone.localdate()
    first = date(today.year, 1, 1)
    jobs = services.pledge_create(
        enterprise=company,
        kind=PledgeKind.JOBS,
        title="为下岗职工提供家政、保洁就业岗位",
        capacity=35,
        starts_on=first,
        ends_on=date(today.year, 12, 31),
    )
    admin = User.objects.get(username="demo_admin")
    for used, days_ago in ((18, 40), (14, 5)):
        services.pledge_fulfilment_record(pledge=jobs, used=used, happened_on=max(first, today - timedelta(days=days_ago)), by=admin)


def _alliance() -> None:
    if Enterprise.objects.filter(code="jianshelu-hospital-6").exists():
        return
    street = Street.objects.get(code="jianshelu")
    hospital = services.enterprise_create(
        street=street, name="成都市第六人民医院", kind=EnterpriseKind.CHAMBER_MEMBER, code="jianshelu-hospital-6"
    )
    services.pledge_create(
        enterprise=hospital,
        kind=PledgeKind.JOBS,
        title="为下岗职工提供护理、保洁就业岗位",
        capacity=30,
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
    )
    clinic = services.pledge_create(enterprise=hospital, kind=PledgeKind.CLINIC, title="社区义诊", capacity=200, starts_on=date(2025, 3, 1))
    services.pledge_fulfilment_record(
        pledge=clinic, used=45, happened_on=date(2025, 9, 20), note="建设路社区广场义诊", by=User.objects.get(username="demo_admin")
    )
    tower = services.enterprise_create(street=street, name="成都339", kind=EnterpriseKind.CHAMBER_MEMBER, code="jianshelu-339")
    services.pledge_create(
        enterprise=tower,
        kind=PledgeKind.OUTING,
        title="老党员免费上塔观光",
        capacity=100,
        starts_on=date(2025, 7, 1),
        ends_on=date(2025, 7, 31),
    )
    shop = services.enterprise_create(street=street, name="建设巷便民理发店", kind=EnterpriseKind.SHOP, code="jianshelu-barber")
    services.pledge_create(enterprise=shop, kind=PledgeKind.OTHER, title="每月为高龄老人免费理发", capacity=20, starts_on=date(2025, 1, 1))
