"""Several requests at once from the queue, each through the same named action the staff page runs."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .actions import staff_action_run

# 派单 to a person or to a unit, 受理, 办结 with one note for all: the moves a queue's rows often share.
BULK_ACTIONS = ("assign", "dispatch", "accept", "resolve")


@transaction.atomic
def requests_bulk_act(*, requests, by, action: str, note: str = "", assignee: str = "", owner: str = "") -> int:
    """Run `action` on every request: all of them, or (on any refusal) none, naming the request refused."""
    if action not in BULK_ACTIONS:
        raise ValidationError(_("That action is not known."))
    count = 0
    for item in requests.order_by("pk"):
        try:
            staff_action_run(item=item, by=by, action=action, note=note, assignee=assignee, owner=owner)
        except ValidationError as error:
            raise ValidationError(f"{item.number}: {' '.join(error.messages)}") from error
        count += 1
    return count
