import { useState } from 'react';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { isApiError } from '@/lib/api-client';
import { useTicket } from '../api/get-ticket';
import { groupTicketCode, svgDataUrl } from './ticket-code';

interface TicketCardProps {
  eventId: string;
  registrationId: string;
  /** A guest's token; a member's ticket goes with the session instead. */
  token?: string;
}

/** A confirmed registration's ticket: the QR code to show at the door and its typed form. */
export function TicketCard({ eventId, registrationId, token = '' }: TicketCardProps) {
  const t = useT();
  const ticket = useTicket(eventId, registrationId, token);
  const headingId = `ticket-${registrationId}`;

  let body;
  if (ticket.isPending) body = <Loading label={t('member.ticket.loading')} />;
  else if (ticket.isError) {
    body =
      isApiError(ticket.error) && ticket.error.code === 'not_confirmed' ? (
        <p className="muted">{t('member.ticket.notConfirmed')}</p>
      ) : (
        <ProblemAlert
          error={ticket.error}
          title={t('member.ticket.loadFailed')}
          onRetry={() => void ticket.refetch()}
        />
      );
  } else {
    body = (
      <>
        <img
          className="ticket__qr"
          src={svgDataUrl(ticket.data.qr_svg)}
          alt={t('member.ticket.qr')}
          width={240}
          height={240}
        />
        <p className="ticket__code" data-testid="ticket-code">
          <span className="visually-hidden">{t('member.ticket.code')} </span>
          {groupTicketCode(ticket.data.ticket_code)}
        </p>
        <p className="muted">{t('member.ticket.hint')}</p>
      </>
    );
  }
  return (
    <section className="panel ticket" aria-labelledby={headingId} data-testid="ticket">
      <h2 id={headingId}>{t('member.ticket.heading')}</h2>
      {body}
    </section>
  );
}

/** For a list of registrations: the ticket behind a button, fetched only when asked for. */
export function TicketToggle({ eventId, registrationId }: TicketCardProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const panelId = `ticket-panel-${registrationId}`;
  return (
    <>
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {open ? t('member.ticket.hide') : t('member.ticket.show')}
      </button>
      <div id={panelId} hidden={!open}>
        {open ? <TicketCard eventId={eventId} registrationId={registrationId} /> : null}
      </div>
    </>
  );
}
