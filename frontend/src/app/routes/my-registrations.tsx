import { MyRegistrationsList } from '@/features/registrations/components/MyRegistrationsList';

/** /me/registrations, behind RequireAuth. */
export function MyRegistrationsRoute() {
  return (
    <>
      <title>My registrations · EventConnect</title>
      <h1>My registrations</h1>
      <MyRegistrationsList />
    </>
  );
}
