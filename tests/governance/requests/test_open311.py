"""A civic app talks to the portal through Open311 GeoReport v2 at /open311/v2/."""

import json
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.requests.choices import Source, Status
from governance.requests.models import Request
from governance.requests.services import event_record
from tests.base import OPEN311_TEST_KEY, make_api_key, make_category, make_request, request_set

# The Open311 project's GeoReport v2 schemas (CC BY 3.0, unchanged; see the README there), kept
# with the tests so that conformance is checked on every machine, never skipped.
SCHEMAS = Path(__file__).resolve().parent / "open311_schemas"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_requests")]


def url(name: str, fmt: str = "json", **kwargs) -> str:
    return reverse(f"open311:{name}", kwargs={"fmt": fmt, **kwargs})


@pytest.fixture
def schema_validate():
    import jsonschema
    import referencing
    from referencing.jsonschema import DRAFT4

    # The schemas refer to each other by file name ("$ref": "request.json").
    resources = [(p.name, referencing.Resource(contents=json.loads(p.read_text()), specification=DRAFT4)) for p in SCHEMAS.glob("*.json")]
    registry = referencing.Registry().with_resources(resources)

    def validate(data, schema_name: str) -> None:
        schema = json.loads((SCHEMAS / schema_name).read_text())
        jsonschema.Draft4Validator(schema, registry=registry, format_checker=jsonschema.FormatChecker()).validate(data)

    return validate


@pytest.fixture
def client_app(demo):
    make_category()
    make_category(code="greening", name_zh="绿化", name_en="Greening", accept_hours=48, resolve_hours=240)
    return make_api_key()


def post(client, fmt="json", **data):
    return client.post(url("requests", fmt), data)


def test_services_list_the_categories_valid_against_the_schema(client, client_app, schema_validate):
    answer = client.get(url("services"))
    assert answer.status_code == 200
    schema_validate(answer.json(), "services.json")
    assert {s["service_code"] for s in answer.json()} >= {"noise", "greening"}
    definition = client.get(url("service", code="greening"))
    schema_validate(definition.json(), "service-definition.json")


def test_a_client_posts_a_request_and_reads_it_back(client, client_app, schema_validate, demo):
    answer = post(
        client,
        api_key=OPEN311_TEST_KEY,
        service_code="noise",
        description="夜里广场舞音响太大",
        address_string="新鸿社区",
        lat="30.6701234",
        long="104.1012345",
    )
    assert answer.status_code == 200, answer.content
    created = answer.json()  # the spec's POST answer: only the id and a notice (request.json describes GET records)
    assert set(created[0]) == {"service_request_id", "service_notice"}
    number = created[0]["service_request_id"]
    assert created[0]["service_notice"]
    request = Request.objects.get(number=number)
    assert request.source == Source.OPEN311 and request.resident == client_app.submitter and request.community == demo.xinhong
    assert request.events.filter(to_status=Status.SUBMITTED).exists()

    one = client.get(url("request", number=number)).json()
    schema_validate(one, "requests.json")
    assert one[0]["service_request_id"] == number and one[0]["status"] == "open"
    assert one[0]["lat"] == 30.67 and one[0]["long"] == 104.101  # rounded to about 100 m
    listed = client.get(url("requests"), {"service_request_id": number}).json()
    assert [r["service_request_id"] for r in listed] == [number]


def test_the_record_carries_deadline_owner_and_last_public_note(client, client_app, demo):
    request = make_request(resident=demo.resident, category=make_category(code="greening"))
    event_record(request=request, kind="note", note="已安排园林工人本周处理")
    event_record(request=request, kind="note", note="内部备注：不要公开", public=False)
    record = client.get(url("request", number=request.number)).json()[0]
    assert datetime.fromisoformat(record["expected_datetime"]) == request.resolve_due_at.replace(microsecond=0)
    assert record["expected_datetime"].endswith("+08:00") and record["requested_datetime"].endswith("+08:00")
    assert record["agency_responsible"] == request.owner_label
    assert record["status_notes"] == "已安排园林工人本周处理"
    assert record["address"] == "新鸿社区新鸿南路院落" and record["address_id"] == "xinhong-nanlu"


