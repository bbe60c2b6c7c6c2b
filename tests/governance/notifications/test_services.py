"""What is sent outside the portal (e-mail, SMS) is written in the recipient's language: the one they chose
while signed in, else Chinese."""

import pytest
from django.core import mail

from governance.notifications import services
from governance.requests import services as request_services
from tests.base import make_user
from tests.governance.requests.helpers import file_request

pytestmark = pytest.mark.django_db


def resolved_for(demo, reader):
    request = file_request(demo, resident=reader)
    request_services.request_accept(request=request, by=demo.community)
    for notification in reader.notifications.all():
        services.notification_deliver(notification_id=notification.pk)
    return request


def test_an_english_reader_gets_e_mail_and_sms_in_english_and_a_chinese_reader_in_chinese(demo, sms_outbox):
    english = make_user(display_name="Emma", home_unit=demo.resident.home_unit, email="emma@example.org", language="en")
    chinese = make_user(display_name="陈小梅", home_unit=demo.resident.home_unit, email="chen@example.org")
    first, second = resolved_for(demo, english), resolved_for(demo, chinese)
    subjects = {(message.to[0], message.subject) for message in mail.outbox}
    assert ("emma@example.org", f"Your request {first.number}: Accepted") in subjects
    assert ("chen@example.org", f"您的诉求 {second.number}：已受理") in subjects
    texts = [m["text"] for m in sms_outbox]
    assert any(text.startswith(f"Your request {first.number}: Accepted") for text in texts)
