"""Start-up and key rotation: the plugin imports without psycopg 3 (SQLite
or psycopg2 hosts); target credentials survive a SECRET_KEY rotation done
the Django way and are re-encrypted by a command; SAMVERKAN_CSP_EXTRA is
merged into the policy's directives (a repeated directive is ignored by
browsers)."""

import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from django.core.management import call_command

from cms.http.content_security import PAGE_POLICY, csp_merge

ROOT = Path(__file__).resolve().parents[2]


def test_every_module_imports_without_psycopg():
    script = textwrap.dedent(
        """
        import importlib, os, pkgutil, sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "psycopg" or name.startswith(("psycopg.", "psycopg_")):
                    raise ImportError("psycopg is not installed here")

        sys.meta_path.insert(0, Block())
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        os.environ.pop("DATABASE_URL", None)
        import django
        django.setup()
        failed = []
        for app in ("cms", "newsletter", "sync"):
            package = importlib.import_module(app)
            for info in pkgutil.walk_packages(package.__path__, app + "."):
                if ".migrations." in info.name or ".demo" in info.name:
                    continue
                try:
                    importlib.import_module(info.name)
                except ImportError as error:
                    if "psycopg" in str(error):
                        failed.append(info.name)
        print(failed)
        sys.exit(1 if failed else 0)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]


def test_csp_extra_is_merged_into_the_directive():
    merged = csp_merge(
        PAGE_POLICY,
        "img-src https://tiles.example; script-src https://stats.example; "
        "worker-src 'self'",
    )
    directives = [part.split()[0] for part in merged.split("; ")]
    assert len(directives) == len(set(directives))  # none repeated
    assert "img-src 'self' data: blob: https: https://tiles.example" in merged
    assert "script-src 'self' 'unsafe-inline' https://stats.example" in merged
    assert merged.endswith("worker-src 'self'")
    assert csp_merge("default-src 'none'", "img-src 'self'; default-src 'self'") == (
        "default-src 'self'; img-src 'self'"
    )


def test_csp_extra_on_responses(client, db, settings):
    settings.SAMVERKAN_CSP_EXTRA = "img-src https://tiles.example"
    policy = client.get("/forslag/")["Content-Security-Policy"]
    assert policy.count("img-src") == 1 and "https://tiles.example" in policy


@pytest.fixture
def target(region, settings):
    from sync.models import Target

    settings.SAMVERKAN_SYNC = {"CREDENTIALS_KEY": ""}
    settings.SECRET_KEY = "old-secret-key-" + "x" * 40
    target = Target(region=region, url="https://partner.example/hook", name="Partner")
    target.secret = "hemlighet"
    target.save()
    return target


def test_credentials_survive_a_secret_key_rotation(target, settings):
    from sync.models import Target

    settings.SECRET_KEY = "new-secret-key-" + "y" * 40
    settings.SECRET_KEY_FALLBACKS = ["old-secret-key-" + "x" * 40]
    assert Target.objects.get(pk=target.pk).secret == "hemlighet"
    before = Target.objects.get(pk=target.pk).credentials_encrypted

    out = io.StringIO()
    call_command("sync_credentials_reencrypt", stdout=out)
    assert "1 target(s) re-encrypted" in out.getvalue()
    assert Target.objects.get(pk=target.pk).credentials_encrypted != before

    settings.SECRET_KEY_FALLBACKS = []  # the old key retired
    assert Target.objects.get(pk=target.pk).secret == "hemlighet"


def test_a_secret_no_key_decrypts_is_reported(target, settings):
    from django.core.management.base import CommandError

    settings.SECRET_KEY = "another-key-" + "z" * 40
    with pytest.raises(CommandError, match="Partner"):
        call_command("sync_credentials_reencrypt", stdout=io.StringIO())
