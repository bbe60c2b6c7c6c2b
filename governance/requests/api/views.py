from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.response import Response

from governance.accounts.scoping import ScopedQuerysetMixin

from .. import selectors, services
from ..clock import extensions as clock_extensions
from ..clock import selectors as clock_selectors
from ..filtersets import RequestFilterSet
from ..intake.limits import SubmissionLimitReached, submission_limit_check
from ..models import OWNER_JOINS, Category, Request, RequestExtension
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

    @extend_schema(request=api.StaffActionSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def pause(self, request, number=None):
        """挂起: waiting for the resident; `note` says what for (the resident reads it)."""
        return self._act(request, "pause")

    @extend_schema(request=api.StaffActionSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, number=None):
        return self._act(request, "resume")

    @extend_schema(request=api.ExtensionAskSerializer, responses={201: api.ExtensionSerializer})
    @action(detail=True, methods=["post"])
    def extensions(self, request, number=None):
        """延期申请: the owner asks the level above for more time; nothing moves until it is approved."""
        item = self.get_object()
        data = self._valid(api.ExtensionAskSerializer, request)
        amount = clock_extensions.extension_amount(days=data["days"], until=data["until"])
        extension = clock_extensions.extension_request(request=item, by=request.user, reason=data["reason"], **amount)
        return Response(api.ExtensionSerializer(extension).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=api.ConfirmSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, number=None):
        return self._resident(request, api.ConfirmSerializer, services.request_confirm)

    @extend_schema(request=api.ReopenSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, number=None):
        return self._resident(request, api.ReopenSerializer, services.request_reopen)


class ExtensionViewSet(viewsets.GenericViewSet):
    """Extensions 延期申请 of the requests the caller may see; the level above the owner decides them."""

    serializer_class = api.ExtensionSerializer
    queryset = RequestExtension.objects.none()  # each action reads through clock.selectors, scoped
    lookup_value_regex = r"[0-9]{1,9}"

    @extend_schema(request=api.ExtensionDecisionSerializer, responses=api.ExtensionSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        extension = clock_selectors.extension_get(user=request.user, pk=int(pk))  # the gate first
        serializer = api.ExtensionDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        decided = clock_extensions.extension_decide(
            extension=extension, by=request.user, approve=data["decision"] == "approve", note=data["note"]
        )
        return Response(api.ExtensionSerializer(decided).data)
