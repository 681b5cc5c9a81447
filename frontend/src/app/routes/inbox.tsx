import { InboxList } from '@/features/notifications/components/InboxList';

/** /inbox, behind RequireAuth. */
export function InboxRoute() {
  return (
    <>
      <title>Inbox · EventConnect</title>
      <h1>Inbox</h1>
      <InboxList />
    </>
  );
}
