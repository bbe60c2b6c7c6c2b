"""The kinds of request notification a person may take by e-mail or SMS too (the page of notification channels).

The defaults stated here are the ones `notify` sends with, shown until a person chooses.
"""

from django.utils.translation import gettext_lazy as _

from governance.notifications.channels import offer
from governance.notifications.choices import Timing

from .notify import FEED_NEW, QUEUE_DIGEST, QUEUE_NEW

MINE = _("My requests")
WORK = _("Requests in my work")

RESIDENTS = [
    ("requests.submitted", _("My request is received"), {}),
    ("requests.status", _("My request changes status"), {"sms": True}),
    ("requests.paused", _("My request waits for me"), {"sms": True}),
    ("requests.resumed", _("Work on my request goes on"), {}),
    ("requests.need", _("My request becomes part of a need"), {}),
    (FEED_NEW, _("A new public request in a community I follow"), {"email": False}),
]
STAFF = [
    (QUEUE_NEW, _("A new request in my queue"), {"timing": Timing.DAILY, "digest_kind": QUEUE_DIGEST}),
    ("requests.assigned", _("A request is assigned to me"), {}),
    ("requests.dispatched", _("A request is dispatched to my unit"), {}),
    ("requests.returned", _("A request is returned to my unit"), {}),
    ("requests.escalated", _("An overdue request is escalated to my unit"), {}),
    ("requests.due_soon", _("A request of my unit is nearly due"), {}),
    ("requests.supervised", _("A request of my unit is under supervision"), {}),
    ("requests.supervision_reply", _("A unit answers my supervision"), {}),
    ("requests.cohandling", _("My unit co-handles a request"), {}),
    ("requests.cohandling_ended", _("My unit no longer co-handles a request"), {}),
    ("requests.extension_asked", _("More time is asked for a request"), {}),
    ("requests.extension_decided", _("My request for more time is decided"), {}),
    ("requests.callback", _("A resident is to be called back after a low rating"), {}),
    ("requests.callback_due", _("A closed request is to be followed up by phone"), {}),
]


def register() -> None:
    for kind, label, defaults in RESIDENTS:
        offer(kind, label=label, group=MINE, **defaults)
    for kind, label, defaults in STAFF:
        offer(kind, label=label, group=WORK, staff=True, **defaults)
