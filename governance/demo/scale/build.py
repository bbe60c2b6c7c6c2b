"""The order of the parts, and the loading around them: indexes dropped before, built and analysed after."""

from associations.models import Association
from committees.models import Committee
from courtyards.models import Building, Community, Courtyard, Household, Street, Unit
from governance.accounts.models import User
from governance.activities.models import Activity, SpecialFamily
from governance.notifications.models import Notification
from governance.requests.models import Request, RequestPhoto, Support, TimelineEvent

from . import community_life, loader, people, requests, tree
from .plan import Plan
from .run import Progress, Run
from .totals import Totals

# The tables that grow with the scale: their plain indexes are built once, after the rows are in.
BIG = [Household, User, Request, TimelineEvent, Support, RequestPhoto, Notification, Activity]


def district_build(plan: Plan, progress: Progress) -> Totals:
    run, totals = Run(plan, progress), Totals()
    loader.foreign_key_checks_defer()
    progress.step("dropping secondary indexes of the large tables")
    definitions = loader.secondary_indexes_drop(BIG)
    progress.step("territory and households")
    territory = tree.tree_build(run)
    run.flush()
    progress.step("residents and staff (roles through role_grant)")
    residents = people.residents_build(run, territory)
    people.staff_build(run, territory, residents)
    people.departments_build(territory)
    people.committees_build(run, territory)
    run.flush()
    progress.step("requests, timelines, supports, photos, notifications")
    requests.requests_build(run, territory, residents, totals)
    progress.step("activities, special families, associations")
    community_life.activities_build(run, territory, residents)
    community_life.families_build(run, territory, residents)
    community_life.associations_build(run, territory)
    run.flush()
    progress.step(f"building {len(definitions)} indexes, resetting sequences, ANALYZE")
    loader.indexes_build(definitions)
    models = [Street, Community, Courtyard, Building, Unit, Committee, Association, SpecialFamily, *BIG]
    loader.sequences_reset(models)
    loader.analyze(models)
    totals.rows = {model._meta.label: writer.count for model, writer in run.writers.items()}
    for model, writer in run.writers.items():
        progress.write(f"\n  {model._meta.label:<32} {writer.count:>10,} rows written in {writer.seconds:6.1f} s")
    progress.step("done")
    return totals
