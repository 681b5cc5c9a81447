import { NavLink } from 'react-router';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useUnreadCount } from '../api/get-notifications';
import { formatUnread, inboxLabel } from './badge';

/** The header's inbox icon with the unread count (signed-in only; the layout decides). */
export function InboxLink() {
  const t = useT();
  const { locale } = useFormat();
  const unread = useUnreadCount();
  const badge = formatUnread(unread);
  return (
    <NavLink
      to="/inbox"
      className="inbox-link"
      aria-label={inboxLabel(t, unread, locale)}
      data-testid="inbox-link"
      data-unread={unread ?? 0}
    >
      <svg
        className="inbox-link__icon"
        viewBox="0 0 24 24"
        width="22"
        height="22"
        aria-hidden="true"
        focusable="false"
      >
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {badge ? (
        <span className="inbox-link__badge" aria-hidden="true" data-testid="inbox-badge">
          {badge}
        </span>
      ) : null}
    </NavLink>
  );
}
