"""Moving the running deadlines of a request by the time it was paused. No imports of services: they call this."""

from django.db.models import Exists, OuterRef, Subquery

from .models import RequestPause


def open_pause(request) -> RequestPause | None:
    return RequestPause.objects.select_for_update().filter(request=request, ended_at__isnull=True).first()


def is_paused(request) -> bool:
    if hasattr(request, "open_pause_started_at"):  # read with the request (open_pause_read_along)
        return request.open_pause_started_at is not None
    return RequestPause.objects.filter(request=request, ended_at__isnull=True).exists()


def open_pause_read_along() -> dict:
    """Annotations that read a request's open pause in the request's own query (its staff page asks twice)."""
    pause = RequestPause.objects.filter(request=OuterRef("pk"), ended_at__isnull=True)
    return {"open_pause_started_at": Subquery(pause.values("started_at")[:1]), "open_pause_reason": Subquery(pause.values("reason")[:1])}


def open_pause_of_row(request) -> RequestPause | None:
    """The open pause read along with `request`, unsaved: enough to show since when and why."""
    if request.open_pause_started_at is None:
        return None
    return RequestPause(request=request, started_at=request.open_pause_started_at, reason=request.open_pause_reason)


def is_paused_q():
    """For the sweeps: the request has a pause that has not ended."""
    return Exists(RequestPause.objects.filter(request=OuterRef("pk"), ended_at__isnull=True))


def deadlines_shift(request, delta) -> list[str]:
    """Move every deadline still running by `delta` (not the accept deadline once accepted). Returns the fields moved."""
    moved = []
    if request.accepted_at is None:
        moved += ["accept_due_at", "owner_accept_due_at", "accept_warn_at"]
    if request.resolved_at is None:
        moved += ["resolve_due_at", "owner_resolve_due_at", "resolve_warn_at"]
    for name in moved:
        if getattr(request, name) is not None:  # a warning already sent stays sent
            setattr(request, name, getattr(request, name) + delta)
    return moved


def pause_end(request, pause: RequestPause, now) -> None:
    """End `pause` at `now` and move the request's running deadlines by its length (the caller saves the request)."""
    pause.ended_at = now
    pause.save(update_fields=["ended_at"])
    deadlines_shift(request, now - pause.started_at)
