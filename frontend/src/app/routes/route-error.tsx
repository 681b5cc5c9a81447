import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useT } from '@/i18n';

/**
 * Last resort for errors thrown while rendering a route. The error's own text is for developers
 * (the console has it), so the page says in the person's language what to do next.
 */
export function RouteError() {
  const t = useT();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main id="main" className="container">
      <h1>{t('member.routeError.heading')}</h1>
      <p role="alert">{notFound ? t('member.routeError.notFound') : t('member.routeError.text')}</p>
      <p className="actions">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('member.routeError.reload')}
        </button>
        <a href="/">{t('member.routeError.back')}</a>
      </p>
    </main>
  );
}
