"""How the request scope of a street officer is planned, before and after issue 11 (throwaway data).

Usage, from the worktree root, against a scratch database that has `migrate` and `seed_demo`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chenghua_scratch .venv/bin/python bench/scope_plans.py 300000

Fills requests_request up to N rows by copying one demo request in SQL (one street holds about 1/11 of
them, as 双桥子 does of Chenghua; 2,000 residents own them), ANALYZEs, then prints, for demo_street, the
plan and time of the queue's count and first page with the old scope (`street_id IN (subquery) OR
resident_id = me OR owner_*_id IN (subquery)`) and with the new one (literal ids, each branch on its index),
and the capped count the pages now run. Nothing is committed; the rows stay in the scratch database.
"""

import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
    import django

    django.setup()


FILL = """
WITH streets AS (SELECT array_agg(id ORDER BY id) AS ids FROM courtyards_street WHERE id <> %(street)s),
     residents AS (SELECT array_agg(id) AS ids FROM (SELECT id FROM accounts_user ORDER BY id LIMIT 2000) u),
     g AS (SELECT n, CASE WHEN n %% 11 = 0 THEN %(street)s
                          ELSE (SELECT ids[1 + n %% array_length(ids, 1)] FROM streets) END AS street_id
           FROM generate_series(%(start)s, %(stop)s) n)
INSERT INTO requests_request (number, title, text, status, source, public, photos_public, reporter_public,
    address_text, owner_body, committee_type, owner_label, escalations, supervised, accept_due_at, resolve_due_at,
    rating_comment, support_count, created_at, updated_at, category_id, community_id, district_id, resident_id,
    street_id, owner_accept_due_at, owner_resolve_due_at, attributes, dispatch_state)
SELECT 'S-' || lpad(g.n::text, 9, '0'), t.title, t.text,
       (ARRAY['submitted','accepted','in_progress','resolved','closed','closed','closed'])[1 + g.n %% 7],
       t.source, g.n %% 3 = 0, false, false, '', t.owner_body, t.committee_type, t.owner_label, 0, false,
       now() - (g.n || ' minutes')::interval + interval '1 day', now() - (g.n || ' minutes')::interval + interval '7 days',
       '', 0, now() - (g.n || ' minutes')::interval, now(), t.category_id,
       (SELECT c.id FROM courtyards_community c WHERE c.street_id = g.street_id ORDER BY c.id LIMIT 1),
       t.district_id, (SELECT ids[1 + g.n %% array_length(ids, 1)] FROM residents), g.street_id,
       now() + interval '1 day', now() + interval '7 days', '{}'::jsonb, t.dispatch_state
FROM g, (SELECT * FROM requests_request ORDER BY id LIMIT 1) t
"""


def fill(rows: int, street_id: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM requests_request")
        have = cursor.fetchone()[0]
        if have < rows:
            cursor.execute(FILL, {"street": street_id, "start": have + 1, "stop": rows})
        cursor.execute("ANALYZE requests_request")


def old_scope_q(user, model):
    """The scope as it was built before issue 11: subqueries inside one OR."""
    from django.db.models import Q

    from governance.accounts import permissions
    from governance.accounts.models import RoleAssignment

    roles = permissions.roles_allowed(model, "view")
    query = permissions.NOTHING
    held = {level for role, level, _ in permissions.assignments(user) if role in roles}
    for level, path in model.tree_paths.items():
        if level in held:
            ids = RoleAssignment.objects.filter(user_id=user.pk, role__in=roles, level=level).values(f"{level}_id")
            query |= Q(**{f"{path}__in": ids})
    query |= Q(**{model.owner_path: user.pk})
    for kind, path in model.body_paths.items():
        bodies = permissions.handled_bodies(user, kind)
        if bodies is not None:
            query |= Q(**{f"{path}__in": bodies.values("pk")})
    return query


def explain(label: str, sql: str, params) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            timings.append((time.perf_counter() - start) * 1000)
    print(f"\n## {label}: best of 5 {min(timings):.1f} ms")
    for line in plan:
        if re.search(r"Scan|BitmapOr|Sort|Aggregate|Limit|SubPlan|Filter|Execution|Planning|Rows Removed", line):
            print("   ", line.rstrip()[:150])


def _sql(queryset):
    from django.db import connection

    return queryset.query.get_compiler(connection=connection).as_sql()


def _count_sql(queryset):
    """The statement a count of `queryset` runs (Django's own, wrapped the same way for a slice)."""
    sql, params = _sql(queryset.order_by().values("pk"))
    return f"SELECT COUNT(*) FROM ({sql}) counted", params


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    _django()
    from governance.accounts import permissions
    from governance.accounts.models import User
    from governance.requests.models import Request
    from governance.requests.selectors import request_queue

    user = User.objects.get(username="demo_street")
    street_id = next(node for _, level, node in permissions.assignments(user) if level == "street")
    fill(rows, street_id)
    from governance.requests.selectors import OWNER_JOINS

    joined = Request.objects.select_related("category", "assignee", "courtyard", *OWNER_JOINS)
    old = joined.filter(old_scope_q(user, Request)).order_by("-created_at")
    new = request_queue(user=user)
    print(f"{Request.objects.count():,} requests; {Request.objects.filter(street_id=street_id).count():,} in the officer's street")
    print("\nnew WHERE:", _sql(new)[0].split("WHERE", 1)[1].split("ORDER BY")[0].strip())
    explain("before: COUNT(*) of the scope", *_count_sql(old))
    explain("after: COUNT(*) of the scope", *_count_sql(new))
    sql, params = _sql(new.order_by().values("pk")[:10_001])
    explain("after: capped count (at most 10,001 rows)", f"SELECT COUNT(*) FROM ({sql}) capped", params)
    explain("before: first page of the queue", *_sql(old[:25]))
    explain("after: first page of the queue", *_sql(new[:25]))


if __name__ == "__main__":
    main()
