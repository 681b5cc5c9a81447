import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { browserTimeZone } from '@/lib/datetime';
import { eventKeys } from '@/lib/query-keys';
import type { EventPatch } from '@/types/api';
import type { SeriesCreated, SeriesIn, SeriesOut } from './types';

export const seriesKeys = {
  all: ['series'] as const,
  detail: (id: string, tz: string) => [...seriesKeys.all, id, tz] as const,
};

export function createSeries(input: SeriesIn): Promise<SeriesCreated> {
  return api.post<SeriesCreated>('/series', input);
}

export function useCreateSeries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSeries,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.lists() }),
  });
}

export function getSeries(id: string, tz: string, signal?: AbortSignal): Promise<SeriesOut> {
  return api.get<SeriesOut>(`/series/${encodeURIComponent(id)}`, { params: { tz }, signal });
}

export const getSeriesQueryOptions = (id: string, tz: string = browserTimeZone()) =>
  queryOptions({
    queryKey: seriesKeys.detail(id, tz),
    queryFn: ({ signal }) => getSeries(id, tz, signal),
  });

export function useSeries(id: string, tz?: string) {
  return useQuery(getSeriesQueryOptions(id, tz));
}

interface SeriesEdit {
  seriesId: string;
  fromEventId: string;
  patch: EventPatch;
}

/** Edits one occurrence and every later one (PATCH /api/series/{id}?from=...). */
export function useUpdateSeries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ seriesId, fromEventId, patch }: SeriesEdit) =>
      api.patch<{ event_ids: string[]; position: number }>(
        `/series/${encodeURIComponent(seriesId)}`,
        patch,
        { params: { from: fromEventId } },
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: eventKeys.all }),
        queryClient.invalidateQueries({ queryKey: seriesKeys.all }),
      ]),
  });
}
