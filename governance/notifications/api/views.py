from django.utils import translation
from rest_framework import mixins, viewsets

from governance.accounts.languages import reader_language

from ..models import Notification
from ..selectors import notification_inbox
from .serializers import NotificationSerializer


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's own delivered notifications; anyone else's are 404."""

    serializer_class = NotificationSerializer
    queryset = Notification.objects.none()  # for the schema; requests get the caller's own below

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A token client sends no language cookie: it reads its notifications in its user's language.
        translation.activate(reader_language(request))

    def get_queryset(self):
        return notification_inbox(user=self.request.user)
