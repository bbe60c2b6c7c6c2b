"""Sentinel checks of the HTML lists and the public ones (Open311, the feed, exports).

A route whose name ends like a list (LIST_NAME) must have a Listing here, so a new list page
cannot be added without saying whose rows it shows.
"""

import re

from . import Listing
from .sentinels import INSIDE, OTHER, OUTSIDE, OWN, model_rows, staff_sees

# accounts:data_export is one's own ZIP, not a list of rows: tests/governance/accounts/test_personal_data.py
# checks it holds the person's rows and nobody else's.
LIST_NAME = re.compile(r"(list|queue|mine|inbox|feed|callbacks|requests|services|(?<!data_)export)$")

OWN_TITLE = "楼上深夜打麻将"  # demo_resident's request, 新鸿社区
OTHER_TITLE = "小区绿地被占用"  # demo_resident2's request, 华林社区


def text(attribute: str):
    return lambda obj: str(getattr(obj, attribute))


def titles(own: str = OWN_TITLE, other: str = OTHER_TITLE) -> dict:
    return {OWN: lambda d: own, OTHER: lambda d: other}


def _hualin_callback(demo) -> str:
    """A callback of 华林社区: demo_resident2 rates a resolved request 1 star."""
    from governance.requests import services
    from governance.requests.models import Request

    request = Request.objects.get(title="井盖缺失")
    services.request_resolve(request=request, by=demo.admin, note="已补装井盖")
    services.request_confirm(request=request, by=request.resident, rating=1, comment="太慢了")
    return request.number


def _xinhong_callback(demo) -> str:
    from governance.requests.models import Request

    return Request.objects.get(title="单元门禁损坏").number


def _activity_link(activity) -> str:
    from django.urls import reverse

    return reverse("activities:detail", kwargs={"code": activity.code})


def _hours_reported(username: str, community: str):
    """`username` reports 2 hours on a started activity of `community` (one of its residents' association's if any)."""

    def make(demo) -> str:
        from django.urls import reverse
        from django.utils import timezone

        from governance.accounts.models import User
        from governance.activities import services
        from governance.activities.models import Activity

        volunteer = User.objects.get(username=username)
        started = Activity.objects.filter(community__code=community, starts_at__lte=timezone.now()).exclude(
            volunteer_hours__volunteer=volunteer
        )
        led = started.filter(organiser__association__code=f"{community}-residents")
        activity = led.order_by("pk").first() or started.order_by("pk").first()
        entry = services.volunteer_hours_report(activity=activity, volunteer=volunteer, hours=2)
        return reverse("activities:hours_decide", kwargs={"code": activity.code, "hours_id": entry.pk})

    return make


def _pending_claim(unit_code: str):
    def make(demo) -> str:
        from courtyards import services
        from courtyards.models import Unit
        from tests.base import make_user

        claim = services.home_claim_create(user=make_user(display_name="新住户"), unit=Unit.objects.get(code=unit_code), room="909")
        return str(claim.code)

    return make


def _signup_of(username: str):
    def make(demo) -> str:
        from django.urls import reverse

        from governance.accounts.models import User
        from governance.activities import services

        from .activities import upcoming

        activity = upcoming()
        services.signup_create(activity=activity, user=User.objects.get(username=username))
        return reverse("activities:public_detail", kwargs={"code": activity.code})

    return make


STAFF_LIST = staff_sees({INSIDE: None, OUTSIDE: None})  # admin both; the others 新鸿社区's only
# lists of what one may manage or verify: a social worker (a field role) has none of it
MANAGERS = {**STAFF_LIST, "worker": set()}
VERIFIERS = MANAGERS
NOBODY_ELSE = {"resident": set(), "resident2": set()}

LISTS = {
    # demo_resident2 chairs 华林社区's 公共环境委员会: its queue holds what that committee owns, no sentinel
    "requests:queue": Listing(model_rows("requests.request", text("number"), only={INSIDE, OUTSIDE}), {**STAFF_LIST, "resident2": set()}),
    "requests:mine": Listing(
        titles(),
        {"resident": {OWN}, "resident2": {OTHER}, **dict.fromkeys(["admin", "street", "community", "worker"], set())},
    ),
    "requests:callbacks": Listing({INSIDE: _xinhong_callback, OUTSIDE: _hualin_callback}, STAFF_LIST),
    # district-wide, 新鸿社区's units are past the first page: demo_admin is checked on a filtered page too
    "courtyards:unit_list": [
        Listing(model_rows("courtyards.unit", text("code")), {p: s for p, s in STAFF_LIST.items() if p != "admin"}),
        Listing(model_rows("courtyards.unit", text("code")), {"admin": {OUTSIDE}}, query="street=shengdeng"),
        Listing(model_rows("courtyards.unit", text("code")), {"admin": {INSIDE}}, query="community=xinhong"),
    ],
    "courtyards:claim_queue": Listing(
        {INSIDE: _pending_claim("xinhong-nanlu-b2-u2"), OUTSIDE: _pending_claim("hualin-a-b1-u2")}, VERIFIERS
    ),
    "courtyards:grid_list": Listing(model_rows("courtyards.grid", text("code")), STAFF_LIST),
    "courtyards:manage": Listing({INSIDE: lambda d: "新鸿社区", OUTSIDE: lambda d: "华林社区"}, STAFF_LIST),
    "activities:list": Listing(model_rows("activities.activity", _activity_link, only={INSIDE, OUTSIDE}), STAFF_LIST),
    "activities:family_list": Listing(
        model_rows("activities.specialfamily", text("head_name"), only={INSIDE, OUTSIDE}),
        {"admin": set(), "street": set(), "community": {INSIDE}, "worker": {INSIDE}},
    ),
    "activities:project_list": Listing(model_rows("activities.project", text("name"), only={INSIDE, OUTSIDE}), STAFF_LIST),
    # demo_resident leads the association that organised 新鸿社区's volunteer activities
    "activities:hours_queue": Listing(
        {INSIDE: _hours_reported("resident_05", "xinhong"), OUTSIDE: _hours_reported("resident_07", "hualin")},
        {**STAFF_LIST, "resident": {INSIDE}},
    ),
    "activities:mine": Listing(
        {OWN: _signup_of("demo_resident")},
        {"resident": {OWN}, **dict.fromkeys(["resident2", "admin", "street", "community", "worker"], set())},
    ),
    "associations:manage_list": Listing(model_rows("associations.association", text("name"), only={INSIDE, OUTSIDE}), MANAGERS),
    "associations:enterprise_list": Listing(model_rows("associations.enterprise", text("name"), only={INSIDE, OUTSIDE}), STAFF_LIST),
    "committees:manage_list": Listing(model_rows("committees.committee", text("code"), only={INSIDE, OUTSIDE}), MANAGERS),
    "committees:need_queue": Listing(model_rows("committees.need", text("title"), only={INSIDE, OUTSIDE}), MANAGERS),
}


