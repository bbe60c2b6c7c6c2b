"""A new resident registers with a phone and an SMS code, claims a home, and is verified."""

import re

import pytest

from courtyards.choices import ClaimStatus
from courtyards.models import HomeClaim
from governance.accounts.choices import Role
from governance.accounts.models import PhoneCode, User
from tests.base import make_staff

pytestmark = pytest.mark.django_db


def register(client, sms_outbox, phone="13712345678", name="陈小梅", password="Qingshui-2026"):
    assert client.post("/accounts/register/", {"phone": phone}).status_code == 302
    code = re.search(r"\d{6}", sms_outbox[-1]["text"]).group()
    return client.post("/accounts/register/verify/", {"code": code, "display_name": name, "password1": password, "password2": password})


def test_a_resident_registers_claims_a_unit_and_community_staff_verify_it(client, demo, sms_outbox):
    response = register(client, sms_outbox)
    assert response.status_code == 302 and response["Location"] == "/me/home/"
    user = User.objects.get(phone="13712345678")
    assert user.display_name == "陈小梅" and user.home_unit is None

    claim_page = client.post(
        "/me/home/",
        {
            "community": "xinhong",
            "courtyard": "xinhong-nanlu",
            "building": "xinhong-nanlu-b2",
            "unit": "xinhong-nanlu-b2-u1",
            "room": "601",
        },
        follow=True,
    )
    assert "待核实" in claim_page.text
    claim = HomeClaim.objects.get(user=user)
    assert claim.status == ClaimStatus.PENDING and claim.community == demo.xinhong

    client.force_login(demo.community)
    queue = client.get("/manage/claims/").text
    assert "陈小梅" in queue and "601" in queue
    assert client.post(f"/manage/claims/{claim.code}/verify/").status_code == 302

    user.refresh_from_db()
    assert user.home_unit.code == "xinhong-nanlu-b2-u1"
    assert user.household.room == "601"
    assert user.notifications.filter(kind="claim.verified").count() == 1


def test_staff_of_another_community_cannot_see_or_decide_the_claim(client, demo):
    claim = demo.pending_claim()
    hualin_staff = make_staff(role=Role.COMMUNITY_STAFF, node=demo.hualin)
    client.force_login(hualin_staff)
    assert str(claim.code) not in client.get("/manage/claims/").text
    assert client.post(f"/manage/claims/{claim.code}/verify/").status_code == 404
    assert client.get(f"/api/v1/home-claims/{claim.code}/").status_code == 404
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING


