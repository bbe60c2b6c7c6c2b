"""Intake by telephone: an operator 接线员 files for a caller; the caller follows the request by number, phone and SMS code."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courtyards.models import Courtyard
from governance.accounts import services as account_services
from governance.accounts.choices import PhoneCodePurpose, Role
from governance.accounts.models import PhoneCode, User
from governance.requests import services
from governance.requests.choices import EventKind, Source
from governance.requests.models import Caller, Request
from tests.base import make_staff, make_user

pytestmark = pytest.mark.django_db

CALLER_PHONE = "13612345678"


@pytest.fixture
def operator(demo):
    return User.objects.get(username="demo_operator")


def file(client, **fields):
    data = {
        "phone": CALLER_PHONE,
        "name": "王先生",
        "category": "sanitation",
        "place": "courtyard:xinhong-nanlu",
        "title": "垃圾没人清运",
        "text": "门口的垃圾桶满了三天",
        **fields,
    }
    return client.post("/manage/hotline/new/", data)


def test_a_call_from_a_residents_number_is_filed_as_theirs_and_shows_under_my_requests(demo, operator, client, sms_outbox):
    client.force_login(operator)
    response = file(client, phone=demo.resident.phone, title="电话反映：井盖松动")
    request = Request.objects.get(title="电话反映：井盖松动")
    assert response.status_code == 302 and response["Location"] == "/manage/hotline/"
    assert (request.resident, request.caller, request.source, request.filed_by) == (demo.resident, None, Source.HOTLINE, operator)
    assert request.courtyard.code == "xinhong-nanlu" and not request.public
    assert not Caller.objects.filter(phone=demo.resident.phone).exists()
    client.force_login(demo.resident)
    assert request.number in client.get("/requests/mine/").text
    assert request.resident.notifications.filter(kind="requests.submitted", send_sms=True).exists()


def test_a_call_from_an_unknown_number_makes_a_caller_record_and_texts_the_number(
    demo, operator, client, sms_outbox, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        file(client)
    request = Request.objects.get(title="垃圾没人清运")
    assert request.resident is None and request.caller.phone == CALLER_PHONE and request.caller.name == "王先生"
    assert request.caller.district == demo.district
    assert [m["phone"] for m in sms_outbox] == [CALLER_PHONE] and request.number in sms_outbox[0]["text"]
    assert request.events.get(kind=EventKind.SUBMITTED).actor == operator
    page = client.get("/manage/hotline/").text
    assert request.number in page and "136****5678" in page and CALLER_PHONE not in page


def test_a_second_call_from_the_same_number_reuses_the_caller_record(demo, operator, client):
    client.force_login(operator)
    file(client, title="第一次")
    file(client, title="第二次", name="")
    assert Caller.objects.filter(phone=CALLER_PHONE).count() == 1
    assert Request.objects.filter(caller__phone=CALLER_PHONE).count() == 2


def test_an_operator_cannot_file_outside_their_street(demo, operator, client):
    client.force_login(operator)
    outside = Courtyard.objects.filter(street=demo.shengdeng).first()
    response = file(client, place=f"courtyard:{outside.code}")
    assert response.status_code == 200 and not Request.objects.filter(title="垃圾没人清运").exists()
    with pytest.raises(ValidationError):
        from governance.requests.hotline.services import hotline_request_file

        hotline_request_file(
            operator=operator, phone=CALLER_PHONE, name="", category=Request.objects.first().category, place=outside, title="x", text="y"
        )


def test_the_operators_pages_are_404_to_other_staff_and_residents(demo, client):
    for person in (demo.admin, demo.street, demo.community, demo.resident):
        client.force_login(person)
        assert client.get("/manage/hotline/new/").status_code == 404
        assert client.get("/manage/hotline/").status_code == 404
    client.logout()
    assert client.get("/manage/hotline/new/").status_code == 302


def test_the_operator_lists_hotline_requests_of_their_street_only(demo, operator, client):
    shengdeng_operator = make_staff(role=Role.HOTLINE_OPERATOR, node=demo.shengdeng)
    client.force_login(operator)
    file(client, title="双桥子的来电")
    client.force_login(shengdeng_operator)
    assert "双桥子的来电" not in client.get("/manage/hotline/").text
    client.force_login(operator)
    page = client.get("/manage/hotline/").text
    assert "双桥子的来电" in page and "垃圾桶满溢无人清运" in page  # the demo's hotline request, same street


def test_the_operator_reads_a_requests_public_story_only_and_acts_on_none(demo, operator, client):
    """An operator sees the requests of their street as the reporter does: no internal note, no handling move."""
    client.force_login(operator)
    file(client)
    request = Request.objects.get(title="垃圾没人清运")
    services.request_note(request=request, by=demo.community, note="内部备注哨兵")
    page = client.get(reverse("requests:detail", kwargs={"number": request.number}))
    assert page.status_code == 200 and "内部备注哨兵" not in page.text
    timeline = client.get(f"/api/v1/requests/{request.number}/timeline/").json()
    assert timeline and not any("内部备注哨兵" in (event.get("note") or "") for event in timeline)
    assert (
        client.post(f"/api/v1/requests/{request.number}/note/", {"note": "接线员备注"}, content_type="application/json").status_code == 400
    )
    assert client.post(f"/api/v1/requests/{request.number}/accept/", {}, content_type="application/json").status_code == 400
    assert Request.objects.get(pk=request.pk).status == request.status and not request.events.filter(note="接线员备注").exists()


def test_the_hotline_role_is_held_on_a_street_or_the_district_only(demo):
    with pytest.raises(ValidationError):
        account_services.role_grant(user=make_user(), role=Role.HOTLINE_OPERATOR, node=demo.xinhong, granted_by=demo.admin)
    assignment = account_services.role_grant(user=make_user(), role=Role.HOTLINE_OPERATOR, node=demo.shuangqiaozi, granted_by=demo.admin)
    assert assignment.street == demo.shuangqiaozi
    with pytest.raises(ValidationError):
        account_services.role_grant(user=make_user(), role=Role.HOTLINE_OPERATOR, node=demo.shuangqiaozi, granted_by=demo.street)


def test_staff_handling_a_callers_request_see_the_full_number(demo, operator, client):
    client.force_login(operator)
    file(client)
    request = Request.objects.get(title="垃圾没人清运")
    client.force_login(demo.community)
    page = client.get(f"/manage/requests/{request.number}/").text
    assert CALLER_PHONE in page and "王先生" in page


def test_a_callers_request_moves_through_the_workflow_without_notification_rows(demo, operator, client):
    from governance.notifications.models import Notification

    client.force_login(operator)
    file(client)
    request = Request.objects.get(title="垃圾没人清运")
    before = Notification.objects.count()
    services.request_accept(request=request, by=demo.community)
    services.request_start(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note="已清运")
    request.refresh_from_db()
    assert request.status == "resolved" and Notification.objects.count() == before


# --- following a request without an account ----------------------------------------------


def caller_request(operator):
    from governance.requests.hotline.services import hotline_request_file

    return hotline_request_file(
        operator=operator,
        phone=CALLER_PHONE,
        name="",
        category=Request.objects.first().category,
        place=Courtyard.objects.get(code="xinhong-nanlu"),
        title="路灯不亮",
        text="院门口的路灯坏了",
    )


def ask_code(client, number, phone=CALLER_PHONE):
    return client.post("/track/", {"number": number, "phone": phone})


def code_from(sms_outbox) -> str:
    return re.search(r"\d{6}", sms_outbox[-1]["text"]).group()


def test_the_caller_follows_their_request_with_a_code_by_sms(demo, operator, client, sms_outbox):
    request = caller_request(operator)
    services.request_note(request=request, by=demo.community, note="内部：物业推诿", public=False)
    services.request_note(request=request, by=demo.community, note="已安排维修", public=True)
    assert client.get(f"/track/{request.number}/")["Location"] == "/track/"  # no code yet
    response = ask_code(client, request.number)
    assert response.status_code == 302 and response["Location"] == "/track/code/"
    assert [m["phone"] for m in sms_outbox] == [CALLER_PHONE]
    assert client.post("/track/code/", {"code": "000000" if code_from(sms_outbox) != "000000" else "111111"}).status_code == 200
    assert client.get(f"/track/{request.number}/")["Location"] == "/track/"  # a wrong code opens nothing
    response = client.post("/track/code/", {"code": code_from(sms_outbox)})
    assert response.status_code == 302 and response["Location"] == f"/track/{request.number}/"
    page = client.get(f"/track/{request.number}/").text
    assert "路灯不亮" in page and "已安排维修" in page
    assert "物业推诿" not in page and demo.community.display_name not in page and CALLER_PHONE not in page


def test_a_wrong_pair_gets_the_same_answer_and_no_code(demo, operator, client, sms_outbox):
    request = caller_request(operator)
    right = ask_code(client, request.number)
    client.session.flush()
    wrong = ask_code(client, request.number, phone="13698765432")
    unknown = ask_code(client, "CH-2026-999999", phone="13698765433")
    assert right.status_code == wrong.status_code == unknown.status_code == 302
    assert right["Location"] == wrong["Location"] == unknown["Location"] == "/track/code/"
    assert [m["phone"] for m in sms_outbox] == [CALLER_PHONE]  # only the right pair gets a text
    assert PhoneCode.objects.filter(purpose=PhoneCodePurpose.TRACKING).count() == 3  # the resend limit behaves alike
    response = client.post("/track/code/", {"code": "123456"})
    assert response.status_code == 200 and client.get("/track/CH-2026-999999/")["Location"] == "/track/"


def test_a_code_for_ones_own_request_does_not_open_anothers(demo, operator, client, sms_outbox):
    mine = caller_request(operator)
    other = make_user(home_unit=demo.resident.home_unit)
    theirs = services.request_submit(resident=other, category=mine.category, place=other.home_unit, title="别人的诉求", text="不该被看到")
    ask_code(client, mine.number)
    with pytest.raises(ValidationError):
        from governance.requests.hotline.services import tracking_verify

        tracking_verify(number=theirs.number, phone=CALLER_PHONE, code=code_from(sms_outbox))


def test_a_resident_linked_by_phone_can_follow_too(demo, operator, client, sms_outbox):
    client.force_login(operator)
    file(client, phone=demo.resident.phone, title="电话反映")
    request = Request.objects.get(title="电话反映")
    client.logout()
    ask_code(client, request.number, phone=demo.resident.phone)
    response = client.post("/track/code/", {"code": code_from(sms_outbox)})
    assert response["Location"] == f"/track/{request.number}/"


def test_code_sends_are_rate_limited(demo, operator, client, settings, sms_outbox):
    settings.SMS_CODES_PER_ADDRESS_PER_HOUR = 1
    request = caller_request(operator)
    ask_code(client, request.number)
    response = ask_code(client, request.number, phone="13698765432")
    assert response.status_code == 200 and PhoneCode.objects.filter(purpose=PhoneCodePurpose.TRACKING).count() == 1


def test_the_operator_opens_their_pages_and_no_staff_page(demo, operator, client):
    client.force_login(operator)
    assert client.get("/manage/hotline/").status_code == 200
    assert "xinhong-nanlu" in client.get("/manage/hotline/new/").text
    assert "shengdeng" not in client.get("/manage/hotline/new/").text.replace("圣灯", "")  # no place of another street
    for url in ("/manage/requests/", "/manage/callbacks/"):
        assert client.get(url).status_code == 404


def test_the_retention_sweep_takes_the_callers_number_out_of_an_old_request(demo, operator):
    from datetime import timedelta

    from django.utils import timezone

    from governance.requests.retention import requests_anonymise_old

    request = caller_request(operator)
    services.request_reject(request=request, by=demo.community, reason="不属于本社区职责范围")
    requests_anonymise_old(now=timezone.now() + timedelta(days=365 * 4))
    request.refresh_from_db()
    assert request.caller is None and request.resident.username == "anonymised"
    assert not Caller.objects.filter(phone=CALLER_PHONE).exists()


def test_every_page_links_to_the_tracking_page(demo, client):
    assert 'href="/track/"' in client.get("/").text