def _message_to(username: str):
    def make(demo) -> str:
        from governance.accounts.models import User
        from governance.notifications import services

        title = f"给{username}的哨兵通知"
        user = User.objects.get(username=username)
        notification = services.notification_create(
            recipient=user, kind="portal.message", key=f"sentinel:{username}", params={"title": title, "body": "内容"}
        )
        services.notification_deliver(notification_id=notification.pk)
        return title

    return make


def _request(title: str, marker, **fields):
    def make(demo) -> str:
        from governance.requests.models import Request

        request = Request.objects.get(title=title)
        if fields:
            Request.objects.filter(pk=request.pk).update(**fields)  # the demo's requests are all public
        return marker(request)

    return make


def _open311(request) -> str:
    return f"\nservice_request_id={request.number}\n"


def _inactive_category(demo) -> str:
    from governance.requests.models import Category

    Category.objects.filter(code="other").update(active=False)  # no service offers a switch; the admin edits the flag
    return "\nservice_code=other\n"


EVERYONE = ["anonymous", "admin", "street", "community", "worker", "resident", "resident2"]
PUBLIC_ONLY = dict.fromkeys(EVERYONE, {INSIDE})

LISTS |= {
    "notifications:inbox": Listing(
        {OWN: _message_to("demo_resident"), OTHER: _message_to("demo_resident2"), INSIDE: _message_to("demo_community")},
        {"resident": {OWN}, "resident2": {OTHER}, "community": {INSIDE}, "admin": set(), "street": set(), "worker": set()},
    ),
    # the bodies one runs: demo_resident leads 新鸿社区's residents' association, demo_resident2 chairs a 华林社区 committee;
    # staff run what their place covers (a social worker runs none)
    "associations:mine": Listing(
        {OWN: lambda d: "/manage/associations/xinhong-residents/", OTHER: lambda d: "/manage/committees/hualin-public-environment/"},
        {"resident": {OWN}, "resident2": {OTHER}, "admin": {OWN, OTHER}, "street": {OWN}, "community": {OWN}, "worker": set()},
    ),
    # a public request of 新鸿社区 is on its feed; a private one and 华林社区's are not
    "public_requests:feed": Listing(
        {
            INSIDE: _request(OWN_TITLE, text("title")),
            "private": _request("单元门禁损坏", text("title"), public=False),
            OUTSIDE: _request(OTHER_TITLE, text("title")),
        },
        PUBLIC_ONLY,
        kwargs={"code": "xinhong"},
    ),
    # near 新鸿南路院落's gate: its public request is listed, a private one there and 华林社区's (3 km) are not;
    # without a location, a resident sees their own community's public requests and staff (no home) none
    "public_requests:near_feed": [
        Listing(
            {
                INSIDE: _request(OWN_TITLE, text("title")),
                "private": _request("树枝遮挡窗户", text("title"), public=False),
                OUTSIDE: _request(OTHER_TITLE, text("title")),
            },
            PUBLIC_ONLY,
            query="lat=30.655120&long=104.104830&within=500",
        ),
        Listing(
            titles(),
            {"resident": {OWN}, "resident2": {OTHER}} | dict.fromkeys(["anonymous", "admin", "street", "community", "worker"], set()),
        ),
    ],
    "open311:requests": Listing(
        {INSIDE: _request(OWN_TITLE, _open311), "private": _request("单元门禁损坏", _open311, public=False)},
        PUBLIC_ONLY,
        kwargs={"fmt": "json"},
    ),
    "open311:services": Listing(
        {INSIDE: lambda d: "\nservice_code=noise\n", "inactive": _inactive_category}, PUBLIC_ONLY, kwargs={"fmt": "json"}
    ),
    "reports:request_export": Listing(model_rows("requests.request", text("number"), only={INSIDE, OUTSIDE}), STAFF_LIST, {"fmt": "csv"}),
}
