from csp import constants as csp
from csp.decorators import csp_update
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularSwaggerSplitView

from governance.celery import app as celery_app

from . import observability, outage

LOOPBACK = {"127.0.0.1", "::1"}


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        return "down"


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        return "down"


def _cache_state() -> str:
    try:
        cache.get("healthz")
        return "ok"
    except Exception:
        return "down"


def healthz(request):
    """Which part is down, for the load balancer and for whoever is on call: 503 while any is."""
    state = {"database": _database_state(), "broker": _broker_state(), "cache": _cache_state()}
    if all(value in {"ok", "in-process"} for value in state.values()):
        return JsonResponse(state)
    return outage.retry_later(JsonResponse(state, status=503))


def metrics(request):
    """Prometheus text format: for the monitoring server (a bearer METRICS_TOKEN), or from this machine without one."""
    token = settings.METRICS_TOKEN
    allowed = request.headers.get("Authorization") == f"Bearer {token}" if token else request.META.get("REMOTE_ADDR") in LOOPBACK
    if not allowed:
        raise Http404
    return HttpResponse(observability.metrics_text(), content_type="text/plain; version=0.0.4; charset=utf-8")


def ping(request):
    """The cheapest answer through the whole middleware stack, touching neither database nor broker:
    bench/load.py measures every route against it."""
    return JsonResponse({"ok": True})


@method_decorator(csp_update({"img-src": [csp.SELF, "data:"]}), name="get")
class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI under the portal's Content-Security-Policy.

    The split view serves its start-up script from a URL instead of inline; the page's styles come
    from a file. Swagger UI's stylesheet draws its icons as data: images, hence the wider img-src here.
    """

    template_name = "api/swagger_ui.html"