def test_closed_requests_are_closed_and_have_no_expected_date(client, client_app, demo):
    request = make_request(resident=demo.resident)
    request_set(request, status=Status.CLOSED)
    record = client.get(url("request", number=request.number)).json()[0]
    assert record["status"] == "closed" and record["expected_datetime"] is None
    assert client.get(url("requests"), {"status": "closed"}).json()[0]["service_request_id"] == request.number
    assert request.number not in {r["service_request_id"] for r in client.get(url("requests"), {"status": "open"}).json()}


def test_requests_filter_by_service_and_dates(client, client_app, demo):
    noise = make_request(resident=demo.resident)
    green = make_request(resident=demo.resident, category=make_category(code="greening"))
    assert [r["service_request_id"] for r in client.get(url("requests"), {"service_code": "greening"}).json()] == [green.number]
    assert client.get(url("requests"), {"start_date": "2000-01-01T00:00:00+08:00", "end_date": "2000-12-31"}).json() == []
    both = client.get(url("requests"), {"start_date": "2000-01-01T00:00:00Z"}).json()
    assert {r["service_request_id"] for r in both} == {noise.number, green.number}


def test_private_requests_are_never_listed(client, client_app, demo):
    private = make_request(resident=demo.resident, public=False)
    assert client.get(url("request", number=private.number)).status_code == 404
    assert private.number not in str(client.get(url("requests")).content)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_post_without_a_valid_key_is_refused_in_the_spec_error_format(client, client_app, fmt):
    for key in ("", "wrong-key"):
        answer = post(client, fmt, api_key=key, service_code="noise", description="噪音", address_string="新鸿社区")
        assert answer.status_code == 403
        if fmt == "json":
            assert answer.json() == [{"code": 403, "description": answer.json()[0]["description"]}]
        else:
            error = ET.fromstring(answer.content).find("error")
            assert error.findtext("code") == "403" and error.findtext("description")
    assert not Request.objects.filter(source=Source.OPEN311).exists()


def test_an_inactive_key_is_refused(client, demo):
    make_category()
    make_api_key(key="old-key", active=False)
    assert post(client, api_key="old-key", service_code="noise", description="噪音", address_string="新鸿社区").status_code == 403


@pytest.mark.parametrize(
    "data, words",
    [
        ({"service_code": "nope", "description": "x", "address_string": "新鸿社区"}, "service_code"),
        ({"service_code": "noise", "description": "", "address_string": "新鸿社区"}, "description"),
        ({"service_code": "noise", "description": "x" * 2001, "address_string": "新鸿社区"}, "description"),
        ({"service_code": "noise", "description": "x"}, "address"),
        ({"service_code": "noise", "description": "x", "address_string": "不存在社区"}, "不存在社区"),
        ({"service_code": "noise", "description": "x", "address_id": "shuangqiaozi"}, "address_id"),
        ({"service_code": "noise", "description": "x", "address_id": "xinhong", "lat": "north"}, "lat"),
        ({"service_code": "noise", "description": "x", "address_id": "xinhong", "long": "200"}, "long"),
    ],
)
def test_bad_input_gets_400_with_a_description_and_changes_nothing(client, client_app, data, words):
    answer = post(client, api_key=OPEN311_TEST_KEY, **data)
    assert answer.status_code == 400
    assert words in answer.json()[0]["description"]
    assert not Request.objects.exists()


def test_an_ambiguous_name_is_refused(client, client_app, demo):
    from courtyards import services as tree_services

    tree_services.node_create(level="community", name="新鸿社区", code="xinhong-2", parent=demo.shengdeng)
    answer = post(client, api_key=OPEN311_TEST_KEY, service_code="noise", description="x", address_string="新鸿社区")
    assert answer.status_code == 400 and "address_id" in answer.json()[0]["description"]


def test_address_id_files_at_a_unit_but_answers_show_only_the_courtyard(client, client_app, demo):
    answer = post(client, api_key=OPEN311_TEST_KEY, service_code="noise", description="楼上噪音", address_id="xinhong-nanlu-b1-u1")
    number = answer.json()[0]["service_request_id"]
    assert Request.objects.get(number=number).unit.code == "xinhong-nanlu-b1-u1"
    body = client.get(url("request", number=number)).content.decode() + client.get(url("request", "xml", number=number)).content.decode()
    assert "xinhong-nanlu-b1-u1" not in body and "1栋" not in body and "1单元" not in body