def test_declining_needs_a_reason_and_tells_the_resident(client, demo):
    claim = demo.pending_claim()
    client.force_login(demo.community)
    client.post(f"/manage/claims/{claim.code}/decline/", {"decline_reason": ""})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING
    client.post(f"/manage/claims/{claim.code}/decline/", {"decline_reason": "该单元没有601室"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DECLINED and claim.user.home_unit is None
    assert claim.user.notifications.filter(kind="claim.declined").exists()


def test_a_wrong_code_is_refused_and_five_wrong_guesses_burn_it(client, demo, sms_outbox):
    client.post("/accounts/register/", {"phone": "13712345679"})
    for _ in range(5):
        page = client.post(
            "/accounts/register/verify/",
            {"code": "000000", "display_name": "x", "password1": "Qingshui-2026", "password2": "Qingshui-2026"},
        )
        assert page.status_code == 200
    assert PhoneCode.objects.get(phone="13712345679").attempts == 5
    real = re.search(r"\d{6}", sms_outbox[-1]["text"]).group()
    page = client.post(
        "/accounts/register/verify/", {"code": real, "display_name": "x", "password1": "Qingshui-2026", "password2": "Qingshui-2026"}
    )
    assert "验证码已过期或未发送" in page.text
    assert not User.objects.filter(phone="13712345679").exists()


def test_registering_does_not_tell_whether_a_number_has_an_account(client, demo, sms_outbox):
    from django.test import Client

    registered = client.post("/accounts/register/", {"phone": demo.resident.phone}, follow=True)
    new = Client().post("/accounts/register/", {"phone": "13712345671"}, follow=True)
    assert registered.redirect_chain == new.redirect_chain == [("/accounts/register/verify/", 302)]
    assert _main(registered.text) == _main(new.text)
    to_resident, to_newcomer = sms_outbox
    assert to_resident["phone"] == demo.resident.phone and not re.search(r"\d{6}", to_resident["text"])
    assert "已注册" in to_resident["text"] and "忘记密码" in to_resident["text"]
    assert re.search(r"\d{6}", to_newcomer["text"])


def test_a_registered_number_cannot_register_again(client, demo, sms_outbox):
    client.post("/accounts/register/", {"phone": demo.resident.phone})
    for guess in ("000000", "123456"):
        page = client.post(
            "/accounts/register/verify/",
            {"code": guess, "display_name": "冒名", "password1": "Qingshui-2026", "password2": "Qingshui-2026"},
        )
        assert "验证码不正确" in page.text
    demo.resident.refresh_from_db()
    assert demo.resident.display_name == "张同珍" and demo.resident.check_password("chenghua-demo")


def test_asking_twice_is_refused_alike_for_registered_and_new_numbers(client, demo, sms_outbox):
    for phone in (demo.resident.phone, "13712345672"):
        client.post("/accounts/register/", {"phone": phone})
        assert "请一分钟后再试" in client.post("/accounts/register/", {"phone": phone}).text
    assert len(sms_outbox) == 2


def _main(html: str) -> str:
    """The page's main part, without the per-request CSRF token and with the masked number blanked."""
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r"1\d\d\*+\d*", "PHONE", main)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def test_a_second_code_within_a_minute_is_refused(client, demo, sms_outbox):
    client.post("/accounts/register/", {"phone": "13712345670"})
    page = client.post("/accounts/register/", {"phone": "13712345670"})
    assert "请一分钟后再试" in page.text
    assert len(sms_outbox) == 1


def test_residents_sign_in_with_their_phone_number(client, demo):
    response = client.post("/accounts/login/", {"username": demo.resident.phone, "password": "chenghua-demo"})
    assert response.status_code == 302


def test_a_resident_sees_none_of_another_residents_data(client, demo):
    other_notification = demo.delivered_notification(demo.resident2)
    other_claim = demo.resident2.home_claims.first()
    client.force_login(demo.resident)
    assert client.get(f"/api/v1/notifications/{other_notification.pk}/").status_code == 404
    assert client.get(f"/api/v1/home-claims/{other_claim.code}/").status_code == 404
    assert [c["code"] for c in client.get("/api/v1/home-claims/").json()["results"]] == [str(demo.resident.home_claims.first().code)]
    assert client.post(f"/notifications/{other_notification.pk}/read/").status_code == 404
    assert "冯天蓉" not in client.get("/notifications/").text


def test_five_wrong_passwords_pause_signing_in_for_that_account(client, demo):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "demo_resident", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "demo_resident", "password": "chenghua-demo"})
    assert locked.status_code == 429
    assert "登录已暂停" in locked.text


def test_a_resident_adds_an_email_address_on_their_page_and_only_its_form_is_checked(client, demo):
    client.force_login(demo.resident)
    refused = client.post("/accounts/me/email/", {"email": "not-an-address"})
    assert refused.status_code == 200 and "有效的电子邮箱地址" in refused.text
    demo.resident.refresh_from_db()
    assert demo.resident.email == ""
    saved = client.post("/accounts/me/email/", {"email": " Jia@Example.ORG "}, follow=True)
    assert "Jia@example.org" in saved.text, "the address is on the person's own page, its domain lower-cased"
    demo.resident.refresh_from_db()
    assert demo.resident.email == "Jia@example.org"
    client.post("/accounts/me/email/", {"email": ""})
    demo.resident.refresh_from_db()
    assert demo.resident.email == "", "an empty field removes it"


def test_the_audit_trail_keeps_an_email_address_masked(client, demo):
    from auditlog.models import LogEntry

    client.force_login(demo.resident)
    client.post("/accounts/me/email/", {"email": "jia@example.org"})
    change = LogEntry.objects.get_for_object(demo.resident).order_by("-timestamp").first().changes_dict["email"]
    assert change[1] == "*******mple.org", "the first half masked, as the phone is"


def test_an_email_address_is_shown_to_the_person_and_to_the_staff_of_their_home_not_to_other_staff(client, demo):
    from tests.base import make_staff

    demo.resident.email = "jia@example.org"
    demo.resident.save(update_fields=["email"])
    client.force_login(demo.resident)
    assert "jia@example.org" in client.get("/accounts/me/").text
    client.force_login(demo.community)
    assert "jia@example.org" in client.get(f"/admin/accounts/user/{demo.resident.pk}/change/").text
    client.force_login(make_staff(role=Role.STREET_STAFF, node=demo.shengdeng))
    assert "jia@example.org" not in client.get(f"/admin/accounts/user/{demo.resident.pk}/change/", follow=True).text


def test_a_signed_in_person_who_switches_to_english_is_written_to_in_english_from_then_on(client, demo):
    client.force_login(demo.resident2)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    assert User.objects.get(pk=demo.resident2.pk).language == "en"
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})  # not a language of the portal: nothing kept
    assert User.objects.get(pk=demo.resident2.pk).language == "en"


def test_switching_language_before_signing_in_keeps_nothing_but_the_cookie(client, demo):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
