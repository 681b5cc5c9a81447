import { Link } from 'react-router';
import { useT } from '@/i18n';

export function NotFoundRoute() {
  const t = useT();
  return (
    <>
      <title>{t('member.notFound.documentTitle')}</title>
      <h1>{t('member.notFound.heading')}</h1>
      <p>{t('member.notFound.text')}</p>
      <p>
        <Link to="/">{t('member.notFound.browse')}</Link>
      </p>
    </>
  );
}
