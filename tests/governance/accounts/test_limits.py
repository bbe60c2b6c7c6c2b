"""SMS codes cost money and reach strangers' phones: few per client address, a cap per hour, none while the cache is down."""

import pytest
from django.test import override_settings

from governance.accounts.models import PhoneCode

pytestmark = pytest.mark.django_db

DEAD_CACHE = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


def ask(client, phone: str, address: str = "198.51.100.7"):
    return client.post("/accounts/register/", {"phone": phone}, REMOTE_ADDR=address)


def test_one_address_cannot_send_codes_to_number_after_number(client, sms_outbox, settings):
    settings.SMS_CODES_PER_ADDRESS_PER_HOUR = 3
    answers = [ask(client, f"1371000000{n}").status_code for n in range(5)]
    assert answers == [302, 302, 302, 200, 200]
    assert len(sms_outbox) == 3 and PhoneCode.objects.filter(phone__startswith="1371000000").count() == 3
    assert "您所在网络本小时获取验证码次数过多" in ask(client, "13710000009").text
    assert ask(client, "13710000007", address="198.51.100.8").status_code == 302  # another address is not held up


def test_the_portal_sends_at_most_so_many_codes_an_hour(client, sms_outbox, settings):
    settings.SMS_CODES_PER_HOUR = PhoneCode.objects.count() + 2
    answers = [ask(client, f"1372000000{n}", address=f"198.51.100.{n}").status_code for n in range(4)]
    assert answers == [302, 302, 200, 200] and len(sms_outbox) == 2
    assert "平台当前发送验证码过多" in ask(client, "13720000009", address="198.51.100.99").text


@override_settings(CACHES=DEAD_CACHE)
def test_with_the_cache_down_no_code_is_sent_and_the_page_says_so(client, sms_outbox):
    page = ask(client, "13730000000")
    assert page.status_code == 200 and "暂时无法发送验证码" in page.text and len(sms_outbox) == 0
    assert not PhoneCode.objects.filter(phone="13730000000").exists()
