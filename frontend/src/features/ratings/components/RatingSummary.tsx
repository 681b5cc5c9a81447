import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import type { RatingsPage } from '../api/types';
import { distributionBars, formatAverage } from './distribution';
import { starLabel } from './stars';

/** Average, count and a bar per score; the bars are drawn, the numbers are text. */
export function RatingSummary({ ratings }: { ratings: RatingsPage }) {
  const t = useT();
  const format = useFormat();
  const average = formatAverage(ratings.average, format.locale);
  if (ratings.count === 0 || average === null) {
    return (
      <p className="muted" data-testid="rating-summary" data-count="0">
        {t('member.ratings.none')}
      </p>
    );
  }
  return (
    <div className="rating-summary" data-testid="rating-summary" data-count={ratings.count}>
      <p className="rating-summary__average">
        <span className="rating-summary__number" data-testid="rating-average">
          {average}
        </span>
        <span className="muted">
          {' '}
          {t('member.ratings.outOf', { count: ratings.count, n: format.number(ratings.count) })}
        </span>
      </p>
      <ul className="rating-bars" aria-label={t('member.ratings.byScore')}>
        {distributionBars(ratings.distribution).map((bar) => (
          <li key={bar.score} className="rating-bars__row">
            <span className="rating-bars__label">{starLabel(t, bar.score)}</span>
            <span className="rating-bars__track" aria-hidden="true">
              <span className="rating-bars__fill" style={{ width: `${bar.percent}%` }} />
            </span>
            <span className="rating-bars__count">
              {format.number(bar.count)}
              <span className="visually-hidden"> ({format.number(bar.percent)}%)</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
