"""Analysts on the read models: the `read_models` schema on PostgreSQL, the move of a database
migrated before it, `eventconnect grant-analyst`, and the SQLite advice (docs/read-models.md)."""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool

from eventconnect import cli
from eventconnect.analyst_access import ANALYST_TABLES, WITHHELD_TABLES
from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.settings import Settings
from eventconnect.store import build_write_model
from projections.migrate import CHAINED_TABLES, SCHEMA, VERSION_TABLE, alembic_config, upgrade
from projections.runner import ProjectionRunner
from projections.tables import metadata
from tests.conftest import FakeClock, make_settings
from tests.integration.test_projections import register, schedule

DOC = Path(__file__).resolve().parents[2] / "docs" / "read-models.md"
INSUFFICIENT_PRIVILEGE = "42501"
# Secrets and private payloads, whatever the command's own lists say (issue 11).
NEVER_GRANTED = ("idempotency_keys", "email_deliveries", "inbox")


@pytest.fixture
def pg_settings(tmp_path: Path) -> Iterator[Settings]:
    yield from make_settings("postgres", tmp_path)


@pytest.fixture
def pg(pg_settings: Settings, clock: FakeClock) -> Iterator[Container]:
    container = bootstrap(pg_settings, clock=clock, migrate=True)
    yield container
    container.write_model.close()
    container.read_engine.dispose()


