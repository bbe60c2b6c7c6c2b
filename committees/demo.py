"""The seed's bodies: 华林社区's six committees, 新鸿社区's committees, 秀林苑's "1+6" council,
the 双桥子 federation, a held meeting with its decision, an upcoming council meeting and a need.
Idempotent: a body whose code exists is left as it is."""

from datetime import date, timedelta

from django.utils import timezone

from courtyards.models import Community, Courtyard, Street
from governance.accounts.models import User

from . import services
from .choices import CommitteeKind, CommitteeTopic, CouncilSeat, MemberRole, Outcome
from .models import Committee

TOPIC_NAMES = {
    CommitteeTopic.PUBLIC_ENVIRONMENT: "公共环境委员会",
    CommitteeTopic.CO_BUILDING: "共建与协调委员会",
    CommitteeTopic.SAFETY_MEDIATION: "安全与民调委员会",
    CommitteeTopic.PUBLIC_AFFAIRS: "公共事业发展委员会",
    CommitteeTopic.WELFARE: "社区福利委员会",
    CommitteeTopic.PUBLIC_OPINION: "民情民意委员会",
}
TERM_START = date(2025, 1, 1)


def seed() -> None:
    if Committee.objects.filter(code="hualin-public-environment").exists():
        return
    people = {u.username: u for u in User.objects.filter(username__startswith="resident_")} | {
        u.username: u for u in User.objects.filter(username__in=["demo_resident", "demo_resident2", "demo_chair"])
    }
    hualin = Community.objects.get(code="hualin")
    xinhong = Community.objects.get(code="xinhong")
    bodies = {topic: _specialised(hualin, topic) for topic in CommitteeTopic}
    environment = bodies[CommitteeTopic.PUBLIC_ENVIRONMENT]
    services.membership_appoint(committee=environment, user=people["demo_resident2"], role=MemberRole.CHAIR, started_on=TERM_START)
    services.membership_appoint(committee=environment, user=people["resident_07"], role=MemberRole.MEMBER, started_on=TERM_START)
    services.membership_appoint(committee=environment, user=people["resident_08"], role=MemberRole.MEMBER, started_on=TERM_START)
    services.membership_appoint(
        committee=bodies[CommitteeTopic.WELFARE], user=people["resident_08"], role=MemberRole.CHAIR, started_on=TERM_START
    )
    xinhong_bodies = {
        topic: _specialised(xinhong, topic)
        for topic in (CommitteeTopic.SAFETY_MEDIATION, CommitteeTopic.WELFARE, CommitteeTopic.PUBLIC_OPINION)
    }
    services.membership_appoint(
        committee=xinhong_bodies[CommitteeTopic.WELFARE], user=people["resident_04"], role=MemberRole.CHAIR, started_on=TERM_START
    )
    services.membership_appoint(
        committee=xinhong_bodies[CommitteeTopic.SAFETY_MEDIATION], user=people["demo_chair"], role=MemberRole.CHAIR, started_on=TERM_START
    )
    services.membership_appoint(
        committee=xinhong_bodies[CommitteeTopic.SAFETY_MEDIATION],
        user=people["resident_03"],
        role=MemberRole.VICE_CHAIR,
        started_on=TERM_START,
    )
    services.membership_appoint(
        committee=xinhong_bodies[CommitteeTopic.SAFETY_MEDIATION], user=people["resident_05"], started_on=TERM_START
    )
    services.membership_appoint(
        committee=xinhong_bodies[CommitteeTopic.PUBLIC_OPINION],
        user=people["resident_06"],
        role=MemberRole.VICE_CHAIR,
        started_on=TERM_START,
    )
    _courtyard_group(people)
    _held_meeting(environment)
    _council(people)
    _federation(people)


def _specialised(community: Community, topic: str) -> Committee:
    return services.committee_create(
        place=community,
        name=TOPIC_NAMES[topic],
        kind=CommitteeKind.SPECIALISED,
        topic=topic,
        code=f"{community.code}-{topic}".replace("_", "-"),
    )


def _courtyard_group(people: dict) -> None:
    """新鸿南路's self-governance group: noise there goes to it (elsewhere, to the community)."""
    group = services.committee_create(
        place=Courtyard.objects.get(code="xinhong-nanlu"),
        name="新鸿南路院落自治小组",
        kind=CommitteeKind.COURTYARD_GROUP,
        code="xinhong-nanlu-group",
    )
    services.membership_appoint(committee=group, user=people["resident_04"], role=MemberRole.CHAIR, started_on=TERM_START)


def _held_meeting(environment: Committee) -> None:
    meeting = services.meeting_schedule(
        committee=environment,
        title="A区绿化改善议事会",
        starts_at=timezone.now() - timedelta(days=30),
        place="华林社区居委会会议室",
        agenda=["A区绿化改善方案", "树苗与花草筹集"],
    )
    services.attendance_record(meeting=meeting, present_ids={m.pk for m in services.meeting_members(meeting)})
    services.minutes_record(
        meeting=meeting,
        minutes="居民组长张同珍介绍A区绿化现状。\n与会成员同意发动居民在周边荒地找树苗、向亲友要花草，并筹集资金低价购进绿色植物。",
    )
    decision = services.decision_record(
        meeting=meeting, motion="实施A区绿化改善方案", votes_for=3, votes_against=0, votes_abstaining=0, outcome=Outcome.ADOPTED
    )
    owner = environment.memberships.get(role=MemberRole.CHAIR)
    services.action_add(
        meeting=meeting, title="组织居民补种花草", owner=owner, due_on=timezone.localdate() + timedelta(days=30), decision=decision
    )


def _council(people: dict) -> None:
    xiulinyuan = Courtyard.objects.get(code="xiulinyuan")
    council = services.committee_create(
        place=xiulinyuan,
        name="秀林苑“1+6”议事会",
        kind=CommitteeKind.COUNCIL,
        code="xiulinyuan-council",
        description="党总支引领，管委会、议事会、市民中心、业委会、物管公司和集体经济组织共同协商：需求共同提出，办法共同协商，事项共同落实。",
    )
    services.membership_appoint(
        committee=council, user=people["resident_09"], role=MemberRole.CHAIR, seat=CouncilSeat.PARTY_BRANCH, started_on=TERM_START
    )
    services.membership_appoint(
        committee=council, user=people["resident_10"], role=MemberRole.MEMBER, seat=CouncilSeat.OWNERS_COMMITTEE, started_on=TERM_START
    )
    need = services.need_raise(
        user=people["resident_10"], title="连心驿站增设老年活动时段", description="希望连心驿站每周增加两个下午的老年人活动时段。"
    )
    services.need_support(need=need, user=people["resident_09"])
    meeting = services.meeting_schedule(
        committee=council,
        title="秀林苑议事会月度会议",
        starts_at=timezone.now() + timedelta(days=7),
        place="秀林苑连心驿站",
        agenda=["物业服务情况通报"],
    )
    services.agenda_item_add(meeting=meeting, title="", need=need)


def _federation(people: dict) -> None:
    street = Street.objects.get(code="shuangqiaozi")
    federation = services.committee_create(
        place=street, name="双桥子街道居民自治联合会", kind=CommitteeKind.FEDERATION, code="shuangqiaozi-federation"
    )
    services.membership_appoint(committee=federation, user=people["demo_resident"], role=MemberRole.CHAIR, started_on=TERM_START)
    services.membership_appoint(committee=federation, user=people["resident_03"], role=MemberRole.MEMBER, started_on=TERM_START)
