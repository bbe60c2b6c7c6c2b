"""Organisers are the real bodies: a worker names an association of their community, and the
association's leaders (or a committee's chairs) approve the volunteer hours of what it organised."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from associations import services as association_services
from associations.choices import Anchor, AssociationKind, EnterpriseKind
from committees import services as committee_services
from committees.choices import CommitteeKind, MemberRole
from courtyards.models import Community
from governance.activities import selectors, services
from governance.activities.choices import HoursStatus, OrganiserKind
from governance.activities.models import Activity, Organiser, VolunteerHours
from tests.base import make_user, queries_of

from .helpers import log
from .test_views import log_form_data

pytestmark = pytest.mark.django_db


def new_association(community, *, name: str = "院落花友会", leader=None):
    association = association_services.association_create(place=community, name=name, kind=AssociationKind.SERVICE, anchor=Anchor.COMMUNITY)
    if leader is not None:
        association_services.leader_appoint(association=association, user=leader)
    return association


def reported_hours(activity: Activity, hours: str = "3") -> VolunteerHours:
    volunteer = make_user(display_name="志愿者小王")
    return services.volunteer_hours_report(activity=activity, volunteer=volunteer, hours=hours)


# --- a worker names the real body --------------------------------------------------------


def test_a_worker_picks_an_association_of_their_community_on_the_quick_form(demo, client):
    flowers = new_association(demo.xinhong)
    client.force_login(demo.worker)
    form = client.get(reverse("activities:log")).context["form"]
    assert form.fields["organiser"].valid_value(f"association:{flowers.pk}")
    assert not Organiser.objects.filter(association=flowers).exists(), "the form writes nothing until it is used"

    for _ in range(2):
        response = client.post(reverse("activities:log"), log_form_data(demo, organiser=f"association:{flowers.pk}"))
        assert response.status_code == 302
    organiser = Organiser.objects.get(association=flowers)
    assert (organiser.name, organiser.kind, organiser.code, organiser.community_id) == (
        "院落花友会",
        OrganiserKind.ASSOCIATION,
        flowers.code,
        demo.xinhong.pk,
    )
    assert Activity.objects.filter(organiser=organiser).count() == 2, "the second activity reuses the same organiser"


def test_a_body_of_another_community_is_not_offered_and_cannot_be_posted(demo, client):
    elsewhere = new_association(Community.objects.get(code="hualin"), name="华林书画社")
    client.force_login(demo.worker)
    form = client.get(reverse("activities:log")).context["form"]
    assert not form.fields["organiser"].valid_value(f"association:{elsewhere.pk}")
    response = client.post(reverse("activities:log"), log_form_data(demo, organiser=f"association:{elsewhere.pk}"))
    assert response.status_code == 200 and response.context["form"].errors["organiser"]
    assert not Organiser.objects.filter(association=elsewhere).exists()


def test_the_alliance_enterprises_and_committees_of_the_street_are_offered(demo, client):
    pharmacy = association_services.enterprise_create(street=demo.xinhong.street, name="街坊药房", kind=EnterpriseKind.SHOP)
    outsider = association_services.enterprise_create(
        street=demo.xinhong.street, name="不在联盟的小店", kind=EnterpriseKind.SHOP, alliance_member=False
    )
    client.force_login(demo.worker)
    field = client.get(reverse("activities:log")).context["form"].fields["organiser"]
    assert field.valid_value(f"enterprise:{pharmacy.pk}")
    assert not field.valid_value(f"enterprise:{outsider.pk}")
    safety = selectors.organiser_bodies_for(user=demo.worker)["committee"][0]
    assert field.valid_value(f"committee:{safety.pk}")


def test_an_organiser_typed_in_before_the_body_existed_is_linked_not_duplicated(demo):
    stand_in = services.organiser_create(node=demo.xinhong, name="老名字", kind=OrganiserKind.ASSOCIATION, code="xinhong-flowers")
    flowers = association_services.association_create(
        place=demo.xinhong, name="院落花友会", kind=AssociationKind.SERVICE, anchor=Anchor.COMMUNITY, code="xinhong-flowers"
    )
    organiser = services.organiser_for(body=flowers)
    assert organiser.pk == stand_in.pk and organiser.association == flowers and organiser.name == "院落花友会"
    assert services.organiser_for(body=flowers).pk == stand_in.pk


def test_a_street_committee_organises_for_the_whole_street(demo):
    federation = committee_services.committee_create(place=demo.xinhong.street, name="街道议事会", kind=CommitteeKind.FEDERATION)
    organiser = services.organiser_for(body=federation)
    assert (organiser.kind, organiser.community_id, organiser.street_id) == ("committee", None, demo.xinhong.street_id)


def test_an_organiser_is_linked_to_at_most_one_body_of_its_own_kind(demo):
    flowers = new_association(demo.xinhong)
    wrong_kind = Organiser(name="花友会", kind=OrganiserKind.COMMITTEE, association=flowers, street=demo.xinhong.street)
    wrong_kind.district_id = demo.xinhong.district_id
    with pytest.raises(ValidationError):
        wrong_kind.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        wrong_kind.save()


# --- the organiser approves volunteer hours ---------------------------------------------


def test_the_leader_of_the_organising_association_approves_a_volunteer_s_hours(demo, client):
    leader = make_user(display_name="花友会会长")
    flowers = new_association(demo.xinhong, leader=leader)
    activity = log(by=demo.worker, community=demo.xinhong, type_code="volunteer", organiser=services.organiser_for(body=flowers))
    entry = reported_hours(activity)

    client.force_login(leader)
    assert reverse("activities:hours_queue") in client.get(reverse("activities:mine")).content.decode(), "the leader finds the queue"
    queue = client.get(reverse("activities:hours_queue"))
    assert queue.status_code == 200 and list(queue.context["page"]) == [entry]
    response = client.post(
        reverse("activities:hours_decide", kwargs={"code": activity.code, "hours_id": entry.pk}), {"decision": "approve"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("activities:hours_queue")
    entry.refresh_from_db()
    assert entry.status == HoursStatus.APPROVED and entry.decided_by == leader
    assert selectors.approved_hours_total(user=entry.volunteer)["hours"] == 3
    assert selectors.node_totals(node=demo.xinhong)["volunteer_hours"] >= 3


def test_a_leader_of_another_association_gets_404(demo, client):
    flowers = new_association(demo.xinhong)
    other_leader = make_user(display_name="书画社社长")
    new_association(demo.xinhong, name="书画社", leader=other_leader)
    activity = log(by=demo.worker, community=demo.xinhong, type_code="volunteer", organiser=services.organiser_for(body=flowers))
    entry = reported_hours(activity)

    client.force_login(other_leader)
    url = reverse("activities:hours_decide", kwargs={"code": activity.code, "hours_id": entry.pk})
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert client.get(reverse("activities:hours_queue")).status_code == 404
    assert reverse("activities:hours_queue") not in client.get(reverse("activities:mine")).content.decode()
    entry.refresh_from_db()
    assert entry.status == HoursStatus.PENDING
    assert not services.hours_may_decide(other_leader, activity)


def test_the_chair_of_the_organising_committee_may_reject_hours(demo):
    chair = make_user(display_name="专委会主任")
    committee = committee_services.committee_create(place=demo.xinhong, name="院落环境专委会", kind=CommitteeKind.SPECIALISED)
    committee_services.membership_appoint(committee=committee, user=chair, role=MemberRole.CHAIR)
    activity = log(by=demo.worker, community=demo.xinhong, type_code="volunteer", organiser=services.organiser_for(body=committee))
    entry = reported_hours(activity, hours="2")
    assert list(selectors.hours_waiting(user=chair)) == [entry]
    services.volunteer_hours_decide(entry=entry, by=chair, approve=False)
    assert selectors.approved_hours_total(user=entry.volunteer)["hours"] == 0


def test_the_leader_s_hours_queue_costs_the_same_with_one_entry_and_with_many(demo, client):
    leader = make_user(display_name="花友会会长")
    organiser = services.organiser_for(body=new_association(demo.xinhong, leader=leader))
    client.force_login(leader)
    reported_hours(log(by=demo.worker, community=demo.xinhong, type_code="volunteer", organiser=organiser))
    one = queries_of(client, reverse("activities:hours_queue"))
    for _ in range(4):
        reported_hours(log(by=demo.worker, community=demo.xinhong, type_code="volunteer", organiser=organiser))
    many = queries_of(client, reverse("activities:hours_queue"))
    print(f"leader's hours queue: {one} queries with 1 entry, {many} with 5")
    assert many == one


def test_the_migration_links_the_stand_ins_whose_kind_and_code_name_a_body(demo):
    from importlib import import_module

    from django.apps import apps

    link_by_code = import_module("governance.activities.migrations.0002_organiser_bodies").link_by_code
    flowers = new_association(demo.xinhong)
    stand_in = services.organiser_create(node=demo.xinhong, name="花友会（旧）", kind=OrganiserKind.ASSOCIATION, code=flowers.code)
    unmatched = services.organiser_create(node=demo.xinhong, name="无名协会", kind=OrganiserKind.ASSOCIATION, code="no-such-body")
    link_by_code(apps, None)
    stand_in.refresh_from_db()
    unmatched.refresh_from_db()
    assert stand_in.association == flowers and unmatched.association is None
