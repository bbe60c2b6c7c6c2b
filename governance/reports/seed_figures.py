"""数说: the figures the seed reports, stated from what was logged (issue 13 point 8).

The seed counts 2,820 person-times of free clinics, 52 special families helped by enterprises and individuals,
125 volunteer events serving 5,200+ person-times, 89 chamber enterprises of which 23 joined the alliance with 400+
shops, 30+ jobs provided by a hospital's pledge, 9 governance associations and 6 specialised committees in a
community, 1,000 resettled households from 5 communities and 13 resident groups, and 2,970 grid workers trained.

Each figure is a kind (its msgid in LABELS) and parameters (stored_text values), rendered in the reader's language
when read, and counted by the database: every scalar in one round trip (`governance.core.scalars`), the table per
community in one query. The node is the report's, which the person asking may see (`selectors.node_for`): the
figures never reach outside it. Two parts come from other branches: see "Plug-in points" at the end.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from associations import selectors as association_selectors
from associations.choices import AssociationKind
from committees import selectors as committee_selectors
from courtyards.households import selectors as household_selectors
from courtyards.models import Community
from governance.activities import selectors as activity_selectors
from governance.activities.choices import HelperKind
from governance.core import scalars, stored_text
from governance.training import selectors as training_selectors

from .units import Table

stored_text.register_choices("activities.helper_kind", HelperKind)
stored_text.register_choices("associations.kind", AssociationKind)

LABELS = {
    "section": gettext_noop("%(place)s in figures"),
    "clinic_events": gettext_noop("Free clinics held"),
    "clinic_person_times": gettext_noop("Person-times of free clinics"),
    "families_helped": gettext_noop("Special families helped"),
    "families_helped_by": gettext_noop("Special families helped by: %(helper)s"),
    "volunteer_events": gettext_noop("Volunteer events"),
    "volunteer_person_times": gettext_noop("Person-times served by volunteer events"),
    "chamber_enterprises": gettext_noop("Enterprises of the chamber of commerce"),
    "chamber_in_alliance": gettext_noop("Chamber enterprises in the alliance"),
    "shops_in_alliance": gettext_noop("Shops in the alliance"),
    "jobs_pledged": gettext_noop("Jobs pledged by enterprises"),
    "jobs_provided": gettext_noop("Jobs actually provided through pledges"),
    "specialised_committees": gettext_noop("Specialised committees"),
    "associations_of_kind": gettext_noop("%(kind)s associations"),
    # Plug-in points (filled on other branches, see the end of this module)
    "resettled_households": gettext_noop("Resettled households"),
    "origin_communities": gettext_noop("Communities they came from"),
    "origin_groups": gettext_noop("Resident groups they came from"),
    "grid_workers_trained": gettext_noop("Grid workers trained"),
    "training_hours": gettext_noop("Hours of training"),
    "social_work_qualified": gettext_noop("Grid workers holding a social-work qualification"),
}


@dataclass
class SeedFigure:
    """A figure of the section: the builders, the page and the API read it as they read a `figures.Figure`."""

    key: str
    kind: str
    params: dict = field(default_factory=dict)
    value: int | float | None = None
    percent: bool = False

    @property
    def label(self) -> str:
        return label_of(self.kind, self.params)


def label_of(kind: str, params: dict | None = None) -> str:
    return stored_text.render_message(LABELS[kind], params or {})


def _helper(kind: str) -> dict:
    return {"helper": stored_text.choice("activities.helper_kind", kind)}


def _association_kind(kind: str) -> dict:
    return {"kind": stored_text.choice("associations.kind", kind)}


# (key, kind, params) in the order a street office reads them: service, help, volunteers, enterprises, bodies.
FIGURES = [
    ("clinic_events", "clinic_events", {}),
    ("clinic_person_times", "clinic_person_times", {}),
    ("families_helped", "families_helped", {}),
    *((f"families_helped_by_{kind}", "families_helped_by", _helper(kind)) for kind in HelperKind.values),
    ("volunteer_events", "volunteer_events", {}),
    ("volunteer_person_times", "volunteer_person_times", {}),
    ("chamber_enterprises", "chamber_enterprises", {}),
    ("chamber_in_alliance", "chamber_in_alliance", {}),
    ("shops_in_alliance", "shops_in_alliance", {}),
    ("jobs_pledged", "jobs_pledged", {}),
    ("jobs_provided", "jobs_provided", {}),
    ("specialised_committees", "specialised_committees", {}),
    *((f"associations_{kind}", "associations_of_kind", _association_kind(kind)) for kind in AssociationKind.values),
]


def section_title(node) -> str:
    return label_of("section", {"place": node.name})


def querysets(node, start, end) -> tuple[dict, dict]:
    """Every scalar of FIGURES under `node` in [start, end] as (counted, summed) querysets, for `scalars.counts_and_sums`
    (the dashboard reads them with the other sections' scalars in one query: `figures.body_counts`)."""
    counted, summed = {}, {}
    for part in (activity_selectors.seed_figure_querysets, association_selectors.seed_figure_querysets):
        part_counted, part_summed = part(node=node, start=start, end=end)
        counted.update(part_counted)
        summed.update(part_summed)
    counted["specialised_committees"] = committee_selectors.specialised_committees_under(node=node).values("pk")
    return counted, summed


def values_of(node, start, end) -> dict[str, int]:
    counted, summed = querysets(node, start, end)
    return {name: int(value or 0) for name, value in scalars.counts_and_sums(counted=counted, summed=summed).items()}


def figures_and_tables(node, start, end, values: dict | None = None) -> tuple[list[SeedFigure], list[Table]]:
    """The section's figures and its tables under `node` in [start, end]; `values` if the caller read them already."""
    values = values if values is not None else values_of(node, start, end)
    households = households_rows(node)
    figures = [SeedFigure(key, kind, params, values[key]) for key, kind, params in FIGURES]
    figures += households_figures(households) + training_figures(node, start, end)
    return figures, [community_table(node), *households_tables(households)]


def communities_under(node):
    if node.level == "community":
        return Community.objects.filter(pk=node.pk)
    if node.level in ("district", "street"):
        return Community.objects.filter(**{f"{node.level}_id": node.pk})
    return Community.objects.none()


def community_table(node) -> Table:
    """Per community: its specialised committees and its active associations of each kind (one query)."""
    committees = committee_selectors.specialised_committees_under(node=node).filter(community_id=OuterRef("pk"))
    associations = association_selectors.associations_under(node=node).filter(community_id=OuterRef("pk"))
    counts = {"committees": scalars.count_of(committees), "associations": scalars.count_of(associations)}
    counts |= {f"kind_{kind}": scalars.count_of(associations.filter(kind=kind)) for kind in AssociationKind.values}
    rows = communities_under(node).order_by("street__code", "code").annotate(**counts).values("name", *counts)
    columns = [_("Community"), _("Specialised committees"), _("Associations"), *AssociationKind.labels]
    cells = [[row["name"], *(row[name] for name in counts)] for row in rows]
    return Table("seed_communities", _("Committees and associations per community"), [str(c) for c in columns], cells)


# --- Plug-in points ----------------------------------------------------------------------------------------
# Two of the seed's figures come from apps built on other branches (issue 13 points 6 and 7). Until they are
# merged these functions state nothing; the labels, their translations and the shapes below are ready and tested
# (tests/governance/reports/test_seed_figures.py feeds them rows of that shape).


def households_rows(node) -> list[dict]:
    """Resettled households by origin under `node`, one row per (origin community, resident group)."""
    return household_selectors.households_by_origin(node=node)


def training_values(node, start, end) -> dict[str, int]:
    """The grid workers trained under `node` in [start, end], their hours, and the social-work qualified among them."""
    totals = training_selectors.node_training_totals(node=node, start=start, end=end)
    return {"trained": totals["grid_workers_trained"], "hours": totals["training_hours"], "qualified": totals["social_work_qualified"]}


def households_figures(rows: list[dict]) -> list[SeedFigure]:
    if not rows:
        return []
    values = {
        "resettled_households": sum(row["households"] for row in rows),
        "origin_communities": len({row["community"] for row in rows}),
        "origin_groups": len({(row["community"], row["group"]) for row in rows if row["group"]}),
    }
    return [SeedFigure(key, key, {}, value) for key, value in values.items()]


def households_tables(rows: list[dict]) -> list[Table]:
    if not rows:
        return []
    columns = [str(_("Community of origin")), str(_("Resident group")), str(_("Households"))]
    cells = [[row["community"], row["group"] or "—", row["households"]] for row in rows]
    return [Table("seed_households", _("Resettled households by origin"), columns, cells)]


def training_figures(node, start, end) -> list[SeedFigure]:
    """Stated where the node has training on record, as households are where it has resettled households."""
    values = training_values(node, start, end)
    if not any(values.values()):
        return []
    keys = {"grid_workers_trained": "trained", "training_hours": "hours", "social_work_qualified": "qualified"}
    return [SeedFigure(key, key, {}, values[name]) for key, name in keys.items()]
