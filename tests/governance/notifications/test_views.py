"""Everyone is told in their language: a notification keeps codes and raw values, and the inbox and the API
render them in the reader's language, so the same rows read in English for one reader and in Chinese for another."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from committees import services as committee_services
from committees.models import Committee
from governance.accounts.models import User
from governance.notifications import services as notification_services
from governance.notifications.choices import DeliveryStatus
from governance.notifications.models import Notification
from governance.requests import services
from governance.requests.public import services as public_services
from tests.base import make_user
from tests.governance.requests.helpers import file_request

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
PERSON_NOTE = "已更换灯泡"  # what staff wrote: data, shown as written
SWITCHER = 'lang="zh-Hans">中文</button>'  # the language switcher names Chinese in Chinese, by design


def deliver_all(user: User) -> None:
    for pk in Notification.objects.filter(recipient=user, status=DeliveryStatus.PENDING).values_list("pk", flat=True):
        notification_services.notification_deliver(notification_id=pk)


def told(demo, reader: User) -> list[str]:
    """Real causes tell `reader` of a receipt, status changes (a merge, a resolution with a note), a request in the
    feed they follow and a need they support on an agenda. Returns the data values planted (titles, names, notes)."""
    first = file_request(demo, resident=reader, title="路灯不亮")
    second = file_request(demo, resident=reader, title="路灯又坏了")
    services.request_accept(request=first, by=demo.community)
    services.request_merge(request=second, into=first, by=demo.community)
    services.request_assign(request=first, by=demo.community, assignee=demo.worker)
    services.request_start(request=first, by=demo.worker)
    services.request_resolve(request=first, by=demo.worker, note=PERSON_NOTE)
    public_services.feed_follow(user=reader, community=demo.xinhong)
    public = file_request(demo, title="广场舞噪音", category="noise", public=True)  # a neighbour's, in the feed
    committee = Committee.objects.filter(community=demo.xinhong, is_active=True).first()
    need = committee_services.need_open(
        raised_by=demo.community, committee=committee, title="院落路灯改造", description="院落里的路灯老旧，居民希望改造。"
    )
    committee_services.need_support(need=need, user=reader)
    meeting = committee_services.meeting_schedule(
        committee=committee, title="月度议事会", starts_at=timezone.now() + timedelta(days=3), place="社区活动室"
    )
    committee_services.agenda_item_add(meeting=meeting, title="", need=need)
    deliver_all(reader)
    owners = [item.owner_name for item in (first, second, public)]
    return [
        first.number,
        second.number,
        first.title,
        second.title,
        public.title,
        PERSON_NOTE,
        demo.xinhong.name,
        need.title,
        committee.name,
        *owners,
    ]


def interface_text(page: str, data: list[str]) -> str:
    """The page without the planted data values and the language switcher: what is left is the interface's text."""
    for value in sorted(data, key=len, reverse=True):
        page = page.replace(value, "")
    return page.replace(SWITCHER, "")


def english_resident(demo) -> User:
    return make_user(display_name="Emma", home_unit=demo.resident.home_unit)


def test_an_english_reader_reads_every_notification_in_english_and_a_chinese_reader_the_same_rows_in_chinese(client, demo):
    reader = english_resident(demo)
    data = told(demo, reader)
    assert Notification.objects.filter(recipient=reader).count() >= 6
    client.force_login(reader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/notifications/").text
    assert "Your request" in page and "Resolved" in page and "Merged into" in page and PERSON_NOTE in page
    left = interface_text(page, data)
    assert not CJK.findall(left), CJK.findall(left)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese = client.get("/notifications/").text
    assert "已办结" in chinese and "已合并到" in chinese and "通知" in chinese


def test_the_api_answers_in_the_readers_language_a_token_client_in_the_language_they_chose(client, demo):
    reader = english_resident(demo)
    data = told(demo, reader)
    api = APIClient()
    api.force_authenticate(reader)
    chinese = api.get("/api/v1/notifications/").json()
    assert any("已办结" in row["title"] for row in chinese["results"])
    reader.language = "en"  # chosen with the switcher while signed in (tests/governance/accounts/test_views.py)
    reader.save(update_fields=["language"])
    english = api.get("/api/v1/notifications/").json()
    text = " ".join(f"{row['title']} {row['body']}" for row in english["results"])
    assert "Resolved" in text and "New request in" in text
    left = interface_text(text, data)
    assert not CJK.findall(left), CJK.findall(left)


def test_a_row_written_before_parameters_were_kept_raw_stays_readable(client, demo):
    old = notification_services.notification_create(
        recipient=demo.resident,
        kind="requests.status",
        key="old-row",
        params={"number": "CH-2025-000001", "title": "路灯不亮", "status": "已办结", "note": "已更换灯泡"},
    )
    notification_services.notification_deliver(notification_id=old.pk)
    client.force_login(demo.resident)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/notifications/").text
    assert "Your request CH-2025-000001: 已办结" in page  # as it was written, in the words of its day


def test_the_inbox_costs_the_same_queries_with_one_notification_and_with_many(client, demo):
    reader = english_resident(demo)
    client.force_login(reader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    demo.delivered_notification(user=reader)
    client.get("/notifications/")  # the caches the page fills (the unread badge) warm in both measurements
    with CaptureQueriesContext(connection) as one:
        client.get("/notifications/")
    told(demo, reader)
    client.get("/notifications/")
    with CaptureQueriesContext(connection) as many:
        client.get("/notifications/")
    assert len(one) == len(many)
