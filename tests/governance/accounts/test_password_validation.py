"""Staff passwords are long and mixed (等保 2.0); residents' are at least 8 characters; nobody's is a common one."""

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import translation

from governance.accounts.models import User
from tests.base import make_user

pytestmark = pytest.mark.django_db


def refusal(password, user):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        password_validation.validate_password(password, user)
    return " ".join(caught.value.messages)


def test_a_staff_password_of_only_letters_and_digits_is_refused(demo):
    assert "四类中的三类" in refusal("abcdefgh1234", demo.street)


def test_a_staff_password_shorter_than_twelve_is_refused_even_when_mixed(demo):
    assert "至少需要 12 个字符" in refusal("Ab3$efgh1jk", demo.worker)


def test_a_staff_password_of_twelve_from_three_classes_is_accepted(demo):
    password_validation.validate_password("Qingshui-lu7", demo.community)


def test_a_common_staff_password_is_refused(demo):
    assert "太常见" in refusal("Password1234", demo.street)


def test_a_new_superuser_gets_the_staff_rule(db):
    assert "四类中的三类" in refusal("abcdefgh1234", User(username="root", is_superuser=True))


def test_a_residents_uncommon_eight_character_password_is_accepted(demo):
    password_validation.validate_password("qingshu7", demo.resident)


def test_a_residents_password_of_seven_or_a_common_one_is_refused(demo):
    assert "至少需要 8 个字符" in refusal("qingsh7", demo.resident)
    assert "太常见" in refusal("password", make_user())


def test_registration_refuses_a_common_password_and_creates_nobody(client, demo, sms_outbox):
    import re

    client.post("/accounts/register/", {"phone": "13712340001"})
    code = re.search(r"\d{6}", sms_outbox[-1]["text"]).group()
    page = client.post("/accounts/register/verify/", {"code": code, "display_name": "x", "password1": "12345678", "password2": "12345678"})
    assert "太常见" in page.text
    assert not User.objects.filter(phone="13712340001").exists()
