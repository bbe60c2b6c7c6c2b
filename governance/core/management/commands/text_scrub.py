"""Remove the control characters that rows stored before the text rule still hold.

Run once after deploying the rule: a row with one can no longer pass full_clean(), so an
officer could not, say, accept a request whose title holds a pasted \\x01.
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from governance.core import text

# The rule's characters as a PostgreSQL regular expression (NUL cannot be stored, so it is absent).
PATTERN = "[\x01-\x08\x0b\x0c\x0e-\x1f]"


class Command(BaseCommand):
    help = "Remove control characters (other than tab and line breaks) from every text column of the project's models."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the rows, change nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        total = 0
        for model in apps.get_models():
            if text.is_project_model(model) and not model._meta.proxy:
                for field in text.text_fields(model):
                    total += self._scrub(model, field, dry_run)
        self.stdout.write(f"{total} value(s) {'to clean' if dry_run else 'cleaned'}.")

    def _scrub(self, model, field, dry_run: bool) -> int:
        rows = model._default_manager.filter(**{f"{field.name}__regex": PATTERN}).values_list("pk", field.attname)
        count = 0
        for pk, value in rows.iterator():
            if not dry_run:
                model._default_manager.filter(pk=pk).update(**{field.attname: text.CONTROL.sub("", value)})
            count += 1
        if count:
            self.stdout.write(f"{model._meta.label}.{field.name}: {count}")
        return count