def test_an_open311_report_at_a_residents_unit_never_becomes_that_residents_request(client, client_app, demo):
    """Open311 names public places only: the report is the key's account's, not a resident's of the unit."""
    from rest_framework.test import APIClient

    home = demo.resident.home_unit
    answer = post(client, api_key=OPEN311_TEST_KEY, service_code="noise", description="楼道堆物", address_id=home.code)
    filed = Request.objects.get(number=answer.json()[0]["service_request_id"])
    assert filed.resident == client_app.submitter and filed.source == Source.OPEN311
    client.force_login(demo.resident)
    assert filed.number not in client.get(reverse("requests:mine")).content.decode()
    api = APIClient()
    api.force_authenticate(demo.resident)
    assert filed.number not in {row["number"] for row in api.get("/api/v1/requests/").json()["results"]}
    assert api.post(f"/api/v1/requests/{filed.number}/confirm/", {"rating": 1}, format="json").status_code == 404


def test_unknown_ids_and_services_answer_404(client, client_app):
    assert client.get(url("request", number="CH-2000-000001")).status_code == 404
    assert client.get(url("service", "xml", code="nope")).status_code == 404
    assert client.get(url("services"), {"jurisdiction_id": "elsewhere"}).status_code == 404
    assert client.get(url("services"), {"jurisdiction_id": "chenghua"}).status_code == 200


def test_bad_filters_answer_400(client, client_app):
    assert client.get(url("requests"), {"status": "pending"}).status_code == 400
    assert client.get(url("requests"), {"end_date": "2026-13-45"}).status_code == 400


def test_xml_answers_are_utf8_and_carry_the_same_ids(client, client_app, demo):
    first, second = make_request(resident=demo.resident), make_request(resident=demo.resident2, title="绿地被占")
    as_json = client.get(url("requests")).json()
    answer = client.get(url("requests", "xml"))
    assert answer["Content-Type"].startswith("text/xml") and answer.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(answer.content)
    assert root.tag == "service_requests"
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [r["service_request_id"] for r in as_json]
    assert {first.number, second.number} <= {r.findtext("service_request_id") for r in root.findall("request")}
    assert root.find("request").findtext("description") == as_json[0]["description"]
    services = ET.fromstring(client.get(url("services", "xml")).content)
    assert {s.findtext("service_code") for s in services.findall("service")} == {
        s["service_code"] for s in client.get(url("services")).json()
    }
    posted = ET.fromstring(
        post(client, "xml", api_key=OPEN311_TEST_KEY, service_code="noise", description="噪音", address_string="新鸿南路院落").content
    )
    number = posted.find("request").findtext("service_request_id")
    assert Request.objects.get(number=number).courtyard.code == "xinhong-nanlu"


def test_reporters_are_never_named(client, client_app, demo):
    make_request(resident=demo.resident, reporter_public=True)
    body = client.get(url("requests")).content.decode() + client.get(url("requests", "xml")).content.decode()
    for secret in (demo.resident.display_name, demo.resident.phone, "xinhong-nanlu-b1-u1", "1栋1单元", demo.resident.username):
        assert secret not in body


def test_clients_are_throttled(client, client_app, monkeypatch):
    from governance.requests.open311 import views

    monkeypatch.setattr(views, "WRITES_PER_MINUTE", 3)
    # An address of its own, so parallel test workers sharing the cache neither feed nor reset this count
    # (a reset by another worker's cache.clear() only delays the 429, hence the loop).
    answers = [client.post(url("requests"), {"api_key": "wrong"}, REMOTE_ADDR="203.0.113.9").status_code for _ in range(12)]
    assert answers[0] == 403 and 429 in answers
    refused = client.post(url("requests"), {"api_key": "wrong"}, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code in {403, 429} and refused.json()[0]["code"] == refused.status_code
    assert client.post(url("requests"), {"api_key": "wrong"}, REMOTE_ADDR="203.0.113.10").status_code == 403


def test_reads_are_throttled_at_the_configured_rate(client, client_app, settings):
    settings.OPEN311_READS_PER_MINUTE = 3
    # An address of its own, as above; the loop outlasts a reset by a parallel worker.
    answers = [client.get(url("requests"), REMOTE_ADDR="203.0.113.11").status_code for _ in range(12)]
    assert answers[0] == 200 and 429 in answers
    assert client.get(url("requests"), REMOTE_ADDR="203.0.113.12").status_code == 200


def test_the_request_list_costs_the_same_queries_with_one_request_or_many(client, client_app, demo):
    make_request(resident=demo.resident)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(url("requests")).json()) == 1
    for i in range(20):
        event_record(request=make_request(resident=demo.resident2, title=f"诉求{i}"), kind="note", note=f"已处理{i}")
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url("requests", "xml")).content) and len(client.get(url("requests")).json()) == 21
    assert len(many) == 2 * len(one)


