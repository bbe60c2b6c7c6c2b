"""A resident's requests (with their timeline, rating and photos), supports and follows.

For their data download, and for closing their account: follows go, requests stay for the
statistics (same category, place and status) with the person's traces taken out of them.
"""

from django.db.models import Prefetch

from governance.accounts.personal_data import register_personal_data

from .models import FeedFollow, Request, RequestPhoto, Support, TimelineEvent
from .retention import requests_detach


def export_requests(user) -> list[dict]:
    events = Prefetch("events", queryset=TimelineEvent.objects.filter(public=True))
    requests = Request.objects.filter(resident=user).select_related("category", "community").prefetch_related(events).order_by("created_at")
    return [_request(request) for request in requests]


def _request(request: Request) -> dict:
    return {
        "number": request.number,
        "category": request.category.name,
        "title": request.title,
        "text": request.text,
        "community": request.community.name,
        "address_text": request.address_text,
        "status": request.status,
        "submitted_at": request.created_at,
        "closed_at": request.closed_at,
        "rating": request.rating,
        "rating_comment": request.rating_comment,
        "timeline": [{"at": e.created_at, "kind": e.kind, "to": e.to_status, "note": e.text} for e in request.events.all()],
    }


def export_supports(user) -> list[dict]:
    return list(Support.objects.filter(user=user).order_by("created_at").values("request__number", "created_at"))


def export_follows(user) -> list[dict]:
    return list(FeedFollow.objects.filter(user=user).order_by("created_at").values("community__name", "created_at"))


def photos(user):
    for photo in RequestPhoto.objects.filter(request__resident=user).select_related("request"):
        yield f"photos/{photo.request.number}/{photo.code}.jpg", photo.image


def erase(user) -> None:
    FeedFollow.objects.filter(user=user).delete()
    requests_detach(Request.objects.filter(resident=user))


def register() -> None:
    register_personal_data(key="requests", export=export_requests, erase=erase, files=photos)
    register_personal_data(key="supports", export=export_supports)
    register_personal_data(key="follows", export=export_follows)
