"""What the staff page shows of dispatch between units: the co-handling units (协办) and who may change them."""

from governance.accounts import permissions

from ..models import Request
from .selectors import cohandlers_current, unit_value
from .services import may_cohandle


def cohandling_context(*, item: Request, user) -> dict:
    rows = list(cohandlers_current(request=item))
    for row in rows:
        row.value = unit_value(committee=row.committee, department_id=row.department_id)
    return {"cohandlers": rows, "cohandling": permissions.shares_row(user, item), "may_cohandle": may_cohandle(user, item)}
