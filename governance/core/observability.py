"""What the portal shows of itself to whoever runs it: JSON logs carrying a request id, and Prometheus metrics.

The request id is the client's `X-Request-ID` when it sends a sane one, else a new one; it is answered in the
same header, written on every log line of the request, and carried in the headers of the tasks the request
enqueues, so a worker's log lines of that task carry it too. Counters live in the cache (Redis in
production): every gunicorn worker and Celery process adds to the same figures, which a per-process
registry would not. Gauges (the age of the oldest pending notification, ...) are asked when scraped, from
functions the apps register (`register_gauge`), as they register links and sections.
"""

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.cache import cache
from kombu.exceptions import ChannelError

logger = logging.getLogger("governance.tasks")
request_id: ContextVar[str] = ContextVar("request_id", default="")
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"


class RequestIdMiddleware:
    """First in the stack: every later log line of the request knows its id, and so does the client."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        # Not reset on the way out: Django logs a 4xx/5xx after the middleware returns, and that line needs
        # the id too; the next request on this thread sets its own before anything logs.
        request_id.set(given if SANE_ID.match(given) else uuid.uuid4().hex)
        response = self.get_response(request)
        response[HEADER] = request_id.get()
        counter_add(f"http_requests_total|method={request.method}|status={response.status_code // 100}xx")
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: what log collectors (Loki, ELK, 阿里云 SLS) read without a parser of their own."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or request_id.get(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


# --- Celery: the id travels in the task's headers ------------------------------------------------------------


def task_publish_tag(headers=None, **_kwargs):
    if headers is not None and request_id.get():
        headers["request_id"] = request_id.get()


def task_start(task=None, **_kwargs):
    task.request.request_id_token = request_id.set(getattr(task.request, "request_id", None) or f"task-{task.request.id}")
    logger.info("task %s started", task.name)


def task_end(task=None, state=None, **_kwargs):
    counter_add(f"celery_tasks_total|task={task.name}|state={state or 'UNKNOWN'}")
    token = getattr(task.request, "request_id_token", None)
    if token is not None:
        request_id.reset(token)


def connect_celery_signals() -> None:
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(task_publish_tag, weak=False)
    task_prerun.connect(task_start, weak=False)
    task_postrun.connect(task_end, weak=False)


# --- Metrics -------------------------------------------------------------------------------------------------

COUNTERS_KEY = "metrics:counters"  # the names of every counter, so a scrape reads them in one round trip


def counter_add(name: str, amount: int = 1) -> None:
    """Add to a counter shared by every process; a cache outage loses a count, never a request."""
    try:
        if not cache.add(f"metrics:{name}", amount, timeout=None):
            cache.incr(f"metrics:{name}", amount)
        names = cache.get(COUNTERS_KEY) or set()
        if name not in names:
            cache.set(COUNTERS_KEY, names | {name}, timeout=None)
    except Exception:  # metrics must never fail a request
        logging.getLogger("governance.metrics").debug("counter %s not counted", name, exc_info=True)


@dataclass(frozen=True)
class Gauge:
    name: str
    help: str
    read: Callable[[], dict[str, float] | float]  # a value, or {label text: value}


GAUGES: dict[str, Gauge] = {}


def register_gauge(*, name: str, help: str, read: Callable) -> None:
    GAUGES[name] = Gauge(name, help, read)


def _counter_lines() -> list[str]:
    names = sorted(cache.get(COUNTERS_KEY) or set())
    values = cache.get_many([f"metrics:{name}" for name in names])
    lines, typed = [], set()
    for name in names:
        metric, *labels = name.split("|")
        if metric not in typed:
            lines.append(f"# TYPE {metric} counter")
            typed.add(metric)
        label_text = ",".join(f'{k}="{v}"' for k, v in (label.split("=", 1) for label in labels))
        lines.append(f"{metric}{{{label_text}}} {values.get(f'metrics:{name}', 0)}")
    return lines


def _gauge_lines() -> list[str]:
    lines = []
    for gauge in GAUGES.values():
        lines += [f"# HELP {gauge.name} {gauge.help}", f"# TYPE {gauge.name} gauge"]
        value = gauge.read()
        for labels, number in value.items() if isinstance(value, dict) else [("", value)]:
            lines.append(f"{gauge.name}{{{labels}}} {number:g}" if labels else f"{gauge.name} {number:g}")
    return lines


def metrics_text() -> str:
    started = time.monotonic()
    lines = _counter_lines() + _gauge_lines()
    lines.append(f"portal_metrics_scrape_seconds {time.monotonic() - started:.4f}")
    return "\n".join(lines) + "\n"


def queue_lengths() -> dict[str, float]:
    """Messages waiting in each queue of the portal, asked of the broker (Redis or RabbitMQ alike)."""
    from django.conf import settings

    from governance.celery import app

    names = [settings.CELERY_TASK_DEFAULT_QUEUE, *settings.CELERY_QUEUES_BY_KIND.values()]
    with app.connection_for_read() as conn:
        return {f'queue="{name}"': _queue_length(conn, name) for name in names}


def _queue_length(conn, name: str) -> int:
    channel = conn.channel()  # a failed passive declare closes its channel on RabbitMQ: one channel a queue
    try:
        return channel.queue_declare(queue=name, passive=True).message_count
    except ChannelError:
        return 0  # never declared: nothing was ever sent to it
    finally:
        channel.close()
