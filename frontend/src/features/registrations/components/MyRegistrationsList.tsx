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
import { ConfirmStep } from './ConfirmStep';

const PAGE_SIZE = 20;

/** Over once the event has ended (an unreadable end counts as not over). */
function isPast(r: MyRegistration, now: number): boolean {
  const end = Date.parse(r.event.ends_at);
  return Number.isFinite(end) && end < now;
}

function StatusBadge({ r, past }: { r: MyRegistration; past: boolean }) {
  const t = useT();
  let text: string;
  let tone: string;
  if (r.status === 'cancelled') {
    text = t('member.mine.status.cancelled');
    tone = 'badge';
  } else if (past) {
    text =
      r.status === 'confirmed'
        ? t('member.mine.status.attended')
        : t('member.mine.status.missedWaitlist');
    tone = 'badge';
  } else if (r.status === 'waitlisted') {
    text =
      r.waitlist_position != null
        ? t('member.mine.status.waitlistedAt', { position: r.waitlist_position })
        : t('member.mine.status.waitlisted');
    tone = 'badge badge--waitlisted';
  } else {
    text = t('member.mine.status.confirmed');
    tone = 'badge badge--confirmed';
  }
  return (
    <span className={tone} data-testid="account-registration-status">
      {text}
    </span>
  );
}

interface MyRegistrationsListProps {
  /** A confirmed registration's ticket (rendered by the app: tickets are their own feature). */
  ticket?: (registration: MyRegistration) => ReactNode;
}

/**
 * The logged-in account's registrations across events: upcoming ones first (soonest first),
 * then past ones (latest first); an upcoming active one can be cancelled after a confirmation.
 */
export function MyRegistrationsList({ ticket }: MyRegistrationsListProps = {}) {
  const t = useT();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const mine = useMyRegistrations({ page, page_size: PAGE_SIZE });
  const cancel = useCancelMyRegistration();
  const [now] = useState(() => Date.now());

  if (mine.isPending) return <Loading label={t('registrations.mine.loading')} />;
  if (mine.isError) {
    return (
      <ProblemAlert
        error={mine.error}
        title={t('registrations.mine.loadFailed')}
        onRetry={() => void mine.refetch()}
      />
    );
  }
  const { items, total } = mine.data;
  if (total === 0) {
    return (
      <p className="empty">
        <Trans i18nKey="registrations.mine.empty" components={{ a: <Link to="/" /> }} />
      </p>
    );
  }
  const byStart = (a: MyRegistration, b: MyRegistration) =>
    Date.parse(a.event.starts_at) - Date.parse(b.event.starts_at);
  const upcoming = items.filter((r) => !isPast(r, now)).sort(byStart);
  const past = items.filter((r) => isPast(r, now)).sort((a, b) => byStart(b, a));

  const row = (r: MyRegistration, isOver: boolean) => (
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
        {t('member.mine.where', { city: r.event.location.city, country: r.event.location.country })}
      </p>
      <p>
        <StatusBadge r={r} past={isOver} />
      </p>
      {r.status === 'confirmed' && ticket ? ticket(r) : null}
      {r.status !== 'cancelled' && !isOver ? (
        <ConfirmStep
          label={t('registrations.mine.cancel')}
          ariaLabel={t('registrations.mine.cancelFor', { title: r.event.title })}
          busy={cancel.isPending}
          busyLabel={t('registrations.cancelling')}
          question={t('member.confirm.question', {
            title: r.event.title,
            date: format.dateTime(r.event.starts_at),
          })}
          onConfirm={() =>
            cancel.mutate({ eventId: r.event.id, registrationId: r.registration_id })
          }
        />
      ) : null}
    </li>
  );

  return (
    <div className="stack">
      {cancel.isSuccess ? (
        <p className="alert alert--success" role="status" data-testid="cancel-result">
          {t('registrations.cancelled')}
          {cancel.data.promoted_registration_id ? ` ${t('registrations.promoted')}` : ''}
        </p>
      ) : null}
      <ProblemAlert error={cancel.error} title={t('registrations.cancelFailed')} />
      <section className="stack" aria-labelledby="mine-upcoming">
        <h2 id="mine-upcoming">{t('member.mine.upcoming')}</h2>
        {upcoming.length > 0 ? (
          <ul className="stack" aria-label={t('member.mine.upcoming')}>
            {upcoming.map((r) => row(r, false))}
          </ul>
        ) : (
          <p className="muted">{t('member.mine.noUpcoming')}</p>
        )}
      </section>
      {past.length > 0 ? (
        <section className="stack" aria-labelledby="mine-past">
          <h2 id="mine-past">{t('member.mine.past')}</h2>
          <ul className="stack" aria-label={t('member.mine.past')}>
            {past.map((r) => row(r, true))}
          </ul>
        </section>
      ) : null}
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
