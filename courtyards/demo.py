"""The seed's covenant: 新鸿社区's covenant that settled the mahjong noise at the gatehouse, in two versions. Idempotent."""

from datetime import date

from .choices import CovenantKind, EndorsementChannel, EndorsementMethod
from .households import demo as households_demo
from .models import Community, Covenant, CovenantEndorsement, Household
from .services import covenant_create, covenant_version_add

FIRST = """一、门卫室是院落公共服务场所，值班时间不得在门卫室内打麻将。
二、晚上十点至次日早上七点，院落内不得进行影响邻里休息的娱乐活动。
三、居民发现扰民行为，可向院落居民自治小组反映，由自治小组劝导。"""
SECOND = (
    FIRST.replace("三、", "三、院落活动室每天9:00至21:00开放，棋牌娱乐请到活动室进行。\n四、")
    + "\n五、本公约由院落居民自治小组监督执行，每年向居民通报一次。"
)


def seed() -> None:
    households_demo.seed()  # 秀林苑's resettled households, tagged households of 新鸿社区
    if Covenant.objects.filter(code="xinhong-mahjong").exists():
        return
    covenant = covenant_create(
        place=Community.objects.get(code="xinhong"),
        code="xinhong-mahjong",
        kind=CovenantKind.COVENANT,
        title="新鸿社区居民公约（门卫室麻将扰民）",
        text=FIRST,
        adopted_on=date(2014, 9, 20),
        method=EndorsementMethod.ASSEMBLY,
        votes_for=86,
        votes_against=3,
        votes_abstaining=5,
    )
    version = covenant_version_add(
        covenant=covenant,
        text=SECOND,
        adopted_on=date(2015, 3, 15),
        method=EndorsementMethod.HOUSEHOLD_SIGNATURES,
        votes_for=112,
        votes_against=2,
    )
    _endorse(covenant, version)


def _endorse(covenant, version) -> None:
    """Households of the seeded residents signed the current version: a living count on the page."""
    households = Household.objects.filter(
        community=covenant.community, members__username__in=["demo_resident", "resident_03", "resident_04"]
    )
    CovenantEndorsement.objects.bulk_create(
        [
            CovenantEndorsement(covenant=covenant, version=version, household=h, channel=EndorsementChannel.STAFF)
            for h in households.distinct()
        ]
    )
