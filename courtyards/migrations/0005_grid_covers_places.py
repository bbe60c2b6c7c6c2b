"""A grid's courtyards and buildings become the places' own `grid` key, which the rows placed there copy.

The old many-to-many lists are read into the new keys before they go (a courtyard in several grids keeps the
first by code), and the keys are handed down to the buildings, units and households below.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def keys_from_lists(apps, schema_editor):
    Grid, Courtyard, Building = (apps.get_model("courtyards", name) for name in ("Grid", "Courtyard", "Building"))
    Unit, Household = apps.get_model("courtyards", "Unit"), apps.get_model("courtyards", "Household")
    for grid in Grid.objects.order_by("-code"):  # the first by code is written last and wins
        courtyard_ids = list(grid.courtyards.values_list("pk", flat=True))
        Courtyard.objects.filter(pk__in=courtyard_ids).update(grid=grid)
        for model in (Building, Unit, Household):
            model.objects.filter(courtyard_id__in=courtyard_ids).update(grid=grid)
    for grid in Grid.objects.order_by("-code"):
        building_ids = list(grid.buildings.values_list("pk", flat=True))
        Building.objects.filter(pk__in=building_ids).update(grid=grid)
        Unit.objects.filter(building_id__in=building_ids).update(grid=grid)
        Household.objects.filter(unit__building_id__in=building_ids).update(grid=grid)


class Migration(migrations.Migration):
    dependencies = [
        ("courtyards", "0004_location"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Free the reverse names "courtyards" and "buildings" for the new keys while the lists are read.
        migrations.AlterField(
            model_name="grid", name="courtyards", field=models.ManyToManyField(blank=True, related_name="+", to="courtyards.courtyard")
        ),
        migrations.AlterField(
            model_name="grid", name="buildings", field=models.ManyToManyField(blank=True, related_name="+", to="courtyards.building")
        ),
        migrations.AddField(
            model_name="building",
            name="grid",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="buildings",
                to="courtyards.grid",
                verbose_name="grid",
            ),
        ),
        migrations.AddField(
            model_name="courtyard",
            name="grid",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="courtyards",
                to="courtyards.grid",
                verbose_name="grid",
            ),
        ),
        migrations.AddField(
            model_name="grid",
            name="deputies",
            field=models.ManyToManyField(blank=True, related_name="deputy_grids", to=settings.AUTH_USER_MODEL, verbose_name="deputies"),
        ),
        migrations.AddField(
            model_name="household",
            name="grid",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="courtyards.grid",
                verbose_name="grid",
            ),
        ),
        migrations.AddField(
            model_name="unit",
            name="grid",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="courtyards.grid",
                verbose_name="grid",
            ),
        ),
        migrations.RunPython(keys_from_lists, migrations.RunPython.noop),
        migrations.RemoveField(model_name="grid", name="buildings"),
        migrations.RemoveField(model_name="grid", name="courtyards"),
    ]
