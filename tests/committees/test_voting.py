"""A meeting's votes are counted, not typed: totals within the members present, quorum, the body's rule, roll calls."""

from itertools import count

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from committees import services
from committees.models import Decision, Vote
from tests.base import make_user

pytestmark = pytest.mark.django_db
_names = count(1)


def meeting_of(demo, *, members: int, present: int, **rules):
    """A body of 新鸿社区 with `members` members, `present` of them recorded in the room of a new meeting."""
    committee = services.committee_create(place=demo.xinhong, name=f"表决测试委员会{next(_names)}", kind="specialised")
    if rules:
        services.committee_update(committee=committee, name=committee.name, description="", is_active=True, **rules)
    people = [services.membership_appoint(committee=committee, user=make_user()) for _ in range(members)]
    meeting = services.meeting_schedule(committee=committee, title="表决会议", starts_at=timezone.now(), place="社区活动室")
    services.attendance_record(meeting=meeting, present_ids={m.pk for m in people[:present]})
    return meeting, people


def refusal(**kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        services.decision_record(motion="增设院落花坛", **kwargs)
    return " ".join(caught.value.messages)


def test_more_votes_than_members_present_is_refused_with_the_numbers_and_nothing_is_written(demo):
    meeting, _people = meeting_of(demo, members=5, present=3)
    message = refusal(meeting=meeting, votes_for=0, votes_against=50, votes_abstaining=0, outcome="adopted")
    assert "50" in message and "3" in message
    assert not Decision.objects.filter(meeting=meeting).exists()
    meeting.refresh_from_db()
    assert meeting.status == "scheduled", "a refused decision changes nothing, not even the meeting's status"


def test_a_meeting_without_quorum_decides_nothing(demo):
    meeting, _people = meeting_of(demo, members=5, present=2)  # more than half of 5 is 3
    message = refusal(meeting=meeting, votes_for=2, votes_against=0, votes_abstaining=0)
    assert "2" in message and "5" in message and "3" in message
    assert not Decision.objects.filter(meeting=meeting).exists()


def test_a_decision_before_attendance_is_recorded_is_refused(demo):
    meeting, _people = meeting_of(demo, members=3, present=0)
    meeting.attendances.all().delete()
    refusal(meeting=meeting, votes_for=1, votes_against=0, votes_abstaining=0)
    assert not Decision.objects.filter(meeting=meeting).exists()


@pytest.mark.parametrize(
    ("quorum", "members", "present", "quorate"),
    [
        ({}, 4, 2, False),  # half is not more than half
        ({}, 4, 3, True),
        ({"quorum_rule": "two_thirds"}, 6, 3, False),
        ({"quorum_rule": "two_thirds"}, 6, 4, True),
        ({"quorum_rule": "fixed", "quorum_count": 4}, 9, 3, False),
        ({"quorum_rule": "fixed", "quorum_count": 4}, 9, 4, True),
    ],
)
def test_the_quorum_is_the_bodys_own(demo, quorum, members, present, quorate):
    meeting, _people = meeting_of(demo, members=members, present=present, **quorum)
    if not quorate:
        refusal(meeting=meeting, votes_for=present, votes_against=0, votes_abstaining=0)
        return
    decision = services.decision_record(meeting=meeting, motion="增设院落花坛", votes_for=present, votes_against=0, votes_abstaining=0)
    assert (decision.members_total, decision.members_present, decision.outcome) == (members, present, "adopted")


@pytest.mark.parametrize(
    ("rule", "members", "present", "votes", "outcome"),
    [
        ("majority_present", 5, 4, (2, 1, 1), "rejected"),  # 2 of 4 present is not a majority
        ("majority_present", 5, 4, (3, 1, 0), "adopted"),
        ("two_thirds_present", 6, 6, (3, 3, 0), "rejected"),
        ("two_thirds_present", 6, 6, (4, 1, 1), "adopted"),
        ("majority_members", 7, 4, (3, 0, 1), "rejected"),  # a majority of those present, not of all seven
        ("majority_members", 7, 4, (4, 0, 0), "adopted"),
    ],
)
def test_the_outcome_is_counted_by_the_bodys_rule(demo, rule, members, present, votes, outcome):
    meeting, _people = meeting_of(demo, members=members, present=present, decision_rule=rule)
    decision = services.decision_record(
        meeting=meeting, motion="增设院落花坛", votes_for=votes[0], votes_against=votes[1], votes_abstaining=votes[2]
    )
    assert (decision.outcome, decision.rule, decision.quorum) == (outcome, rule, members // 2 + 1)


def test_an_outcome_typed_against_the_votes_is_refused_and_one_that_agrees_is_kept(demo):
    meeting, _people = meeting_of(demo, members=3, present=3)
    message = refusal(meeting=meeting, votes_for=1, votes_against=2, votes_abstaining=0, outcome="adopted")
    assert "2" in message, "it says how many votes for were needed"
    assert not Decision.objects.filter(meeting=meeting).exists()
    decision = services.decision_record(
        meeting=meeting, motion="增设院落花坛", votes_for=1, votes_against=2, votes_abstaining=0, outcome="rejected"
    )
    assert decision.outcome == "rejected"


def test_a_deferred_motion_takes_no_votes(demo):
    meeting, _people = meeting_of(demo, members=3, present=2)
    refusal(meeting=meeting, votes_for=2, outcome="deferred")
    decision = services.decision_record(meeting=meeting, motion="增设院落花坛", outcome="deferred")
    assert (decision.outcome, decision.votes_for, decision.votes_against) == ("deferred", 0, 0)


def test_a_roll_call_counts_the_totals_and_keeps_each_vote(demo):
    meeting, people = meeting_of(demo, members=4, present=3)
    ballots = {people[0].pk: "for", people[1].pk: "for", people[2].pk: "against"}
    decision = services.decision_record(meeting=meeting, motion="增设院落花坛", ballots=ballots)
    assert (decision.votes_for, decision.votes_against, decision.votes_abstaining, decision.outcome) == (2, 1, 0, "adopted")
    assert dict(Vote.objects.filter(decision=decision).values_list("membership_id", "choice")) == ballots


def test_a_roll_call_of_an_absent_member_or_with_other_totals_is_refused(demo):
    meeting, people = meeting_of(demo, members=4, present=3)
    refusal(meeting=meeting, ballots={people[0].pk: "for", people[3].pk: "for"})  # people[3] is not in the room
    refusal(meeting=meeting, ballots={people[0].pk: "for", people[1].pk: "for"}, votes_for=3)
    refusal(meeting=meeting, ballots={people[0].pk: "maybe"})
    assert not Decision.objects.filter(meeting=meeting).exists() and not Vote.objects.exists()


def test_attendance_changed_later_leaves_a_decision_as_taken(demo):
    meeting, people = meeting_of(demo, members=4, present=4)
    decision = services.decision_record(meeting=meeting, motion="增设院落花坛", votes_for=3, votes_against=1, votes_abstaining=0)
    services.attendance_record(meeting=meeting, present_ids={people[0].pk})
    decision.refresh_from_db()
    assert (decision.members_present, decision.votes_for, decision.outcome) == (4, 3, "adopted")
