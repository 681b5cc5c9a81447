// What the charts' tooltips say: the figures as the tables write them, never recharts' raw values.
import { formatCount } from './format';

/** A count ("1,234" / "1.234"); recharts hands the formatter any value. */
export const tooltipCount = (locale: string) => (value: unknown) =>
  formatCount(Number(value), locale);

/**
 * The tooltip's heading from a field of the hovered datum: the axis label is shortened to fit a
 * phone ("Jan ’26", a clipped title), the tooltip has room for the whole of it.
 */
export const tooltipLabelFrom =
  (field: string) =>
  (_label: unknown, payload: readonly { payload?: unknown }[]): string => {
    const datum = payload[0]?.payload as Record<string, unknown> | undefined;
    const value = datum?.[field];
    return typeof value === 'string' ? value : '';
  };
