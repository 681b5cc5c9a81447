import { useSearchParams } from 'react-router';
import { UnsubscribePanel } from '@/features/notifications/components/UnsubscribePanel';
import { useT } from '@/i18n';

/** /unsubscribe?token= — the link at the bottom of every reminder email. */
export function UnsubscribeRoute() {
  const t = useT();
  const token = useSearchParams()[0].get('token') ?? '';
  return (
    <>
      <title>{t('member.unsubscribe.documentTitle')}</title>
      <h1>{t('member.unsubscribe.heading')}</h1>
      <UnsubscribePanel token={token} />
    </>
  );
}
