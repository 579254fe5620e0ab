# The partner API keys and the API usage statistics moved to the delivery
# app (samverkan_delivery). Their tables keep their names: only Django's
# idea of which app owns them changes, so no data moves.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('samverkan_cms', '0022_intervention_category_translations'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.RemoveField(
            model_name='partnerapikey',
            name='region',
        ),
        migrations.DeleteModel(
            name='ApiUsageDay',
        ),
        migrations.DeleteModel(
            name='PartnerApiKey',
        ),
            ],
        ),
    ]
