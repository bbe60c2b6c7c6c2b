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

    def token_of(self, user):
        from rest_framework.authtoken.models import Token, TokenProxy

        Token.objects.get_or_create(user=user)
        return TokenProxy.objects.get(user=user)

    @property
    def personas(self) -> dict[str, User]:
        return {
            "demo_admin": self.admin,
            "demo_street": self.street,
            "demo_community": self.community,
            "demo_worker": self.worker,
            "demo_resident": self.resident,
            "demo_resident2": self.resident2,
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


def queries_of(client, url: str) -> int:
    """How many queries a page costs once per-process caches (content types, ...) are warm."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)
