"""How many SMS codes the portal sends: per client address and per hour overall.

Every code costs money and lands on someone's phone, so this limit fails *closed*: while the
cache is down no code is sent (the person is asked to try again in a few minutes).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.core import limits

from .models import PhoneCode

HOUR = 3600


def phone_code_limit_check(*, client: str) -> None:
    """Call before phone_code_send: a ValidationError if this address, or the portal, has sent enough codes this hour."""
    since = timezone.now() - timedelta(seconds=HOUR)
    if PhoneCode.objects.filter(created_at__gte=since).count() >= settings.SMS_CODES_PER_HOUR:  # exact, from the database
        raise ValidationError(_("The portal is sending many codes right now. Please try again in an hour."))
    try:
        count = limits.hit(f"sms:addr:{client}", window=HOUR)
    except limits.CacheDown:
        raise ValidationError(_("Codes cannot be sent right now. Please try again in a few minutes.")) from None
    if count > settings.SMS_CODES_PER_ADDRESS_PER_HOUR:
        raise ValidationError(_("Too many codes were asked for from your network this hour. Please try again later."))
