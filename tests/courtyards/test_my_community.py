"""我的社区: a resident lands on their own community (issue 14, point 1); a visitor, staff and a resident without a
verified home keep the district overview, the last with an invitation to say where they live."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committees import needs as need_services
from committees import services as committee_services
from committees.models import Committee
from governance.requests import home as request_home
from governance.requests import services
from governance.requests.choices import Status
from tests.base import make_user
from tests.factories import activity_make
from tests.governance.requests.helpers import file_request

pytestmark = pytest.mark.django_db

FILE_LINK = re.compile(r'<a [^>]*href="/requests/new/"[^>]*>[^<]*提交诉求[^<]*</a>')


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def nav_of(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html[html.index('<nav class="nav"') : html.index("</nav>")])


def hualin_things(demo):
    """A meeting, a need and an activity of 华林社区, which no resident of 新鸿社区 should find on their home."""
    committee = Committee.objects.filter(community=demo.hualin, is_active=True).first()
    soon = timezone.now() + timedelta(days=3)
    committee_services.meeting_schedule(committee=committee, title="华林议事会月度例会", starts_at=soon, place="华林社区会议室")
    need_services.need_raise(user=demo.resident2, title="华林A区增设晾衣架", description="院坝里没有晾衣的地方。")
    activity_make(by=demo.admin, community=demo.hualin, category="volunteer", person_times=0, starts_at=soon)


def test_demo_resident_lands_on_xinhong_with_one_filing_link_their_open_requests_and_nothing_of_hualin(demo, client):
    hualin_things(demo)
    file_request(demo, resident=demo.resident2, title="华林的快递柜")
    client.force_login(demo.resident)
    main = main_of(client.get("/").text)
    assert "我的社区 · 新鸿社区" in main
    assert len(FILE_LINK.findall(main)) == 1, "exactly one 提交诉求 link in <main>"
    assert "院落路灯不亮" in main and "已派单给新鸿社区" in main  # the demo's assigned request and what happens next
    assert "单元门禁损坏" not in main, "a closed request is not followed on the home"
    assert "院落邻里节" in main and "新鸿社区居民公约" in main
    for theirs in ["华林的快递柜", "华林议事会月度例会", "华林A区增设晾衣架", "华林社区"]:
        assert theirs not in main


def test_demo_resident2_lands_on_hualin_and_sees_nothing_of_xinhong(demo, client):
    hualin_things(demo)
    client.force_login(demo.resident2)
    main = main_of(client.get("/").text)
    assert "我的社区 · 华林社区" in main
    assert "华林议事会月度例会" in main and "华林A区增设晾衣架" in main and "希望增设快递柜" in main
    for ours in ["院落路灯不亮", "院落邻里节", "新鸿社区居民公约", "新鸿社区"]:
        assert ours not in main


def test_a_visitor_and_staff_keep_the_district_overview(demo, client):
    for person in [None, demo.community, demo.street]:
        if person:
            client.force_login(person)
        main = main_of(client.get("/").text)
        assert "<h1>成华区</h1>" in main and "我的社区" not in main and "告诉我们您住在哪里" not in main


def test_a_resident_without_a_verified_home_is_invited_to_say_where_they_live(demo, client):
    client.force_login(make_user(display_name="新来的"))
    main = main_of(client.get("/").text)
    assert "告诉我们您住在哪里" in main and 'href="/me/home/"' in main and "成华区" in main
    claim = demo.pending_claim()
    client.force_login(claim.user)
    assert "社区工作人员正在核实您的住址" in main_of(client.get("/").text)


def test_each_state_says_what_happens_next(demo):
    request = file_request(demo)
    step = request_home.next_step(request)
    assert step.startswith("等待") and step.endswith("受理。")
    services.request_accept(request=request, by=demo.community)
    request.refresh_from_db()
    assert "已受理" in request_home.next_step(request)
    services.request_start(request=request, by=demo.community)
    request.refresh_from_db()
    assert "办理中" in request_home.next_step(request) and "前办结" in request_home.next_step(request)
    services.request_resolve(request=request, by=demo.community, note="已修好")
    request.refresh_from_db()
    assert request_home.next_step(request).startswith("已办结，请评价")


def test_the_requests_section_shows_the_residents_followed_requests_only(demo, rf):
    mine = file_request(demo, title="我的路灯")
    theirs = file_request(demo, resident=demo.resident2, title="别人的路灯")
    request = rf.get("/")
    request.user = demo.resident
    context = request_home.context(request, demo.xinhong)
    shown = [row.pk for row, _step in context["rows"]]
    assert mine.pk in shown and theirs.pk not in shown
    assert all(row.status in request_home.FOLLOWED for row, _step in context["rows"])


def test_the_navigation_shows_only_what_the_person_has(demo, client):
    newcomer = make_user(display_name="新住户", home_unit=demo.resident.home_unit)
    client.force_login(newcomer)
    nav = nav_of(client.get("/").text)
    for empty in ["我的诉求", "我负责的", "志愿服务"]:
        assert empty not in nav
    file_request(demo, resident=newcomer)
    assert "我的诉求" in nav_of(client.get("/").text)
    client.force_login(demo.resident)  # leads 社区居民自治协会 and has volunteered
    nav = nav_of(client.get("/").text)
    assert "我的诉求" in nav and "我负责的" in nav and "志愿服务" in nav


def _queries(client) -> int:
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured.captured_queries)


def test_the_home_costs_the_same_queries_with_5_and_with_50_requests(demo, client):
    client.force_login(demo.resident)
    for n in range(5):
        file_request(demo, title=f"路灯{n}")
    with_5 = _queries(client)
    for n in range(45):
        file_request(demo, title=f"更多路灯{n}")
    assert _queries(client) == with_5 <= 20
    assert Status.SUBMITTED in request_home.FOLLOWED
