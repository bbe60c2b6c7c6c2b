"""Notifications written before parameters were stored raw held the status and the extension decision
rendered in Chinese; turn the ones we recognise back into codes, so an English reader reads them in
English too. Anything else stays as written (plain data is shown as is)."""

from django.db import migrations

# The Chinese labels the portal wrote (its catalogue at the time), frozen here as migrations must be.
STATUS_CODES = {
    "已提交": "submitted",
    "已受理": "accepted",
    "已派单": "assigned",
    "办理中": "in_progress",
    "已办结": "resolved",
    "已重新打开": "reopened",
    "已关闭": "closed",
    "已驳回": "rejected",
    "已合并到其他诉求": "merged",
}
DECISION_MSGIDS = {"已批准": "approved", "未获批准": "refused"}
BATCH = 1000


def _recoded(params: dict) -> dict | None:
    status, decision = params.get("status"), params.get("decision")
    if isinstance(status, str) and status in STATUS_CODES:
        return {**params, "status": {"choice": "requests.status", "value": STATUS_CODES[status]}}
    if isinstance(decision, str) and decision in DECISION_MSGIDS:
        return {**params, "decision": {"msgid": DECISION_MSGIDS[decision]}}
    return None


def forwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    rows = Notification.objects.filter(kind__in=["requests.status", "requests.extension_decided"]).only("pk", "params")
    changed = []
    for row in rows.iterator(chunk_size=BATCH):
        params = _recoded(row.params or {})
        if params is not None:
            row.params = params
            changed.append(row)
        if len(changed) == BATCH:
            Notification.objects.bulk_update(changed, ["params"])
            changed = []
    Notification.objects.bulk_update(changed, ["params"])


class Migration(migrations.Migration):
    dependencies = [
        ("requests", "0015_texts_in_both_languages"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
