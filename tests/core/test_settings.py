"""The settings module's secure defaults (read from the module, not the test overrides)."""

import importlib

from tianping import settings as tianping_settings


def reload_settings(monkeypatch, **env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return importlib.reload(tianping_settings)


def test_secure_defaults(monkeypatch):
    monkeypatch.delenv("TIANPING_DEBUG", raising=False)
    module = reload_settings(monkeypatch)
    assert module.DEBUG is False
    assert module.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert module.SESSION_COOKIE_HTTPONLY is True
    assert module.X_FRAME_OPTIONS == "DENY"
    assert "script-src 'self'" in module.CONTENT_SECURITY_POLICY
    assert module.LANGUAGE_CODE == "zh-hans"


def test_sqlite_default_is_wal_with_immediate_transactions(monkeypatch):
    monkeypatch.delenv("TIANPING_DATABASE_URL", raising=False)
    options = reload_settings(monkeypatch).DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_postgres_by_url_and_https_hardening(monkeypatch):
    module = reload_settings(
        monkeypatch, TIANPING_DATABASE_URL="postgres://court@db.example:5432/tianping", TIANPING_HTTPS="1"
    )
    assert module.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert module.DATABASES["default"]["NAME"] == "tianping"
    assert module.SESSION_COOKIE_SECURE is True
    assert module.CSRF_COOKIE_SECURE is True
    assert module.SECURE_HSTS_SECONDS > 0


def test_redis_url_switches_jobs_and_cache(monkeypatch):
    module = reload_settings(monkeypatch, TIANPING_REDIS_URL="redis://127.0.0.1:6379/3")
    assert module.HUEY["huey_class"] == "huey.RedisHuey"
    assert module.CACHES["default"]["BACKEND"].endswith("RedisCache")


def test_secret_from_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "key"
    secret_file.write_text("from-a-file-secret\n")
    module = reload_settings(monkeypatch, TIANPING_SECRET_KEY_FILE=str(secret_file))
    assert module.SECRET_KEY == "from-a-file-secret"


def teardown_module():
    importlib.reload(tianping_settings)
