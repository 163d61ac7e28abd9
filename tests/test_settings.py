"""Settings: safe development defaults, one-line errors, no development secrets in production."""

from __future__ import annotations

import pytest

from core.settings import DEV_JWT_SECRET, ConfigurationError, Settings, load_settings

STRONG = {
    "JWT_SECRET": "p" * 48,
    "DATA_ENCRYPTION_KEY": "k" * 44,
    "STRIPE_API_KEY": "sk_live_x",
    "STRIPE_WEBHOOK_SECRET": "whsec_live",
    "DEMO_ADMIN_PASSWORD": "not-the-demo-one",
}


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("ENVIRONMENT", "development")
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/simdesk")
    return monkeypatch


def test_plain_postgres_url_is_normalised_to_asyncpg(env: pytest.MonkeyPatch) -> None:
    env.setenv("DATABASE_URL", "postgresql://app@db.internal:5432/simdesk")
    assert load_settings().database_url == "postgresql+asyncpg://app@db.internal:5432/simdesk"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "mysql://root@localhost/simdesk",
            "DATABASE_URL: Value error, must be a postgresql+asyncpg:// URL",
        ),
        (
            "postgresql+asyncpg://postgres@localhost:5432",
            "DATABASE_URL: Value error, must name a database",
        ),
        ("not a url", "DATABASE_URL:"),
    ],
)
def test_malformed_database_url_is_one_line_naming_the_setting(
    env: pytest.MonkeyPatch, url: str, message: str
) -> None:
    env.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigurationError) as caught:
        load_settings()
    text = str(caught.value)
    assert message in text
    assert "\n" not in text


def test_production_refuses_development_secrets(env: pytest.MonkeyPatch) -> None:
    env.setenv("ENVIRONMENT", "production")
    with pytest.raises(ConfigurationError) as caught:
        load_settings()
    assert str(caught.value) == (
        "refusing to start in production with development values for: JWT_SECRET, "
        "DATA_ENCRYPTION_KEY, STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET, DEMO_ADMIN_PASSWORD"
    )


def test_production_refuses_a_short_jwt_secret(env: pytest.MonkeyPatch) -> None:
    env.setenv("ENVIRONMENT", "production")
    for name, value in STRONG.items():
        env.setenv(name, value)
    env.setenv("JWT_SECRET", "short")
    with pytest.raises(ConfigurationError, match=r"JWT_SECRET \(shorter than 32 characters\)"):
        load_settings()


def test_production_starts_with_real_secrets(env: pytest.MonkeyPatch) -> None:
    env.setenv("ENVIRONMENT", "production")
    for name, value in STRONG.items():
        env.setenv(name, value)
    settings = load_settings()
    assert not settings.is_development
    assert settings.jwt_secret.get_secret_value() != DEV_JWT_SECRET


def test_cors_origins_from_a_comma_separated_list(env: pytest.MonkeyPatch) -> None:
    env.setenv("CORS_ORIGINS", "https://a.example, https://b.example,")
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]


@pytest.mark.parametrize("module", ["api", "worker"])
def test_processes_refuse_bad_configuration_in_one_line(module: str) -> None:
    import os
    import subprocess
    import sys

    from core.settings import PROJECT_ROOT

    env = {**os.environ, "DATABASE_URL": "mysql://root@localhost/simdesk"}
    result = subprocess.run(
        [sys.executable, "-m", module],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"{module}: invalid configuration: DATABASE_URL: Value error, "
        "must be a postgresql+asyncpg:// URL"
    )
