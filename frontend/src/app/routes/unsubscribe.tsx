import { useSearchParams } from 'react-router';
import { UnsubscribePanel } from '@/features/notifications/components/UnsubscribePanel';

/** /unsubscribe?token= — the link at the bottom of every reminder email. */
export function UnsubscribeRoute() {
  const token = useSearchParams()[0].get('token') ?? '';
  return (
    <>
      <title>Unsubscribe · EventConnect</title>
      <h1>Unsubscribe from reminders</h1>
      <UnsubscribePanel token={token} />
    </>
  );
}
