from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeKind(models.TextChoices):
    SPECIALISED = "specialised", _("Specialised committee")
    COUNCIL = "council", _("Council")
    COURTYARD_GROUP = "courtyard_group", _("Courtyard self-governance group")
    BUILDING_GROUP = "building_group", _("Building self-governance group")
    FEDERATION = "federation", _("Street federation of residents' self-governance")


class CommitteeTopic(models.TextChoices):
    """The six specialised committees of the seed."""

    PUBLIC_ENVIRONMENT = "public_environment", _("Public environment")
    CO_BUILDING = "co_building", _("Co-building and coordination")
    SAFETY_MEDIATION = "safety_mediation", _("Safety and mediation")
    PUBLIC_AFFAIRS = "public_affairs", _("Public affairs development")
    WELFARE = "welfare", _("Community welfare")
    PUBLIC_OPINION = "public_opinion", _("Public opinion")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class CouncilSeat(models.TextChoices):
    """The "1+6" of a resettlement area: the party branch and six bodies."""

    PARTY_BRANCH = "party_branch", _("Party branch")
    MANAGEMENT_COMMITTEE = "management_committee", _("Management committee")
    DELIBERATION_COUNCIL = "deliberation_council", _("Deliberation council")
    CITIZEN_CENTRE = "citizen_centre", _("Citizen centre")
    OWNERS_COMMITTEE = "owners_committee", _("Owners' committee")
    PROPERTY_COMPANY = "property_company", _("Property company")
    COLLECTIVE_ECONOMY = "collective_economy", _("Collective economic organisation")


# The seats an outside organisation holds through its representative: the seat names the organisation.
ORGANISATION_SEATS = frozenset({CouncilSeat.PROPERTY_COMPANY, CouncilSeat.COLLECTIVE_ECONOMY})


class DecisionRule(models.TextChoices):
    """What a motion needs to pass, as the body's charter says."""

    MAJORITY_PRESENT = "majority_present", _("Simple majority of the members present")
    TWO_THIRDS_PRESENT = "two_thirds_present", _("Two-thirds of the members present")
    MAJORITY_MEMBERS = "majority_members", _("Majority of all members")


class QuorumRule(models.TextChoices):
    """How many members must be in the room before the body may decide anything."""

    MORE_THAN_HALF = "more_than_half", _("More than half of the members")
    TWO_THIRDS = "two_thirds", _("Two-thirds of the members")
    FIXED = "fixed", _("A fixed number of members")


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class NeedStatus(models.TextChoices):
    """The council cycle: raised together, deliberated together, carried out together."""

    RAISED = "raised", _("Raised")
    ON_AGENDA = "on_agenda", _("On an agenda")
    DECIDED = "decided", _("Decided")
    IN_PROGRESS = "in_progress", _("Being carried out")
    DONE = "done", _("Implemented")
    DECLINED = "declined", _("Declined")
