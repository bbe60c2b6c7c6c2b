"""The training pages: what each office sees and writes, a person's own record, the menus, the query counts."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from governance.accounts.choices import Role
from governance.accounts.models import User
from governance.training import selectors
from governance.training.choices import CertificateKind, CourseKind
from governance.training.models import Attendance, Certificate, Course
from tests.base import make_staff, queries_of

from .helpers import attend, certify, course, grid_worker, session

pytestmark = pytest.mark.django_db
STREET_COURSE, SHENGDENG_COURSE, DISTRICT_COURSE = "网格业务与信息采集", "安全巡查与消防知识", "网格员转社工职业资格培训班"
COURSES = reverse("training:course_list")


@pytest.fixture
def shengdeng_officer(demo):
    return make_staff(role=Role.STREET_STAFF, node=demo.shengdeng)


def _course(title: str) -> Course:
    return Course.objects.get(title=title)


def test_a_street_officer_sees_their_street_s_courses_and_not_another_s(client, demo, shengdeng_officer):
    client.force_login(shengdeng_officer)
    page = client.get(COURSES).text
    assert SHENGDENG_COURSE in page and STREET_COURSE not in page and DISTRICT_COURSE not in page
    assert set(selectors.course_list(user=shengdeng_officer).values_list("title", flat=True)) == {SHENGDENG_COURSE}
    assert client.get(reverse("training:course_detail", args=[_course(STREET_COURSE).code])).status_code == 404
    client.force_login(demo.admin)
    page = client.get(COURSES).text
    assert SHENGDENG_COURSE in page and STREET_COURSE in page and DISTRICT_COURSE in page


def test_a_street_officer_creates_a_course_on_their_street_only(client, demo, shengdeng_officer):
    data = {"title": "哨兵课程", "kind": "safety", "provider": "圣灯街道", "hours": "3", "node": "street:shuangqiaozi"}
    client.force_login(shengdeng_officer)
    assert client.post(reverse("training:course_create"), data).status_code == 200  # 双桥子 is not offered: the form says so
    assert not Course.objects.filter(title="哨兵课程").exists()
    response = client.post(reverse("training:course_create"), {**data, "node": "street:shengdeng"})
    created = Course.objects.get(title="哨兵课程")
    assert response.url == reverse("training:course_detail", args=[created.code])
    assert (created.street, created.district, created.created_by) == (demo.shengdeng, demo.district, shengdeng_officer)
    client.force_login(demo.community)
    assert client.post(reverse("training:course_create"), {**data, "title": "社区课程"}).status_code == 404
    assert not Course.objects.filter(title="社区课程").exists()


def test_sessions_are_added_by_the_course_s_office(client, demo, shengdeng_officer):
    ours = _course(STREET_COURSE)
    data = {"day": "2026-06-02", "start": "09:00", "hours": "2", "place": "会议室", "trainer": "袁工"}
    before = ours.sessions.count()
    client.force_login(shengdeng_officer)
    assert client.post(reverse("training:session_create", args=[ours.code]), data).status_code == 404
    client.force_login(demo.street)
    assert client.post(reverse("training:session_create", args=[ours.code]), data).status_code == 302
    assert ours.sessions.count() == before + 1
    assert ours.sessions.filter(trainer="袁工", place="会议室", hours=2).exists()


def test_attendance_is_recorded_once_per_person_and_only_for_workers_of_the_area(client, demo, shengdeng_officer):
    at = _course(STREET_COURSE).sessions.get()
    trainee = User.objects.get(username="trainee_01")
    url = reverse("training:attendance_record", args=[at.code])
    client.force_login(demo.street)
    for hours in ("3", "3.5"):
        assert client.post(url, {"person": trainee.phone, "hours": hours, "passed": "yes"}).status_code == 302
    row = Attendance.objects.get(session=at, person=trainee)
    assert (str(row.hours), row.passed) == ("3.5", True)
    outside = client.post(url, {"person": "trainee_03", "hours": "3"})  # a grid worker of 华林社区 (圣灯街道)
    assert outside.status_code == 400 and "您辖区内没有使用该用户名或手机号的工作人员" in outside.text
    assert not Attendance.objects.filter(session=at, person__username="trainee_03").exists()
    client.force_login(shengdeng_officer)
    assert client.post(url, {"person": "trainee_01", "hours": "1"}).status_code == 404
    assert Attendance.objects.get(session=at, person=trainee).hours == row.hours
    client.force_login(demo.street)
    page = client.get(reverse("training:session_detail", args=[at.code])).text
    assert "网格员 陈明" in page and "合格" in page


def test_certificates_are_recorded_by_the_office_and_listed_in_its_scope(client, demo, shengdeng_officer):
    data = {"person": "trainee_01", "kind": "assistant_social_worker", "number": "ZL-NEW", "issued_on": "2026-06-01", "issuer": "省人社厅"}
    client.force_login(shengdeng_officer)
    assert client.post(reverse("training:certificate_record"), {**data, "node": "street:shengdeng"}).status_code == 200
    assert not Certificate.objects.filter(number="ZL-NEW").exists()  # trainee_01 works in 双桥子, not in 圣灯
    client.force_login(demo.street)
    assert client.post(reverse("training:certificate_record"), {**data, "node": "street:shuangqiaozi"}).status_code == 302
    assert Certificate.objects.get(number="ZL-NEW").street == demo.shuangqiaozi
    page = client.get(reverse("training:certificate_list")).text
    assert "ZL-NEW" in page and "ZJ2024510007" not in page  # demo_worker's certificate is the district's
    client.force_login(shengdeng_officer)
    assert "ZL-NEW" not in client.get(reverse("training:certificate_list")).text


def test_a_person_sees_their_own_hours_and_certificates(client, demo):
    client.force_login(demo.worker)
    page = client.get(reverse("training:mine")).text
    assert "我的培训" in page and "网格业务与信息采集" in page and "ZJ2024510007" in page and "社会工作师（中级）" in page
    assert "ZL2026510001" not in page  # trainee_01's
    client.force_login(User.objects.get(username="trainee_01"))
    page = client.get(reverse("training:mine")).text
    assert "<dd>20</dd>" in page and "ZL2026510001" in page and "助理社会工作师" in page and "ZJ2024510007" not in page
    client.force_login(demo.resident)
    assert "尚无培训记录" in client.get(reverse("training:mine")).text


def test_my_training_is_in_the_menus_and_courses_on_the_work_page_of_their_managers(client, demo):
    mine = reverse("training:mine")
    client.force_login(demo.worker)
    assert f'href="{mine}"' in client.get("/").text
    client.force_login(demo.resident)
    assert f'href="{mine}"' in client.get(reverse("accounts:profile")).text
    client.force_login(demo.street)
    assert f'href="{COURSES}"' in client.get(reverse("courtyards:manage")).text
    client.force_login(demo.community)
    assert f'href="{COURSES}"' not in client.get(reverse("courtyards:manage")).text


def test_the_lists_cost_the_same_queries_with_one_row_and_with_many(client, demo, shengdeng_officer):
    client.force_login(shengdeng_officer)
    one = queries_of(client, COURSES)
    for n in range(5):
        session(by=shengdeng_officer, course=course(by=shengdeng_officer, node=demo.shengdeng, title=f"课程{n}"), day=date(2026, 4, n + 1))
    assert queries_of(client, COURSES) == one
    person = grid_worker(demo.shengdeng)
    at = _course(SHENGDENG_COURSE).sessions.get()
    attend(by=demo.admin, session=at, person=person, hours=1)
    client.force_login(person)
    one = queries_of(client, reverse("training:mine"))
    for n in range(4):
        attend(
            by=demo.admin,
            session=session(by=demo.admin, course=_course(SHENGDENG_COURSE), day=date(2026, 5, n + 1)),
            person=person,
            hours=1,
        )
        certify(by=demo.admin, node=demo.shengdeng, person=person, kind="safety", number=f"AQ-{n}", issued_on=date(2026, 5, 1))
    assert queries_of(client, reverse("training:mine")) == one


def test_the_words_are_in_chinese_and_english(client, demo):
    with translation.override("zh-hans"):
        assert [str(CourseKind.SOCIAL_WORK.label), str(CertificateKind.ASSISTANT_SOCIAL_WORKER.label)] == ["社工职业资格", "助理社会工作师"]
        assert str(Course._meta.verbose_name) == "培训课程"
    client.force_login(demo.admin)
    assert "培训课程" in client.get(COURSES).text
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(COURSES).text
    assert "Training courses" in page and "Social-work qualification" in page
