"""The timeline reads as sentences: who did what to the request, in the reader's language, never "已提交 · 已提交"."""

import pytest
from django.conf import settings

from governance.accounts.models import User
from governance.requests import services
from governance.requests.dispatch import services as dispatch
from governance.requests.dispatch.models import Department

from .helpers import file_request

pytestmark = pytest.mark.django_db


def walked_through(demo):
    """A request filed by the resident, accepted by the community, dispatched to the street's law enforcement
    team, worked on and resolved by its handler and rated 5 stars by the resident."""
    request = file_request(demo, category="facilities", title="路灯不亮")
    services.request_accept(request=request, by=demo.community)
    roads = Department.objects.get(name="双桥子街道综合行政执法队")
    dispatch.request_dispatch(request=request, by=demo.community, target=f"department:{roads.pk}", note="路灯归执法队")
    handler = User.objects.get(username="demo_handler")
    services.request_start(request=request, by=handler)
    services.request_resolve(request=request, by=handler, note="已更换灯泡")
    services.request_confirm(request=request, by=demo.resident, rating=5, comment="修得很快")
    return request


def timeline_of(page: str) -> str:
    return page.split('class="list timeline"')[1].split("</ol>")[0]


SENTENCES_ZH = [
    "居民已提交诉求",
    "新鸿社区已受理",
    "已派单给双桥子街道综合行政执法队",
    "双桥子街道综合行政执法队正在办理",
    "双桥子街道综合行政执法队已办结",
    "居民已评价：满意",
]


def test_the_resident_reads_each_step_as_a_sentence_and_the_words_people_wrote_below_it(client, demo):
    request = walked_through(demo)
    client.force_login(demo.resident)
    lines = timeline_of(client.get(f"/requests/{request.number}/").text)
    positions = [lines.index(sentence) for sentence in SENTENCES_ZH]
    assert positions == sorted(positions), "in the order they happened"
    assert "已更换灯泡" in lines and "修得很快" in lines
    assert "已提交 · 已提交" not in lines and " · 已受理" not in lines and "状态变更" not in lines


def test_the_staff_read_the_same_sentences_with_who_acted(client, demo):
    request = walked_through(demo)
    client.force_login(demo.community)
    lines = timeline_of(client.get(f"/manage/requests/{request.number}/").text)
    assert all(sentence in lines for sentence in SENTENCES_ZH)
    assert "路灯归执法队" in lines and lines.count("已派单给双桥子街道综合行政执法队") == 1, "the sentence once, the note below"


def test_an_english_reader_reads_the_same_story_in_english(client, demo):
    request = walked_through(demo)
    client.force_login(demo.resident)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    lines = timeline_of(client.get(f"/requests/{request.number}/").text)
    for sentence in [
        "The resident filed the request",
        "新鸿社区 accepted the request",
        "Dispatched to 双桥子街道综合行政执法队",
        "The resident rated it: Satisfied",
    ]:
        assert sentence in lines
    assert "居民" not in lines


@pytest.mark.parametrize(("rating", "word"), [(3, "居民已评价：基本满意"), (2, "居民已评价：不满意")])
def test_the_rating_reads_as_the_word_the_resident_chose(client, demo, rating, word):
    request = file_request(demo)
    for step in (services.request_accept, services.request_start):
        step(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note="已修好")
    services.request_confirm(request=request, by=demo.resident, rating=rating)
    client.force_login(demo.resident)
    assert word in timeline_of(client.get(f"/requests/{request.number}/").text)
