"""The current owner's working deadlines, apart from the judged ones (escalation resets only these)."""

from django.db import migrations, models


def copy_deadlines(apps, schema_editor):
    Request = apps.get_model("requests", "Request")
    Request.objects.update(owner_accept_due_at=models.F("accept_due_at"), owner_resolve_due_at=models.F("resolve_due_at"))


class Migration(migrations.Migration):
    dependencies = [("requests", "0003_links")]

    operations = [
        migrations.AddField(
            model_name="request",
            name="owner_accept_due_at",
            field=models.DateTimeField(null=True, verbose_name="current owner accepts by"),
        ),
        migrations.AddField(
            model_name="request",
            name="owner_resolve_due_at",
            field=models.DateTimeField(null=True, verbose_name="current owner resolves by"),
        ),
        migrations.RunPython(copy_deadlines, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="request",
            name="owner_accept_due_at",
            field=models.DateTimeField(verbose_name="current owner accepts by"),
        ),
        migrations.AlterField(
            model_name="request",
            name="owner_resolve_due_at",
            field=models.DateTimeField(verbose_name="current owner resolves by"),
        ),
        migrations.AddIndex(
            model_name="request",
            index=models.Index(fields=["status", "owner_accept_due_at"], name="request_owner_accept_due"),
        ),
        migrations.AddIndex(
            model_name="request",
            index=models.Index(fields=["status", "owner_resolve_due_at"], name="request_owner_resolve_due"),
        ),
    ]