@pytest.fixture
def analyst(pg: Container, pg_settings: Settings,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A throw-away role (the server is shared: a unique name, dropped at the end), and the CLI's
    environment pointed at the test database."""
    role = f"ec_analyst_{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("DATABASE_URL", pg_settings.database_url or "")
    monkeypatch.setenv("EVENTCONNECT_DATA_DIR", str(pg_settings.data_dir))
    with pg.read_engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
    yield role
    with pg.read_engine.begin() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))  # its grants in this database
        conn.execute(text(f'DROP ROLE "{role}"'))


def as_role(engine: Engine, role: str, sql: str) -> list[Any] | str:
    """Rows of `sql` run as `role`, or the SQLSTATE that refused it (rolled back either way)."""
    with engine.connect() as conn:
        conn.execute(text(f'SET LOCAL ROLE "{role}"'))
        try:
            return list(conn.execute(text(sql)).all())
        except ProgrammingError as error:
            return str(getattr(error.orig, "sqlstate", error))
        finally:
            conn.rollback()


def select_all(table: str) -> str:
    return f"SELECT * FROM {table}"  # noqa: S608 - names from our constants and the catalog


def store_tables(conn: Connection) -> list[str]:
    return list(conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())


def fill(container: Container, engine: Engine | None = None) -> None:
    app = container.write_model
    event_id = schedule(app)
    for who in ("ann", "ben", "cai"):  # capacity 2: one goes onto the waitlist
        register(app, event_id, who)
    ProjectionRunner(app, engine or container.read_engine, list(container.runner.projections
                                                                .values())).catch_up()


@pytest.mark.postgres
def test_the_read_models_have_their_own_schema_and_the_store_keeps_public(pg: Container) -> None:
    with pg.read_engine.connect() as conn:
        ours = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s"),
                                {"s": SCHEMA}).scalars())
        public = set(store_tables(conn))
        assert conn.execute(text("SHOW search_path")).scalar_one() == SCHEMA
    assert ours == CHAINED_TABLES  # the version table too
    assert public and not public & CHAINED_TABLES
    assert all(name.startswith("eventconnect_") for name in public)  # the library's tables


@pytest.mark.postgres
def test_an_analyst_reads_the_read_models_and_nothing_else(pg: Container, analyst: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    fill(pg)
    before = as_role(pg.read_engine, analyst, select_all(f"{SCHEMA}.events"))
    assert before == INSUFFICIENT_PRIVILEGE  # a role is given nothing by default

    assert cli.main(["grant-analyst", analyst]) == 0
    out = capsys.readouterr().out
    assert f"{analyst} may read schema {SCHEMA}" in out and "idempotency_keys" in out

    engine = pg.read_engine
    assert as_role(engine, analyst, "SELECT count(*) FROM events") == [(1,)]
    assert as_role(engine, analyst, "SELECT status, count(*) FROM attendees GROUP BY status "
                                    "ORDER BY status") == [("confirmed", 2), ("waitlisted", 1)]
    assert as_role(engine, analyst, "SELECT registrations, waitlist_joins "
                                    "FROM analytics_events") == [(3, 1)]
    for name in ANALYST_TABLES:
        assert isinstance(as_role(engine, analyst, select_all(f'"{name}"')), list), name
    with engine.connect() as conn:
        store = store_tables(conn)
    for name in store:
        assert as_role(engine, analyst, select_all(f'public."{name}"')) == \
            INSUFFICIENT_PRIVILEGE, name
    for name in {*WITHHELD_TABLES, *NEVER_GRANTED}:
        assert as_role(engine, analyst, select_all(f'"{name}"')) == INSUFFICIENT_PRIVILEGE, name
    for sql in ("INSERT INTO projection_tracking (name, position) VALUES ('x', 1)",
                "UPDATE attendees SET name = 'Mallory'", "DELETE FROM events",
                "UPDATE analytics_events SET registrations = 0", "TRUNCATE ratings"):
        assert as_role(engine, analyst, sql) == INSUFFICIENT_PRIVILEGE, sql


@pytest.mark.postgres
def test_grant_analyst_is_idempotent_and_takes_back_what_it_withholds(
        pg: Container, analyst: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pg.read_engine.begin() as conn:  # granted by hand, too much
        conn.execute(text(f'GRANT SELECT ON inbox TO "{analyst}"'))
        conn.execute(text(f'GRANT INSERT, UPDATE ON events TO "{analyst}"'))
    assert cli.main(["grant-analyst", analyst]) == 0
    assert cli.main(["grant-analyst", analyst]) == 0
    capsys.readouterr()

    def may(table: str, privilege: str) -> bool:
        with pg.read_engine.connect() as conn:
            return bool(conn.execute(text("SELECT has_table_privilege(:r, :t, :p)"), {
                "r": analyst, "t": f"{SCHEMA}.{table}", "p": privilege}).scalar_one())

    assert may("events", "SELECT") and not may("events", "INSERT")
    assert not may("events", "UPDATE") and not may("inbox", "SELECT")


@pytest.mark.postgres
def test_grant_analyst_refuses_a_role_that_does_not_exist(
        pg: Container, analyst: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["grant-analyst", analyst + "_nobody"]) == 2
    assert f"no role '{analyst}_nobody'" in capsys.readouterr().err
    assert cli.main(["grant-analyst", "x" * 64]) == 2  # PostgreSQL would truncate it


@pytest.mark.postgres
def test_every_read_model_table_is_decided_for_analysts(pg: Container) -> None:
    with pg.read_engine.connect() as conn:
        present = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s"),
                                   {"s": SCHEMA}).scalars())
    assert not set(ANALYST_TABLES) & WITHHELD_TABLES.keys()
    assert present == set(ANALYST_TABLES) | WITHHELD_TABLES.keys()


def old_way_engine(settings: Settings) -> Engine:
    """An engine as the read models had before their schema: the server's default search_path."""
    return create_engine(settings.read_model_url, poolclass=NullPool)


def dump(engine: Engine, schema: str) -> dict[str, list[str]]:
    with engine.connect() as conn:
        return {name: sorted(map(repr, conn.execute(text(select_all(f'{schema}."{name}"')))))
                for name in sorted(CHAINED_TABLES)}


@pytest.mark.postgres
def test_a_database_migrated_the_old_way_moves_into_the_schema_with_its_rows(
        pg_settings: Settings, clock: FakeClock) -> None:
    old = old_way_engine(pg_settings)
    command.upgrade(alembic_config(old), "head")  # what `eventconnect migrate` did before
    build_write_model(pg_settings, create_tables=True).close()  # the store, as `migrate` does
    container = bootstrap(pg_settings, clock=clock, migrate=False)
    try:
        fill(container, old)
        before = dump(old, "public")
        assert before["attendees"] and before["projection_tracking"] and before[VERSION_TABLE]

        upgrade(container.read_engine)
        upgrade(container.read_engine)  # the second run finds nothing to move

        assert dump(container.read_engine, SCHEMA) == before
        with container.read_engine.connect() as conn:
            assert not set(store_tables(conn)) & CHAINED_TABLES
            hits = conn.execute(text("SELECT count(*) FROM events "
                                     "WHERE search @@ to_tsquery('english', 'brakes')"))
            assert hits.scalar_one() == 1  # the generated search column moved with its table
        fill(container)  # and the read models keep projecting, now in their schema
    finally:
        container.write_model.close()
        container.read_engine.dispose()
        old.dispose()


@pytest.mark.postgres
def test_a_clash_between_public_and_the_schema_moves_nothing(pg_settings: Settings) -> None:
    old = old_way_engine(pg_settings)
    command.upgrade(alembic_config(old), "head")
    with old.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{SCHEMA}"'))
        conn.execute(text(f'CREATE TABLE "{SCHEMA}".attendees (x int)'))
    new = bootstrap(pg_settings, migrate=False)
    try:
        with pytest.raises(RuntimeError, match="attendees"):
            upgrade(new.read_engine)
        with old.connect() as conn:
            assert CHAINED_TABLES <= set(store_tables(conn))  # everything still in public
    finally:
        new.write_model.close()
        new.read_engine.dispose()
        old.dispose()


def test_on_sqlite_grant_analyst_explains_the_read_only_file(
        tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    settings = next(make_settings("sqlite", tmp_path))
    container = bootstrap(settings, clock=clock)
    fill(container)
    container.write_model.close()
    container.read_engine.dispose()
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("EVENTCONNECT_DATA_DIR", str(settings.data_dir))

    assert cli.main(["grant-analyst", "ana"]) == 0
    out = capsys.readouterr().out
    assert "SQLite has no roles" in out
    path = (settings.data_dir / "read_models.sqlite").resolve()
    assert f"sqlite3 -readonly '{path}'" in out
    uri = re.search(r"file:\S+\?mode=ro", out)
    assert uri is not None
    # The advice works: the file reads, and refuses writes.
    with sqlite3.connect(uri.group(0), uri=True) as analyst:
        assert analyst.execute("SELECT count(*) FROM attendees").fetchone() == (3,)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            analyst.execute("DELETE FROM attendees")


def test_the_guide_documents_every_table_and_column() -> None:
    guide = DOC.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### `(\w+)`\n(.*?)(?=^### |\Z)", guide, re.M | re.S))
    assert set(sections) >= CHAINED_TABLES - {VERSION_TABLE}
    for table in metadata.tables.values():
        for column in table.columns:
            assert f"| `{column.name}` |" in sections[table.name], f"{table.name}.{column.name}"
    for name in WITHHELD_TABLES:
        assert "not granted to analysts" in sections[name].lower(), name
    # The overview's "granted" column is what the command grants, table by table.
    granted = dict(re.findall(r"^\| \[?`(\w+)`\]?\S* \| [^|]+ \| (yes|no) \|", guide, re.M))
    assert {n for n, g in granted.items() if g == "yes"} == set(ANALYST_TABLES)
    assert {n for n, g in granted.items() if g == "no"} == WITHHELD_TABLES.keys()
