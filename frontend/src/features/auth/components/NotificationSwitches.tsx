import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import type { Me, NotificationSettings } from '@/types/api';
import { notificationSettings, useUpdateNotificationSettings } from '../api/account-email';

const SWITCHES = [
  {
    key: 'email',
    label: 'account.notifications.emailLabel',
    hint: 'account.notifications.emailHint',
  },
  {
    key: 'reminders',
    label: 'account.notifications.remindersLabel',
    hint: 'account.notifications.remindersHint',
  },
] as const satisfies readonly { key: keyof NotificationSettings; label: string; hint: string }[];

/** Two switches that save at once (PATCH /api/me `notifications`). */
export function NotificationSwitches({ user }: { user: Me }) {
  const t = useT();
  const update = useUpdateNotificationSettings();
  const saved = notificationSettings(user);
  // While a change is on its way, show what was asked for.
  const shown = update.isPending ? { ...saved, ...update.variables } : saved;

  return (
    <fieldset className="switches" aria-describedby="switches-status">
      <legend>{t('account.notifications.legend')}</legend>
      <ProblemAlert error={update.error} title={t('account.notifications.saveFailed')} />
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
            <label htmlFor={`switch-${key}`}>{t(label)}</label>
            <p id={`switch-${key}-hint`} className="field__hint">
              {t(hint)}
            </p>
          </div>
        </div>
      ))}
      <p id="switches-status" className="muted" role="status">
        {update.isPending
          ? t('account.notifications.saving')
          : update.isSuccess
            ? t('account.notifications.saved')
            : ''}
      </p>
    </fieldset>
  );
}
