import { useState } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/datetime';
import { useWaitlist } from '../api/get-waitlist';

const PAGE_SIZE = 20;

export function WaitlistTab({ eventId }: { eventId: string }) {
  const [page, setPage] = useState(1);
  const waitlist = useWaitlist(eventId, { page, page_size: PAGE_SIZE });

  if (waitlist.isPending) return <Loading label="Loading waitlist…" />;
  if (waitlist.isError) return <ProblemAlert error={waitlist.error} />;
  const { items, total } = waitlist.data;
  const offset = (waitlist.data.page - 1) * waitlist.data.page_size;
  return (
    <div className="stack">
      <p>{total === 0 ? 'Nobody is waiting.' : `${total} waiting, in promotion order.`}</p>
      {items.length > 0 ? (
        <ol className="stack" start={offset + 1} data-testid="waitlist">
          {items.map((entry) => (
            <li key={entry.registration_id} className="list-row">
              <span className="list-row__pos">#{entry.waitlist_position}</span>
              <strong>{entry.name}</strong> <span className="muted">{entry.email}</span>
              <span className="muted"> · since {formatDateTime(entry.registered_at)}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <Pagination
        page={waitlist.data.page}
        pageSize={waitlist.data.page_size}
        total={total}
        onPageChange={setPage}
        label="Waitlist pages"
      />
    </div>
  );
}
