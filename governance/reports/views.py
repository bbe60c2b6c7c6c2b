from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.accounts import permissions
from governance.accounts.choices import SecurityEventKind
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required
from governance.accounts.services import security_event_record
from governance.core.feedback import flash_error
from governance.requests.filtersets import RequestFilterSet

from . import exports, opendata, periods, selectors, services
from .choices import JobStatus, NodeLevel
from .forms import ReportJobForm

JOB_PAGE = 50
DAYS = (30, 90, 365)  # the public statistics' periods: the dashboard's figures of one equal the public page's


def _period(request) -> tuple[date, date, int | None]:
    """The last twelve months, or ?days= one of the public statistics' periods (the same days, the same figures)."""
    days = request.GET.get("days", "")
    if days.isdigit() and int(days) in DAYS:
        return *periods.last_days(int(days)), int(days)
    return *periods.last_twelve_months(), None


@staff_required
def index(request):
    context = {
        "nodes": selectors.nodes_of(user=request.user),
        "jobs": selectors.job_list(user=request.user)[:JOB_PAGE],
        "export_filter": RequestFilterSet(queryset=selectors.export_requests().none(), request=request),
    }
    return render(request, "reports/index.html", context)


@staff_required
def dashboard(request, level: str, code: str):
    node = selectors.node_for(user=request.user, level=level, code=code)
    start, end, days = _period(request)
    context = {
        "node": node,
        "level": level,
        "start": start,
        "end": end,
        "days": days,
        "periods": DAYS,
        **selectors.dashboard(node=node, start=start, end=end),
        "form": ReportJobForm(initial={"start": periods.last_month()[0]}),
        "jobs": selectors.job_list(user=request.user, node=node)[:10],
        "subscribed": level == NodeLevel.STREET and selectors.is_subscribed(user=request.user, street=node),
    }
    return render(request, "reports/dashboard.html", context)


@staff_required
def courtyard_map(request, level: str, code: str):
    """The courtyards of a street or community on a map: loaded into the dashboard by htmx (so the dashboard's
    own cost stays as it was), its metric switched in place; a page of its own without JavaScript."""
    node = selectors.node_for(user=request.user, level=level, code=code)
    place_map = selectors.courtyard_map(user=request.user, node=node, metric=request.GET.get("map", ""))
    if place_map is None:
        raise Http404
    context = {"node": node, "level": level, "map": place_map, "map_metrics": selectors.MAP_METRICS}
    return render(request, "reports/partials/map_section.html" if request.htmx else "reports/map.html", context)


@staff_required
@require_POST
def job_create(request, level: str, code: str):
    node = selectors.node_for(user=request.user, level=level, code=code)
    form = ReportJobForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please check the period of the report."))
        return redirect("reports:dashboard", level=level, code=code)
    try:
        job, _created = services.report_job_request(node=node, requested_by=request.user, **form.cleaned_data)
    except ValidationError as error:
        flash_error(request, error)
        return redirect("reports:dashboard", level=level, code=code)
    return redirect("reports:job", pk=job.pk)


@staff_required
def job_detail(request, pk: int):
    return render(request, "reports/job_detail.html", {"job": selectors.job_for(user=request.user, pk=pk)})


@staff_required
def job_progress(request, pk: int):
    """The progress bar alone, polled by htmx every second while the job is queued or running."""
    job = selectors.job_for(user=request.user, pk=pk)
    response = render(request, "reports/partials/progress.html", {"job": job})
    if job.status in (JobStatus.DONE, JobStatus.FAILED) and request.htmx:
        response["HX-Refresh"] = "true"  # show the files or the error with the whole page
    return response


@staff_required
@require_POST
def job_retry(request, pk: int):
    job = selectors.job_for(user=request.user, pk=pk)
    try:
        services.report_job_retry(job=job)
    except ValidationError as error:
        flash_error(request, error)
    return redirect("reports:job", pk=job.pk)


@staff_required
def job_file(request, pk: int, kind: str):
    """A report's file, only to those who may see the job's node."""
    job = selectors.job_for(user=request.user, pk=pk)
    permissions.require(request.user, Action.VIEW, job.node)  # the job's scope is its node's: ask for the node itself too
    file = {"xlsx": job.xlsx, "pdf": job.pdf}.get(kind)
    if not file:
        raise Http404
    security_event_record(kind=SecurityEventKind.REPORT_DOWNLOADED, actor=request.user, obj=job, request=request, detail=kind)
    return FileResponse(file.open("rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1])


@staff_required
@require_POST
def subscription_toggle(request, code: str):
    street = selectors.node_for(user=request.user, level=NodeLevel.STREET, code=code)
    subscribed = request.POST.get("subscribe") == "1"
    services.subscription_set(user=request.user, street=street, subscribed=subscribed)
    messages.success(
        request, _("You will receive each monthly report.") if subscribed else _("You will no longer receive monthly reports.")
    )
    return redirect("reports:dashboard", level=NodeLevel.STREET, code=code)


def _request_export_queryset(request):
    queryset = permissions.visible(request.user, selectors.export_requests())
    filterset = RequestFilterSet(request.GET, queryset=queryset, request=request)
    if not filterset.is_valid():
        return None
    return filterset.qs.order_by("-created_at", "-pk")


@staff_required
def request_export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    queryset = _request_export_queryset(request)
    if queryset is None:
        messages.error(request, _("The export filters are not valid."))
        return redirect("reports:index")
    security_event_record(
        kind=SecurityEventKind.EXPORT_DOWNLOADED, actor=request.user, request=request, detail=f"{fmt}?{request.GET.urlencode()}"
    )
    if fmt == "csv":
        return exports.csv_response(queryset, exports.REQUEST_COLUMNS, "requests.csv")
    return exports.xlsx_response(queryset, exports.REQUEST_COLUMNS, "requests.xlsx", str(exports.REQUEST_SHEET))


def open_data(request, level: str, code: str):
    node = selectors.node_public(level=level, code=code)
    context = {
        "node": node,
        "level": level,
        "request_columns": [c.key for c in opendata.REQUEST_COLUMNS],
        "rate_columns": opendata.RATE_COLUMNS,
        "activity_columns": opendata.ACTIVITY_COLUMNS,
        "grid_columns": opendata.GRID_COLUMNS,
    }
    return render(request, "reports/open_data.html", context)


def open_data_file(request, level: str, code: str, dataset: str):
    node = selectors.node_public(level=level, code=code)
    datasets = {"requests": opendata.requests_csv, "three-rates": opendata.rates_csv, "activities": opendata.activities_csv}
    build = (datasets | {"grids": opendata.grids_csv}).get(dataset)
    if build is None:
        raise Http404
    security_event_record(kind=SecurityEventKind.EXPORT_DOWNLOADED, obj=node, request=request, detail=f"open data: {dataset}")
    return build(node)
