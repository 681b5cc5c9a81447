/** "1 event", "42 events", or "1,000+ events" when the API says `total` is only a lower bound. */
export function countLabel(total: number, exact: boolean, one: string, many: string): string {
  if (!exact) return `${total.toLocaleString('en')}+ ${many}`;
  return total === 1 ? `1 ${one}` : `${total} ${many}`;
}
