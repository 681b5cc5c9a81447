import { ProblemAlert } from '@/components/ProblemAlert';
import type { Me, NotificationSettings } from '@/types/api';
import { notificationSettings, useUpdateNotificationSettings } from '../api/account-email';

const SWITCHES: { key: keyof NotificationSettings; label: string; hint: string }[] = [
  {
    key: 'email',
    label: 'Email me notifications',
    hint: 'Confirmations, waitlist moves, changes and cancellations also arrive by email. The inbox always has them.',
  },
  {
    key: 'reminders',
    label: 'Remind me before events',
    hint: 'A reminder before each event you are confirmed for.',
  },
];

/** Two switches that save at once (PATCH /api/me `notifications`). */
export function NotificationSwitches({ user }: { user: Me }) {
  const update = useUpdateNotificationSettings();
  const saved = notificationSettings(user);
  // While a change is on its way, show what was asked for.
  const shown = update.isPending ? { ...saved, ...update.variables } : saved;

  return (
    <fieldset className="switches" aria-describedby="switches-status">
      <legend>Notifications</legend>
      <ProblemAlert error={update.error} title="Could not save" />
      {SWITCHES.map(({ key, label, hint }) => (
        <div key={key} className="switch">
          <input
            id={`switch-${key}`}
            type="checkbox"
            role="switch"
            checked={shown[key]}
            disabled={update.isPending}
            aria-describedby={`switch-${key}-hint`}
            onChange={(e) => update.mutate({ [key]: e.target.checked })}
          />
          <div>
            <label htmlFor={`switch-${key}`}>{label}</label>
            <p id={`switch-${key}-hint`} className="field__hint">
              {hint}
            </p>
          </div>
        </div>
      ))}
      <p id="switches-status" className="muted" role="status">
        {update.isPending ? 'Saving…' : update.isSuccess ? 'Saved.' : ''}
      </p>
    </fieldset>
  );
}
