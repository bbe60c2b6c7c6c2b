"""Writes about people: registration by phone, passwords and API tokens, roles, a resident's verified home."""

import secrets
from datetime import timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.core.sms import sms_send

from . import permissions
from .choices import FIELD_ROLES, STAFF_ROLES, PhoneCodePurpose, ScopeLevel
from .models import ApiToken, PhoneCode, RoleAssignment, User
from .permissions import forget_assignments

MAX_CODE_ATTEMPTS = 5


def phone_code_send(*, phone: str, purpose: str = PhoneCodePurpose.REGISTER) -> None:
    """Text a 6-digit code to `phone`; at most one per PHONE_CODE_RESEND_SECONDS.

    The caller sees the same answer whether or not the number has an account: a registered number
    asking to register is told by SMS to reset its password instead, and a number without an account
    asking for a reset gets nothing. Either way a row is written, so the resend limit behaves alike.
    """
    now = timezone.now()
    recent = PhoneCode.objects.filter(phone=phone, created_at__gt=now - timedelta(seconds=settings.PHONE_CODE_RESEND_SECONDS))
    if recent.exists():
        raise ValidationError(_("A code was sent to this number a moment ago. Please wait a minute before asking again."))
    code = f"{secrets.randbelow(1_000_000):06d}"
    account = User.objects.filter(phone=phone).first()
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
        raise ValidationError(_("Roles can be held on a district, street, community or courtyard."))
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
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, revoked_by: User | None = None) -> None:
    if revoked_by is not None and not permissions.may_grant(revoked_by, assignment.role, assignment.node):
        raise ValidationError(_("You may not take away this role."))
    user = assignment.user
    assignment.delete()
    _staff_flag_sync(user=user)


def _staff_flag_sync(*, user: User) -> None:
    """is_staff (opening the admin at all) follows from the roles held; nothing else writes it."""
    forget_assignments(user)
    is_staff = user.is_superuser or RoleAssignment.objects.filter(user=user, role__in=STAFF_ROLES | FIELD_ROLES).exists()
    if user.is_staff != is_staff:
        user.is_staff = is_staff  # lets them open the admin; what they see there is still scoped
        user.save(update_fields=["is_staff"])


def user_set_home(*, user: User, unit, household) -> User:
    """Record a verified home. Called by the claim service inside its transaction."""
    user.home_unit = unit
    user.household = household
    user.save(update_fields=["home_unit", "household"])
    return user


# --- passwords, sessions, API tokens ----------------------------------------------------------


def user_password_change(*, user: User, password: str) -> User:
    """A new password. Sessions signed with the old one end by themselves; API tokens too (bound to it),
    and are deleted here. The caller keeps its own session with update_session_auth_hash."""
    user.set_password(password)
    user.save(update_fields=["password"])
    user.api_tokens.all().delete()
    return user


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
    return user_password_change(user=user, password=password)


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
