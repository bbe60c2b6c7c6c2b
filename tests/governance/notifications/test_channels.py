"""People choose, per kind, whether a notification also comes by e-mail and by SMS; in the portal it always shows."""

import pytest
from django.core.exceptions import ValidationError

from governance.notifications import services
from governance.notifications.models import ChannelPreference, Notification
from governance.requests import services as request_services
from tests.base import make_request

pytestmark = pytest.mark.django_db


def accepted(demo):
    """A request of demo_resident's, accepted by staff: the resident is told of the new status (by SMS too, by default)."""
    request = make_request(resident=demo.resident, title="电梯异响")
    request_services.request_accept(request=request, by=demo.admin)
    return Notification.objects.get(recipient=demo.resident, kind="requests.status", key__startswith=f"request:{request.number}:")


def test_a_resident_who_adds_an_email_and_turns_sms_off_gets_the_next_status_change_by_email_and_no_sms(
    client, demo, sms_outbox, mailoutbox
):
    client.force_login(demo.resident)
    client.post("/accounts/me/email/", {"email": "jia@example.org"})
    client.post("/notifications/channels/", {"requests-status-email": "on"})  # SMS left unticked
    notification = accepted(demo)
    services.notification_deliver(notification_id=notification.pk)
    assert [message.to for message in mailoutbox] == [["jia@example.org"]]
    assert "电梯异响" in mailoutbox[0].body
    assert [sms for sms in sms_outbox if sms["key"] == notification.key] == []
    assert Notification.objects.get(pk=notification.pk).status == "delivered", "in the portal it shows all the same"


def test_until_a_resident_chooses_a_status_change_comes_by_sms_and_without_an_address_by_no_email(demo, sms_outbox, mailoutbox):
    notification = accepted(demo)
    services.notification_deliver(notification_id=notification.pk)
    assert [sms["key"] for sms in sms_outbox] == [notification.key]
    assert mailoutbox == []


def test_a_choice_for_one_kind_leaves_the_others_at_their_default(demo, sms_outbox):
    services.channel_preferences_set(user=demo.resident, choices={"requests.paused": {"email": False, "sms": False}})
    notification = accepted(demo)
    assert notification.send_sms


def test_only_the_kinds_offered_to_a_person_can_be_chosen(demo):
    with pytest.raises(ValidationError):
        services.channel_preferences_set(user=demo.resident, choices={"requests.queue_new": {"email": True, "sms": True}})
    with pytest.raises(ValidationError):
        services.channel_preferences_set(user=demo.resident, choices={"no.such.kind": {"email": True}})
    assert not ChannelPreference.objects.filter(user=demo.resident).exists()


def test_choosing_again_updates_the_one_row_of_the_kind(demo):
    services.channel_preferences_set(user=demo.community, choices={"requests.queue_new": {"email": True, "sms": False, "timing": "daily"}})
    services.channel_preferences_set(
        user=demo.community, choices={"requests.queue_new": {"email": False, "sms": True, "timing": "at_once"}}
    )
    row = ChannelPreference.objects.get(user=demo.community)
    assert (row.kind, row.email, row.sms, row.timing) == ("requests.queue_new", False, True, "at_once")
