// Series colours: each at least 3:1 against the white card (WCAG 1.4.11 for graphics), and the
// line series also differ by dash pattern, so no reading depends on telling colours apart.
export const SERIES = [
  { color: '#1d4ed8', dash: undefined },
  { color: '#b91c1c', dash: '6 3' },
  { color: '#047857', dash: '2 3' },
  { color: '#7c3aed', dash: '10 4 2 4' },
  { color: '#b45309', dash: '4 4' },
] as const;

export const AXIS_COLOR = '#475569';
export const GRID_COLOR = '#e2e8f0';

/** Axis labels: the muted text colour, small enough to fit a phone. */
export const TICK = { fill: AXIS_COLOR, fontSize: 12 };

/** Chart heights in px: tall enough for labels at 390 px wide, short enough to leave room. */
export const CHART_HEIGHT = 240;
export const barListHeight = (bars: number) => Math.max(160, 48 * bars + 48);
