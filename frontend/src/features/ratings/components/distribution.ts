/** One bar of the distribution: its score, count and share of all ratings (0..100, rounded). */
export interface DistributionBar {
  score: number;
  count: number;
  percent: number;
}

/** Five bars, 5 stars first; scores missing from the answer count as 0. */
export function distributionBars(
  distribution: Partial<Record<string, number>>,
  max = 5,
): DistributionBar[] {
  const counts = Array.from({ length: max }, (_, i) => {
    const n = distribution[String(i + 1)];
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
  });
  const total = counts.reduce((a, b) => a + b, 0);
  return counts
    .map((count, i) => ({
      score: i + 1,
      count,
      percent: total === 0 ? 0 : Math.round((count / total) * 100),
    }))
    .reverse();
}

/** "4.3" / "4,3" (one decimal, in `locale`), or null when there is no rating. */
export function formatAverage(average: number | null | undefined, locale = 'en'): string | null {
  return typeof average === 'number' && Number.isFinite(average)
    ? new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        average,
      )
    : null;
}
