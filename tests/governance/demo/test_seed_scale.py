"""seed_scale at a tiny scale: the rows it writes are the rows its totals say, every tree key agrees with
the tree, and the public statistics of a street show that street's known totals."""

import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count

from courtyards.models import District, Household, Street, Unit
from governance.accounts.choices import Role
from governance.accounts.models import RoleAssignment, User
from governance.activities.models import Activity
from governance.requests.models import Request, Support, TimelineEvent
from governance.requests.public import figures as public_figures
from governance.requests.public import selectors as public
from governance.requests.selectors import overdue_q

pytestmark = pytest.mark.django_db
SEED = 71


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker, tmp_path_factory):
    """One district at scale 0.001 for the whole module (about 3 s), removed with the module's transaction."""
    path = tmp_path_factory.mktemp("scale") / "totals.json"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_scale", scale=0.001, seed=SEED, totals=str(path), stdout=_Quiet(), stderr=_Quiet())
        yield json.loads(path.read_text(encoding="utf-8"))
        transaction.set_rollback(True)


class _Quiet:
    def write(self, *_args):
        pass

    def flush(self):
        pass


def _district():
    return District.objects.get(code=f"scale-{SEED}")


def _requests():
    return Request.objects.filter(district=_district())


def test_shape_and_rows_are_the_totals(generated):
    counts = generated["counts"]
    district = _district()
    assert Street.objects.filter(district=district).count() == counts["streets"] == 2
    assert Unit.objects.filter(district=district).count() == counts["units"]
    assert Household.objects.filter(district=district).count() == counts["households"]
    assert User.objects.filter(household__district=district).count() == counts["residents"]
    assert _requests().count() == counts["requests"] == generated["district"]["requests"]
    assert TimelineEvent.objects.filter(request__district=district).count() == generated["district"]["events"]
    assert Support.objects.filter(request__district=district).count() == generated["district"]["supports"]
    assert Activity.objects.filter(district=district).count() == counts["activities"]
    assert 5.0 <= generated["district"]["events"] / counts["requests"] <= 7.0


def test_counts_per_street_equal_the_totals(generated):
    now = datetime.fromisoformat(generated["until"])
    for street_id, known in generated["streets"].items():
        rows = Request.objects.filter(street_id=int(street_id))
        assert rows.count() == known["requests"]
        assert dict(rows.values_list("status").annotate(n=Count("pk"))) == known["by_status"]
        assert dict(rows.values_list("category__code").annotate(n=Count("pk"))) == known["by_category"]
        by_year = rows.values_list("created_at__year").annotate(n=Count("pk"))
        assert {str(year): n for year, n in by_year} == known["by_year"]
        assert rows.filter(overdue_q(now)).count() == known["overdue"]
        assert TimelineEvent.objects.filter(request__street_id=int(street_id)).count() == known["events"]


def test_the_mix_is_realistic(generated):
    district = generated["district"]
    n = district["requests"]
    assert district["by_status"]["closed"] / n > 0.8
    assert 0.03 <= (district["resolved_late"] + district["overdue"]) / n <= 0.09
    assert 0.015 <= district["reopened"] / n <= 0.05
    assert set(district["by_category"]) == {"noise", "greening", "roads", "sanitation", "property", "facilities", "safety", "other"}


MISMATCHES = {
    "courtyards_unit": "JOIN courtyards_building p ON p.id = t.building_id WHERE t.courtyard_id <> p.courtyard_id "
    "OR t.community_id <> p.community_id OR t.street_id <> p.street_id OR t.district_id <> p.district_id",
    "courtyards_household": "JOIN courtyards_unit p ON p.id = t.unit_id WHERE t.courtyard_id <> p.courtyard_id "
    "OR t.community_id <> p.community_id OR t.street_id <> p.street_id OR t.district_id <> p.district_id",
    "requests_request": "JOIN courtyards_community p ON p.id = t.community_id LEFT JOIN courtyards_courtyard c ON c.id = t.courtyard_id "
    "LEFT JOIN courtyards_unit u ON u.id = t.unit_id WHERE t.street_id <> p.street_id OR t.district_id <> p.district_id "
    "OR c.community_id <> t.community_id OR u.courtyard_id <> t.courtyard_id OR u.building_id <> t.building_id "
    "OR (t.unit_id IS NOT NULL AND t.courtyard_id IS NULL) OR (t.unit_id IS NULL) <> (t.building_id IS NULL)",
    "activities_activity": "JOIN courtyards_community p ON p.id = t.community_id WHERE t.street_id <> p.street_id "
    "OR t.district_id <> p.district_id",
    "accounts_user": "JOIN courtyards_household p ON p.id = t.household_id WHERE t.home_unit_id <> p.unit_id",
}


@pytest.mark.parametrize("table", list(MISMATCHES))
def test_tree_keys_agree_with_the_tree(generated, table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} t {MISMATCHES[table]}")
        assert cursor.fetchone()[0] == 0


def test_roles_went_through_the_role_service(generated):
    district = _district()
    roles = RoleAssignment.objects.filter(scope_district=district)
    assert roles.filter(role=Role.DISTRICT_ADMIN, district=district).exists()
    assert roles.filter(role=Role.HOTLINE_OPERATOR).count() == generated["counts"]["streets"]
    assert roles.count() == generated["counts"]["staff"]
    staff = User.objects.filter(role_assignments__in=roles.exclude(role=Role.HOTLINE_OPERATOR))
    assert staff.filter(is_staff=False).count() == 0  # role_grant opened the admin to them
    assert staff.distinct().count() == roles.exclude(role=Role.HOTLINE_OPERATOR).count()


EPOCH, END_OF_TIME = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)  # all of a street's requests


def test_public_statistics_of_a_street_are_its_totals(generated):
    for street_id, known in generated["streets"].items():
        street = Street.objects.get(pk=int(street_id))
        statistics = public_figures.statistics(node=street, start=EPOCH.date(), end=END_OF_TIME.date())
        figures, resolution = statistics["figures"].totals, statistics["figures"].rates["resolution"]
        assert (figures["submitted"], figures["open"], figures["resolved"]) == (known["requests"], known["open"], known["resolved"])
        assert (resolution.numerator, resolution.denominator) == (known["on_time"], known["on_time_due"])
        assert figures["rated"] == known["rated"]
        assert {row["status"]: row["n"] for row in statistics["by_status"]} == known["by_status"]
        assert {row["code"]: row["n"] for row in statistics["by_category"]} == known["by_category"]
        rates = public.three_rates(street, EPOCH, END_OF_TIME)
        assert (rates["response"].numerator, rates["response"].denominator) == (known["accepted_on_time"], known["response_due"])


def _generate(path, seed):
    with transaction.atomic():
        call_command("seed_scale", scale=0.001, seed=seed, totals=str(path), stdout=_Quiet(), stderr=_Quiet())
        transaction.set_rollback(True)
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_same_seed_gives_the_same_district(generated, tmp_path):
    """Two runs of one seed (each rolled back) give the same counts; another seed gives others."""
    first, second = _generate(tmp_path / "a.json", 72), _generate(tmp_path / "b.json", 72)
    assert first["district"] == second["district"]
    assert [s["by_status"] for s in first["streets"].values()] == [s["by_status"] for s in second["streets"].values()]
    assert first["district"] != generated["district"]
