"""A street's monthly report and the district's annual one, built as the job builds them (figures of every
section, the workbook and the PDF), against the requests section's aggregates written as raw SQL.

    .venv/bin/python bench/report_timing.py        (or bench/load.py --reports)

Runs in this process against DATABASE_URL (PostgreSQL: the raw SQL uses percentile_cont), saves no job and
publishes no task. The raw SQL is the requests section only (totals, median hours, by status, by category,
12-month trend), which is where the rows are; the three rates and the other sections are left to the ORM.
"""

import time

import personas

RAW_SQL = """
WITH cohort AS (
    SELECT r.* FROM {requests} r WHERE r.{level}_id = %(node)s AND r.created_at >= %(low)s AND r.created_at < %(high)s
)
SELECT
    (SELECT count(*) FROM cohort),
    (SELECT count(*) FROM cohort WHERE status IN %(open)s),
    (SELECT count(*) FROM cohort WHERE (status = 'submitted' AND accept_due_at < now())
        OR (status IN %(open_after)s AND resolve_due_at < now())),
    (SELECT count(*) FROM cohort WHERE resolved_at IS NOT NULL),
    (SELECT count(*) FROM cohort WHERE supervised),
    (SELECT avg(rating) FROM cohort),
    (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at) / 3600)
        FROM cohort WHERE resolved_at IS NOT NULL),
    (SELECT json_object_agg(status, n) FROM (SELECT status, count(*) n FROM cohort GROUP BY status) s),
    (SELECT json_agg(x) FROM (SELECT c.name_zh, count(*) n FROM cohort JOIN {categories} c ON c.id = cohort.category_id
        GROUP BY c.name_zh ORDER BY n DESC, c.name_zh) x)
"""

TREND_SQL = """
SELECT date_trunc('month', created_at AT TIME ZONE %(zone)s) AS month, count(*)
FROM {requests} WHERE {level}_id = %(node)s AND created_at >= %(low)s AND created_at < %(high)s GROUP BY 1 ORDER BY 1
"""


def orm_build(node, start, end, kind) -> float:
    from governance.reports import builders, figures
    from governance.reports.models import ReportJob

    job = ReportJob(level=node.level, district_id=getattr(node, "district_id", node.pk), period_kind=kind, start=start, end=end)
    setattr(job, node.level, node)
    began = time.perf_counter()
    sections = figures.all_sections(node, start, end)
    builders.workbook(job, sections)
    builders.pdf(job, sections)
    return time.perf_counter() - began


def raw_sql(node, start, end) -> float:
    from django.conf import settings
    from django.db import connection

    from governance.reports import periods
    from governance.requests.choices import OPEN_STATUSES, Status
    from governance.requests.models import Category, Request

    low, high = periods.bounds(start, end)
    trend_low, _ = periods.bounds(periods.trend_months(end)[0], end)
    tables = {"requests": Request._meta.db_table, "categories": Category._meta.db_table, "level": node.level}
    values = {
        "node": node.pk,
        "low": low,
        "high": high,
        "open": tuple(OPEN_STATUSES),
        "open_after": tuple(OPEN_STATUSES - {Status.SUBMITTED}),
    }
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL.format(**tables), values)
        cursor.fetchall()
        cursor.execute(TREND_SQL.format(**tables), {"zone": settings.TIME_ZONE, "node": node.pk, "low": trend_low, "high": high})
        cursor.fetchall()
    return time.perf_counter() - began


def cases():
    from courtyards.models import District, Street
    from governance.reports import periods
    from governance.reports.choices import PeriodKind
    from governance.requests.models import Request

    street = Street.objects.filter(pk=Request.objects.order_by("-pk").values("street_id")[:1]).first()
    district = District.objects.get(pk=street.district_id)
    month_start, month_end = periods.last_month()
    year_start, year_end = periods.last_twelve_months()
    return [
        ("street monthly", street, month_start, month_end, PeriodKind.MONTHLY),
        ("district annual", district, year_start, year_end, PeriodKind.CUSTOM),
    ]


def main() -> None:
    from django.utils import translation

    # Each twice: the first build also loads the PDF's CJK font and warms the caches.
    print("| report | node | period | job, first s | job, second s | raw SQL (requests section) s |")
    print("| --- | --- | --- | ---: | ---: | ---: |")
    with translation.override("zh-hans"):
        for name, node, start, end, kind in cases():
            first, second = (orm_build(node, start, end, kind) for _ in range(2))
            raw = min(raw_sql(node, start, end) for _ in range(2))
            print(f"| {name} | {node.code} | {start} – {end} | {first:.2f} | {second:.2f} | {raw:.3f} |")


if __name__ == "__main__":
    personas.setup()
    main()
