// Shapes from shared/API.md (the fixed HTTP contract). JSON is snake_case.

export const CATEGORIES = [
  'workshop',
  'seminar',
  'volunteer',
  'fundraiser',
  'social',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const LIST_STATUSES = ['upcoming', 'past', 'all'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export const SORTS = ['starts_at', '-starts_at', 'popularity', 'rating'] as const;
export type Sort = (typeof SORTS)[number];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  /** false: `total` is a lower bound ("1,000+"), as event search stops counting. Absent: exact. */
  total_exact?: boolean;
}

export interface Location {
  country: string;
  city: string;
  venue?: string | null;
  online_url?: string | null;
}

/** API.md leaves the values open; these are the ones the UI knows how to badge. */
export type EventStatus = 'draft' | 'published' | 'cancelled' | (string & {});

export interface EventOut {
  id: string;
  title: string;
  description: string;
  category: Category;
  tags: string[];
  starts_at: string;
  ends_at: string;
  timezone: string;
  location: Location;
  capacity: number;
  confirmed_count: number;
  seats_left: number;
  waitlist_length: number;
  waitlist_enabled: boolean;
  status: EventStatus;
  organizer: { id: string; name: string } | null;
  rating_avg: number | null;
  rating_count: number;
  created_at: string;
}

export interface EventIn {
  title: string;
  description: string;
  category: Category;
  tags: string[];
  starts_at: string;
  ends_at: string;
  timezone: string;
  location: Location;
  capacity: number;
  waitlist_enabled: boolean;
  publish: boolean;
}

export type EventPatch = Partial<Omit<EventIn, 'publish'>>;

export interface CommandResult {
  id: string;
  position: number;
}

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled' | (string & {});

export interface RegistrationCreated {
  registration_id: string;
  status: 'confirmed' | 'waitlisted';
  waitlist_position: number | null;
  cancel_token?: string | null;
  position: number;
}

export interface RegistrationCancelled {
  registration_id: string;
  status: 'cancelled';
  promoted_registration_id: string | null;
  position: number;
}

export interface CheckedIn {
  registration_id: string;
  checked_in_at: string;
  position: number;
}

export interface Attendee {
  registration_id: string;
  name: string;
  email: string;
  status: RegistrationStatus;
  registered_at: string;
  checked_in_at: string | null;
  /** Only on waitlist rows, when the backend sends it. */
  waitlist_position?: number | null;
}

export interface HistoryEntry {
  position: number;
  type: string;
  occurred_at: string;
  actor: string | null;
  data: Record<string, unknown>;
}

// Identity

export const ROLES = ['admin', 'organizer', 'member', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** GET/PATCH /api/me */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  timezone: string;
  locale: string;
}

export type MePatch = Partial<Pick<Me, 'name' | 'timezone' | 'locale'>>;

/** A row of GET /api/users (admin); the backend may send more fields. */
export interface UserOut {
  id: string;
  email: string;
  name: string;
  role: Role;
  timezone?: string;
  locale?: string;
  /** false once an admin deactivated the account. */
  active?: boolean;
  created_at?: string;
}

export interface SignupIn {
  email: string;
  password: string;
  name: string;
  timezone?: string;
  locale?: string;
}

export interface SignedUp {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** A row of GET /api/me/registrations. */
export interface MyRegistration {
  event: EventOut;
  registration_id: string;
  status: RegistrationStatus;
  waitlist_position: number | null;
}