FIELDS = ["api_key", "service_code", "description", "address_id", "address_string", "lat", "long", "jurisdiction_id"]
FIELDS += ["status", "start_date", "end_date", "service_request_id"]
JUNK = ["", " ", "noise", "xinhong", "新鸿社区", "2026-01-01", "2026-02-30T25:00", "open,closed,", "1e999", "nan", "-91", ",,,", "x" * 3000]
JUNK += ["'; drop table requests_request; --", "<b>&amp;</b>", "\u202e", "%00", "噪音\x00", "CH-2026-000001," * 150, OPEN311_TEST_KEY]


def _junk_inputs(n: int = 60) -> list[dict]:
    """Fixed pseudo-random mixes of parameters and bad values: reproducible, no extra library."""
    import random

    rng = random.Random(311)
    return [{field: rng.choice(JUNK) for field in rng.sample(FIELDS, rng.randint(1, len(FIELDS)))} for _ in range(n)]


def test_no_input_makes_the_server_answer_500(client, client_app):
    for i, data in enumerate(_junk_inputs()):
        address = {"REMOTE_ADDR": f"198.51.100.{i}"}  # one client per input: the throttle would hide the real answers
        for answer in (
            client.get(url("requests"), data, **address),
            client.post(url("requests", "xml"), data, **address),
            client.get(url("services"), data, **address),
        ):
            assert answer.status_code in {200, 400, 403, 404}, (answer.status_code, data)
            if answer.status_code != 200:
                assert b"description" in answer.content


def _filed(client, **extra) -> Request:
    answer = post(
        client, api_key=OPEN311_TEST_KEY, service_code="noise", description="夜里广场舞音响太大", address_string="新鸿社区", **extra
    )
    assert answer.status_code == 200, answer.content
    return Request.objects.get(number=answer.json()[0]["service_request_id"])


def test_status_notes_never_publish_the_residents_rating_comment(client, client_app, demo, schema_validate):
    from governance.requests import services

    request = _filed(client)
    services.request_accept(request=request, by=demo.community)
    services.request_assign(request=request, by=demo.community, assignee=demo.worker)
    services.request_start(request=request, by=demo.worker)
    services.request_resolve(request=request, by=demo.community, note="已协调广场舞队调低音量")
    services.request_confirm(request=request, by=client_app.submitter, rating=2, comment="私下说：物业经理很凶")
    assert Request.objects.get(pk=request.pk).rating_comment == "私下说：物业经理很凶"
    for fmt in ("json", "xml"):
        body = client.get(url("request", fmt, number=request.number)).content.decode()
        assert "物业经理很凶" not in body and "已协调广场舞队调低音量" in body
    record = client.get(url("request", number=request.number)).json()
    schema_validate(record, "requests.json")
    assert record[0]["status"] == "closed" and record[0]["status_notes"] == "已协调广场舞队调低音量"
    listed = client.get(url("requests"), {"status": "closed"}).content.decode()
    assert "物业经理很凶" not in listed


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("photos_public", [True, False])
def test_media_url_links_the_first_photo_only_when_the_resident_made_photos_public(
    client, client_app, demo, media, schema_validate, photos_public
):
    from tests.governance.requests.helpers import upload

    request = make_request(resident=demo.resident, photos_public=photos_public, photo_files=[upload(), upload()])
    first = request.photos.order_by("created_at", "pk").first()
    record = client.get(url("request", number=request.number)).json()
    schema_validate(record, "requests.json")
    xml_record = ET.fromstring(client.get(url("request", "xml", number=request.number)).content).find("request")
    photo_path = reverse("requests:photo", kwargs={"code": first.code})
    if photos_public:
        assert record[0]["media_url"] == f"http://testserver{photo_path}" == xml_record.findtext("media_url")
        served = client.get(record[0]["media_url"])  # anonymous: this client never signed in
        assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
        assert b"".join(served.streaming_content)[:2] == b"\xff\xd8"
    else:
        assert record[0]["media_url"] is None and not xml_record.findtext("media_url")
        assert client.get(photo_path).status_code == 404
    listed = {r["service_request_id"]: r["media_url"] for r in client.get(url("requests")).json()}
    assert listed[request.number] == record[0]["media_url"]


