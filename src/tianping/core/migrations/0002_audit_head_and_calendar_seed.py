"""Create the audit chain's head row and seed the holiday table from chinesecalendar."""

from django.db import migrations


def create_audit_head(apps, schema_editor):
    apps.get_model("core", "AuditHead").objects.get_or_create(pk=1, defaults={"seq": 0, "hash": "0" * 64})


def seed_calendar(apps, schema_editor):
    from tianping.core.workdays import seed_from_chinesecalendar

    seed_from_chinesecalendar(apps.get_model("core", "CalendarDay"), apps.get_model("core", "CalendarYear"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(create_audit_head, migrations.RunPython.noop),
        migrations.RunPython(seed_calendar, migrations.RunPython.noop),
    ]
