"""A resident's sign-ups and volunteer hours, for their data download.

Nothing is erased with the account: the rows carry no personal data of their own, point at the
anonymised account, and keep the activities' head-counts and the hour totals true.
"""

from .models import Signup, VolunteerHours


def export_signups(user) -> list[dict]:
    rows = Signup.objects.filter(user=user).select_related("activity__type").order_by("created_at")
    return [{"activity": str(row.activity), "status": row.status, "signed_up_at": row.created_at} for row in rows]


def export_hours(user) -> list[dict]:
    rows = VolunteerHours.objects.filter(volunteer=user).select_related("activity__type").order_by("created_at")
    return [{"activity": str(row.activity), "hours": row.hours, "status": row.status, "reported_at": row.created_at} for row in rows]
