import { useState } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useRatings } from '../api/get-ratings';
import { RatingSummary } from './RatingSummary';
import { Stars } from './Stars';

const PAGE_SIZE = 10;

/** The event page's feedback: the summary and the ratings with their visible comments, paged. */
export function EventRatings({ eventId }: { eventId: string }) {
  const t = useT();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const ratings = useRatings(eventId, { page, page_size: PAGE_SIZE });

  return (
    <section className="panel stack" aria-labelledby="ratings-heading">
      <h2 id="ratings-heading">{t('member.ratings.heading')}</h2>
      {ratings.isPending ? <Loading label={t('member.ratings.loading')} /> : null}
      {ratings.isError ? (
        <ProblemAlert
          error={ratings.error}
          title={t('member.ratings.loadFailed')}
          onRetry={() => void ratings.refetch()}
        />
      ) : null}
      {ratings.data ? (
        <>
          <RatingSummary ratings={ratings.data} />
          {ratings.data.items.length > 0 ? (
            <ul className="comments" aria-label={t('member.ratings.list')}>
              {ratings.data.items.map((r) => (
                <li key={r.rating_id} className="comment" data-testid="rating-comment">
                  <p className="comment__head">
                    <Stars score={r.score} /> <strong>{r.author_name}</strong>{' '}
                    <time className="muted" dateTime={r.rated_at}>
                      {format.dateTime(r.rated_at)}
                    </time>
                  </p>
                  {r.comment ? <p className="comment__body">{r.comment}</p> : null}
                </li>
              ))}
            </ul>
          ) : null}
          <Pagination
            page={ratings.data.page}
            pageSize={ratings.data.page_size}
            total={ratings.data.total}
            onPageChange={setPage}
            label={t('member.ratings.pages')}
          />
        </>
      ) : null}
    </section>
  );
}
