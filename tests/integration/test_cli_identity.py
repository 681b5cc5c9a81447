"""`eventconnect create-admin` and the demo accounts, through the real CLI entry point."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from command_api.domain.account import account_id_for
from eventconnect import cli
from eventconnect.bootstrap import bootstrap
from eventconnect.demo import DEMO_PEOPLE, print_credentials, seed_demo
from eventconnect.settings import Settings

PASSWORD = "an admin passphrase 2030"


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The CLI reads its settings from the environment: point it at the test database."""
    monkeypatch.setenv("EVENTCONNECT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("EVENTCONNECT_BCRYPT_ROUNDS", "4")
    if settings.database_url:
        monkeypatch.setenv("DATABASE_URL", settings.database_url)
        bootstrap(settings, migrate=True)
    else:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    return Settings()


def account(settings: Settings, email: str):  # type: ignore[no-untyped-def]
    return bootstrap(settings).accounts.find(account_id_for(email))


def test_create_admin_takes_the_password_from_the_environment(
        env: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("EVENTCONNECT_ADMIN_PASSWORD", PASSWORD)
    assert cli.main(["create-admin", "--email", "Root@Example.org"]) == 0
    out = capsys.readouterr()
    assert "created admin: root@example.org" in out.out and PASSWORD not in out.out + out.err
    made = account(env, "root@example.org")
    assert made.role == "admin"
    container = bootstrap(env)
    assert container.accounts.log_in("root@example.org", PASSWORD).access_token


def test_create_admin_again_promotes_and_keeps_the_password(
        env: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    container = bootstrap(env)
    container.accounts.sign_up(email="olu@example.org", password="olu's own passphrase",
                               name="Olu", actor="test")
    monkeypatch.setenv("EVENTCONNECT_ADMIN_PASSWORD", "a different passphrase")
    assert cli.main(["create-admin", "--email", "olu@example.org"]) == 0
    assert "password unchanged" in capsys.readouterr().out
    made = account(env, "olu@example.org")
    assert made.role == "admin"
    container = bootstrap(env)
    assert container.accounts.log_in("olu@example.org", "olu's own passphrase").access_token
    assert cli.main(["create-admin", "--email", "olu@example.org"]) == 0  # idempotent


def test_create_admin_without_a_terminal_or_variable_refuses(
        env: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("EVENTCONNECT_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["create-admin", "--email", "x@example.org"]) == 2
    assert "EVENTCONNECT_ADMIN_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("EVENTCONNECT_ADMIN_PASSWORD", "password123")
    assert cli.main(["create-admin", "--email", "x@example.org"]) == 2
    assert account(env, "x@example.org") is None


def test_create_admin_prompts_twice(env: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTCONNECT_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["create-admin", "--email", "typed@example.org"]) == 0
    assert account(env, "typed@example.org").role == "admin"


def test_there_is_no_password_argument() -> None:
    with pytest.raises(SystemExit):
        cli.main(["create-admin", "--email", "a@example.org", "--password", "x"])


def test_create_admin_wants_an_email(env: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCONNECT_ADMIN_PASSWORD", PASSWORD)
    assert cli.main(["create-admin", "--email", "not an email"]) == 2


def test_demo_people_have_every_role_and_passwords_shown_once(
        settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    container = bootstrap(settings, migrate=True)
    seed = seed_demo(container.write_model, container.accounts)
    roles = sorted(role for _, role, _ in seed.credentials)
    assert roles == ["admin", "analyst", "member", "member", "member", "organizer"]
    print_credentials(seed)
    printed = capsys.readouterr().out
    for email, _, password in seed.credentials:
        assert email in printed and password in printed
        assert container.accounts.log_in(email, password).access_token
    organizer = container.accounts.find(account_id_for("organizer@demo.example"))
    assert organizer is not None
    container.runner.catch_up()
    with container.read_engine.connect() as conn:
        from sqlalchemy import select

        from projections.tables import attendees, events
        owners = set(conn.scalars(select(events.c.organizer_id)))
        members = set(conn.scalars(select(attendees.c.member_id).where(
            attendees.c.member_id.is_not(None))))
    assert owners == {str(organizer.id)}
    assert len(members) == 3
    again = seed_demo(container.write_model, container.accounts)
    assert again.credentials == []  # existing people are kept, and nothing is printed
    assert all(container.accounts.find(account_id_for(email)) for email, *_ in DEMO_PEOPLE)


def test_the_secret_file_lives_in_the_data_dir(settings: Settings) -> None:
    bare = settings.model_copy(update={"jwt_secret": None})
    bootstrap(bare, migrate=True)
    assert (Path(settings.data_dir) / "jwt_secret").is_file()
