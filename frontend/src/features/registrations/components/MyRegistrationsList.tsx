import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Trans, useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import type { MyRegistration } from '@/types/api';
import { useCancelMyRegistration } from '../api/cancel-registration';
import { useMyRegistrations } from '../api/get-my-registrations';

const PAGE_SIZE = 20;

function StatusText({ r }: { r: MyRegistration }) {
  const t = useT();
  if (r.status === 'waitlisted' && r.waitlist_position != null) {
    return t('registrations.mine.waitlistedAt', { position: r.waitlist_position });
  }
  return t(`registrations.status.${r.status}`);
}

interface MyRegistrationsListProps {
  /** A confirmed registration's ticket (rendered by the app: tickets are their own feature). */
  ticket?: (registration: MyRegistration) => ReactNode;
}

/** The logged-in account's registrations across events, each cancellable while active. */
export function MyRegistrationsList({ ticket }: MyRegistrationsListProps = {}) {
  const t = useT();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const mine = useMyRegistrations({ page, page_size: PAGE_SIZE });
  const cancel = useCancelMyRegistration();

  if (mine.isPending) return <Loading label={t('registrations.mine.loading')} />;
  if (mine.isError) return <ProblemAlert error={mine.error} />;
  const { items, total } = mine.data;
  if (total === 0) {
    return (
      <p className="empty">
        <Trans i18nKey="registrations.mine.empty" components={{ a: <Link to="/" /> }} />
      </p>
    );
  }
  return (
    <div className="stack">
      {cancel.isSuccess ? (
        <p className="alert alert--success" role="status" data-testid="cancel-result">
          {t('registrations.cancelled')}
          {cancel.data.promoted_registration_id ? ` ${t('registrations.promoted')}` : ''}
        </p>
      ) : null}
      <ProblemAlert error={cancel.error} title={t('registrations.cancelFailed')} />
      <ul className="stack" aria-label={t('registrations.mine.heading')}>
        {items.map((r) => (
          <li
            key={r.registration_id}
            className="mine"
            data-testid="account-registration"
            data-status={r.status}
          >
            <p>
              <Link to={`/events/${encodeURIComponent(r.event.id)}`}>{r.event.title}</Link>
            </p>
            <p className="muted">
              <time dateTime={r.event.starts_at}>{format.dateTime(r.event.starts_at)}</time> ·{' '}
              {r.event.location.city}, {r.event.location.country}
            </p>
            <p>
              <span
                className={`badge badge--${r.status}`}
                data-testid="account-registration-status"
              >
                <StatusText r={r} />
              </span>
            </p>
            {r.status === 'confirmed' && ticket ? ticket(r) : null}
            {r.status !== 'cancelled' ? (
              <button
                type="button"
                className="button button--danger"
                disabled={cancel.isPending}
                aria-label={t('registrations.mine.cancelFor', { title: r.event.title })}
                onClick={() =>
                  cancel.mutate({ eventId: r.event.id, registrationId: r.registration_id })
                }
              >
                {t('registrations.mine.cancel')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <Pagination
        page={mine.data.page}
        pageSize={mine.data.page_size}
        total={total}
        onPageChange={setPage}
        label={t('registrations.mine.pages')}
      />
    </div>
  );
}
