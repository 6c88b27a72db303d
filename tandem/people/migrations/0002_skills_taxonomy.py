from django.db import migrations

from tandem.people.taxonomy import taxonomy_load


def load(apps, schema_editor):
    taxonomy_load(
        category_model=apps.get_model("people", "SkillCategory"),
        skill_model=apps.get_model("people", "Skill"),
        alias_model=apps.get_model("people", "SkillAlias"),
        language_model=apps.get_model("people", "Language"),
    )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
