"""Writes about people: registration by phone, passwords and API tokens, roles, a resident's verified home."""

import ipaddress
import secrets
import uuid
from datetime import timedelta

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.core.middleware import current_request
from governance.core.privacy import mask_name, mask_phones_in
from governance.core.sms import sms_send

from . import languages, permissions, selectors
from .choices import FIELD_ROLES, STAFF_ROLES, PhoneCodePurpose, ScopeLevel, SecurityEventKind, SecurityEventResult, role_levels
from .models import ApiToken, PhoneCode, RoleAssignment, SecurityEvent, User
from .permissions import forget_assignments
from .personal_data import personal_data_archive, personal_data_erase

MAX_CODE_ATTEMPTS = 5


def phone_code_send(*, phone: str, purpose: str = PhoneCodePurpose.REGISTER, usable: bool | None = None) -> None:
    """Text a 6-digit code to `phone`; at most one per PHONE_CODE_RESEND_SECONDS.

    The caller sees the same answer whether or not the number has an account: a registered number
    asking to register is told by SMS to reset its password instead, and a number without an account
    asking for a reset gets nothing. Either way a row is written, so the resend limit behaves alike.
    A purpose that is not about an account (following a request) says itself whether the code is `usable`.
    """
    now = timezone.now()
    recent = PhoneCode.objects.filter(phone=phone, created_at__gt=now - timedelta(seconds=settings.PHONE_CODE_RESEND_SECONDS))
    if recent.exists():
        raise ValidationError(_("A code was sent to this number a moment ago. Please wait a minute before asking again."))
    code = f"{secrets.randbelow(1_000_000):06d}"
    account = User.objects.filter(phone=phone).first()
    if usable is None:
        usable = (account is not None and account.is_active) if purpose == PhoneCodePurpose.PASSWORD_RESET else account is None
    code_hash = make_password(code)  # hashed on every path, so the time taken does not tell either
    PhoneCode.objects.create(
        phone=phone,
        purpose=purpose,
        code_hash=code_hash if usable else make_password(None),  # an unusable hash: no guess ever matches
        expires_at=now + timedelta(seconds=settings.PHONE_CODE_TTL_SECONDS),
    )
    text = _phone_code_text(purpose=purpose, usable=usable, code=code)
    if text:
        sms_send(phone=phone, text=text)


def _phone_code_text(*, purpose: str, usable: bool, code: str) -> str:
    if purpose == PhoneCodePurpose.REGISTER and not usable:
        return _(
            "This mobile number already has an account on the Chenghua portal. If you forgot the password, "
            'choose "Forgot password" on the sign-in page.'
        )
    if not usable:
        return ""
    if purpose == PhoneCodePurpose.TRACKING:
        return _("Your code to follow your request on the Chenghua portal is %(code)s, valid for 10 minutes.") % {"code": code}
    if purpose == PhoneCodePurpose.PASSWORD_RESET:
        return _("Your Chenghua portal password reset code is %(code)s, valid for 10 minutes. Staff never ask for it.") % {"code": code}
    return _("Your Chenghua portal verification code is %(code)s, valid for 10 minutes.") % {"code": code}


def user_register(*, phone: str, code: str, password: str, display_name: str) -> User:
    """Create a resident account once the SMS code proves the phone number."""
    error = _phone_code_consume(phone=phone, code=code, purpose=PhoneCodePurpose.REGISTER)
    if error:
        raise ValidationError({"code": error})
    with transaction.atomic():
        if User.objects.filter(phone=phone).exists():
            raise ValidationError({"code": _("The code is not correct.")})  # as for any wrong code: no account leaks
        user = User(username=phone, phone=phone, display_name=display_name)
        user.set_password(password)
        user.full_clean()
        user.save()
    return user


def phone_code_check(*, phone: str, code: str, purpose: str) -> str:
    """Use up the latest code sent to `phone` for `purpose` (another app's, such as following a request). An error or ''."""
    return _phone_code_consume(phone=phone, code=code, purpose=purpose)


