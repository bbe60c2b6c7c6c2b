"""Handling a body's requests is a staff power: a committee's chair and a department's handler show a second
factor before the queue, are signed out like staff and need a staff password; a plain member is a resident."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from committees import services as committee_services
from committees.choices import MemberRole
from committees.models import Committee
from governance.accounts import permissions
from governance.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from governance.accounts.models import User
from governance.accounts.password_validation import RolePasswordValidator
from tests.base import make_user

pytestmark = pytest.mark.django_db
otp_required = override_settings(OTP_REQUIRED_FOR_STAFF=True)
MINUTE, HOUR = 60, 3600


def person(username: str) -> User:
    return User.objects.get(username=username)


def plain_member() -> User:
    member = make_user(display_name="普通委员")
    committee = Committee.objects.get(code="xinhong-safety-mediation")
    committee_services.membership_appoint(committee=committee, user=member, role=MemberRole.MEMBER)
    return member


def signed_in_since(client, user, *, signed_in_ago, last_seen_ago):
    client.force_login(user)
    session = client.session
    now = time.time()
    session[SIGNED_IN_AT], session[LAST_SEEN] = now - signed_in_ago, now - last_seen_ago
    session.save()


@otp_required
@pytest.mark.parametrize("username", ["demo_chair", "demo_handler"])
def test_a_body_handler_without_a_device_is_sent_to_enrolment_before_the_queue(client, demo, username):
    client.force_login(person(username))
    page = client.get("/manage/requests/", follow=True)
    chain = [url for url, _ in page.redirect_chain]
    assert chain[0] == "/accounts/otp/?next=%2Fmanage%2Frequests%2F" and chain[-1].startswith("/accounts/otp/setup/")
    assert "otpauth://totp/" in page.text and "<table" not in page.text


@pytest.mark.parametrize("username", ["demo_chair", "demo_handler"])
def test_a_body_handlers_idle_session_ends_like_staff(client, demo, username):
    signed_in_since(client, person(username), signed_in_ago=2 * HOUR, last_seen_ago=31 * MINUTE)
    assert client.get("/manage/requests/")["Location"] == "/accounts/login/?next=/manage/requests/"
    assert "_auth_user_id" not in client.session


def test_a_body_handler_needs_a_staff_password_and_a_plain_member_a_residents(demo):
    validator = RolePasswordValidator()
    with pytest.raises(ValidationError):
        validator.validate("kitten-garden", person("demo_chair"))  # long enough, but two classes of four
    validator.validate("kitten-garden", plain_member())


@otp_required
def test_a_plain_committee_member_is_not_asked_for_a_code_nor_signed_out_after_idling(client, demo):
    member = plain_member()
    signed_in_since(client, member, signed_in_ago=13 * HOUR, last_seen_ago=5 * HOUR)
    page = client.get("/requests/mine/")
    assert page.status_code == 200 and client.session["_auth_user_id"] == str(member.pk)
    assert client.get("/accounts/otp/setup/").status_code == 404
    assert not permissions.has_staff_powers(member)


def test_the_answer_is_read_once_per_user_object(demo, django_assert_num_queries):
    chair = person("demo_chair")
    assert permissions.has_staff_powers(chair)
    with django_assert_num_queries(0):
        assert permissions.has_staff_powers(chair) and permissions.has_staff_powers(chair)


def test_a_member_given_the_handling_role_gains_staff_powers_on_the_same_object(demo):
    member = plain_member()
    assert not permissions.has_staff_powers(member)
    membership = member.committee_memberships.get()
    committee_services.membership_end(membership=membership)
    committee_services.membership_appoint(committee=membership.committee, user=member, handles_requests=True)
    assert permissions.has_staff_powers(member)
