"""Accounts: e-mail verification and notification preferences in the users read model.

The existing rows get what replaying their accounts yields: no account was verified before
these events existed, and both switches were on.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = (("email_verified", sa.false()), ("email_notifications", sa.true()),
           ("reminder_notifications", sa.true()))


def upgrade() -> None:
    for name, default in COLUMNS:
        op.add_column("users", sa.Column(name, sa.Boolean, nullable=False, server_default=default))


def downgrade() -> None:
    # SQLite drops a column only by copying the table: batch mode does that (and is a plain
    # ALTER on PostgreSQL).
    with op.batch_alter_table("users") as batch:
        for name, _ in COLUMNS:
            batch.drop_column(name)
