"""Writes about people: registration by phone, roles, a resident's verified home."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.core.sms import sms_send

from . import selectors
from .choices import FIELD_ROLES, STAFF_ROLES, ScopeLevel
from .models import PhoneCode, RoleAssignment, User
from .permissions import forget_assignments

MAX_CODE_ATTEMPTS = 5


def phone_code_send(*, phone: str) -> None:
    """Text a 6-digit code to `phone`; at most one per PHONE_CODE_RESEND_SECONDS."""
    now = timezone.now()
    recent = PhoneCode.objects.filter(phone=phone, created_at__gt=now - timedelta(seconds=settings.PHONE_CODE_RESEND_SECONDS))
    if recent.exists():
        raise ValidationError(_("A code was sent to this number a moment ago. Please wait a minute before asking again."))
    if User.objects.filter(phone=phone).exists():
        raise ValidationError(_("This mobile number is already registered. Please sign in."))
    code = f"{secrets.randbelow(1_000_000):06d}"
    PhoneCode.objects.create(
        phone=phone, code_hash=make_password(code), expires_at=now + timedelta(seconds=settings.PHONE_CODE_TTL_SECONDS)
    )
    sms_send(phone=phone, text=_("Your Chenghua portal verification code is %(code)s, valid for 10 minutes.") % {"code": code})


def user_register(*, phone: str, code: str, password: str, display_name: str) -> User:
    """Create a resident account once the SMS code proves the phone number."""
    error = _phone_code_consume(phone=phone, code=code)
    if error:
        raise ValidationError({"code": error})
    with transaction.atomic():
        if User.objects.filter(phone=phone).exists():
            raise ValidationError({"phone": _("This mobile number is already registered. Please sign in.")})
        user = User(username=phone, phone=phone, display_name=display_name)
        user.set_password(password)
        user.full_clean()
        user.save()
    return user


@transaction.atomic
def _phone_code_consume(*, phone: str, code: str) -> str:
    """Use up the latest code if `code` matches; count a wrong guess. Returns an error or ''."""
    phone_code = (
        PhoneCode.objects.select_for_update()
        .filter(phone=phone, used_at__isnull=True, expires_at__gt=timezone.now())
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
    """Give `user` the `role` on a district, street, community or courtyard."""
    level = node.level
    if level not in ScopeLevel.values:
        raise ValidationError(_("Roles can be held on a district, street, community or courtyard."))
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        level=level,
        **{level: node},
        defaults={"granted_by": granted_by, "scope_district_id": node.id if level == ScopeLevel.DISTRICT else node.district_id},
    )
    if role in STAFF_ROLES | FIELD_ROLES and not user.is_staff:
        user.is_staff = True  # lets them open the admin; what they see there is still scoped
        user.save(update_fields=["is_staff"])
    forget_assignments(user)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment) -> None:
    user = assignment.user
    assignment.delete()
    if not user.role_assignments.filter(role__in=STAFF_ROLES | FIELD_ROLES).exists() and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
    forget_assignments(user)


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
