import { useState, type MouseEvent } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { downloadCsv } from '../api/download-csv';
import { csvHref, type CsvExport } from '../api/paths';

/**
 * "Download CSV": a real link to the export (its address shows the filters it carries), fetched
 * with the tab's token on click, since the browser would follow a bare link without it.
 */
export function CsvLink({ csv, label }: { csv: CsvExport; label: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    downloadCsv(csv)
      .catch((failure: unknown) => setError(failure))
      .finally(() => setBusy(false));
  };

  return (
    <>
      <a
        className="button button--small"
        href={csvHref(csv)}
        download={csv.filename}
        aria-label={t('analytics.csv.linkLabel', { title: label })}
        aria-busy={busy || undefined}
        onClick={onClick}
      >
        {busy ? t('analytics.csv.downloading') : t('analytics.csv.download')}
      </a>
      {error ? <ProblemAlert error={error} title={t('analytics.csv.failed')} /> : null}
    </>
  );
}
