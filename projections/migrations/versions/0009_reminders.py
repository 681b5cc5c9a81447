"""Reminders: the reminders sent and the registrations stopped or asked for feedback.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

Instant = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "reminders_sent",
        sa.Column("registration_id", sa.Uuid, primary_key=True),
        sa.Column("offset_seconds", sa.Integer, primary_key=True),
        sa.Column("due_at", Instant, nullable=False),
        sa.Column("sent_at", Instant, nullable=False),
    )
    op.create_table(
        "reminder_marks",
        sa.Column("registration_id", sa.Uuid, primary_key=True),
        sa.Column("stopped_at", Instant),
        sa.Column("feedback_requested_at", Instant),
    )


def downgrade() -> None:
    op.drop_table("reminder_marks")
    op.drop_table("reminders_sent")
