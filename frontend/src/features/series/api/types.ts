// Series names for the UI, derived from the generated OpenAPI types (they cannot drift).
import type { components } from '@/types/openapi.gen';

type Schemas = components['schemas'];
export type SeriesIn = Schemas['SeriesIn'];
export type RecurrenceIn = Schemas['RecurrenceIn'];
export type SeriesCreated = Schemas['SeriesCreated'];
export type SeriesOut = Schemas['SeriesOut'];
export type Weekday = NonNullable<RecurrenceIn['by_weekday']>[number];
