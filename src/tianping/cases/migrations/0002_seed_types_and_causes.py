"""Seed the case type codes and the causes of action from tianping.cases.data."""

from django.db import migrations


def seed(apps, schema_editor):
    from tianping.cases.seeding import seed_case_types, seed_causes

    seed_case_types(apps.get_model("cases", "CaseType"))
    seed_causes(apps.get_model("cases", "CauseOfAction"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
