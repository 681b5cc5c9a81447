import { useEffect, useRef, useState } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import type { Attendee } from '@/types/api';
import { useAttendees } from '../api/get-attendees';
import { downloadAttendeesCsv, useCheckIn, useUndoCheckIn } from '../api/check-in';
import { AsOfPicker } from './AsOfPicker';

const STATUSES = ['', 'confirmed', 'waitlisted', 'cancelled'] as const;
const PAGE_SIZE = 20;

export function AttendeesTab({ eventId }: { eventId: string }) {
  const t = useT();
  const format = useFormat();
  const [status, setStatus] = useState('');
  const [asOf, setAsOf] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const attendees = useAttendees(eventId, {
    status: status || undefined,
    as_of: asOf,
    page,
    page_size: PAGE_SIZE,
  });
  const checkIn = useCheckIn(eventId);
  const undo = useUndoCheckIn(eventId);
  // The registration whose check-in is about to be taken back (asked first, row by row).
  const [confirmUndo, setConfirmUndo] = useState<string | null>(null);
  const [exporting, setExporting] = useState<'all' | 'waitlisted' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const exportCsv = (which: 'all' | 'waitlisted') => {
    setExporting(which);
    setExportError(null);
    downloadAttendeesCsv(eventId, which === 'waitlisted' ? 'waitlisted' : undefined)
      .catch((failure: unknown) => setExportError(failure))
      .finally(() => setExporting(null));
  };
  const statusLabel = (s: string) => t(`registrations.status.${s}`, { defaultValue: s });

  return (
    <div className="stack">
      <div className="toolbar">
        <div className="field">
          <label htmlFor="att-status">{t('organizer.attendees.status')}</label>
          <select
            id="att-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s ? statusLabel(s) : t('organizer.attendees.anyStatus')}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button"
          disabled={attendees.isFetching}
          onClick={() => void attendees.refetch()}
        >
          {t('organizer.attendees.refresh')}
        </button>
        <AsOfPicker
          id="att-as-of"
          value={asOf}
          onChange={(v) => {
            setAsOf(v);
            setPage(1);
          }}
        />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--small"
          disabled={exporting !== null}
          aria-busy={exporting === 'all' || undefined}
          onClick={() => exportCsv('all')}
        >
          {exporting === 'all'
            ? t('organizer.attendees.exporting')
            : t('organizer.attendees.export')}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={exporting !== null}
          aria-busy={exporting === 'waitlisted' || undefined}
          onClick={() => exportCsv('waitlisted')}
        >
          {exporting === 'waitlisted'
            ? t('organizer.attendees.exporting')
            : t('organizer.attendees.exportWaitlist')}
        </button>
      </div>
      <ProblemAlert error={exportError} title={t('organizer.attendees.exportFailed')} />
      {asOf ? (
        <p className="muted">{t('organizer.attendees.asOf', { when: format.dateTime(asOf) })}</p>
      ) : null}
      <ProblemAlert error={checkIn.error} title={t('organizer.attendees.checkInFailed')} />
      <ProblemAlert error={undo.error} title={t('organizer.attendees.undoFailed')} />
      {attendees.isPending ? <Loading label={t('organizer.attendees.loading')} /> : null}
      {attendees.isError ? (
        <ProblemAlert error={attendees.error} onRetry={() => void attendees.refetch()} />
      ) : null}
      {attendees.data ? (
        <>
          <p>
            {t('organizer.attendees.total', {
              count: attendees.data.total,
              n: format.number(attendees.data.total),
            })}
          </p>
          <div className="table-wrap">
            <table className="table table--stack" data-testid="attendees">
              <thead>
                <tr>
                  <th scope="col">{t('organizer.attendees.name')}</th>
                  <th scope="col">{t('organizer.attendees.email')}</th>
                  <th scope="col">{t('organizer.attendees.status')}</th>
                  <th scope="col">{t('organizer.attendees.position')}</th>
                  <th scope="col">{t('organizer.attendees.registered')}</th>
                  <th scope="col">{t('organizer.attendees.checkedIn')}</th>
                </tr>
              </thead>
              <tbody>
                {attendees.data.items.map((a) => (
                  <tr key={a.registration_id} data-testid="attendee-row">
                    <th scope="row">{a.name}</th>
                    <td data-label={t('organizer.attendees.email')}>{a.email}</td>
                    <td data-label={t('organizer.attendees.status')}>
                      <span className={`badge badge--${a.status}`}>{statusLabel(a.status)}</span>
                    </td>
                    {/* The place in line as of the chosen instant, too (the API computes it). */}
                    <td data-label={t('organizer.attendees.position')}>
                      {a.waitlist_position != null ? `#${format.number(a.waitlist_position)}` : '—'}
                    </td>
                    <td data-label={t('organizer.attendees.registered')}>
                      {format.dateTime(a.registered_at)}
                    </td>
                    <td data-label={t('organizer.attendees.checkedIn')}>
                      {a.checked_in_at ? (
                        <span className="checked-in">
                          <time dateTime={a.checked_in_at}>{format.dateTime(a.checked_in_at)}</time>
                          {a.status === 'confirmed' && !asOf ? (
                            confirmUndo === a.registration_id ? (
                              <ConfirmUndo
                                attendee={a}
                                busy={undo.isPending}
                                onConfirm={() =>
                                  undo.mutate(a.registration_id, {
                                    onSettled: () => setConfirmUndo(null),
                                  })
                                }
                                onKeep={() => setConfirmUndo(null)}
                              />
                            ) : (
                              <button
                                type="button"
                                className="button button--small"
                                disabled={undo.isPending}
                                onClick={() => setConfirmUndo(a.registration_id)}
                                aria-label={t('organizer.attendees.undoLabel', { name: a.name })}
                              >
                                {t('organizer.attendees.undo')}
                              </button>
                            )
                          ) : null}
                        </span>
                      ) : a.status === 'confirmed' && !asOf ? (
                        <button
                          type="button"
                          className="button button--small"
                          disabled={checkIn.isPending}
                          onClick={() => checkIn.mutate(a.registration_id)}
                          aria-label={t('organizer.attendees.checkInLabel', { name: a.name })}
                        >
                          {t('organizer.attendees.checkIn')}
                        </button>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={attendees.data.page}
            pageSize={attendees.data.page_size}
            total={attendees.data.total}
            onPageChange={setPage}
            label={t('organizer.attendees.pages')}
          />
        </>
      ) : null}
    </div>
  );
}

interface ConfirmUndoProps {
  attendee: Attendee;
  busy: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}

/** The inline second step of "Undo": names whose check-in goes and what that means. */
function ConfirmUndo({ attendee, busy, onConfirm, onKeep }: ConfirmUndoProps) {
  const t = useT();
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  const questionId = `undo-question-${attendee.registration_id}`;
  return (
    <span className="stack" role="group" aria-labelledby={questionId}>
      <span id={questionId}>{t('organizer.attendees.undoQuestion', { name: attendee.name })}</span>
      <span className="actions">
        <button
          ref={yes}
          type="button"
          className="button button--small button--danger"
          disabled={busy}
          onClick={onConfirm}
        >
          {t('organizer.attendees.undoConfirm')}
        </button>
        <button type="button" className="button button--small" onClick={onKeep}>
          {t('organizer.attendees.undoKeep')}
        </button>
      </span>
    </span>
  );
}