def test_a_private_requests_photo_is_never_linked_nor_served(client, client_app, demo, media):
    from tests.governance.requests.helpers import upload

    private = make_request(resident=demo.resident, public=False, photos_public=True, photo_files=[upload()])
    assert private.number not in client.get(url("requests")).content.decode()
    assert client.get(reverse("requests:photo", kwargs={"code": private.photos.get().code})).status_code == 404


# The spec's discovery resource (wiki.open311.org/Service_Discovery) has no schema among the project's files: this is it.
DISCOVERY_SCHEMA = {
    "type": "object",
    "required": ["changeset", "contact", "key_service", "endpoints"],
    "properties": {
        "changeset": {"type": "string", "format": "date-time"},
        "contact": {"type": "string", "minLength": 1},
        "key_service": {"type": "string", "minLength": 1},
        "endpoints": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["specification", "url", "changeset", "type", "formats"],
                "properties": {
                    "specification": {"enum": ["http://wiki.open311.org/GeoReport_v2"]},
                    "url": {"type": "string", "format": "uri"},
                    "changeset": {"type": "string", "format": "date-time"},
                    "type": {"enum": ["production", "test"]},
                    "formats": {"type": "array", "items": {"enum": ["text/xml", "application/json"]}, "minItems": 2},
                },
            },
        },
    },
}


