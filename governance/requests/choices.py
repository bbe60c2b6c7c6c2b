from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", pgettext_lazy("request", "Rejected")
    MERGED = "merged", _("Merged into another request")


OPEN_STATUSES = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED})
FINAL_STATUSES = frozenset({Status.CLOSED, Status.REJECTED, Status.MERGED})


class OwnerBody(models.TextChoices):
    """The kind of body that owns a category of request; routing finds the actual one on the tree."""

    COURTYARD_GROUP = "courtyard_group", _("Courtyard self-governance group")
    COMMITTEE = "committee", _("Community specialised committee")
    COMMUNITY = "community", _("Community")
    STREET = "street", _("Street office")
    DISTRICT = "district", _("District")
    DEPARTMENT = "department", _("Department of the street or district")


class CommitteeType(models.TextChoices):
    """The six specialised committees 专委会 of the seed."""

    PUBLIC_ENVIRONMENT = "public_environment", _("Public environment committee")
    CO_BUILDING = "co_building", _("Co-building and coordination committee")
    SAFETY_MEDIATION = "safety_mediation", _("Safety and mediation committee")
    PUBLIC_AFFAIRS = "public_affairs", _("Public affairs development committee")
    WELFARE = "welfare", _("Community welfare committee")
    PUBLIC_OPINION = "public_opinion", _("Public opinion committee")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    STATUS = "status", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    NOTE = "note", _("Note")
    ESCALATED = "escalated", _("Escalated")
    MERGED = "merged", _("Merged")
    REOPENED = "reopened", _("Reopened")
    RATED = "rated", _("Rated")
    SUPERVISED = "supervised", _("Put under supervision")
    SUPERVISION_REPLY = "supervision_reply", _("Supervision answered")
    CALLBACK = "callback", _("Callback")
    NEED = "need", _("Taken up as a council need")
    COVENANT = "covenant", _("Covenant cited")
    FOLLOW_UP = "follow_up", _("Linked to a follow-up action")
    NEED_DONE = "need_done", _("Council need carried out")
    PAUSED = "paused", _("Paused (waiting for the resident)")
    RESUMED = "resumed", _("Resumed")
    EXTENSION = "extension", _("Extension")
    ROUTED = "routed", _("Routed")
    DISPATCHED = "dispatched", _("Dispatched")
    TRANSFERRED = "transferred", _("Transferred")
    RETURNED = "returned", _("Returned")
    COHANDLER_ADDED = "cohandler_added", _("Co-handling unit added")
    COHANDLER_ENDED = "cohandler_ended", _("Co-handling unit ended")


class Source(models.TextChoices):
    WEB = "web", _("Portal")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311 client")
    HOTLINE = "hotline", _("Hotline 12345")
    # 网格上报: filed by a grid worker for something found on a patrol or a visit.
    GRID = "grid", _("Reported by the grid worker")


class CallbackStatus(models.TextChoices):
    OPEN = "open", _("To call back")
    DONE = "done", _("Called back")
    UNREACHED = "unreached", _("Not reached, given up")


class CallbackReason(models.TextChoices):
    """Why a callback 回访 was opened."""

    SAMPLED = "sampled", _("Closed request (category's share)")
    LOW_RATING = "low_rating", _("Low rating")
    SECOND = "second", _("Second callback after dissatisfaction")


class Satisfaction(models.TextChoices):
    """What the resident said on the phone."""

    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


# Events of the resident's own doing: their text is never a staff note for Open311's status_notes.
RESIDENT_EVENT_KINDS = (EventKind.SUBMITTED, EventKind.RATED, EventKind.REOPENED)
