"""What waits for staff on their home page ("Work"): new requests, overdue ones, callbacks due, extensions to decide.
Each count is one query through the permission module; None hides the item from whoever may not open its page."""

from django.utils.translation import gettext_lazy as _

from governance.accounts import permissions
from governance.core.navigation import register_waiting

from . import selectors
from .choices import Status
from .clock.selectors import extensions_to_decide


def new_requests(user) -> int | None:
    if not permissions.may_open_work_pages(user):
        return None
    return selectors.request_queue(user=user).filter(status=Status.SUBMITTED).count()


def overdue_requests(user) -> int | None:
    if not permissions.may_open_work_pages(user):
        return None
    return selectors.overdue_visible(user=user, queryset=selectors.request_queue(user=user)).count()


def callbacks_due(user) -> int | None:
    return selectors.callback_queue(user=user).count() if permissions.is_staff_member(user) else None


def extensions_waiting(user) -> int | None:
    return extensions_to_decide(user=user).count() if permissions.is_staff_member(user) else None


def register() -> None:
    register_waiting(
        key="new_requests",
        label=_("New requests to accept"),
        url_name="requests:queue",
        count=new_requests,
        order=10,
        query="status=submitted",
    )
    register_waiting(
        key="overdue_requests",
        label=_("Overdue requests"),
        url_name="requests:queue",
        count=overdue_requests,
        order=20,
        query="overdue=true",
    )
    register_waiting(key="callbacks", label=_("Callbacks due"), url_name="requests:callbacks", count=callbacks_due, order=30)
    register_waiting(
        key="extensions", label=_("Extensions to decide"), url_name="requests:extension_list", count=extensions_waiting, order=50
    )
