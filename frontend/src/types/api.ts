// The names the UI uses for the HTTP contract, all derived from openapi.gen.ts (generated from the
// backend's OpenAPI document, so they cannot drift from it). JSON is snake_case.
import type { components, operations } from './openapi.gen';

type Schemas = components['schemas'];
type EventSearch = NonNullable<operations['search_events_api_events_get']['parameters']['query']>;
type AnalyticsOverviewSearch = NonNullable<
  operations['analytics_overview_api_analytics_overview_get']['parameters']['query']
>;

/** Lists a string union's members at runtime. Taking a record makes the compiler refuse a list
 * that misses a member or adds one the server does not know. */
function membersOf<T extends string>(members: Record<T, null>): readonly T[] {
  return Object.keys(members) as T[];
}

// The domain's vocabularies are components of their own (StrEnums on the server).
export type Category = Schemas['Category'];
export const CATEGORIES = membersOf<Category>({
  workshop: null,
  seminar: null,
  volunteer: null,
  fundraiser: null,
  social: null,
  other: null,
});

/** The read side answers `category` as a plain string; this narrows it for the form. */
export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export type ListStatus = NonNullable<EventSearch['status']>;
export const LIST_STATUSES = membersOf<ListStatus>({ upcoming: null, past: null, all: null });

export type Sort = NonNullable<EventSearch['sort']>;
export const SORTS = membersOf<Sort>({
  starts_at: null,
  '-starts_at': null,
  popularity: null,
  rating: null,
});

/** Every list answer has this shape (the server's `Page[T]`); `total_exact` false means `total`
 * is a lower bound ("1,000+"), as event search stops counting. Absent: exact. */
export type Page<T> = Omit<Schemas['Page_EventOut_'], 'items'> & { items: T[] };

export type Location = Schemas['Location'];
export type EventOut = Schemas['EventOut'];
export type EventStatus = Schemas['EventStatus'];
export type EventIn = Schemas['EventIn'];
export type EventPatch = Schemas['EventPatch'];

/** What an event command answers: the event and the log position to read it back at. */
export type CommandResult = Schemas['EventChanged'];

export type RegistrationStatus = Schemas['RegistrationStatus'];
export type RegistrationCreated = Schemas['RegistrationOut'];
export type RegistrationCancelled = Schemas['CancellationOut'];
export type CheckedIn = Schemas['CheckInOut'];
export type Attendee = Schemas['AttendeeOut'];
export type WaitlistEntry = Schemas['WaitlistEntryOut'];
export type HistoryEntry = Schemas['HistoryEntryOut'];

// Tickets and the door (check-in)

/** GET …/registrations/{rid}/ticket: a confirmed registration's code and its QR code (SVG). */
export type Ticket = Schemas['TicketOut'];
/** POST /api/events/{id}/check-ins: a ticket code or a registration id, and an offline time. */
export type ScanIn = Schemas['ScanIn'];
export type ScanOut = Schemas['ScanOut'];
/** DELETE …/registrations/{rid}/check-in answers only the position it reached. */
export type CheckInUndone = Schemas['Positioned'];

// Identity

export type Role = Schemas['Role'];
export const ROLES = membersOf<Role>({ admin: null, organizer: null, member: null, analyst: null });

/** GET /api/me */
export type Me = Schemas['ProfileOut'];
/** PATCH /api/me */
export type MePatch = Schemas['ProfilePatch'];
/** A row of GET /api/users (admin). */
export type UserOut = Schemas['UserOut'];
export type RoleChanged = Schemas['RoleChanged'];
export type SignupIn = Schemas['SignupIn'];
export type SignedUp = Schemas['SignedUp'];
/** A row of GET /api/me/registrations. */
export type MyRegistration = Schemas['MyRegistrationOut'];

// Ratings and feedback (Wave 2)

/** GET /api/events/{id}/ratings: summary plus a page of ratings. */
export type RatingsPage = Schemas['RatingsPage'];
/** One rating of that page; `hidden` ones only with include_hidden=true. */
export type RatingOut = Schemas['RatingOut'];
/** GET …/ratings/me or /guest: the caller's own rating (404 when none). */
export type MyRatingOut = Schemas['MyRatingOut'];
export type RatingIn = Schemas['RatingIn'];
export type RatingSaved = Schemas['RatingSavedOut'];
export type RatingChanged = Schemas['RatingChangedOut'];
export type HideCommentIn = Schemas['HideCommentIn'];

// Notifications (Wave 2)

export type NotificationKind = Schemas['NotificationKind'];
export const NOTIFICATION_KINDS = membersOf<NotificationKind>({
  registration_confirmed: null,
  waitlisted: null,
  promoted: null,
  registration_cancelled: null,
  event_changed: null,
  event_cancelled: null,
  reminder: null,
  feedback_request: null,
});
export type NotificationOut = Schemas['NotificationOut'];
/** GET /api/me/notifications: a page, newest first, plus `unread`. */
export type InboxPage = Schemas['InboxPage'];
export type UnreadOut = Schemas['UnreadOut'];
export type Unsubscribed = Schemas['UnsubscribedOut'];
/** GET /api/events/{id}/registrations/{rid}?token=: the guest's registration page. */
export type RegistrationPageOut = Schemas['RegistrationPageOut'];
/** The profile's `notifications` switches. */
export type NotificationSettings = Schemas['NotificationSwitches'];
export type PasswordResetIn = Schemas['PasswordResetIn'];
export type PasswordResetConfirmIn = Schemas['PasswordResetConfirmIn'];
export type PasswordResetAccepted = Schemas['PasswordResetAccepted'];
export type PasswordResetDone = Schemas['PasswordResetDone'];
export type Verified = Schemas['VerifiedOut'];
export type Positioned = Schemas['RatingChangedOut'];

// Analytics (Wave 2)

/** GET /api/analytics/events/{id}: one event's counts, rates (null: no denominator), ratings. */
export type EventAnalytics = Schemas['EventAnalyticsOut'];
/** One local date (the event's zone) of its `daily` series. */
export type DailyActivity = Schemas['DailyActivityOut'];
/** GET /api/analytics/overview: totals over the matching events and three tables. */
export type AnalyticsOverview = Schemas['AnalyticsOverviewOut'];
export type MonthRow = Schemas['MonthRowOut'];
export type CategoryRow = Schemas['CategoryRowOut'];
export type TopEvent = Schemas['TopEventOut'];
/** The overview's filters (dates are event start dates, `YYYY-MM-DD`). */
export type OverviewQuery = Pick<
  AnalyticsOverviewSearch,
  'from' | 'to' | 'category' | 'country' | 'organizer_id'
>;
