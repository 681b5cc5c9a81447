import type { TFunction } from 'i18next';

// Keyboard logic of the star input, a WAI-ARIA radio group: arrows move and select (wrapping
// around), Home/End jump to the ends, a digit picks that many stars. Pure, so it is unit-tested.

export const MAX_STARS = 5;

/**
 * The score a key press selects, or null when the key is not the group's. With nothing chosen
 * yet, "next" (Right/Up) gives one star and "previous" (Left/Down) wraps round to all of them.
 */
export function nextStar(key: string, current: number | null, max = MAX_STARS): number | null {
  const at = current ?? 0;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return at >= max ? 1 : at + 1;
    case 'ArrowLeft':
    case 'ArrowDown':
      return at <= 1 ? max : at - 1;
    case 'Home':
      return 1;
    case 'End':
      return max;
    default: {
      const digit = /^[0-9]$/.test(key) ? Number(key) : NaN;
      return digit >= 1 && digit <= max ? digit : null;
    }
  }
}

/** The one star that takes Tab focus (roving tabindex): the chosen one, else the first. */
export function tabStop(current: number | null): number {
  return current ?? 1;
}

/** "4 stars" / "4 Sterne", for the stars' accessible names. */
export function starLabel(t: TFunction, score: number): string {
  return t('member.ratings.star', { count: score });
}

/** A word for the score, for the text next to the stars. */
export function scoreWord(t: TFunction, score: number | null): string {
  if (score === null) return t('member.ratings.word.none');
  return score >= 1 && score <= MAX_STARS ? t(`member.ratings.word.${score}`) : '';
}
