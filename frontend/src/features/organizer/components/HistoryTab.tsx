import { useState } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useHistory } from '../api/get-history';
import { AsOfPicker } from './AsOfPicker';

const PAGE_SIZE = 50;

/** The audit trail: every domain event of this event, oldest first. */
export function HistoryTab({ eventId }: { eventId: string }) {
  const t = useT();
  const format = useFormat();
  const [asOf, setAsOf] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const history = useHistory(eventId, { as_of: asOf, page, page_size: PAGE_SIZE });

  return (
    <div className="stack">
      <AsOfPicker
        id="hist-as-of"
        value={asOf}
        onChange={(v) => {
          setAsOf(v);
          setPage(1);
        }}
      />
      {history.isPending ? <Loading label={t('organizer.history.loading')} /> : null}
      {history.isError ? (
        <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />
      ) : null}
      {history.data ? (
        <>
          <ol className="timeline" data-testid="history">
            {history.data.items.map((entry) => (
              <li key={entry.position} className="timeline__item">
                {/* The sentence is what a reader wants; the dotted type stays for whoever
                    searches logs or the data below by it. */}
                <p className="timeline__summary">{entry.summary}</p>
                <p className="muted">
                  <small data-testid="history-type">{entry.type}</small> ·{' '}
                  <time dateTime={entry.occurred_at}>{format.dateTime(entry.occurred_at)}</time>
                </p>
                <details>
                  <summary>{t('organizer.history.data')}</summary>
                  <pre>{JSON.stringify(entry.data, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ol>
          {history.data.items.length === 0 ? <p>{t('organizer.history.empty')}</p> : null}
          <Pagination
            page={history.data.page}
            pageSize={history.data.page_size}
            total={history.data.total}
            onPageChange={setPage}
            label={t('organizer.history.pages')}
          />
        </>
      ) : null}
    </div>
  );
}
