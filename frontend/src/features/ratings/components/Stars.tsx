import { useT } from '@/i18n';
import { MAX_STARS, starLabel } from './stars';

/** A score shown as stars, read out as "4 stars". */
export function Stars({ score }: { score: number }) {
  const t = useT();
  return (
    <span className="stars-static" role="img" aria-label={starLabel(t, score)}>
      {'★'.repeat(Math.max(0, Math.min(score, MAX_STARS)))}
      <span className="stars-static__off">
        {'★'.repeat(Math.max(0, MAX_STARS - Math.max(0, score)))}
      </span>
    </span>
  );
}