@transaction.atomic
def _phone_code_consume(*, phone: str, code: str, purpose: str) -> str:
    """Use up the latest code for `purpose` if `code` matches; count a wrong guess. Returns an error or ''."""
    phone_code = (
        PhoneCode.objects.select_for_update()
        .filter(phone=phone, purpose=purpose, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if phone_code is None or phone_code.attempts >= MAX_CODE_ATTEMPTS:
        return _("The code has expired or was never sent. Please ask for a new one.")
    if not check_password(code, phone_code.code_hash):
        phone_code.attempts += 1
        phone_code.save(update_fields=["attempts"])
        return _("The code is not correct.")
    phone_code.used_at = timezone.now()
    phone_code.save(update_fields=["used_at"])
    return ""


@transaction.atomic
def role_grant(*, user: User, role: str, node, granted_by: User | None = None) -> RoleAssignment:
    """Give `user` the `role` on a district, street, community or courtyard.

    `granted_by` is the person granting it (every page and admin passes it); they may give only
    what the permission module allows them (`may_grant`). None is the seed and the command line.
    """
    level = node.level
    if level not in ScopeLevel.values:
        raise ValidationError(_("Roles can be held on a district, street, community, courtyard or grid."))
    if level not in role_levels(role):
        raise ValidationError(_("This role cannot be held on this kind of place."))
    if granted_by is not None and not permissions.may_grant(granted_by, role, node):
        raise ValidationError(_("You may not give this role on this place."))
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        level=level,
        **{level: node},
        defaults={"granted_by": granted_by, "scope_district_id": node.id if level == ScopeLevel.DISTRICT else node.district_id},
    )
    _staff_flag_sync(user=user)
    security_event_record(kind=SecurityEventKind.ROLE_GRANTED, actor=granted_by, obj=user, detail=str(assignment))
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, revoked_by: User | None = None) -> None:
    if revoked_by is not None and not permissions.may_grant(revoked_by, assignment.role, assignment.node):
        raise ValidationError(_("You may not take away this role."))
    user = assignment.user
    detail = str(assignment)
    assignment.delete()
    _staff_flag_sync(user=user)
    security_event_record(kind=SecurityEventKind.ROLE_REVOKED, actor=revoked_by, obj=user, detail=detail)


def _staff_flag_sync(*, user: User) -> None:
    """is_staff (opening the admin at all) follows from the roles held; nothing else writes it."""
    forget_assignments(user)
    is_staff = user.is_superuser or RoleAssignment.objects.filter(user=user, role__in=STAFF_ROLES | FIELD_ROLES).exists()
    if user.is_staff != is_staff:
        user.is_staff = is_staff  # lets them open the admin; what they see there is still scoped
        user.save(update_fields=["is_staff"])


def user_email_set(*, user: User, email: str) -> User:
    """The person's own e-mail address, for notifications by e-mail; empty removes it.

    Only its form is checked: no confirmation mail is sent, since it unlocks nothing (sign-in and resets go by phone).
    """
    email = User.objects.normalize_email(email.strip())
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    user.email = email
    user.save(update_fields=["email"])
    return user


def user_language_set(*, user: User, language: str) -> User:
    """Keep the language a signed-in person chose (the switcher sets the cookie): what is sent to them follows it."""
    if language not in languages.SUPPORTED or user.language == language:
        return user
    user.language = language
    user.save(update_fields=["language"])
    return user


def user_set_home(*, user: User, unit, household) -> User:
    """Record a verified home. Called by the claim service inside its transaction."""
    user.home_unit = unit
    user.household = household
    user.save(update_fields=["home_unit", "household"])
    return user


