import { useState } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useWaitlist } from '../api/get-waitlist';
import { AsOfPicker } from './AsOfPicker';

const PAGE_SIZE = 20;

export function WaitlistTab({ eventId }: { eventId: string }) {
  const t = useT();
  const format = useFormat();
  const [asOf, setAsOf] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const waitlist = useWaitlist(eventId, { as_of: asOf, page, page_size: PAGE_SIZE });
  // Time travel: the same picker as the attendee list, so both can be compared at one instant.
  const picker = (
    <AsOfPicker
      id="wait-as-of"
      value={asOf}
      onChange={(v) => {
        setAsOf(v);
        setPage(1);
      }}
    />
  );

  if (waitlist.isPending) return <Loading label={t('organizer.waitlist.loading')} />;
  if (waitlist.isError)
    return (
      <div className="stack">
        {picker}
        <ProblemAlert error={waitlist.error} onRetry={() => void waitlist.refetch()} />
      </div>
    );
  const { items, total } = waitlist.data;
  const offset = (waitlist.data.page - 1) * waitlist.data.page_size;
  return (
    <div className="stack">
      {picker}
      {asOf ? (
        <p className="muted">{t('organizer.waitlist.asOf', { when: format.dateTime(asOf) })}</p>
      ) : null}
      <p>
        {total === 0
          ? t('organizer.waitlist.nobody')
          : t('organizer.waitlist.total', { count: total, n: format.number(total) })}
      </p>
      {items.length > 0 ? (
        <ol className="stack" start={offset + 1} data-testid="waitlist">
          {items.map((entry) => (
            <li key={entry.registration_id} className="list-row">
              <span className="list-row__pos">#{format.number(entry.waitlist_position)}</span>
              <strong>{entry.name}</strong> <span className="muted">{entry.email}</span>
              <span className="muted">
                {' · '}
                {t('organizer.waitlist.since', { when: format.dateTime(entry.registered_at) })}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      <Pagination
        page={waitlist.data.page}
        pageSize={waitlist.data.page_size}
        total={total}
        onPageChange={setPage}
        label={t('organizer.waitlist.pages')}
      />
    </div>
  );
}
