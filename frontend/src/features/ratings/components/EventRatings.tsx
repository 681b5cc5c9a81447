import { useState } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/datetime';
import { useRatings } from '../api/get-ratings';
import { RatingSummary } from './RatingSummary';
import { Stars } from './Stars';

const PAGE_SIZE = 10;

/** The event page's feedback: the summary and the ratings with their visible comments, paged. */
export function EventRatings({ eventId }: { eventId: string }) {
  const [page, setPage] = useState(1);
  const ratings = useRatings(eventId, { page, page_size: PAGE_SIZE });

  return (
    <section className="panel stack" aria-labelledby="ratings-heading">
      <h2 id="ratings-heading">Ratings and feedback</h2>
      {ratings.isPending ? <Loading label="Loading ratings…" /> : null}
      {ratings.isError ? <ProblemAlert error={ratings.error} /> : null}
      {ratings.data ? (
        <>
          <RatingSummary ratings={ratings.data} />
          {ratings.data.items.length > 0 ? (
            <ul className="comments" aria-label="Ratings">
              {ratings.data.items.map((r) => (
                <li key={r.rating_id} className="comment" data-testid="rating-comment">
                  <p className="comment__head">
                    <Stars score={r.score} /> <strong>{r.author_name}</strong>{' '}
                    <time className="muted" dateTime={r.rated_at}>
                      {formatDateTime(r.rated_at)}
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
            label="Rating pages"
          />
        </>
      ) : null}
    </section>
  );
}
