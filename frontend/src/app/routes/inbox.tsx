import { InboxList } from '@/features/notifications/components/InboxList';
import { useT } from '@/i18n';

/** /inbox, behind RequireAuth. */
export function InboxRoute() {
  const t = useT();
  return (
    <>
      <title>{t('member.inbox.documentTitle')}</title>
      <h1>{t('member.inbox.heading')}</h1>
      <InboxList />
    </>
  );
}
