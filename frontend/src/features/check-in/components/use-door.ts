import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { eventKeys } from '@/lib/query-keys';
import { postScan, undoCheckIn } from '../api/door';
import {
  enqueueScan,
  flushQueue,
  isNetworkFailure,
  readQueue,
  type FlushResult,
} from '../api/offline-queue';
import { errorOutcome, type DoorOutcome } from './door-messages';

const storage = () => window.localStorage;

/** The door's state: the last scan's outcome, its undo, and the offline queue. */
export function useDoor(eventId: string) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<DoorOutcome | null>(null);
  const [waiting, setWaiting] = useState(() => readQueue(storage(), eventId).length);
  const [sent, setSent] = useState<FlushResult[]>([]);
  const [sending, setSending] = useState(false);
  const flushing = useRef(false);
  // Counts, attendees and this event's registrations all sit under its detail key.
  const refresh = useCallback(
    () => queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) }),
    [queryClient, eventId],
  );

  const scan = useMutation({
    mutationFn: (ticketCode: string) => postScan(eventId, { ticket_code: ticketCode }),
    // Not paused while offline (the default): a failed send is what puts a scan in the queue.
    networkMode: 'always',
    onSuccess: (answer) => {
      setOutcome({
        kind: answer.already_checked_in ? 'already' : 'checked_in',
        registrationId: answer.registration_id,
        at: answer.checked_in_at,
      });
      void refresh();
    },
    onError: (error, ticketCode) => {
      if (isNetworkFailure(error)) {
        const queue = enqueueScan(storage(), eventId, {
          ticket_code: ticketCode,
          checked_in_at: new Date().toISOString(),
        });
        setWaiting(queue.length);
        setOutcome({ kind: 'queued', waiting: queue.length });
      } else {
        setOutcome(errorOutcome(error));
      }
    },
  });

  const undo = useMutation({
    mutationFn: (registrationId: string) => undoCheckIn(eventId, registrationId),
    onSuccess: (_, registrationId) => {
      setOutcome({ kind: 'undone', registrationId });
      void refresh();
    },
    onError: (error) => setOutcome(errorOutcome(error)),
  });

  const sendNow = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    setSending(true);
    try {
      const results = await flushQueue(storage(), eventId, (body) => postScan(eventId, body));
      if (results.length > 0) {
        setSent((before) => [...results, ...before].slice(0, 20));
        void refresh();
      }
    } finally {
      flushing.current = false;
      setSending(false);
      setWaiting(readQueue(storage(), eventId).length);
    }
  }, [eventId, refresh]);

  useEffect(() => {
    const onOnline = () => void sendNow();
    window.addEventListener('online', onOnline);
    // Scans left from an earlier visit go as soon as the screen opens with a connection.
    if (navigator.onLine && readQueue(storage(), eventId).length > 0) onOnline();
    return () => window.removeEventListener('online', onOnline);
  }, [eventId, sendNow]);

  return {
    outcome,
    submit: (code: string) => {
      const trimmed = code.trim();
      if (trimmed) scan.mutate(trimmed);
    },
    scanning: scan.isPending,
    undo: () => {
      if (outcome?.kind === 'checked_in') undo.mutate(outcome.registrationId);
    },
    undoing: undo.isPending,
    waiting,
    sending,
    sent,
    sendNow: () => void sendNow(),
  };
}
