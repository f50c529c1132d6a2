"""Every request gets a short reference the patient can quote; existing ones get one too."""

from django.db import migrations, models

import inquiries.models

HELP_TEXT = "The short reference the patient was given, to quote on the phone."


def give_references(apps, schema_editor):
    Inquiry = apps.get_model("inquiries", "Inquiry")
    given = set()
    for inquiry in Inquiry.objects.filter(reference__isnull=True).only("pk").iterator():
        reference = inquiries.models.new_reference()
        while reference in given:
            reference = inquiries.models.new_reference()
        given.add(reference)
        Inquiry.objects.filter(pk=inquiry.pk).update(reference=reference)


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0006_contactattempt"),
    ]

    operations = [
        migrations.AddField(
            model_name="inquiry",
            name="reference",
            field=models.CharField(
                editable=False, help_text=HELP_TEXT, max_length=8, null=True
            ),
        ),
        migrations.RunPython(give_references, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="inquiry",
            name="reference",
            field=models.CharField(
                default=inquiries.models.new_reference,
                editable=False,
                help_text=HELP_TEXT,
                max_length=8,
                unique=True,
            ),
        ),
    ]
