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
import { browserTimeZone } from '@/lib/datetime';

export function EventsListRoute() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  const query = useMemo(() => filtersToQuery(filters, browserTimeZone()), [filters]);
  const apply = (values: EventFilterValues) => {
    setSearchParams(filtersToSearchParams(values));
  };

  return (
    <>
      <title>Events · EventConnect</title>
      <h1>Find an event</h1>
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
