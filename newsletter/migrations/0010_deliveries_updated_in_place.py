"""Let PostgreSQL update delivery rows in place while sending.

Sending changes each row twice (claimed, then sent). With an index on the
status every change wrote a new entry into each of the table's five
indexes; without it, and with a fill factor that leaves a quarter of each
page free, the changes are heap-only-tuple (HOT) updates."""

from django.db import migrations

FILL_FACTOR = 75


def _fill_factor(value):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(
            apps.get_model("samverkan_newsletter", "Delivery")._meta.db_table
        )
        schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = {int(value)})")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("samverkan_newsletter", "0009_subscription_requests"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="delivery",
            name="samverkan_n_issue_i_e2e1fd_idx",
        ),
        migrations.RunPython(_fill_factor(FILL_FACTOR), _fill_factor(100)),
    ]
