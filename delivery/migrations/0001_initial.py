# The partner API keys and the API usage statistics, moved here from the
# cms app (samverkan_cms): the tables keep their names, so this migration
# only takes them over in Django's state. Their content types move with them,
# so permissions already granted on them keep working.

import django.db.models.deletion
from django.db import migrations, models


MODELS = ["partnerapikey", "apiusageday"]


def content_types_move(apps, schema_editor, source="samverkan_cms", target="samverkan_delivery"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=source, model=model).update(
            app_label=target
        )


def content_types_move_back(apps, schema_editor):
    content_types_move(apps, schema_editor, source="samverkan_delivery", target="samverkan_cms")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('samverkan_cms', '0023_api_clients_to_delivery'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.CreateModel(
            name='PartnerApiKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='contact e-mail')),
                ('prefix', models.CharField(editable=False, max_length=12, unique=True, verbose_name='prefix')),
                ('key_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('requests_per_minute', models.PositiveIntegerField(blank=True, help_text='Empty: the default for partner keys.', null=True, verbose_name='requests per minute')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('last_used_at', models.DateTimeField(editable=False, null=True, verbose_name='last used at')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                ('region', models.ForeignKey(blank=True, help_text="The key reads only this region's content. Empty: every region (only a superuser may create such a key).", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='api_keys', to='samverkan_cms.regionpage', verbose_name='region')),
            ],
            options={
                'verbose_name': 'partner API key',
                'verbose_name_plural': 'partner API keys',
                'db_table': 'samverkan_cms_partnerapikey',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='ApiUsageDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
                ('client', models.CharField(help_text='Key name, or anonymous.', max_length=200, verbose_name='client')),
                ('endpoint', models.CharField(max_length=100, verbose_name='endpoint')),
                ('requests', models.PositiveBigIntegerField(default=0, verbose_name='requests')),
                ('not_modified', models.PositiveBigIntegerField(default=0, verbose_name='answered 304')),
                ('throttled', models.PositiveBigIntegerField(default=0, verbose_name='refused (429)')),
                ('region', models.ForeignKey(blank=True, help_text="The region read (the key's, or the one asked for).", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='samverkan_cms.regionpage', verbose_name='region')),
            ],
            options={
                'verbose_name': 'API usage per day',
                'verbose_name_plural': 'API usage per day',
                'db_table': 'samverkan_cms_apiusageday',
                'ordering': ['-day', 'client', 'endpoint'],
                'constraints': [models.UniqueConstraint(fields=('day', 'client', 'endpoint', 'region'), name='unique_usage_day_region')],
            },
        ),
            ],
        ),
        migrations.RunPython(content_types_move, content_types_move_back),
    ]
