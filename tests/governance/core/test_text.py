"""One rule for text entering the portal: a C0 control character is refused, on every path, and nothing is stored."""

import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from rest_framework.test import APIClient

from courtyards.importer import TreeImportError, tree_import, tree_rows_read
from courtyards.models import Community, Courtyard
from governance.core import text
from governance.requests import services
from governance.requests.models import Request, TimelineEvent
from tests.base import make_api_key, make_category
from tests.governance.requests.helpers import file_request

pytestmark = pytest.mark.django_db

BAD_TITLE = "路灯\x01不亮"


def test_every_text_field_of_every_project_model_carries_the_rule():
    project = [m for m in apps.get_models() if m.__module__.split(".")[0] in text.PROJECT_PACKAGES]
    fields = [(m._meta.label, f.name) for m in project for f in text.text_fields(m)]
    assert len(project) > 40 and len(fields) > 100
    missing = [
        label for label, name in fields if text.refuse_control_characters not in apps.get_model(label)._meta.get_field(name).validators
    ]
    assert missing == []
    third_party = apps.get_model("auth", "Group")._meta.get_field("name")
    assert text.refuse_control_characters not in third_party.validators


@pytest.mark.parametrize(
    ("value", "code"), [("\x00", "U+0000"), ("a\x01b", "U+0001"), ("\x07", "U+0007"), ("\x1b[31m", "U+001B"), ("\x0b", "U+000B")]
)
def test_the_rule_names_the_character(value, code):
    with pytest.raises(ValidationError) as refused:
        text.refuse_control_characters(value)
    assert code in refused.value.messages[0]


def test_tabs_line_breaks_and_chinese_pass():
    text.refuse_control_characters("第一行\t甲\r\n第二行 ✓ 😀")


def test_the_page_form_refuses_it_and_stores_nothing(demo, client):
    client.force_login(demo.resident)
    before = Request.objects.count()
    page = client.post("/requests/new/", {"category": "facilities", "place": "unit", "title": BAD_TITLE, "text": "院落门口"})
    assert page.status_code == 200 and "U+0001" in page.text
    assert Request.objects.count() == before


def test_the_api_refuses_it_with_a_field_error(demo):
    api = APIClient()
    api.force_authenticate(demo.resident)
    before = Request.objects.count()
    answer = api.post("/api/v1/requests/", {"category": "roads", "title": BAD_TITLE, "text": "有坑"}, format="json")
    assert answer.status_code == 400 and "U+0001" in str(answer.json()["fields"]["title"])
    assert Request.objects.count() == before


def test_open311_refuses_it_in_a_description(demo, client):
    make_category(code="roads-311", name_zh="道路")
    make_api_key()
    before = Request.objects.count()
    data = {"api_key": "test-open311-key", "service_code": "roads-311", "address_id": "xinhong", "description": "井盖\x07缺失"}
    answer = client.post("/open311/v2/requests.json", data)
    assert answer.status_code == 400 and "U+0007" in answer.json()[0]["description"]
    assert Request.objects.count() == before


def test_the_admin_refuses_it_in_a_courtyard_name(demo, client):
    client.force_login(demo.admin)
    data = {"name": "锦绣\x01院", "code": "t-ctl", "community": demo.xinhong.pk, "kind": "courtyard", "address": ""}
    page = client.post("/admin/courtyards/courtyard/add/", data)
    assert page.status_code == 200 and "U+0001" in page.text
    assert not Courtyard.objects.filter(code="t-ctl").exists()


def test_the_tree_import_refuses_it_with_the_row_and_writes_nothing(demo):
    header = "district_code,street_code,community_code,community_name"
    data = f"{header}\nchenghua,shuangqiaozi,t-ok,锦绣社区\nchenghua,shuangqiaozi,t-bad,坏\x01社区\n".encode()
    with pytest.raises(TreeImportError) as refused:
        tree_import(rows=tree_rows_read(data=data, filename="tree.csv"))
    assert [(e.row, e.column) for e in refused.value.errors] == [(3, "community_name")] and "U+0001" in str(refused.value)
    assert not Community.objects.filter(code__in=["t-ok", "t-bad"]).exists()


def test_a_service_that_saves_without_full_clean_refuses_it_too(demo):
    request = file_request(demo)
    with pytest.raises(ValidationError) as refused:
        services.request_note(request=request, by=demo.community, note="已联系\x01物业")
    assert "note" in refused.value.message_dict
    assert not TimelineEvent.objects.filter(request=request, note__contains="物业").exists()


def test_a_save_of_other_fields_leaves_an_old_bad_row_movable(demo):
    """Rows stored before the rule may hold a control character: saving other columns still works."""
    request = file_request(demo)
    Request.objects.filter(pk=request.pk).update(title=BAD_TITLE)
    request.refresh_from_db()
    request.supervised = True
    request.save(update_fields=["supervised"])
    assert Request.objects.get(pk=request.pk).supervised


def test_text_scrub_cleans_rows_stored_before_the_rule_so_their_workflow_moves_on(demo):
    request = file_request(demo)
    Request.objects.filter(pk=request.pk).update(title=BAD_TITLE, text="第一行\n第\x1b二行")
    out = io.StringIO()
    call_command("text_scrub", "--dry-run", stdout=out)
    assert "requests.Request.title: 1" in out.getvalue() and Request.objects.get(pk=request.pk).title == BAD_TITLE
    call_command("text_scrub", stdout=io.StringIO())
    request.refresh_from_db()
    assert (request.title, request.text) == ("路灯不亮", "第一行\n第二行")
    services.request_accept(request=request, by=demo.community)
    assert Request.objects.get(pk=request.pk).status == "accepted"