def totp_device_create(*, user: User, key: str, code: str) -> TOTPDevice:
    """Enrol the authenticator app whose secret `key` the person was shown, once a code from it matches."""
    if selectors.totp_device_confirmed(user=user) is not None:
        raise ValidationError(_("This account already has an authenticator app."))
    device = TOTPDevice(user=user, key=key, name="authenticator", confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not code.isdigit() or not totp.verify(int(code), tolerance=device.tolerance):
        raise ValidationError(_("That code does not match. Check the time on your phone and enter the newest code."))
    device.last_t = totp.t()  # the code just used cannot be used again
    with transaction.atomic():
        device.full_clean()
        device.save()
    return device


def totp_verify(*, user: User, code: str) -> TOTPDevice | None:
    """The person's device if `code` is its current code (wrong codes slow further tries down), else None."""
    if not code:
        return None  # no code is no guess: it neither counts against the device nor slows the next try
    device = selectors.totp_device_confirmed(user=user)
    return device if device is not None and device.verify_token(code) else None


def user_data_export(*, user: User, request=None) -> bytes:
    """下载我的数据: the person's own data as a ZIP (data.json and their photos). Recorded."""
    archive = personal_data_archive(user)
    security_event_record(kind=SecurityEventKind.DATA_EXPORTED, actor=user, obj=user, request=request)
    return archive


def user_close(*, user: User, password: str, request=None) -> None:
    """注销账户: every app erases or detaches its rows, then the account keeps no personal data at all.

    Requests, sign-ups and hours stay (statistics stay true) but point at a nameless, unusable
    account. A new password hash and is_active=False end every session; API tokens are deleted.
    """
    if not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
    with transaction.atomic():
        security_event_record(kind=SecurityEventKind.ACCOUNT_CLOSED, actor=user, obj=user, request=request)
        personal_data_erase(user)
        for assignment in list(user.role_assignments.all()):
            role_revoke(assignment=assignment)
        user.api_tokens.all().delete()
        with disable_auditlog():  # the log would otherwise restate the old name beside the new one
            _user_anonymise(user)


def _user_anonymise(user: User) -> None:
    user.username = f"closed-{uuid.uuid4().hex[:16]}"
    user.display_name = user.first_name = user.last_name = user.email = ""
    user.phone = None
    user.home_unit = user.household = None
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()


def user_anonymous_placeholder() -> User:
    """The one nameless account that old requests point at once their resident's data is gone."""
    user, created = User.objects.get_or_create(username="anonymised", defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def security_event_record(
    *, kind: str, actor=None, obj=None, request=None, result: str = SecurityEventResult.SUCCESS, detail: str = ""
) -> SecurityEvent:
    """The one writer of security events. Phone numbers are masked; passwords and tokens are never passed in."""
    request = request or current_request()
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return SecurityEvent.objects.create(
        kind=kind,
        actor=user,
        result=result,
        detail=mask_phones_in(str(detail))[:300],
        **_object_fields(obj),
        **_request_fields(request),
    )


def _object_fields(obj) -> dict:
    if obj is None:
        return {}
    label = mask_phones_in(str(obj))
    if getattr(type(obj), "object_grants", False):
        label = mask_name(label)  # restricted records (case files): not even their auditors read the name
    return {"object_type": obj._meta.label_lower, "object_id": str(obj.pk)[:64], "object_repr": label[:200]}


def _request_fields(request) -> dict:
    if request is None:
        return {}
    return {"source_address": source_address(request), "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200]}


def source_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the last hop of the trusted proxy's header when one is configured."""
    header = settings.AUDIT_CLIENT_ADDRESS_HEADER
    value = (request.META.get(header, "").split(",")[-1] if header else "") or request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


# The retention purge: the trigger lets a DELETE through only with this session-local setting
# and only for rows older than a year (migration accounts 0003).
AUDIT_TABLES = {"accounts_securityevent": "at", "auditlog_logentry": "timestamp"}


@transaction.atomic
def security_events_purge(*, now=None) -> dict[str, int]:
    """Delete security events and audit-log entries older than AUDIT_RETENTION_DAYS (at least 365)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL chenghua.audit_purge = 'on'")
        for table, column in AUDIT_TABLES.items():
            cursor.execute(f"DELETE FROM {table} WHERE {column} < %s", [cutoff])
            deleted[table] = cursor.rowcount
    return deleted


# --- passwords, sessions, API tokens ----------------------------------------------------------


def user_password_change(*, user: User, password: str) -> User:
    """A new password. Sessions signed with the old one end by themselves; API tokens too (bound to it),
    and are deleted here. The caller keeps its own session with update_session_auth_hash."""
    _password_set(user=user, password=password)
    security_event_record(kind=SecurityEventKind.PASSWORD_CHANGED, actor=user, obj=user)
    return user


def _password_set(*, user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    user.api_tokens.all().delete()


def user_password_reset(*, phone: str, code: str, password: str) -> User:
    """A resident who forgot the password proves the phone with a reset code and chooses a new one."""
    user = User.objects.filter(phone=phone, is_active=True).first()
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    error = _phone_code_consume(phone=phone, code=code, purpose=PhoneCodePurpose.PASSWORD_RESET)
    if error or user is None:
        raise ValidationError({"code": error or _("The code is not correct.")})
    _password_set(user=user, password=password)
    security_event_record(kind=SecurityEventKind.PASSWORD_RESET, actor=user, obj=user)
    return user


@transaction.atomic
def user_sign_out_everywhere(*, user: User) -> None:
    """End every session and API token of `user`, on every device."""
    user.signed_out_at = timezone.now()
    user.save(update_fields=["signed_out_at"])
    user.api_tokens.all().delete()


@transaction.atomic
def user_password_force_reset(*, user: User, by: User) -> None:
    """A district administrator locks an account that may be in the wrong hands: no password works
    until its owner resets it by SMS, and every session and token ends. Written to the audit trail."""
    if not permissions.may_force_reset(by, user):
        raise ValidationError(_("You may not reset the password of this person."))
    user.set_unusable_password()
    user_sign_out_everywhere(user=user)
    user.save(update_fields=["password"])
    LogEntry.objects.log_create(
        user,
        action=LogEntry.Action.UPDATE,
        changes={"password": ["***", "unusable until reset by SMS"]},  # never the hash itself
        actor=by,
        additional_data={"event": "password.force_reset"},
    )
    security_event_record(kind=SecurityEventKind.PASSWORD_RESET_FORCED, actor=by, obj=user)


def api_token_issue(*, user: User) -> str:
    """A new API token for `user`; the key is shown once and only its hash is kept."""
    key = secrets.token_hex(20)
    now = timezone.now()
    ApiToken.objects.filter(user=user, expires_at__lte=now).delete()
    ApiToken.objects.create(
        user=user,
        key_hash=ApiToken.hash(key),
        session_hash=user.get_session_auth_hash(),
        expires_at=now + timedelta(hours=settings.API_TOKEN_TTL_HOURS),
    )
    return key
