"""The 网格 section of the dashboards and report jobs of a district, street or community, as plain data.

The reports app sits above this one: it turns what `grid_section` returns into its own Section (figures,
tables, trend) for the dashboard, the XLSX and the PDF; open data takes `grid_open_rows`, which carries
no person. A fixed number of queries, whatever the number of grids or workers.
"""

from datetime import date

from django.utils.translation import gettext_lazy as _

from . import figures

FIGURES = (
    ("patrols", _("Patrols")),
    ("per_week", _("Patrols per week")),
    ("stale_courtyards", _("Courtyards not patrolled for %(days)s days")),
    ("events", _("Events found")),
    ("grid_requests", _("Requests reported by grid workers")),
    ("on_spot", _("Found and resolved on the spot")),
    ("on_time", _("Events resolved on time")),
)
GRID_COLUMNS = (
    ("patrols", _("Patrols")),
    ("per_week", _("Per week")),
    ("stale_courtyards", _("Not patrolled for %(days)s days")),
    ("events", _("Events found")),
    ("on_spot", _("Resolved on the spot")),
    ("on_time", _("Resolved on time")),
)
WORKER_COLUMNS = (
    ("patrols", _("Patrols")),
    ("per_week", _("Per week")),
    ("events", _("Events found")),
    ("on_spot", _("Resolved on the spot")),
    ("on_time", _("Resolved on time")),
)
# Open data: per grid, never per person. Change the layout only by adding at the end (docs/open-data.md).
OPEN_COLUMNS = ["grid_code", "grid", "community", "patrols", "events_found", "resolved_on_spot", "resolved_on_time"]


def _label(label, stale_days: int) -> str:
    return str(label) % {"days": stale_days} if "%(days)s" in str(label) else str(label)


def _columns(columns, stale_days: int) -> list[str]:
    return [_label(label, stale_days) for _key, label in columns]


def _name(person) -> str:
    return person.display_name or person.username


def grid_section(node, start: date, end: date, stale_days: int = figures.STALE_DAYS) -> dict:
    """Figures (key, label, value), the table per grid and the table per worker of `node` in the period."""
    grids = figures.grid_rows(node=node, start=start, end=end, stale_days=stale_days)
    workers = figures.worker_rows(node=node, start=start, end=end)
    summed = figures.totals(grids, start, end)
    weeks = [str(_("Week of %(day)s") % {"day": f"{monday:%m-%d}"}) for monday in figures.weeks_of(end)]
    return {
        "figures": [(key, _label(label, stale_days), summed[key]) for key, label in FIGURES],
        "grid_columns": [str(_("Grid")), *_columns(GRID_COLUMNS, stale_days), *weeks],
        "grid_rows": [[row["grid"].name, *(row[key] for key, _l in GRID_COLUMNS), *row["last_weeks"]] for row in grids],
        "worker_columns": [str(_("Grid worker")), *_columns(WORKER_COLUMNS, stale_days), *weeks],
        "worker_rows": [[_name(row["worker"]), *(row[k] for k, _l in WORKER_COLUMNS), *row["last_weeks"]] for row in workers],
        "grids": grids,
        "weeks": figures.weeks_of(end),
    }


def grid_open_rows(node, start: date, end: date) -> list[dict]:
    """Per grid of `node`: its code, name and community, and its counts in the period. No worker, no person."""
    return [
        {
            "grid_code": row["grid"].code,
            "grid": row["grid"].name,
            "community": row["grid"].community.name,
            "patrols": row["patrols"],
            "events_found": row["events"],
            "resolved_on_spot": row["on_spot"],
            "resolved_on_time": row["on_time"],
        }
        for row in figures.grid_rows(node=node, start=start, end=end)
    ]


def patrols_under(node, start: date, end: date):
    """The patrols under `node` that started in the period (for the reports' monthly trend)."""
    low, high = figures.bounds(start, end)
    return figures.Patrol.objects.filter(started_at__gte=low, started_at__lt=high, **figures.node_keys(node))
