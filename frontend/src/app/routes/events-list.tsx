import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { EventFilters } from '@/features/events/components/EventFilters';
import { EventList } from '@/features/events/components/EventList';
import {
  filtersToQuery,
  filtersToSearchParams,
  parseFilters,
  type EventFilterValues,
} from '@/features/events/components/filters';
import { useT } from '@/i18n';
import { useDisplaySettings } from '@/i18n/settings';

export function EventsListRoute() {
  const t = useT();
  const { timeZone } = useDisplaySettings();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  const query = useMemo(() => filtersToQuery(filters, timeZone), [filters, timeZone]);
  const apply = (values: EventFilterValues) => {
    setSearchParams(filtersToSearchParams(values));
  };

  return (
    <>
      <title>{t('events.list.documentTitle')}</title>
      <h1>{t('events.list.heading')}</h1>
      <EventFilters values={filters} onApply={apply} />
      <EventList
        query={query}
        onPageChange={(page) => {
          apply({ ...filters, page });
          window.scrollTo({ top: 0 });
        }}
      />
    </>
  );
}
