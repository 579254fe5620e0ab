"""Translation states: which translations are outdated (cms.translations.outdated)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('samverkan_cms', '0020_regions_apart'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='TranslationState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source_fingerprint', models.CharField(blank=True, max_length=64, verbose_name='fingerprint of the source')),
                ('outdated_since', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='outdated since')),
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='samverkan_translation_state', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='translation')),
            ],
            options={
                'verbose_name': 'translation state',
                'verbose_name_plural': 'translation states',
            },
        ),
    ]
