"""Notifications: the inbox and the e-mail deliveries.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

Instant = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("event_id", sa.Uuid),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("read", sa.Boolean, nullable=False),
        sa.Column("position", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_inbox_member_position", "inbox", ["member_id", "position"])
    op.create_index("ix_inbox_member_read", "inbox", ["member_id", "read"])
    op.create_table(
        "email_deliveries",
        sa.Column("message_id", sa.String(200), primary_key=True),
        sa.Column("notification_id", sa.Uuid, nullable=False),
        sa.Column("to", sa.String(254), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("next_attempt_at", Instant, nullable=False),
        sa.Column("sent_at", Instant),
        sa.Column("claim", sa.String(32)),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("created_at", Instant, nullable=False),
    )
    op.create_index("ix_email_deliveries_due", "email_deliveries", ["state", "next_attempt_at"])
    op.create_index("ix_email_deliveries_notification", "email_deliveries", ["notification_id"])


def downgrade() -> None:
    op.drop_table("email_deliveries")
    op.drop_table("inbox")
