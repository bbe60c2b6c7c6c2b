"""Who must show a second factor (a TOTP code) and whether this session has (docs/security.md, "Accounts").

Everyone holding a staff or field role, and every admin, proves a TOTP code after the password
before the staff pages, the admin or a staff API token open to them. OTP_REQUIRED_FOR_STAFF turns
this off only for the embedded default (`make run`): the settings refuse it in production.
"""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import has_staff_powers


def required_for(user) -> bool:
    return settings.OTP_REQUIRED_FOR_STAFF and getattr(user, "is_authenticated", False) and has_staff_powers(user)


def pending(request) -> bool:
    """Signed in by password, must show a code, and has not yet in this session."""
    user = request.user
    return required_for(user) and not (hasattr(user, "is_verified") and user.is_verified())


def verify_url(next_url: str) -> str:
    return f"{reverse('accounts:otp_verify')}?{urlencode({'next': next_url})}"


def redirect_to_verify(request, next_url: str | None = None):
    return redirect(verify_url(next_url or request.get_full_path()))


def enrolment_device(user, key: str) -> TOTPDevice:
    """The device being set up, not yet saved: it gives the otpauth URI and the secret shown."""
    return TOTPDevice(user=user, key=key, name="authenticator")


def qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG QR code, drawn here: no image service sees the secret."""
    return mark_safe(segno.make(uri, error="m").svg_inline(scale=5, dark="#1a1a1a"))


def secret_text(device: TOTPDevice) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
