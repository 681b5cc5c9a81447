import type { components } from '@/types/openapi.gen';

type Schemas = components['schemas'];

/** POST /api/users/{id}/deactivate: the account and the store position reached. */
export type UserChanged = Schemas['UserChanged'];
/** One entry of GET /api/users/{id}/history (an account's recorded domain events). */
export type AccountHistoryEntry = Schemas['HistoryEntryOut'];
