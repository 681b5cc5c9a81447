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
  label = 'Pages',
}: PaginationProps) {
  const size = Math.max(1, pageSize);
  const pages = Math.max(1, Math.ceil(total / size));
  const hasNext = totalExact
    ? page < pages
    : total > page * size || (itemCount !== undefined && itemCount >= size);
  if (totalExact ? pages <= 1 : page <= 1 && !hasNext) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
        Previous
      </button>
      <span aria-live="polite">{totalExact ? `Page ${page} of ${pages}` : `Page ${page}`}</span>
      <button type="button" onClick={() => onPageChange(page + 1)} disabled={!hasNext}>
        Next
      </button>
    </nav>
  );
}
