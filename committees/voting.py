"""The rules of a vote: who is in the room, the quorum, what a motion needs to pass, a roll call's totals.

`decision_record` asks `count` and records what it answers; nothing else decides an outcome, so a
meeting cannot record "0 for, 50 against, adopted". Every refusal is a ValidationError a person can
read, raised before anything is written.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import DecisionRule, Outcome, QuorumRule, VoteChoice
from .models import Attendance, Committee, Meeting

Totals = tuple[int, int, int]  # for, against, abstaining
MAX_VOTES = 10_000  # far above any body's size; bigger numbers are typing mistakes


@dataclass(frozen=True)
class Room:
    """The meeting as attendance recorded it: its members (one attendance row each) and who was present."""

    members: int
    present_ids: frozenset[int]
    quorum: int

    @property
    def present(self) -> int:
        return len(self.present_ids)


def quorum_of(committee: Committee, members: int) -> int:
    """How many must be present: more than half unless the body says otherwise."""
    if committee.quorum_rule == QuorumRule.FIXED:
        return committee.quorum_count or 1
    if committee.quorum_rule == QuorumRule.TWO_THIRDS:
        return (2 * members + 2) // 3
    return members // 2 + 1


def room_of(meeting: Meeting) -> Room:
    rows = list(Attendance.objects.filter(meeting=meeting).values_list("membership_id", "present"))
    present = frozenset(pk for pk, here in rows if here)
    return Room(members=len(rows), present_ids=present, quorum=quorum_of(meeting.committee, len(rows)))


def votes_needed(rule: str, room: Room) -> int:
    """Votes for that carry a motion: a majority (or two-thirds) of those present, or a majority of all members."""
    if rule == DecisionRule.MAJORITY_MEMBERS:
        return room.members // 2 + 1
    if rule == DecisionRule.TWO_THIRDS_PRESENT:
        return (2 * room.present + 2) // 3
    return room.present // 2 + 1


def outcome_of(rule: str, room: Room, votes_for: int) -> str:
    return Outcome.ADOPTED if votes_for >= votes_needed(rule, room) else Outcome.REJECTED


def tally(choices: Iterable[str]) -> Totals:
    counted = Counter(choices)
    return counted[VoteChoice.FOR], counted[VoteChoice.AGAINST], counted[VoteChoice.ABSTAIN]


def count(*, committee: Committee, room: Room, typed: tuple, ballots: Mapping[int, str], outcome: str = "") -> tuple[Totals, str]:
    """The totals and the outcome of a motion, or a ValidationError saying why it cannot be recorded."""
    quorum_check(room)
    if outcome and outcome not in Outcome.values:
        raise ValidationError(_("Choose an outcome from the list."))
    if outcome == Outcome.DEFERRED:
        return _deferred(typed, ballots), outcome
    totals = _totals(typed, ballots, room)
    return totals, _checked_outcome(committee.decision_rule, room, totals[0], outcome)


def quorum_check(room: Room) -> None:
    if room.members == 0:
        raise ValidationError(_("Record who is present before recording a decision."))
    if room.present < room.quorum:
        raise ValidationError(
            _("No quorum: %(present)s of %(members)s members are present and this body needs %(quorum)s, so it cannot decide.")
            % {"present": room.present, "members": room.members, "quorum": room.quorum}
        )


def _deferred(typed: tuple, ballots: Mapping[int, str]) -> Totals:
    if ballots or any(typed):
        raise ValidationError(_("A deferred motion is not put to the vote: leave the votes empty."))
    return 0, 0, 0


def _totals(typed: tuple, ballots: Mapping[int, str], room: Room) -> Totals:
    if ballots:
        return _roll_call(typed, ballots, room)
    if all(value is None for value in typed):
        raise ValidationError(_("Give the votes: the totals, or each member’s vote in the roll call."))
    totals = tuple(value or 0 for value in typed)
    if any(value < 0 or value > MAX_VOTES for value in totals):
        raise ValidationError(_("Votes are counted in whole numbers from zero."))
    if sum(totals) > room.present:
        raise ValidationError(
            _(
                "For, against and abstaining add up to %(cast)s, but only %(present)s members are present: "
                "the votes cannot be more than the members present."
            )
            % {"cast": sum(totals), "present": room.present}
        )
    return totals


def _roll_call(typed: tuple, ballots: Mapping[int, str], room: Room) -> Totals:
    if not set(ballots) <= room.present_ids:
        raise ValidationError(_("Only members recorded as present vote in the roll call."))
    if not set(ballots.values()) <= set(VoteChoice.values):
        raise ValidationError(_("Each vote is for, against or abstain."))
    totals = tally(ballots.values())
    if any(value is not None and value != counted for value, counted in zip(typed, totals, strict=True)):
        raise ValidationError(
            _("The roll call counts %(for)s for, %(against)s against and %(abstain)s abstaining; the totals typed differ.")
            % dict(zip(("for", "against", "abstain"), totals, strict=True))
        )
    return totals


def _checked_outcome(rule: str, room: Room, votes_for: int, typed: str) -> str:
    """The outcome the rule gives; one typed by hand must agree with it."""
    computed = outcome_of(rule, room, votes_for)
    if typed and typed != computed:
        raise ValidationError(
            _(
                "By this body’s rule (%(rule)s) %(needed)s votes for are needed with %(present)s present: "
                "%(votes_for)s for means “%(computed)s”, not “%(typed)s”."
            )
            % {
                "rule": DecisionRule(rule).label,
                "needed": votes_needed(rule, room),
                "present": room.present,
                "votes_for": votes_for,
                "computed": Outcome(computed).label,
                "typed": Outcome(typed).label,
            }
        )
    return computed
