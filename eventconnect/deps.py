"""FastAPI dependencies as `Annotated` aliases; routes declare what they need by type."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from command_api.application import EventConnect
from eventconnect.container import Container


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def get_write_model(request: Request) -> EventConnect:
    return get_container(request).write_model


def get_read_engine(request: Request) -> Engine:
    return get_container(request).read_engine


ContainerDep = Annotated[Container, Depends(get_container)]
WriteModelDep = Annotated[EventConnect, Depends(get_write_model)]
ReadEngineDep = Annotated[Engine, Depends(get_read_engine)]
