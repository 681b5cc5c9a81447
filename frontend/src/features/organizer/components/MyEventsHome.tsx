import { useState } from 'react';
import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import type { EventOut } from '@/types/api';
import { useMyEvents, type MyEventsWhen } from '../api/get-my-events';

const TABS: readonly MyEventsWhen[] = ['upcoming', 'past', 'drafts'];

function MyEventCard({ event }: { event: EventOut }) {
  const t = useT();
  const format = useFormat();
  const id = encodeURIComponent(event.id);
  return (
    <li className="panel stack" aria-labelledby={`my-event-${event.id}`}>
      <h3 id={`my-event-${event.id}`}>{event.title}</h3>
      <p>
        {/* The event's own zone: the organizer plans in the place's local time. */}
        <time dateTime={event.starts_at}>
          {format.dateTime(event.starts_at, event.timezone)}
        </time>{' '}
        <span className="muted">({event.timezone})</span>
      </p>
      <p data-testid="my-event-seats">
        {t('organizer.home.seats', {
          confirmed: format.number(event.confirmed_count),
          capacity: format.number(event.capacity),
        })}
        {' · '}
        {t('organizer.home.waitlist', { n: format.number(event.waitlist_length) })}
        {' · '}
        {t('organizer.home.status', {
          status: t(`events.status.${event.status}`, { defaultValue: event.status }),
        })}
      </p>
      <nav aria-label={t('organizer.home.links', { title: event.title })}>
        <ul className="nav-list">
          <li>
            <Link to={`/events/${id}/manage`}>{t('organizer.home.manage')}</Link>
          </li>
          <li>
            <Link to={`/events/${id}/check-in`}>{t('organizer.home.checkIn')}</Link>
          </li>
          <li>
            <Link to={`/events/${id}`}>{t('organizer.home.feedback')}</Link>
          </li>
          <li>
            <Link to={`/events/${id}/analytics`}>{t('organizer.home.analytics')}</Link>
          </li>
        </ul>
      </nav>
    </li>
  );
}

/** "My events": the organizer's events by tab, as phone-first cards. */
export function MyEventsHome() {
  const t = useT();
  const format = useFormat();
  const [when, setWhen] = useState<MyEventsWhen>('upcoming');
  const [page, setPage] = useState(1);
  const query = useMyEvents(when, page);
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;

  return (
    <div className="stack">
      <div role="tablist" aria-label={t('organizer.home.which')} className="inline-form">
        {TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={when === tab}
            className={when === tab ? 'button button--primary' : 'button'}
            onClick={() => {
              setWhen(tab);
              setPage(1);
            }}
          >
            {t(`organizer.home.tabs.${tab}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={t(`organizer.home.tabs.${when}`)}>
        <ProblemAlert
          error={query.error}
          title={t('organizer.home.loadFailed')}
          onRetry={() => void query.refetch()}
        />
        {query.isPending ? <Loading /> : null}
        {data && data.items.length === 0 ? (
          <p className="muted">{t('organizer.home.empty')}</p>
        ) : null}
        {data && data.items.length > 0 ? (
          <ul className="stack" aria-label={t('organizer.home.yours')}>
            {data.items.map((event) => (
              <MyEventCard key={event.id} event={event} />
            ))}
          </ul>
        ) : null}
        {pages > 1 ? (
          <p className="inline-form">
            <button
              type="button"
              className="button"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              {t('organizer.home.previous')}
            </button>
            <span>
              {t('organizer.home.page', {
                page: format.number(page),
                pages: format.number(pages),
              })}
            </span>
            <button
              type="button"
              className="button"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
            >
              {t('organizer.home.next')}
            </button>
          </p>
        ) : null}
      </div>
    </div>
  );
}
