"""Decisions through the API: the same count and rules as the meeting page; a refusal is a 400 that says why and writes nothing."""

import pytest

from committees.models import Decision, Meeting, Vote

pytestmark = pytest.mark.django_db


def _url(meeting) -> str:
    return f"/api/v1/meetings/{meeting.code}/decisions/"


def _held():
    return Meeting.objects.get(committee__code="hualin-public-environment")  # three members, all present


def test_an_impossible_vote_through_the_api_is_a_400_with_the_reason_and_no_row(client, demo):
    meeting = _held()
    before = Decision.objects.count()
    client.force_login(demo.resident2)
    answer = client.post(
        _url(meeting), {"motion": "撤销方案", "votes_for": 0, "votes_against": 50, "outcome": "adopted"}, content_type="application/json"
    )
    assert answer.status_code == 400 and "不能多于到会成员人数" in answer.json()["detail"]
    for bad in (
        {"motion": "x", "outcome": "maybe"},
        {"motion": "x", "votes_for": -1},
        {"motion": "", "votes_for": 1},
        ["not", "an", "object"],
    ):
        assert client.post(_url(meeting), bad, content_type="application/json").status_code == 400, bad
    assert Decision.objects.count() == before


def test_a_chair_records_a_roll_call_through_the_api_and_the_outcome_is_counted(client, demo):
    meeting = _held()
    members = list(meeting.committee.memberships.order_by("pk").values_list("pk", flat=True))
    client.force_login(demo.resident2)
    votes = [{"membership": members[0], "choice": "for"}, {"membership": members[1], "choice": "abstain"}]
    answer = client.post(_url(meeting), {"motion": "补种花草", "votes": votes}, content_type="application/json")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert (body["votes_for"], body["votes_abstaining"], body["outcome"], body["members_present"]) == (1, 1, "rejected", 3)
    assert Vote.objects.filter(decision_id=body["id"]).count() == 2
    twice = [votes[0], votes[0]]
    assert client.post(_url(meeting), {"motion": "再议", "votes": twice}, content_type="application/json").status_code == 400


def test_someone_who_does_not_run_the_body_gets_a_404_and_writes_nothing(client, demo):
    meeting = _held()
    before = Decision.objects.count()
    client.force_login(demo.community)  # 新鸿社区's staff: 华林社区's committee is not theirs
    answer = client.post(_url(meeting), {"motion": "越权", "votes_for": 3}, content_type="application/json")
    assert answer.status_code == 404 and Decision.objects.count() == before
