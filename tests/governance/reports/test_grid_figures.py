"""The grid figures (网格数据) equal the totals of patrols and events made with known dates; another community's
grid is never counted; the figures cost the same queries for 2 grids and for 10."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.fieldwork import figures, sections
from governance.reports import figures as report_figures
from tests.base import make_user

from .grid_data import community_make, courtyards_make, event_make, grid_make, grid_request, patrol_make

START, END = date(2026, 3, 2), date(2026, 3, 29)  # four whole weeks, Monday to Sunday


@pytest.fixture
def place(demo):
    """A community of 双桥子 in two grids (a, b | c) worked by 王网格 and 李网格, and a grid of 华林社区 beside it."""
    community = community_make(street=demo.shuangqiaozi)
    a, b, c = courtyards_make(community=community, count=3)
    wang, li = make_user(display_name="王网格"), make_user(display_name="李网格")
    first = grid_make(community=community, courtyards=[a, b], worker=wang, name="第一网格")
    second = grid_make(community=community, courtyards=[c], worker=li, name="第二网格")
    (h,) = courtyards_make(community=demo.hualin, count=1)
    zhao = make_user(display_name="赵外人")
    other = grid_make(community=demo.hualin, courtyards=[h], worker=zhao, name="华林网格")
    return {
        "community": community,
        "a": a,
        "b": b,
        "c": c,
        "wang": wang,
        "li": li,
        "first": first,
        "second": second,
        "h": h,
        "zhao": zhao,
        "other": other,
    }


def _history(p) -> None:
    """Known patrols and events: four patrols of the first grid in the period (weeks 1, 2 and two in week 4), one
    before it; four events in the period (one resolved on the spot, one on time, one late, one open), one before."""
    wang, a, b = p["wang"], p["a"], p["b"]
    first = patrol_make(worker=wang, courtyards=[a, b], day=date(2026, 3, 3))
    patrol_make(worker=wang, courtyards=[a], day=date(2026, 3, 10))
    patrol_make(worker=wang, courtyards=[a], day=date(2026, 3, 24))
    last = patrol_make(worker=wang, courtyards=[a], day=date(2026, 3, 25))
    before = patrol_make(worker=wang, courtyards=[b], day=date(2026, 2, 20))
    event_make(patrol=first, courtyard=a, day=date(2026, 3, 3), on_spot=True)
    event_make(
        patrol=first, courtyard=b, day=date(2026, 3, 3), request=grid_request(courtyard=b, day=date(2026, 3, 3), resolved_after_hours=10)
    )
    event_make(
        patrol=last, courtyard=a, day=date(2026, 3, 25), request=grid_request(courtyard=a, day=date(2026, 3, 25), resolved_after_hours=100)
    )
    event_make(
        patrol=last, courtyard=a, day=date(2026, 3, 25), request=grid_request(courtyard=a, day=date(2026, 3, 25), resolved_after_hours=None)
    )
    event_make(patrol=before, courtyard=b, day=date(2026, 2, 20), on_spot=True)
    # 华林社区's grid: never counted for the test community
    other = patrol_make(worker=p["zhao"], courtyards=[p["h"]], day=date(2026, 3, 12))
    event_make(patrol=other, courtyard=p["h"], day=date(2026, 3, 12), on_spot=True)


@pytest.mark.django_db
def test_the_figures_of_each_grid_equal_the_patrols_and_events_made(place):
    _history(place)
    rows = {row["grid"].name: row for row in figures.grid_rows(node=place["community"], start=START, end=END)}

    assert list(rows) == ["第一网格", "第二网格"]  # 华林网格 is another community's
    first, second = rows["第一网格"], rows["第二网格"]
    assert (first["patrols"], first["per_week"], first["last_weeks"]) == (4, 1.0, [1, 1, 0, 2])
    # b was last patrolled on 3 March, more than 7 days before the end of the period; a on the 25th
    assert (first["courtyard_count"], first["stale_courtyards"]) == (2, 1)
    assert (first["events"], first["on_spot"], first["on_time"], first["grid_requests"]) == (4, 1, 2, 3)
    assert (second["patrols"], second["courtyard_count"], second["stale_courtyards"], second["events"]) == (0, 1, 1, 0)


@pytest.mark.django_db
def test_n_days_is_a_parameter(place):
    _history(place)
    rows = figures.grid_rows(node=place["community"], start=START, end=END, stale_days=30)
    assert [row["stale_courtyards"] for row in rows] == [0, 1]  # b was patrolled 26 days before the end; c never


@pytest.mark.django_db
def test_the_figures_of_each_courtyard_and_worker(place):
    _history(place)
    courtyards = {row["courtyard"].name: row for row in figures.courtyard_rows(grid=place["first"], start=START, end=END)}
    a, b = courtyards[place["a"].name], courtyards[place["b"].name]
    assert (a["patrols"], a["events"], a["on_spot"], a["on_time"], a["open_requests"], a["stale"]) == (4, 3, 1, 1, 1, False)
    assert (b["patrols"], b["events"], b["on_time"], b["open_requests"], b["stale"]) == (1, 1, 1, 0, True)
    workers = {row["worker"].display_name: row for row in figures.worker_rows(node=place["community"], start=START, end=END)}
    assert list(workers) == ["王网格"]  # 李网格 did nothing in the period; 赵外人 works another community
    assert (workers["王网格"]["patrols"], workers["王网格"]["events"], workers["王网格"]["on_time"]) == (4, 4, 2)


@pytest.mark.django_db
def test_days_since_the_last_patrol_for_the_map(place):
    _history(place)
    days = figures.days_since_last_patrol(courtyards=figures.grid_courtyards(grid=place["first"]), today=date(2026, 3, 30))
    assert days == {place["a"].pk: 5, place["b"].pk: 27}
    assert figures.days_since_last_patrol(courtyards=[place["c"]], today=date(2026, 3, 30)) == {place["c"].pk: None}


@pytest.mark.django_db
def test_the_report_section_states_the_community_totals_and_a_street_counts_only_its_own_grids(place, demo):
    _history(place)
    section = report_figures.grid_figures(place["community"], START, END)
    assert section.key == "grids"
    assert (section.value("patrols"), section.value("events"), section.value("on_spot"), section.value("on_time")) == (4, 4, 1, 2)
    assert section.value("stale_courtyards") == 2
    grids, workers = section.tables
    assert [row[0] for row in grids.rows] == ["第一网格", "第二网格"] and len(grids.links) == 2
    assert [row[0] for row in workers.rows] == ["王网格"]
    assert dict(section.trend)[date(2026, 3, 1)] == 4
    street = report_figures.grid_figures(demo.shuangqiaozi, START, END)
    assert "华林网格" not in [row[0] for row in street.tables[0].rows] and "第一网格" in [row[0] for row in street.tables[0].rows]
    assert report_figures.grid_figures(demo.hualin, START, END).value("patrols") == 1


@pytest.mark.django_db
def test_open_data_rows_are_per_grid_and_name_no_person(place):
    _history(place)
    rows = sections.grid_open_rows(place["community"], START, END)
    assert [row["grid"] for row in rows] == ["第一网格", "第二网格"]
    assert rows[0] | {} == {
        "grid_code": place["first"].code,
        "grid": "第一网格",
        "community": place["community"].name,
        "patrols": 4,
        "events_found": 4,
        "resolved_on_spot": 1,
        "resolved_on_time": 2,
    }
    assert "王网格" not in repr(rows) and "李网格" not in repr(rows)


def _queries(node) -> int:
    with CaptureQueriesContext(connection) as queries:
        report_figures.grid_figures(node, START, END)
    return len(queries)


@pytest.mark.django_db
def test_the_grid_section_costs_the_same_queries_for_2_grids_and_for_10(demo):
    counts = []
    for size in (2, 10):
        community = community_make(street=demo.shuangqiaozi)
        for n in range(size):
            courtyards = courtyards_make(community=community, count=2)
            worker = make_user(display_name=f"网格员{n}")
            grid_make(community=community, courtyards=courtyards, worker=worker)
            patrol = patrol_make(worker=worker, courtyards=courtyards, day=date(2026, 3, 10))
            event_make(patrol=patrol, courtyard=courtyards[0], day=date(2026, 3, 10), on_spot=True)
        counts.append(_queries(community))
    assert counts[0] == counts[1]
    assert len(report_figures.grid_figures(community, START, END).tables[0].rows) == 10


@pytest.mark.django_db
def test_a_community_report_has_a_grid_sheet_and_the_grids_in_its_pdf(place, settings, tmp_path):
    import io
    import subprocess

    from openpyxl import load_workbook

    from governance.accounts.choices import Role
    from tests.base import make_staff, report_job_of

    settings.MEDIA_ROOT = tmp_path
    _history(place)  # all of it in March 2026, the month of report_job_of
    job = report_job_of(place["community"], by=make_staff(role=Role.COMMUNITY_STAFF, node=place["community"]), built=True)
    assert job.status == "done", job.error
    with job.xlsx.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    assert "网格" in book.sheetnames
    rows = list(book["网格"].iter_rows(values_only=True))
    assert ("第一网格", 4, 0.9, 1, 4, 1, 2) in [
        tuple(row[:7]) for row in rows
    ]  # patrols, per week, unpatrolled, events, on the spot, on time
    assert any(row[0] == "王网格" for row in rows)
    pdf = tmp_path / "grid.pdf"
    with job.pdf.open("rb") as handle:
        pdf.write_bytes(handle.read())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "第一网格" in text and "网格" in text
