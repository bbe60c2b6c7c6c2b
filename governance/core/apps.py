from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared plumbing with no models: SMS backends, masking, dispatch, template tags, the text rule."""

    name = "governance.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import observability, text

        text.install(apps.get_models())
        observability.connect_celery_signals()
        observability.register_gauge(name="celery_queue_length", help="Tasks waiting in each queue", read=observability.queue_lengths)
