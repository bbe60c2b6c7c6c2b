"""Reads of grid work: patrols, visits, and when each courtyard was last patrolled."""

from datetime import datetime

from django.db.models import Max

from .models import PatrolCourtyard


def last_patrol_by_courtyard(*, courtyards) -> dict[int, datetime]:
    """courtyard id -> start of its latest patrol, for the courtyards ever patrolled (one aggregate query)."""
    ids = [getattr(courtyard, "pk", courtyard) for courtyard in courtyards]
    rows = PatrolCourtyard.objects.filter(courtyard_id__in=ids).values("courtyard_id").annotate(last=Max("patrol__started_at"))
    return {row["courtyard_id"]: row["last"] for row in rows.order_by()}
