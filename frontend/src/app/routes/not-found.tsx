import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <>
      <title>Not found · EventConnect</title>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Browse events</Link>
      </p>
    </>
  );
}
