"""Writes of the public side: +1 support, following a community's feed, Open311 keys and submission."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notify
from ..choices import OPEN_STATUSES, Source
from ..models import ApiKey, Category, FeedFollow, Request, Support


@transaction.atomic
def support_add(*, request: Request, user) -> Support:
    """+1 from `user` on an open public request: counted once per resident, the counter kept in the same transaction."""
    if not request.public or request.status not in OPEN_STATUSES:
        raise ValidationError(_("Only open public requests can be supported."))
    if request.resident_id == user.pk:
        raise ValidationError(_("This is your own request."))
    try:
        with transaction.atomic():  # a savepoint, so a second +1 leaves the outer transaction usable
            support = Support.objects.create(request=request, user=user)
    except IntegrityError:
        raise ValidationError(_("You already support this request.")) from None
    Request.objects.filter(pk=request.pk).update(support_count=F("support_count") + 1)
    return support


@transaction.atomic
def feed_follow(*, user, community) -> FeedFollow:
    follow, _created = FeedFollow.objects.get_or_create(user=user, community=community)
    return follow


@transaction.atomic
def feed_unfollow(*, user, community) -> int:
    deleted, _rows = FeedFollow.objects.filter(user=user, community=community).delete()
    return deleted


@transaction.atomic
def api_key_issue(*, name: str, submitter, key: str = "") -> tuple[ApiKey, str]:
    """A new Open311 key for a client: only its hash is kept, so the key itself is shown once, now."""
    key = key or secrets.token_urlsafe(24)
    api_key = ApiKey(name=name, submitter=submitter, key_hash=ApiKey.hash(key), prefix=key[:8])
    api_key.full_clean()
    api_key.save()
    return api_key, key


def api_key_check(*, key: str) -> ApiKey | None:
    """The active Open311 key matching `key`, its last use recorded; None if there is none."""
    if not key:
        return None
    api_key = ApiKey.objects.select_related("submitter").filter(key_hash=ApiKey.hash(key), active=True).first()
    if api_key is not None:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    return api_key


@transaction.atomic
def open311_request_submit(
    *, api_key: ApiKey, category: Category, place, description: str, latitude=None, longitude=None, attributes=None
) -> Request:
    """A civic app's report, filed under its key's account; routed, timed and told to followers like any other.

    `attributes` are the answers to the category's service attributes, already checked (open311.attributes)."""
    from ..services import request_submit  # services import this module: no import cycle

    title = description.strip().splitlines()[0][:40] if description.strip() else ""
    request = request_submit(
        resident=api_key.submitter,
        category=category,
        place=place,
        title=title,
        text=description,
        public=True,
        source=Source.OPEN311,
        latitude=latitude,
        longitude=longitude,
        address_text=str(place)[:200],
    )
    if attributes:
        Request.objects.filter(pk=request.pk).update(attributes=attributes)
        request.attributes = attributes
    notify.followers_told(request=request)
    return request
