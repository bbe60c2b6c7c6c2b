"""The current owner's working deadlines, apart from the judged ones (escalation resets only these)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_deadlines(apps, schema_editor):
    Request = apps.get_model("requests", "Request")
    Request.objects.update(owner_accept_due_at=models.F("accept_due_at"), owner_resolve_due_at=models.F("resolve_due_at"))


class Migration(migrations.Migration):
    dependencies = [("requests", "0003_links"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

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
        migrations.AlterField(
            model_name="timelineevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("submitted", "Submitted"),
                    ("status", "Status changed"),
                    ("assigned", "Assigned"),
                    ("note", "Note"),
                    ("escalated", "Escalated"),
                    ("merged", "Merged"),
                    ("reopened", "Reopened"),
                    ("rated", "Rated"),
                    ("supervised", "Put under supervision"),
                    ("callback", "Callback"),
                    ("need", "Taken up as a council need"),
                    ("covenant", "Covenant cited"),
                    ("follow_up", "Linked to a follow-up action"),
                    ("paused", "Paused (waiting for the resident)"),
                    ("resumed", "Resumed"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.CreateModel(
            name="RequestPause",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("reason", models.CharField(max_length=500, verbose_name="reason")),
                ("started_at", models.DateTimeField(verbose_name="paused at")),
                ("ended_at", models.DateTimeField(blank=True, null=True, verbose_name="resumed at")),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="pauses", to="requests.request", verbose_name="request"
                    ),
                ),
            ],
            options={
                "verbose_name": "pause",
                "verbose_name_plural": "pauses",
                "ordering": ["started_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("ended_at__isnull", True)), fields=("request",), name="request_pause_one_open"
                    )
                ],
            },
        ),
        migrations.AlterField(
            model_name='timelineevent',
            name='kind',
            field=models.CharField(choices=[('submitted', 'Submitted'), ('status', 'Status changed'), ('assigned', 'Assigned'), ('note', 'Note'), ('escalated', 'Escalated'), ('merged', 'Merged'), ('reopened', 'Reopened'), ('rated', 'Rated'), ('supervised', 'Put under supervision'), ('callback', 'Callback'), ('need', 'Taken up as a council need'), ('covenant', 'Covenant cited'), ('follow_up', 'Linked to a follow-up action'), ('paused', 'Paused (waiting for the resident)'), ('resumed', 'Resumed'), ('extension', 'Extension')], max_length=20, verbose_name='kind'),
        ),
        migrations.CreateModel(
            name='RequestExtension',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(max_length=500, verbose_name='reason')),
                ('hours', models.PositiveIntegerField(verbose_name='extra hours')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('approved', 'Approved'), ('refused', 'Refused')], default='pending', max_length=10, verbose_name='status')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='extensions', to='requests.request', verbose_name='request')),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='asked by')),
            ],
            options={
                'verbose_name': 'extension',
                'verbose_name_plural': 'extensions',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='request',
            name='accept_warn_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='warn before the accept deadline at'),
        ),
        migrations.AddField(
            model_name='request',
            name='resolve_warn_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='warn before the resolve deadline at'),
        ),
        migrations.AddIndex(
            model_name='request',
            index=models.Index(fields=['status', 'accept_warn_at'], name='request_accept_warn'),
        ),
        migrations.AddIndex(
            model_name='request',
            index=models.Index(fields=['status', 'resolve_warn_at'], name='request_resolve_warn'),
        ),
    ]
