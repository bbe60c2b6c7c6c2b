"""Whoever runs the portal follows a request by its id through the web's and the workers' JSON logs, and scrapes /metrics."""

import io
import json
import logging
import re
import time

import pytest
from django.test import Client

from governance.core.observability import JsonFormatter, RequestIdFilter
from governance.notifications import services as notification_services
from governance.notifications.choices import DeliveryStatus
from governance.notifications.models import Notification
from tests.base import DEMO_PASSWORD


def test_a_request_answers_the_clients_request_id_or_a_new_one(client, db):
    assert client.get("/healthz/ping", HTTP_X_REQUEST_ID="trace-0001-abc").headers["X-Request-ID"] == "trace-0001-abc"
    made = client.get("/healthz/ping", HTTP_X_REQUEST_ID="<script>").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made), "an unsafe id is replaced, not echoed"


def test_log_lines_are_json_with_the_request_id(client, db, settings):
    configured = settings.LOGGING["handlers"]["console"]
    assert (configured["formatter"], configured["filters"]) == ("json", ["request_id"]), "production logs JSON"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logging.getLogger("django.request").addHandler(handler)
    try:
        client.get("/no-such-page/", HTTP_X_REQUEST_ID="trace-0002-abc")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert (line["request_id"], line["level"], line["logger"]) == ("trace-0002-abc", "WARNING", "django.request")
    assert "/no-such-page/" in line["message"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_request_id_follows_a_submission_into_the_task_it_enqueues(demo_tx, celery_worker_process, sms_outbox):
    browser = Client()
    assert browser.post("/accounts/login/", {"username": "demo_resident", "password": DEMO_PASSWORD}).status_code == 302
    home = demo_tx.resident.home_unit
    answer = browser.post(
        "/api/v1/requests/",
        {"category": "roads", "title": "路灯不亮", "text": "新鸿南路路灯不亮", "place": home.code},
        content_type="application/json",
        HTTP_X_REQUEST_ID="trace-0003-submission",
    )
    assert answer.status_code == 201, answer.content
    submitted = Notification.objects.filter(kind="requests.submitted", key__contains=answer.json()["number"])
    deadline = time.monotonic() + 20
    while not submitted.filter(status=DeliveryStatus.DELIVERED).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    log = celery_worker_process.log_path.read_text(errors="replace")
    started = [json.loads(line) for line in log.splitlines() if line.startswith("{") and "notification_deliver started" in line]
    assert [line["request_id"] for line in started] == ["trace-0003-submission"], log[-2000:]


@pytest.mark.django_db
def test_metrics_count_requests_and_tell_the_queues_and_the_oldest_pending_notification(client, demo):
    def scrape() -> str:
        response = client.get("/metrics")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/plain; version=0.0.4")
        return response.content.decode()

    def served(text: str) -> int:
        found = re.search(r'^http_requests_total\{method="GET",status="2xx"\} (\d+)$', text, re.M)
        return int(found.group(1)) if found else 0

    before = served(scrape())
    client.get("/")
    client.get("/")
    text = scrape()
    assert served(text) == before + 3, "the two pages and the first scrape"
    assert re.search(r'^celery_queue_length\{queue="[^"]+\.notifications"\} \d+$', text, re.M)
    notification_services.notification_create(
        recipient=demo.resident, kind="portal.message", key="metrics-1", params={"title": "t", "body": "b"}
    )
    Notification.objects.filter(key="metrics-1").update(status=DeliveryStatus.PENDING, created_at="2020-01-01T00:00:00Z")
    age = float(re.search(r"^notifications_oldest_pending_seconds (\S+)$", scrape(), re.M).group(1))
    assert age > 3600 * 24 * 365
    assert re.search(r"^report_jobs_oldest_unfinished_seconds \S+$", text, re.M)


def test_metrics_are_not_for_the_public(db, settings):
    assert Client(REMOTE_ADDR="203.0.113.7").get("/metrics").status_code == 404
    settings.METRICS_TOKEN = "scrape-secret"
    assert Client().get("/metrics").status_code == 404, "with a token set, this machine needs it too"
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret").status_code == 200
