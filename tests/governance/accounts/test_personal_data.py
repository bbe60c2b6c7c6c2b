"""A resident downloads everything the portal holds about them, and can close their account (PIPL arts. 45, 47)."""

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from courtyards.models import HomeClaim
from governance.accounts import services
from governance.accounts.choices import SecurityEventKind
from governance.accounts.models import SecurityEvent, User
from governance.activities.models import Signup, VolunteerHours
from governance.notifications.models import Notification
from governance.requests.intake import photos
from governance.requests.models import FeedFollow, Request
from governance.requests.public.services import feed_follow
from tests.base import make_request
from tests.governance.requests.helpers import upload

pytestmark = pytest.mark.django_db


def download(client) -> zipfile.ZipFile:
    response = client.post(reverse("accounts:data_export"))
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_a_resident_downloads_their_own_data_and_the_download_is_recorded(client, demo):
    request = make_request(resident=demo.resident, title="单元门禁坏了", text="请联系我 13712340000")
    photo = photos.photo_attach(request=request, cleaned=photos.photo_clean(upload()))
    feed_follow(user=demo.resident, community=demo.xinhong)
    demo.delivered_notification(demo.resident)
    demo.delivered_notification(demo.resident2)
    client.force_login(demo.resident)
    assert "下载我的数据" in client.get(reverse("accounts:profile")).text

    archive = download(client)
    data = json.loads(archive.read("data.json"))

    assert data["profile"]["phone"] == demo.resident.phone and data["profile"]["display_name"] == demo.resident.display_name
    assert data["home_claims"][0]["unit"] == demo.resident.home_unit.address
    mine = {r["number"]: r for r in data["requests"]}
    assert set(mine) == set(Request.objects.filter(resident=demo.resident).values_list("number", flat=True))
    assert mine[request.number]["text"] == "请联系我 13712340000" and mine[request.number]["timeline"][0]["kind"] == "submitted"
    assert data["follows"] == [{"community__name": "新鸿社区", "created_at": data["follows"][0]["created_at"]}]
    assert len(data["notifications"]) == Notification.objects.filter(recipient=demo.resident).count() >= 1
    assert len(data["signups"]) == Signup.objects.filter(user=demo.resident).count()
    assert len(data["volunteer_hours"]) == VolunteerHours.objects.filter(volunteer=demo.resident).count()
    assert f"photos/{request.number}/{photo.code}.jpg" in archive.namelist()
    assert demo.resident2.display_name not in archive.read("data.json").decode()
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.DATA_EXPORTED, actor=demo.resident).count() == 1


def test_downloading_needs_a_signed_in_person_and_a_post(client, demo):
    assert client.post(reverse("accounts:data_export")).status_code == 302
    client.force_login(demo.resident)
    assert client.get(reverse("accounts:data_export")).status_code == 405
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.DATA_EXPORTED).exists()


def test_closing_an_account_needs_the_password(client, demo):
    client.force_login(demo.resident)
    page = client.post(reverse("accounts:close"), {"password": "wrong"})
    assert "密码不正确" in page.text
    demo.resident.refresh_from_db()
    assert demo.resident.is_active and demo.resident.phone and not SecurityEvent.objects.filter(kind="account_closed").exists()


def test_closing_an_account_anonymises_the_person_and_keeps_the_statistics(client, demo):
    resident = demo.resident
    phone, name, pk = resident.phone, resident.display_name, resident.pk
    request = make_request(resident=resident, title="楼道堆物", text="堆物挡路，电话13712340000")
    counts = {r.pk: (r.category_id, r.community_id, r.unit_id, r.status) for r in Request.objects.filter(resident=resident)}
    feed_follow(user=resident, community=demo.xinhong)
    services.api_token_issue(user=resident)
    signups = Signup.objects.filter(user=resident).count()
    client.force_login(resident)
    other_browser = Client()
    other_browser.post("/accounts/login/", {"username": resident.username, "password": "chenghua-demo"})
    assert other_browser.get(reverse("accounts:profile")).status_code == 200

    response = client.post(reverse("accounts:close"), {"password": "chenghua-demo"}, follow=True)

    assert "您的账户已注销" in response.text
    closed = User.objects.get(pk=pk)
    assert closed.username.startswith("closed-") and (closed.phone, closed.display_name, closed.email) == (None, "", "")
    assert not closed.has_usable_password() and not closed.is_active and closed.home_unit is None and closed.household is None
    assert not HomeClaim.objects.filter(user=closed).exists() and not FeedFollow.objects.filter(user=closed).exists()
    assert not closed.api_tokens.exists() and not Notification.objects.filter(recipient=closed).exists()
    assert other_browser.get(reverse("accounts:profile")).status_code == 302  # signed out everywhere
    kept = {r.pk: (r.category_id, r.community_id, r.unit_id, r.status) for r in Request.objects.filter(resident=closed)}
    assert kept == counts and Signup.objects.filter(user=closed).count() == signups
    request.refresh_from_db()
    assert request.text == "堆物挡路，电话137****0000"
    assert SecurityEvent.objects.get(kind=SecurityEventKind.ACCOUNT_CLOSED).object_id == str(pk)
    assert client.post("/accounts/login/", {"username": phone, "password": "chenghua-demo"}).status_code == 200
    assert name not in str(list(User.objects.filter(pk=pk).values()))
