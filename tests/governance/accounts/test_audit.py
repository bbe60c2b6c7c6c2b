"""The security events: who signed in, who was refused, who read a case file or downloaded an export.

District administrators read them; nobody, not even the application's own database role, rewrites
or erases them before a year has passed.
"""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from governance.accounts import services
from governance.accounts.choices import Role, SecurityEventKind
from governance.accounts.models import SecurityEvent
from governance.activities.models import SpecialFamily
from tests.base import make_staff

pytestmark = pytest.mark.django_db


def events(kind: str):
    return SecurityEvent.objects.filter(kind=kind).order_by("pk")


def all_columns_text() -> str:
    return repr(list(SecurityEvent.objects.values_list()))


def family_url(family) -> str:
    return reverse("activities:family_detail", kwargs={"code": family.code})


# --- what is recorded ------------------------------------------------------------------------


def test_a_failed_and_a_successful_sign_in_are_recorded_with_the_address_but_never_the_password(client, demo):
    client.post("/accounts/login/", {"username": "demo_resident", "password": "Wrong-Secret-1"}, REMOTE_ADDR="203.0.113.7")
    client.post("/accounts/login/", {"username": "demo_resident", "password": "chenghua-demo"}, HTTP_USER_AGENT="Firefox/140")

    failed = events(SecurityEventKind.LOGIN_FAILED).get()
    assert (failed.result, failed.detail, failed.source_address, failed.actor) == ("failure", "demo_resident", "203.0.113.7", None)
    succeeded = events(SecurityEventKind.LOGIN_SUCCEEDED).get()
    assert (succeeded.actor, succeeded.user_agent, succeeded.source_address) == (demo.resident, "Firefox/140", "127.0.0.1")
    assert "Wrong-Secret-1" not in all_columns_text() and "chenghua-demo" not in all_columns_text()


def test_a_phone_number_typed_as_login_name_is_stored_masked(client, demo):
    client.post("/accounts/login/", {"username": "13712345678", "password": "wrong"})
    services.security_event_record(kind=SecurityEventKind.EXPORT_DOWNLOADED, detail="筛选: 电话 13912345678")

    assert events(SecurityEventKind.LOGIN_FAILED).get().detail == "137****5678"
    assert events(SecurityEventKind.EXPORT_DOWNLOADED).get().detail == "筛选: 电话 139****5678"
    assert "13712345678" not in all_columns_text() and "13912345678" not in all_columns_text()


def test_a_lockout_is_recorded(client, demo):
    for _ in range(6):
        client.post("/accounts/login/", {"username": "demo_resident", "password": "wrong"})
    locked = events(SecurityEventKind.LOCKED_OUT)
    assert locked.exists() and locked.first().detail == "demo_resident" and locked.first().result == "denied"


