"""A real worker builds a report while the API shows its progress rising to 100."""

import time
from datetime import date

import pytest
from django.urls import reverse

from .data import make_requests


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_progress_of_a_running_job_rises_monotonically_to_100_through_the_api(
    demo_tx, celery_worker_process, client, settings, tmp_path
):
    make_requests(street=demo_tx.shuangqiaozi, count=300, start=date(2026, 1, 1), end=date(2026, 3, 31), seed=9)
    client.force_login(demo_tx.street)
    response = client.post(
        reverse("api:report-job-list"), {"level": "street", "code": "shuangqiaozi", "period_kind": "quarterly", "start": "2026-02-01"}
    )
    assert response.status_code == 201
    url = reverse("api:report-job-detail", kwargs={"pk": response.json()["id"]})
    seen, deadline = [], time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(url).json()
        seen.append(job["progress"])
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.02)
    assert job["status"] == "done", job["error"]
    assert seen == sorted(seen), seen
    assert seen[-1] == 100 and seen[0] < 100
    assert len(set(seen)) >= 3, f"the bar should move through intermediate steps: {seen}"
    assert set(job["files"]) == {"xlsx", "pdf"}
