"""The API's moves between units (派单, 转办, 退单, 协办), the same services and rules as the staff page:
out of scope is 404 (the viewset's scoped queryset), in scope but not allowed 403, invalid 400."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from ..dispatch import services as dispatch
from ..dispatch.selectors import cohandlers_current
from . import serializers as api


class DispatchActionsMixin:
    """Routes on a request's detail: dispatch/, transfer/, return/, cohandlers/ and cohandlers/end/."""

    def _gated(self, request, allowed, serializer_class) -> tuple:
        item = self.get_object()  # the gate first: out of scope is 404 whatever the input
        if not allowed(request.user, item):
            raise PermissionDenied(_("Your unit may not make this move on this request now."))
        return item, self._valid(serializer_class, request)

    def _moved(self, item) -> Response:
        item.refresh_from_db()
        return Response(api.RequestSerializer(item).data)

    @extend_schema(request=api.DispatchSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"], url_path="dispatch", url_name="dispatch")
    def dispatch_to(self, request, number=None):  # not `dispatch`: that is the view's own entry point
        item, data = self._gated(request, dispatch.may_dispatch, api.DispatchSerializer)
        dispatch.request_dispatch(request=item, by=request.user, target=data["owner"], note=data["note"])
        return self._moved(item)

    @extend_schema(request=api.TransferSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, number=None):
        item, data = self._gated(request, dispatch.may_pass_on, api.TransferSerializer)
        dispatch.request_transfer(request=item, by=request.user, target=data["owner"], reason=data["reason"])
        return self._moved(item)

    @extend_schema(request=api.ReturnSerializer, responses=api.RequestSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def give_back(self, request, number=None):
        item, data = self._gated(request, dispatch.may_pass_on, api.ReturnSerializer)
        dispatch.request_return(request=item, by=request.user, reason=data["reason"])
        return self._moved(item)

    @extend_schema(methods=["GET"], request=None, responses=api.CoHandlerSerializer(many=True))
    @extend_schema(methods=["POST"], request=api.CoHandlerChangeSerializer, responses={201: api.CoHandlerSerializer})
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def cohandlers(self, request, number=None):
        if request.method == "GET":
            rows = cohandlers_current(request=self.get_object())
            return Response(api.CoHandlerSerializer(rows, many=True).data)
        item, data = self._gated(request, dispatch.may_cohandle, api.CoHandlerChangeSerializer)
        row = dispatch.request_cohandler_add(request=item, by=request.user, target=data["owner"], note=data["note"])
        return Response(api.CoHandlerSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=api.CoHandlerChangeSerializer, responses=api.CoHandlerSerializer)
    @action(detail=True, methods=["post"], url_path="cohandlers/end", url_name="cohandlers-end")
    def cohandler_end(self, request, number=None):
        item, data = self._gated(request, dispatch.may_cohandle, api.CoHandlerChangeSerializer)
        row = dispatch.request_cohandler_end(request=item, by=request.user, target=data["owner"], note=data["note"])
        return Response(api.CoHandlerSerializer(row).data)
