"""Personas of the user stories: the seed's demo accounts and places, plus outsiders made to order."""

import io
from dataclasses import dataclass

from django.core.management import call_command

from courtyards.models import Community, District, Street, Unit
from governance.accounts import services as account_services
from governance.accounts.choices import Role
from governance.accounts.models import User

DEMO_PASSWORD = "chenghua-demo"


@dataclass
class Demo:
    district: District
    shuangqiaozi: Street
    shengdeng: Street
    xinhong: Community
    hualin: Community
    admin: User
    street: User
    community: User
    worker: User
    resident: User
    resident2: User
    operator: User

    def pending_claim(self):
        """A new resident's claim to a home in 新鸿社区, waiting for community staff."""
        from courtyards import services as tree_services
        from courtyards.models import Unit

        user = make_user(display_name="新住户")
        return tree_services.home_claim_create(user=user, unit=Unit.objects.get(code="xinhong-nanlu-b2-u2"), room="301")

    def delivered_notification(self, user=None):
        from governance.notifications import services as notification_services

        user = user or self.resident
        notification = notification_services.notification_create(
            recipient=user, kind="portal.message", key=f"test:{user.pk}:{next(_counter)}", params={"title": "测试", "body": "内容"}
        )
        notification_services.notification_deliver(notification_id=notification.pk)
        return notification

    def audit_entry(self):
        from auditlog.models import LogEntry

        return LogEntry.objects.first() or LogEntry.objects.log_create(self.xinhong, action=LogEntry.Action.UPDATE, changes="{}")

    @property
    def personas(self) -> dict[str, User]:
        return {
            "demo_admin": self.admin,
            "demo_street": self.street,
            "demo_community": self.community,
            "demo_worker": self.worker,
            "demo_resident": self.resident,
            "demo_resident2": self.resident2,
            "demo_operator": self.operator,
        }


def demo_load() -> Demo:
    if not District.objects.filter(code="chenghua").exists():
        call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    users = {u.username: u for u in User.objects.filter(username__startswith="demo_")}
    return Demo(
        district=District.objects.get(code="chenghua"),
        shuangqiaozi=Street.objects.get(code="shuangqiaozi"),
        shengdeng=Street.objects.get(code="shengdeng"),
        xinhong=Community.objects.get(code="xinhong"),
        hualin=Community.objects.get(code="hualin"),
        admin=users["demo_admin"],
        street=users["demo_street"],
        community=users["demo_community"],
        worker=users["demo_worker"],
        resident=users["demo_resident"],
        resident2=users["demo_resident2"],
        operator=users["demo_operator"],
    )


_counter = iter(range(1, 1_000_000))


def make_user(*, username: str | None = None, display_name: str = "测试用户", home_unit: Unit | None = None, **fields) -> User:
    n = next(_counter)
    user = User.objects.create_user(
        username=username or f"user{n}", password=DEMO_PASSWORD, display_name=display_name, phone=f"137{n:08d}", **fields
    )
    if home_unit is not None:
        from courtyards import services as tree_services

        household = tree_services.household_get_or_create(unit=home_unit, room=f"{n}")
        account_services.user_set_home(user=user, unit=home_unit, household=household)
    return user


def make_staff(*, role: str = Role.STREET_STAFF, node, username: str | None = None) -> User:
    """A staff member holding `role` on `node`, e.g. street staff of 圣灯街道."""
    user = make_user(username=username, display_name=f"{node.name}工作人员")
    account_services.role_grant(user=user, role=role, node=node)
    return user


# --- requests: public side (issue 3b). Categories, keys and requests made to order, since the seed of
# categories and of the demo Open311 key belongs to another branch.

OPEN311_TEST_KEY = "test-open311-key"


def make_category(*, code: str = "noise", name_zh: str = "邻里噪音", name_en: str = "Noise", **fields):
    from governance.requests.models import Category

    category, _created = Category.objects.get_or_create(code=code, defaults={"name_zh": name_zh, "name_en": name_en, **fields})
    return category


def make_api_key(*, key: str = OPEN311_TEST_KEY, submitter: User | None = None, active: bool = True):
    from governance.requests.models import ApiKey

    if submitter is None:
        submitter = User.objects.filter(username="open311_client").first() or make_user(username="open311_client", display_name="市民App")
    api_key, _created = ApiKey.objects.get_or_create(
        key_hash=ApiKey.hash(key), defaults={"name": "test client", "prefix": key[:8], "submitter": submitter, "active": active}
    )
    return api_key


def make_request(
    *, resident: User, place=None, category=None, title: str = "楼道灯坏了", text: str = "晚上楼道很黑，请尽快修理。", **fields
):
    """A request filed through the real submission service (routing, deadlines, timeline)."""
    from governance.requests.services import request_submit

    place = place or resident.home_unit
    return request_submit(resident=resident, category=category or make_category(), place=place, title=title, text=text, **fields)


def request_set(request, **fields):
    """Move a request's timestamps, status or rating to a chosen moment.

    The state-transition services live on another branch; the rate and statistics tests need
    exact times, so they set the columns those services write, and nothing else.
    """
    type(request).objects.filter(pk=request.pk).update(**fields)
    request.refresh_from_db()
    return request


def public_request(demo: Demo):
    """demo_resident's public request in 新鸿南路院落 (for the access matrix)."""
    from governance.requests.models import Request

    return Request.objects.filter(resident=demo.resident, public=True).first() or make_request(resident=demo.resident)


def report_job_of(node, *, by, built: bool = False):
    """A report job of `node` for March 2026, asked by `by`; built at once when `built`."""
    from datetime import date

    from governance.reports import services as report_services

    job, _ = report_services.report_job_request(node=node, period_kind="monthly", start=date(2026, 3, 1), requested_by=by)
    if built:
        report_services.report_job_run(job_id=job.pk)
        job.refresh_from_db()
    return job


def queries_of(client, url: str) -> int:
    """How many queries a page costs once per-process caches (content types, ...) are warm."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)
