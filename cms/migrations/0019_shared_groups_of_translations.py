"""Translations and aliases of a region or organisation page in other
languages share the original's group and collection (cms.translations.rights):
foreign keys instead of one-to-one fields."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('samverkan_cms', '0018_content_locales'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='organisationpage',
            name='collection',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='samverkan_organisation', to='wagtailcore.collection', verbose_name='media collection'),
        ),
        migrations.AlterField(
            model_name='organisationpage',
            name='editors_group',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='samverkan_organisation', to='auth.group', verbose_name='editors group'),
        ),
        migrations.AlterField(
            model_name='regionpage',
            name='central_group',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='samverkan_region', to='auth.group', verbose_name='central administrators group'),
        ),
        migrations.AlterField(
            model_name='regionpage',
            name='collection',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='samverkan_region', to='wagtailcore.collection', verbose_name='media collection'),
        ),
    ]
