"""The demo's need that went all the way round, in 秀林苑 (秀林社区): two residents ask for benches on the square,
staff take their requests up as a need of the "1+6" council, the council puts it on its agenda and adopts a
motion with two follow-up actions; the last action done carries the need out, both requests resolve and both
residents (its supporters) are told once; they confirm and rate, so the requests are closed.
Every step goes through the services, as a real one would. Safe to run again."""

from datetime import timedelta

from django.utils import timezone

from committees import services as committee_services
from committees.choices import MemberRole, Outcome
from committees.models import Committee, Need
from courtyards.models import Unit
from governance.accounts.models import User

from .. import services
from ..choices import Source
from ..models import Category
from . import services as links

TITLE = "秀林苑广场增设休息座椅"
# resident, unit, title, text
REQUESTS = [
    ("resident_09", "xiulinyuan-b1-u1", "广场没有休息座椅", "秀林苑广场老人多，散步累了却没有地方坐，希望增设座椅。"),
    ("resident_10", "xiulinyuan-b3-u2", "希望广场增设座椅", "晚饭后在广场活动的居民很多，想坐一会儿都没有地方。"),
]
RESULT = "广场已安装6张休息座椅，议事会成员与居民代表现场验收，座椅下月起由物业纳入日常维护。"


def seed() -> None:
    council = Committee.objects.filter(code="xiulinyuan-council").first()
    if council is None or Need.objects.filter(title=TITLE).exists():
        return
    requests = [_file(*row) for row in REQUESTS]
    need = links.requests_to_need(
        requests=requests,
        committee=council,
        title=TITLE,
        text="两位居民分别反映秀林苑广场缺少休息座椅，提请议事会协商。",
        by=User.objects.get(username="demo_admin"),
    )
    _deliberate(council, need)
    for request in requests:
        request.refresh_from_db()
        services.request_confirm(request=request, by=request.resident, rating=5, comment="座椅很实用，谢谢议事会！")


def _file(username: str, unit_code: str, title: str, text: str):
    return services.request_submit(
        resident=User.objects.get(username=username),
        category=Category.objects.get(code="facilities"),
        place=Unit.objects.get(code=unit_code),
        title=title,
        text=text,
        source=Source.WEB,
    )


def _deliberate(council: Committee, need: Need) -> None:
    """Agenda, attendance, minutes, the decision and its two actions, marked done by the district's staff."""
    meeting = committee_services.meeting_schedule(
        committee=council, title="秀林苑议事会专题协商会", starts_at=timezone.now() - timedelta(days=21), place="秀林苑连心驿站"
    )
    committee_services.agenda_item_add(meeting=meeting, title="", need=need)
    present = committee_services.attendance_record(meeting=meeting, present_ids={m.pk for m in committee_services.meeting_members(meeting)})
    committee_services.minutes_record(
        meeting=meeting, minutes="议事会听取居民关于广场座椅的诉求。\n集体经济组织同意出资采购，物业负责安装和日常维护。"
    )
    decision = committee_services.decision_record(
        meeting=meeting,
        motion="在秀林苑广场增设6张休息座椅",
        votes_for=present,
        votes_against=0,
        votes_abstaining=0,
        outcome=Outcome.ADOPTED,
        need=need,
    )
    chair = council.memberships.get(role=MemberRole.CHAIR, ended_on__isnull=True)
    member = council.memberships.filter(role=MemberRole.MEMBER, ended_on__isnull=True).first() or chair
    due = timezone.localdate()
    buy = committee_services.action_add(meeting=meeting, title="集体经济组织采购座椅", owner=chair, due_on=due, decision=decision)
    fit = committee_services.action_add(meeting=meeting, title="物业安装座椅并组织验收", owner=member, due_on=due, decision=decision)
    staff = User.objects.get(username="demo_admin")  # 秀林社区 has no staff of its own in the demo
    committee_services.action_complete(action=buy, by=staff)
    committee_services.action_complete(action=fit, by=staff, result=RESULT)
