from rest_framework import mixins, viewsets

from ..models import Notification
from ..selectors import notification_inbox
from .serializers import NotificationSerializer


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's own delivered notifications; anyone else's are 404."""

    serializer_class = NotificationSerializer
    queryset = Notification.objects.none()  # for the schema; requests get the caller's own below

    def get_queryset(self):
        return notification_inbox(user=self.request.user)
