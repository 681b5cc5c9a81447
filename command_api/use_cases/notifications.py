"""Use cases of notifications: issue a batch with the notifier's tracking position (exactly once),
mark one or all of a member's notifications read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from command_api.domain.errors import NotFound
from command_api.domain.notification import Notification
from command_api.domain.vocabulary import NotificationKind
from command_api.write_model import WriteModel, retry_on_conflict
from kernel.authz import Principal


@dataclass(frozen=True)
class Notice:
    """One notification the notifier decided to issue (the Notification.Issued fields)."""

    id: UUID
    kind: NotificationKind
    event_id: UUID | None
    registration_id: str | None
    member_id: str | None
    email: str
    locale: str
    timezone: str
    title: str
    body: str
    email_wanted: bool
    name: str = ""


class NotificationUseCases(WriteModel):
    """Mixed into `EventConnect`."""

    def issue_notifications(self, tracking_name: str, position: int, notices: Sequence[Notice],
                            *, actor: str = "system") -> int:
        """Issues the notices AND records that `tracking_name` has read the log up to
        `position`, in one transaction. An IntegrityError means another notifier issued one of
        them (same deterministic id) or moved past `position` first: nothing of this batch is
        saved, and the caller re-reads its position. Not retried here: on fresh state the batch
        would be a different one."""
        now = self.clock()
        notifications = [Notification.issue(**vars(notice), actor=actor, now=now)
                         for notice in notices]
        return self.commit_tracked(tracking_name, position, *notifications)

    def load_notification(self, notification_id: UUID, principal: Principal) -> Notification:
        """The caller's own notification; another member's answers NotFound, like a missing one
        (nobody learns which ids exist)."""
        try:
            notification: object = self.repository.get(notification_id)
        except AggregateNotFoundError:
            notification = None
        if (not isinstance(notification, Notification) or principal.id is None
                or not notification.is_for(principal.id)):
            raise NotFound(f"No notification {notification_id}.")
        return notification

    @retry_on_conflict
    def mark_notification_read(self, notification_id: UUID, *, principal: Principal) -> int:
        """Returns the position of the Read event (0 when it was already read)."""
        notification = self.load_notification(notification_id, principal)
        notification.mark_read(actor=principal.actor, now=self.clock())
        return self.commit(notification)

    @retry_on_conflict
    def mark_notifications_read(self, notification_ids: Iterable[UUID], *,
                                principal: Principal) -> int:
        """Marks these of the caller's notifications read in one transaction (the route finds
        the unread ones in the inbox; each is decided on its own aggregate, and ids that are not
        the caller's are passed over)."""
        now = self.clock()
        changed = []
        for notification_id in notification_ids:
            try:
                notification = self.load_notification(notification_id, principal)
            except NotFound:
                continue
            if notification.mark_read(actor=principal.actor, now=now):
                changed.append(notification)
        return self.commit(*changed)
