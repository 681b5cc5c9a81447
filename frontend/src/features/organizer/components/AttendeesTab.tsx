import { useState } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/datetime';
import { useAttendees } from '../api/get-attendees';
import { downloadAttendeesCsv, useCheckIn, useUndoCheckIn } from '../api/check-in';
import { AsOfPicker } from './AsOfPicker';

const STATUSES = ['', 'confirmed', 'waitlisted', 'cancelled'] as const;
const PAGE_SIZE = 20;

export function AttendeesTab({ eventId }: { eventId: string }) {
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
  const [exporting, setExporting] = useState<'all' | 'waitlisted' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const exportCsv = (which: 'all' | 'waitlisted') => {
    setExporting(which);
    setExportError(null);
    downloadAttendeesCsv(eventId, which === 'waitlisted' ? 'waitlisted' : undefined)
      .catch((failure: unknown) => setExportError(failure))
      .finally(() => setExporting(null));
  };

  return (
    <div className="stack">
      <div className="toolbar">
        <div className="field">
          <label htmlFor="att-status">Status</label>
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
                {s || 'Any status'}
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
          Refresh
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
          {exporting === 'all' ? 'Exporting…' : 'Export CSV'}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={exporting !== null}
          aria-busy={exporting === 'waitlisted' || undefined}
          onClick={() => exportCsv('waitlisted')}
        >
          {exporting === 'waitlisted' ? 'Exporting…' : 'Export waitlist CSV'}
        </button>
      </div>
      <ProblemAlert error={exportError} title="Could not export the list" />
      {asOf ? (
        <p className="muted">Showing the list as it stood at {formatDateTime(asOf)}.</p>
      ) : null}
      <ProblemAlert error={checkIn.error} title="Could not check in" />
      <ProblemAlert error={undo.error} title="Could not undo the check-in" />
      {attendees.isPending ? <Loading label="Loading attendees…" /> : null}
      {attendees.isError ? <ProblemAlert error={attendees.error} /> : null}
      {attendees.data ? (
        <>
          <p>
            {attendees.data.total === 1
              ? '1 registration'
              : `${attendees.data.total} registrations`}
          </p>
          <div className="table-wrap">
            <table className="table table--stack" data-testid="attendees">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Waitlist #</th>
                  <th scope="col">Registered</th>
                  <th scope="col">Checked in</th>
                </tr>
              </thead>
              <tbody>
                {attendees.data.items.map((a) => (
                  <tr key={a.registration_id} data-testid="attendee-row">
                    <th scope="row">{a.name}</th>
                    <td data-label="Email">{a.email}</td>
                    <td data-label="Status">
                      <span className={`badge badge--${a.status}`}>{a.status}</span>
                    </td>
                    {/* The place in line as of the chosen instant, too (the API computes it). */}
                    <td data-label="Waitlist #">
                      {a.waitlist_position != null ? `#${a.waitlist_position}` : '—'}
                    </td>
                    <td data-label="Registered">{formatDateTime(a.registered_at)}</td>
                    <td data-label="Checked in">
                      {a.checked_in_at ? (
                        <span className="checked-in">
                          <time dateTime={a.checked_in_at}>{formatDateTime(a.checked_in_at)}</time>
                          {a.status === 'confirmed' && !asOf ? (
                            <button
                              type="button"
                              className="button button--small"
                              disabled={undo.isPending}
                              onClick={() => undo.mutate(a.registration_id)}
                              aria-label={`Undo check-in of ${a.name}`}
                            >
                              Undo
                            </button>
                          ) : null}
                        </span>
                      ) : a.status === 'confirmed' && !asOf ? (
                        <button
                          type="button"
                          className="button button--small"
                          disabled={checkIn.isPending}
                          onClick={() => checkIn.mutate(a.registration_id)}
                          aria-label={`Check in ${a.name}`}
                        >
                          Check in
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
            label="Attendee pages"
          />
        </>
      ) : null}
    </div>
  );
}
