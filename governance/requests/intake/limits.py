"""How many requests one resident, or one address, may file in a day: counted in the database, so exact and
unaffected by a cache outage. The page form and the API ask before they call `request_submit`."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Request
from ..services import place_fields

ADDRESS_LEVELS = ("community", "courtyard", "building", "unit")


class SubmissionLimitReached(ValidationError):
    """Beyond a daily limit: a form shows it like any refusal, the API answers 429."""


def submission_limit_check(*, resident, place, per_resident: bool = True) -> None:
    """Refuse a new request beyond REQUESTS_PER_RESIDENT_PER_DAY, or REQUESTS_PER_ADDRESS_PER_DAY for the same place.

    An Open311 key files under one shared account: it has its own hourly limit instead of the resident's.
    """
    since = timezone.now() - timedelta(days=1)
    recent = Request.objects.filter(created_at__gte=since)
    limit = settings.REQUESTS_PER_RESIDENT_PER_DAY
    if per_resident and recent.filter(resident=resident).count() >= limit:
        raise SubmissionLimitReached(
            _("You have filed %(n)s requests in the last 24 hours, the most one resident may file in a day. Please try again tomorrow.")
            % {"n": limit}
        )
    keys = place_fields(place)  # the exact address: a courtyard's own requests, not those of its units
    address = {f"{level}_id": keys.get(f"{level}_id") for level in ADDRESS_LEVELS}
    per_address = settings.REQUESTS_PER_ADDRESS_PER_DAY
    if recent.filter(**address).count() >= per_address:
        raise SubmissionLimitReached(
            _(
                "%(n)s requests have been filed for this address in the last 24 hours, the most we accept in a day. Please try again tomorrow."
            )
            % {"n": per_address}
        )