def test_behind_a_configured_proxy_the_address_is_the_proxy_s_last_hop(client, demo, settings):
    settings.AUDIT_CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    client.post("/accounts/login/", {"username": "x", "password": "y"}, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")
    assert events(SecurityEventKind.LOGIN_FAILED).get().source_address == "198.51.100.9"


def test_a_refused_look_at_an_existing_case_file_is_recorded_a_missing_one_is_not(client, demo):
    family = SpecialFamily.objects.get(head_name="何素珍")
    outsider = make_staff(role=Role.COMMUNITY_STAFF, node=demo.hualin)
    client.force_login(outsider)

    assert client.get(family_url(family)).status_code == 404
    assert client.get(reverse("activities:family_detail", kwargs={"code": "00000000-0000-0000-0000-000000000000"})).status_code == 404

    denied = events(SecurityEventKind.ACCESS_DENIED).get()
    assert (denied.actor, denied.object_type, denied.object_id) == (outsider, "activities.specialfamily", str(family.pk))
    assert denied.object_repr == "何**"  # not even the auditors read a case file's name
    assert not events(SecurityEventKind.FAMILY_VIEWED).exists()


def test_every_view_of_a_case_file_is_recorded_on_the_page_and_in_the_api(client, demo):
    family = SpecialFamily.objects.get(head_name="何素珍")
    client.force_login(family.assigned_worker)
    assert "何素珍" in client.get(family_url(family)).text
    assert client.get(reverse("api:specialfamily-detail", kwargs={"code": family.code})).json()["head_name"] == "何素珍"

    viewed = events(SecurityEventKind.FAMILY_VIEWED)
    assert [(e.actor, e.object_id) for e in viewed] == [(family.assigned_worker, str(family.pk))] * 2


def test_role_grants_and_revocations_are_recorded_with_who_granted(demo):
    person = make_staff(role=Role.COMMUNITY_STAFF, node=demo.hualin)
    assignment = services.role_grant(user=person, role=Role.STREET_STAFF, node=demo.shengdeng, granted_by=demo.admin)
    services.role_revoke(assignment=assignment)

    granted = events(SecurityEventKind.ROLE_GRANTED).last()
    assert (granted.actor, granted.object_id, "圣灯" in granted.detail) == (demo.admin, str(person.pk), True)
    assert events(SecurityEventKind.ROLE_REVOKED).get().object_id == str(person.pk)


def test_a_request_export_is_recorded(client, demo):
    client.force_login(demo.street)
    response = client.get(reverse("reports:request_export", kwargs={"fmt": "csv"}) + "?status=submitted")
    b"".join(response.streaming_content)
    export = events(SecurityEventKind.EXPORT_DOWNLOADED).get()
    assert (export.actor, export.detail) == (demo.street, "csv?status=submitted")


# --- append-only on PostgreSQL -----------------------------------------------------------------


def refused(statement) -> str:
    with pytest.raises(DatabaseError) as error, transaction.atomic():
        statement()
    return str(error.value)


def raw(sql: str, params=()):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    return run


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_application_cannot_update_or_delete_a_security_event(demo):
    event = services.security_event_record(kind=SecurityEventKind.LOGIN_FAILED, detail="someone")
    event.detail = "nobody"

    assert "append-only" in refused(lambda: event.save())
    assert "append-only" in refused(lambda: SecurityEvent.objects.filter(pk=event.pk).update(result="success"))
    assert "append-only" in refused(lambda: SecurityEvent.objects.filter(pk=event.pk).delete())
    assert "append-only" in refused(raw("UPDATE accounts_securityevent SET detail = 'x' WHERE id = %s", [event.pk]))
    assert "append-only" in refused(raw("DELETE FROM accounts_securityevent WHERE id = %s", [event.pk]))
    assert SecurityEvent.objects.get(pk=event.pk).detail == "someone"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_application_cannot_update_or_delete_an_audit_log_entry(demo):
    entry = demo.audit_entry()
    assert "append-only" in refused(lambda: LogEntry.objects.filter(pk=entry.pk).update(changes_text="forged"))
    assert "append-only" in refused(raw("DELETE FROM auditlog_logentry WHERE id = %s", [entry.pk]))
    assert "append-only" in refused(raw("UPDATE auditlog_logentry SET actor_id = NULL WHERE id = %s", [entry.pk]))
    assert LogEntry.objects.filter(pk=entry.pk, changes_text=entry.changes_text).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_purge_removes_only_rows_older_than_a_year_and_nothing_else_may(demo):
    old_at = timezone.now() - timedelta(days=400)
    old = SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN_FAILED, at=old_at)
    recent = SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN_FAILED, at=timezone.now() - timedelta(days=300))
    old_entry = LogEntry.objects.log_create(demo.xinhong, action=LogEntry.Action.UPDATE, changes="{}")
    backdated = LogEntry.objects.create(
        content_type=old_entry.content_type, object_pk=old_entry.object_pk, object_repr="旧", action=1, timestamp=old_at
    )
    assert "append-only" in refused(lambda: SecurityEvent.objects.filter(pk=old.pk).delete())  # without the purge's setting

    deleted = services.security_events_purge()

    assert deleted == {"accounts_securityevent": 1, "auditlog_logentry": 1}
    assert set(SecurityEvent.objects.values_list("pk", flat=True)) >= {recent.pk} and not SecurityEvent.objects.filter(pk=old.pk).exists()
    assert not LogEntry.objects.filter(pk=backdated.pk).exists() and LogEntry.objects.filter(pk=old_entry.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_a_purge_told_a_shorter_retention_still_cannot_delete_younger_rows(demo, settings):
    recent = SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN_FAILED, at=timezone.now() - timedelta(days=200))
    assert "append-only" in refused(lambda: services.security_events_purge(now=timezone.now() + timedelta(days=200)))
    assert SecurityEvent.objects.filter(pk=recent.pk).exists()


