from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from governance.accounts import services


class Command(BaseCommand):
    help = "Delete security events and audit-log entries older than AUDIT_RETENTION_DAYS (at least a year)."

    def handle(self, *args, **options):
        for table, count in services.security_events_purge().items():
            self.stdout.write(_("%(table)s: %(count)d rows older than the retention deleted") % {"table": table, "count": count})
