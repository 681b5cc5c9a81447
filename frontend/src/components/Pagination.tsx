import { useT } from '@/i18n';

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** false when `total` is only a lower bound: the last page is unknown, so no "of Y". */
  totalExact?: boolean;
  /** Items on the current page; with an inexact total a full page means there may be more. */
  itemCount?: number;
  onPageChange: (page: number) => void;
  label?: string;
}

export function Pagination({
  page,
  pageSize,
  total,
  totalExact = true,
  itemCount,
  onPageChange,
  label,
}: PaginationProps) {
  const t = useT();
  const size = Math.max(1, pageSize);
  const pages = Math.max(1, Math.ceil(total / size));
  const hasNext = totalExact
    ? page < pages
    : total > page * size || (itemCount !== undefined && itemCount >= size);
  if (totalExact ? pages <= 1 : page <= 1 && !hasNext) return null;
  return (
    <nav className="pagination" aria-label={label ?? t('pagination.pages')}>
      <button type="button" onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
        {t('pagination.previous')}
      </button>
      <span aria-live="polite">
        {totalExact ? t('pagination.pageOf', { page, pages }) : t('pagination.page', { page })}
      </span>
      <button type="button" onClick={() => onPageChange(page + 1)} disabled={!hasNext}>
        {t('pagination.next')}
      </button>
    </nav>
  );
}
