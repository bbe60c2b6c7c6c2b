"""On PostgreSQL the application's own database role cannot rewrite or erase the audit trail.

A trigger refuses every UPDATE of the security events and of auditlog's entries, and every
DELETE except the retention purge's: a transaction that set `chenghua.audit_purge = 'on'`
(SET LOCAL) may delete rows older than 365 days, nothing younger. TRUNCATE is left to the
database's privileges (docs/privacy.md: revoke it from the application's role), because the
test runner empties tables with it. SQLite (`make run`) gets no trigger.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('chenghua.audit_purge', true) = 'on'
       AND (to_jsonb(OLD) ->> TG_ARGV[0])::timestamptz < now() - interval '365 days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
TABLES = {"accounts_securityevent": "at", "auditlog_logentry": "timestamp"}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # params=None: the % of RAISE are not placeholders
    for table, column in TABLES.items():
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION audit_append_only('{column}')"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_append_only()")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_security_event"), ("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(forwards, backwards)]
