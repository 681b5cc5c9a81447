"""Policies that follow the event store's log and react: the notifier (notifications for
inbox and email), the reminder scheduler, and mail delivery. Wired by the composition root
(`eventconnect`) alone; they write through the write model, with their tracking position in the
event store (docs/decisions/0005)."""
