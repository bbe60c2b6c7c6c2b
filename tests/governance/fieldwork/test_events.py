"""Events found in the field become requests (网格上报), or are resolved on the spot (就地解决) and closed."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from courtyards.models import Courtyard
from governance.accounts.models import User
from governance.fieldwork import events
from governance.fieldwork.models import FieldEvent
from governance.requests import services as request_services
from governance.requests.choices import Source, Status
from governance.requests.models import Category, Request
from tests.governance.requests.helpers import upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def grid_worker(demo) -> User:
    return User.objects.get(username="demo_grid")


def file_event(worker, *, courtyard="xinhong-nanlu", text="消防通道被电动车堵住", **fields) -> FieldEvent:
    return events.field_event_file(
        worker=worker,
        category=Category.objects.get(code="facilities"),
        place=Courtyard.objects.get(code=courtyard),
        text=text,
        idempotency_key=fields.pop("idempotency_key", uuid.uuid4()),
        **fields,
    )


def test_an_event_becomes_a_grid_request_the_community_staff_see_in_their_queue(demo, grid_worker):
    event = file_event(grid_worker, photo_files=[upload()])
    request = Request.objects.get(pk=event.request_id)
    assert (request.source, request.resident, request.filed_by, request.public) == (Source.GRID, grid_worker, grid_worker, False)
    assert request.courtyard.code == "xinhong-nanlu" and request.grid.code == "xinhong-grid-1" and request.photos.count() == 1
    assert (event.reported_by, event.grid_id, event.resolved_on_spot) == (grid_worker, request.grid_id, False)

    staff = Client()
    staff.force_login(demo.community)
    with translation.override("zh-hans"):
        page = staff.get("/manage/requests/?source=grid", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert request.number in page and "网格上报" in page
    others = Request.objects.exclude(source=Source.GRID).filter(community=demo.xinhong).values_list("number", flat=True)
    assert others and not any(number in page for number in others), "the source filter keeps other requests out"


def test_a_resubmitted_event_answers_the_one_it_made(grid_worker):
    key = uuid.uuid4()
    first = file_event(grid_worker, idempotency_key=key)
    again = file_event(grid_worker, idempotency_key=key)
    assert again.pk == first.pk and FieldEvent.objects.filter(idempotency_key=key).count() == 1
    assert Request.objects.filter(source=Source.GRID, text="消防通道被电动车堵住").count() == 1


def test_a_place_outside_the_grid_is_refused_and_nothing_is_written(grid_worker):
    requests_before, events_before = Request.objects.count(), FieldEvent.objects.count()
    with pytest.raises(ValidationError):
        file_event(grid_worker, courtyard="shuanglin")  # 新鸿社区第二网格
    assert (Request.objects.count(), FieldEvent.objects.count()) == (requests_before, events_before)


def test_resolved_on_the_spot_is_a_closed_request_with_the_note_and_the_photo(grid_worker):
    event = file_event(grid_worker, on_spot_note="当场联系车主挪走了电动车", on_spot_photos=[upload()])
    request = Request.objects.get(pk=event.request_id)
    assert event.resolved_on_spot and request.status == Status.CLOSED
    assert request.resolved_at is not None and request.closed_at is not None and request.photos.count() == 1
    resolved = request.events.get(to_status=Status.RESOLVED)
    assert resolved.note == "当场联系车主挪走了电动车" and resolved.actor == grid_worker
    assert list(request.events.exclude(to_status="").values_list("to_status", flat=True).order_by("pk")) == [
        Status.SUBMITTED,
        Status.ACCEPTED,
        Status.IN_PROGRESS,
        Status.RESOLVED,
        Status.CLOSED,
    ]


def test_only_the_worker_who_filed_a_grid_report_resolves_it_on_the_spot(demo, grid_worker):
    event = file_event(grid_worker)
    with pytest.raises(ValidationError):
        request_services.request_resolve_on_spot(request=event.request, by=demo.worker, note="不是我报的")
    resident_request = Request.objects.filter(source=Source.WEB, status=Status.SUBMITTED).first()
    with pytest.raises(ValidationError):
        request_services.request_resolve_on_spot(request=resident_request, by=grid_worker, note="居民的诉求")
    assert Request.objects.get(pk=event.request_id).status == Status.SUBMITTED


def test_a_grid_worker_gets_404_for_a_request_outside_their_grid(demo, grid_worker):
    inside = file_event(grid_worker).request
    outside = Request.objects.filter(community=demo.xinhong).exclude(grid__code="xinhong-grid-1").first()
    assert outside is not None
    client = Client()
    client.force_login(grid_worker)
    assert client.get(f"/manage/requests/{inside.number}/").status_code == 200
    assert client.get(f"/manage/requests/{outside.number}/").status_code == 404


def test_the_event_form_files_from_the_phone(demo, grid_worker):
    client = Client()
    client.force_login(grid_worker)
    form = client.get("/work/grid/events/new/").content.decode()
    assert "新鸿南路院落" in form and "双林" not in form, "only the grid's places are offered"
    data = {"idempotency_key": str(uuid.uuid4()), "category": "facilities", "place": "courtyard:xinhuayuan", "text": "路灯不亮"}
    response = client.post("/work/grid/events/new/", data)
    assert response.status_code == 302 and response["Location"].startswith("/work/grid/")
    event = FieldEvent.objects.get(idempotency_key=data["idempotency_key"])
    assert event.request.courtyard.code == "xinhuayuan" and event.request.source == Source.GRID
    before = FieldEvent.objects.count()
    refused = client.post("/work/grid/events/new/", {**data, "idempotency_key": str(uuid.uuid4()), "place": "courtyard:shuanglin"})
    assert refused.status_code == 200 and FieldEvent.objects.count() == before


def test_someone_without_a_grid_gets_404_for_the_event_form(demo):
    client = Client()
    client.force_login(demo.community)
    assert client.get("/work/grid/events/new/").status_code == 404
    assert client.get("/work/grid/").status_code == 404
