"""A figure as every page shows it: one concept, its value, its definition in small type, and why there is none.

The public statistics, the street and community pages, the dashboards and the report files show figures through
`shown()` and `templates/includes/figure.html`, so one value reads the same everywhere (a share and hours to one
decimal) and no figure is ever a bare dash: when there is nothing to count, `empty` says why ("本期无已办结诉求").
"""

from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PERCENT, HOURS, NUMBER = "percent", "hours", "number"
NOTHING_COUNTED = gettext_lazy("Nothing to count in this period")


@dataclass
class Figure:
    key: str
    label: str
    value: int | float | None
    percent: bool = False  # a share 0..1, shown as a percentage
    definition: str = ""  # what is counted, in small type beside the value
    empty: str = ""  # why there is no value (nothing resolved, nothing due): shown instead of a bare dash
    detail: str = ""  # the counts behind a share ("3 of 5 accepted in time")
    unit: str = NUMBER


def shown(figure) -> str:
    """The value as every page and file prints it; "" when there is none (the page says why instead)."""
    value = figure.value
    if value is None:
        return ""
    if figure.percent or getattr(figure, "unit", NUMBER) == PERCENT:
        return f"{value * 100:.1f}%"
    if getattr(figure, "unit", NUMBER) == HOURS:
        return _("%(hours)s h") % {"hours": f"{value:.1f}"}
    if isinstance(value, float) and not value.is_integer():
        return intcomma(round(value, 1))
    return intcomma(int(value))


def why_empty(figure) -> str:
    return str(getattr(figure, "empty", "") or NOTHING_COUNTED)
