"""The baseline: guest registration as most event-booking APIs write it — FastAPI + SQLAlchemy
ORM, one table of registrations, "count the confirmed, compare with capacity, insert".

Kept honest and typical on purpose: a session per request from `Depends(get_db)`, a sync route
(FastAPI runs it in its threadpool, as it does ours), the same input validation (pydantic with
email-validator), a unique constraint against duplicates, an index for the count. It does *not*
lock the event row (`SELECT ... FOR UPDATE`) nor use SERIALIZABLE — most don't, and that is
where they overbook. Its SQLite file gets the same WAL + busy timeout as our read models.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, ConfigDict, EmailStr, StringConstraints
from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class EventRow(Base):
    __tablename__ = "events"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int]
    waitlist_enabled: Mapped[bool] = mapped_column(default=True)


class RegistrationRow(Base):
    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("event_id", "email"),
                      Index("ix_registrations_event_status", "event_id", "status"))
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"))
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class GuestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    email: Annotated[EmailStr, StringConstraints(max_length=254)]


class RegistrationOut(BaseModel):
    registration_id: uuid.UUID
    status: str
    waitlist_position: int | None


def build_engine(url: str) -> Any:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_size=10, max_overflow=30)
    engine = create_engine(url, connect_args={"check_same_thread": False}, pool_size=10,
                           max_overflow=30)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    return engine


def get_db(request: Request) -> Iterator[Session]:
    db = request.app.state.session_factory()
    try:
        yield db
    finally:
        db.close()


SessionDep = Annotated[Session, Depends(get_db)]


def create_app(url: str) -> FastAPI:
    engine = build_engine(url)
    Base.metadata.create_all(engine)
    app = FastAPI(title="Baseline CRUD registrations")
    app.state.session_factory = sessionmaker(bind=engine, autoflush=False)

    @app.get("/api/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/events/{event_id}/registrations", status_code=201,
              response_model=RegistrationOut)
    def register(event_id: uuid.UUID, body: GuestIn, db: SessionDep) -> RegistrationOut:
        found = db.get(EventRow, event_id)
        if found is None:
            raise HTTPException(404, "No such event")
        confirmed = db.scalar(select(func.count()).select_from(RegistrationRow).where(
            RegistrationRow.event_id == event_id, RegistrationRow.status == "confirmed"))
        position = None
        if confirmed < found.capacity:
            status = "confirmed"
        elif found.waitlist_enabled:
            status = "waitlisted"
            position = 1 + db.scalar(select(func.count()).select_from(RegistrationRow).where(
                RegistrationRow.event_id == event_id, RegistrationRow.status == "waitlisted"))
        else:
            raise HTTPException(409, "Event full")
        registration = RegistrationRow(event_id=event_id, name=body.name,
                                       email=str(body.email).lower(), status=status,
                                       created_at=datetime.now(UTC))
        db.add(registration)
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
            raise HTTPException(409, "Already registered") from None
        return RegistrationOut(registration_id=registration.id, status=status,
                               waitlist_position=position)

    return app


def seed(url: str, events: list[tuple[uuid.UUID, int]]) -> None:
    """Creates the events (id, capacity) the load will register for."""
    engine = build_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine) as db:
        db.add_all([EventRow(id=i, title=f"Event {n}", capacity=c)
                    for n, (i, c) in enumerate(events)])
        db.commit()
    engine.dispose()


def counts(url: str) -> dict[uuid.UUID, dict[str, int]]:
    """Registrations per event and status, to measure overbooking afterwards."""
    engine = build_engine(url)
    with Session(engine) as db:
        rows = db.execute(select(RegistrationRow.event_id, RegistrationRow.status, func.count())
                          .group_by(RegistrationRow.event_id, RegistrationRow.status)).all()
    engine.dispose()
    result: dict[uuid.UUID, dict[str, int]] = {}
    for event_id, status, n in rows:
        result.setdefault(event_id, {})[status] = n
    return result