# --- the district administrator reads them --------------------------------------------------------

CHANGELIST = "/admin/accounts/securityevent/"


def result_rows(client, **query) -> str:
    """The changelist's table alone (its filter sidebar names every kind)."""
    page = client.get(CHANGELIST, query).text
    start = page.find('id="result_list"')
    return page[start : page.find("</table>", start)] if start >= 0 else ""


def test_the_district_admin_reads_security_events_and_filters_narrow_them(client, demo):
    services.security_event_record(kind=SecurityEventKind.LOGIN_FAILED, detail="x", result="failure")
    family = SpecialFamily.objects.get(head_name="何素珍")
    services.security_event_record(kind=SecurityEventKind.FAMILY_VIEWED, actor=family.assigned_worker, obj=family)
    client.force_login(demo.admin)

    everything = result_rows(client)
    assert "特殊家庭档案被查看" in everything and "登录失败" in everything and "何**" in everything and "何素珍" not in everything
    by_kind = result_rows(client, kind__exact="family_viewed")
    assert "特殊家庭档案被查看" in by_kind and "登录失败" not in by_kind
    by_result = result_rows(client, result__exact="failure")
    assert "登录失败" in by_result and "特殊家庭档案被查看" not in by_result
    by_type = result_rows(client, object_type="activities.specialfamily")
    assert "何**" in by_type and "登录失败" not in by_type
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert "特殊家庭档案被查看" not in result_rows(client, at__gte=tomorrow)
    by_actor = result_rows(client, at__lt=tomorrow, actor__id__exact=family.assigned_worker.pk)
    assert "特殊家庭档案被查看" in by_actor and "登录失败" not in by_actor


def test_security_events_are_read_only_even_for_the_district_admin(client, demo):
    event = services.security_event_record(kind=SecurityEventKind.LOGIN_FAILED, detail="someone")
    client.force_login(demo.admin)
    page = client.get(f"{CHANGELIST}{event.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert client.post(f"{CHANGELIST}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert SecurityEvent.objects.filter(pk=event.pk, detail="someone").exists()


@pytest.mark.parametrize("who", ["community", "street", "worker", "resident"])
def test_everyone_but_the_district_admin_gets_404(client, demo, who):
    event = services.security_event_record(kind=SecurityEventKind.LOGIN_FAILED, detail="someone")
    client.force_login(getattr(demo, who))
    for url in (CHANGELIST, f"{CHANGELIST}{event.pk}/change/", f"{CHANGELIST}{event.pk}/history/"):
        response = client.get(url)
        assert response.status_code in (404, 302) and "someone" not in response.text
    if who != "resident":  # residents are sent to the admin's login page
        assert client.get(CHANGELIST).status_code == 404


def test_beat_runs_the_purge_daily_and_it_can_be_run_by_hand(settings, demo):
    from io import StringIO

    from django.core.management import call_command

    from governance.celery import app

    app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULE["audit-purge"]["task"] in app.tasks
    SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN_FAILED, at=timezone.now() - timedelta(days=366))
    out = StringIO()
    call_command("audit_purge", stdout=out)
    assert (
        "accounts_securityevent" in out.getvalue()
        and not SecurityEvent.objects.filter(at__lt=timezone.now() - timedelta(days=365)).exists()
    )