def test_discovery_names_the_georeport_v2_endpoint_in_json_and_xml(client):
    import jsonschema

    answer = client.get(url("discovery"))
    assert answer.status_code == 200
    found = answer.json()
    jsonschema.Draft4Validator(DISCOVERY_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(found)
    endpoint = found["endpoints"][0]
    assert endpoint["url"] == "http://testserver/open311/v2/" and endpoint["type"] == "production"
    assert client.get(endpoint["url"] + "services.json").status_code == 200  # the url is where the endpoints are
    root = ET.fromstring(client.get(url("discovery", "xml")).content)
    assert root.tag == "discovery" and root.findtext("changeset") == found["changeset"]
    assert root.findtext("contact") == found["contact"] and root.findtext("key_service") == found["key_service"]
    xml_endpoint = root.find("endpoints/endpoint")
    assert xml_endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert xml_endpoint.findtext("url") == endpoint["url"] and xml_endpoint.findtext("type") == "production"
    assert [f.text for f in xml_endpoint.findall("formats/format")] == ["text/xml", "application/json"]
    assert client.post(url("discovery")).status_code == 405


@pytest.fixture
def asking(client_app):
    """noise asks when it happens (required, a list), how loud (a number) and what else (several of a list)."""
    from governance.requests.models import CategoryAttribute

    noise = make_category()
    when = [{"key": "night", "name": "夜间"}, {"key": "day", "name": "白天"}]
    CategoryAttribute.objects.create(
        category=noise, code="when", datatype="singlevaluelist", required=True, description_zh="什么时候？", order=1, values=when
    )
    CategoryAttribute.objects.create(category=noise, code="decibels", datatype="number", description_zh="多少分贝？", order=2)
    kinds = [{"key": "music", "name": "音乐"}, {"key": "voices", "name": "人声"}]
    CategoryAttribute.objects.create(
        category=noise, code="kind", datatype="multivaluelist", description_zh="什么声音？", order=3, values=kinds
    )
    return noise


def test_a_service_with_attributes_has_metadata_and_a_definition(client, asking, schema_validate):
    services = {s["service_code"]: s for s in client.get(url("services")).json()}
    assert services["noise"]["metadata"] is True and services["greening"]["metadata"] is False
    definition = client.get(url("service", code="noise")).json()
    schema_validate(definition, "service-definition.json")
    assert [a["code"] for a in definition["attributes"]] == ["when", "decibels", "kind"]
    when = definition["attributes"][0]
    assert when["datatype"] == "singlevaluelist" and when["required"] is True and when["description"] == "什么时候？"
    assert when["values"] == [{"key": "night", "name": "夜间"}, {"key": "day", "name": "白天"}]
    root = ET.fromstring(client.get(url("service", "xml", code="noise")).content)
    assert root.tag == "service_definition" and root.findtext("service_code") == "noise"
    first = root.find("attributes/attribute")
    assert first.findtext("code") == "when" and first.findtext("required") == "true"
    assert [v.findtext("key") for v in first.findall("values/value")] == ["night", "day"]
    assert client.get(url("service", code="greening")).json() == {"service_code": "greening", "attributes": []}


def test_posted_attributes_are_checked_and_stored(client, asking):
    filed = _filed(client, **{"attribute[when]": "night", "attribute[decibels]": "85.5", "attribute[kind]": ["music", "voices"]})
    assert filed.attributes == {"when": "night", "decibels": "85.5", "kind": ["music", "voices"]}


@pytest.mark.parametrize(
    "given, words",
    [
        ({}, "attribute[when]"),
        ({"attribute[when]": "morning"}, "attribute[when]"),
        ({"attribute[when]": ["night", "day"]}, "attribute[when]"),
        ({"attribute[when]": "night", "attribute[decibels]": "loud"}, "attribute[decibels]"),
        ({"attribute[when]": "night", "attribute[decibels]": "nan"}, "attribute[decibels]"),
        ({"attribute[when]": "night", "attribute[kind]": ["music", "dogs"]}, "attribute[kind]"),
    ],
)
def test_a_missing_or_bad_attribute_gets_a_translated_400_and_nothing_is_stored(client, asking, given, words):
    data = {"api_key": OPEN311_TEST_KEY, "service_code": "noise", "description": "噪音", "address_string": "新鸿社区", **given}
    answer = client.post(url("requests"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert answer.status_code == 400
    assert words in answer.json()[0]["description"]
    assert not Request.objects.exists()


def test_the_demo_has_a_category_with_an_attribute(client, demo):
    definition = client.get(url("service", code="roads")).json()
    assert definition["attributes"][0]["code"] == "hazard"
    assert {s["service_code"]: s["metadata"] for s in client.get(url("services")).json()}["roads"] is True


def _as_tree(element: ET.Element):
    """An XML answer read back the way the JSON one is written: the check that both say the same."""
    children = list(element)
    if not children:
        return element.text
    if element.tag in {"services", "service_requests", "attributes", "values", "endpoints", "formats", "errors"}:
        return [_as_tree(child) for child in children]
    return {child.tag: _as_tree(child) for child in children}


def _scalars(value):
    if isinstance(value, dict):
        return {k: _scalars(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scalars(v) for v in value]
    if value is None:
        return None
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def test_every_answer_validates_against_the_schemas_and_the_xml_says_the_same(client, asking, demo, media, schema_validate):
    from tests.governance.requests.helpers import upload

    request = make_request(resident=demo.resident, photos_public=True, photo_files=[upload()])
    event_record(request=request, kind="note", note="已安排处理")
    _filed(client, **{"attribute[when]": "day"})
    answers = {
        ("services", ()): "services.json",
        ("service", (("code", "noise"),)): "service-definition.json",
        ("requests", ()): "requests.json",
        ("request", (("number", request.number),)): "requests.json",
    }
    for (name, kwargs), schema in answers.items():
        as_json = client.get(url(name, **dict(kwargs))).json()
        schema_validate(as_json, schema)
        as_xml = _as_tree(ET.fromstring(client.get(url(name, "xml", **dict(kwargs))).content))
        assert as_xml == _scalars(as_json) or (as_xml is None and as_json == []), name
    refused = client.get(url("request", "xml", number="CH-2000-000001"))
    assert _as_tree(ET.fromstring(refused.content)) == _scalars(client.get(url("request", number="CH-2000-000001")).json())
