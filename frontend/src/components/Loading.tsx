import { useT } from '@/i18n';

/**
 * A loading placeholder: grey blocks shaped like a page's content (a heading, a few lines, a
 * panel), announced to screen readers by its label. The pulse stops with reduced motion (CSS).
 */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="skeleton loading" role="status" aria-busy="true" data-testid="loading">
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
      <span className="skeleton__block skeleton__block--title" aria-hidden="true" />
      <span className="skeleton__block" aria-hidden="true" />
      <span className="skeleton__block skeleton__block--short" aria-hidden="true" />
      <span className="skeleton__block skeleton__block--tall" aria-hidden="true" />
    </div>
  );
}
