export interface Stat {
  /** Stable name for tests and styling, e.g. `registrations`. */
  id: string;
  label: string;
  value: string;
  /** A short line under the figure ("of 40 seats", "from 12 ratings"). */
  note?: string;
}

/** Headline figures as a list of term/value pairs; a grid of cards, two across on a phone. */
export function StatCards({ stats, label }: { stats: readonly Stat[]; label: string }) {
  return (
    <dl className="stat-cards" aria-label={label}>
      {stats.map((stat) => (
        <div key={stat.id} className="stat-card" data-testid={`stat-${stat.id}`}>
          <dt className="stat-card__label">{stat.label}</dt>
          <dd className="stat-card__value" data-testid={`stat-${stat.id}-value`}>
            {stat.value}
          </dd>
          {stat.note ? <dd className="stat-card__note">{stat.note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
