// The analytics shapes, from the generated contract (src/types/api.ts).
export type {
  AnalyticsOverview,
  CategoryRow,
  DailyActivity,
  EventAnalytics,
  MonthRow,
  OverviewQuery,
  TopEvent,
} from '@/types/api';
