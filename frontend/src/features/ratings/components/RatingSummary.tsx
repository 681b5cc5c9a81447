import type { RatingsPage } from '../api/types';
import { distributionBars, formatAverage } from './distribution';
import { starLabel } from './stars';

/** Average, count and a bar per score; the bars are drawn, the numbers are text. */
export function RatingSummary({ ratings }: { ratings: RatingsPage }) {
  const average = formatAverage(ratings.average);
  if (ratings.count === 0 || average === null) {
    return (
      <p className="muted" data-testid="rating-summary" data-count="0">
        No ratings yet.
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
          / 5 from {ratings.count} rating{ratings.count === 1 ? '' : 's'}
        </span>
      </p>
      <ul className="rating-bars" aria-label="Ratings by score">
        {distributionBars(ratings.distribution).map((bar) => (
          <li key={bar.score} className="rating-bars__row">
            <span className="rating-bars__label">{starLabel(bar.score)}</span>
            <span className="rating-bars__track" aria-hidden="true">
              <span className="rating-bars__fill" style={{ width: `${bar.percent}%` }} />
            </span>
            <span className="rating-bars__count">
              {bar.count}
              <span className="visually-hidden"> ({bar.percent}%)</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
