from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.response import Response

from governance.accounts.scoping import ScopedQuerysetMixin

from .. import selectors, services
from ..filtersets import RequestFilterSet
from ..intake.limits import SubmissionLimitReached, submission_limit_check
from ..models import OWNER_JOINS, Category, Request
from ..workflow.actions import staff_action_run
from . import serializers as api
from .dispatch import DispatchActionsMixin


class RequestViewSet(
    DispatchActionsMixin,
    ScopedQuerysetMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Requests the caller may see: their own, or those of their area. Residents file new ones; staff act on them."""

    queryset = (
        Request.objects.select_related("category", "courtyard", "assignee", "merged_into", *OWNER_JOINS)
        .prefetch_related("photos")
        .order_by("-created_at")
    )
    serializer_class = api.RequestSerializer
    filterset_class = RequestFilterSet
    lookup_field = "number"
    lookup_value_regex = r"[A-Za-z0-9-]+"

    def get_serializer_class(self):
        return api.RequestCreateSerializer if self.action == "create" else super().get_serializer_class()

    @extend_schema(
        request={"multipart/form-data": api.RequestCreateSerializer, "application/json": api.RequestCreateJsonSerializer},
        responses={201: api.RequestSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = self._valid(api.RequestCreateSerializer, request)
        category = Category.objects.filter(code=data["category"], active=True).first()
        if category is None:
            raise ValidationError({"category": [_("No such category.")]})
        place = self._place(request.user, data.get("place"))
        try:
            submission_limit_check(resident=request.user, place=place)
            created = services.request_submit(
                resident=request.user,
                category=category,
                place=place,
                title=data["title"],
                text=data["text"],
                public=data["public"],
                photos_public=data["photos_public"],
                reporter_public=data["reporter_public"],
                source="api",
                photo_files=data.get("photos", []),
            )
        except SubmissionLimitReached as error:
            raise Throttled(detail=" ".join(error.messages)) from None
        return Response(api.RequestSerializer(created).data, status=status.HTTP_201_CREATED)

    def _place(self, user, code):
        """Only where the request form lets the resident file: their home unit, its courtyard or community."""
        if not selectors.places_offered(user=user):
            raise ValidationError({"place": [_("Claim your home first: requests are filed where you live.")]})
        place = selectors.place_offered(user=user, choice=code or "unit")
        if place is None:
            raise ValidationError({"place": [_("You can file a request only at your home unit, its courtyard or its community.")]})
        return place

    @staticmethod
    def _valid(serializer_class, request) -> dict:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(responses=api.TimelineEventSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)  # the whole story, unfiltered
    def timeline(self, request, number=None):
        item = self.get_object()
        inside = selectors.works_on(user=request.user, request=item)
        events = selectors.timeline(request=item, include_internal=inside)
        return Response(api.TimelineEventSerializer(events, many=True, context={"show_actors": inside}).data)

    def _act(self, request, name: str):
        item = self.get_object()  # the gate first: out of scope is 404 whatever the input
        data = self._valid(api.StaffActionSerializer, request)
        staff_action_run(item=item, by=request.user, action=name, **data)
        item.refresh_from_db()
        return Response(api.RequestSerializer(item).data)

    def _resident(self, request, serializer_class, service):
        item = self.get_object()
        data = self._valid(serializer_class, request)
        service(request=item, by=request.user, **data)
        item.refresh_from_db()
        return Response(api.RequestSerializer(item).data)

    @extend_schema(request=api.StaffActionSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, number=None):
        return self._act(request, "accept")

    @extend_schema(request=api.StaffActionSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, number=None):
        return self._act(request, "assign")

    @extend_schema(request=api.StaffActionSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, number=None):
        return self._act(request, "start")

    @extend_schema(request=api.StaffActionSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, number=None):
        return self._act(request, "resolve")

    @extend_schema(request=api.StaffActionSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, number=None):
        return self._act(request, "reject")

    @extend_schema(request=api.StaffActionSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, number=None):
        return self._act(request, "merge")

    @extend_schema(request=api.StaffActionSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def note(self, request, number=None):
        return self._act(request, "note")

    @extend_schema(request=api.StaffActionSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def supervise(self, request, number=None):
        return self._act(request, "supervise")

    @extend_schema(request=api.ConfirmSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, number=None):
        return self._resident(request, api.ConfirmSerializer, services.request_confirm)

    @extend_schema(request=api.ReopenSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, number=None):
        return self._resident(request, api.ReopenSerializer, services.request_reopen)
