import { useState, type SubmitEvent } from 'react';
import { Field } from '@/components/Field';
import { LocaleSelect } from '@/components/LocaleSelect';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useServerErrors } from '@/components/use-server-errors';
import { TimeZoneSelect } from '@/components/TimeZoneSelect';
import { useT } from '@/i18n';
import { pickLanguage } from '@/i18n/languages';
import type { Me, MePatch } from '@/types/api';
import { LIMITS } from '@/types/limits';
import { useUpdateMe } from '../api/update-me';

const SHOWN_FIELDS = ['name', 'timezone', 'locale'] as const;

/** Name, time zone and language of the logged-in account (email and role are read-only here). */
export function ProfileForm({ user }: { user: Me }) {
  const t = useT();
  const [name, setName] = useState(user.name);
  const [timezone, setTimezone] = useState(user.timezone || 'UTC');
  const [locale, setLocale] = useState<string>(pickLanguage([user.locale]));
  const [nameError, setNameError] = useState<string | null>(null);
  const update = useUpdateMe();
  const { errors, clear } = useServerErrors(update.error);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('auth.name.missing'));
      document.getElementById('profile-name')?.focus();
      return;
    }
    setNameError(null);
    const patch: MePatch = {};
    if (name.trim() !== user.name) patch.name = name.trim();
    if (timezone !== user.timezone) patch.timezone = timezone;
    if (locale !== user.locale) patch.locale = locale;
    update.mutate(patch);
  };

  return (
    <form className="form form--narrow" onSubmit={submit} noValidate>
      <dl className="facts facts--compact">
        <div>
          <dt>{t('auth.email.label')}</dt>
          <dd data-testid="profile-email">{user.email}</dd>
        </div>
        <div>
          <dt>{t('auth.profile.role')}</dt>
          <dd data-testid="profile-role">{t(`roles.${user.role}`)}</dd>
        </div>
      </dl>
      <ProblemAlert
        error={update.error}
        shownFields={SHOWN_FIELDS}
        title={t('auth.profile.saveFailed')}
      />
      {update.isSuccess ? (
        <p className="alert alert--success" role="status">
          {t('auth.profile.saved')}
        </p>
      ) : null}
      <Field
        id="profile-name"
        label={t('auth.name.label')}
        required
        error={nameError ?? errors.name}
      >
        {(c) => (
          <input
            {...c}
            required
            maxLength={LIMITS.personName}
            autoComplete="name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
              clear('name');
            }}
          />
        )}
      </Field>
      <Field id="profile-timezone" label={t('auth.profile.timeZone')} error={errors.timezone}>
        {(c) => (
          <TimeZoneSelect
            {...c}
            value={timezone}
            onChange={(value) => {
              setTimezone(value);
              clear('timezone');
            }}
          />
        )}
      </Field>
      <Field id="profile-locale" label={t('auth.profile.language')} error={errors.locale}>
        {(c) => (
          <LocaleSelect
            {...c}
            value={locale}
            onChange={(value) => {
              setLocale(value);
              clear('locale');
            }}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? t('auth.profile.saving') : t('auth.profile.save')}
        </button>
      </div>
    </form>
  );
}
