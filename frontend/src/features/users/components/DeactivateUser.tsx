import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import type { UserOut } from '@/types/api';
import { useDeactivateUser } from '../api/deactivate-user';
import { ConfirmDialog } from './ConfirmDialog';

/** "Deactivate" for one (active, other) account, after a confirmation naming what it does. */
export function DeactivateUser({ user }: { user: UserOut }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const deactivate = useDeactivateUser();

  const close = () => {
    setAsking(false);
    deactivate.reset();
  };
  return (
    <>
      <button
        type="button"
        className="button button--small button--danger"
        aria-label={t('admin.deactivate.buttonLabel', { name: user.name })}
        onClick={() => setAsking(true)}
      >
        {t('admin.deactivate.button')}
      </button>
      <ConfirmDialog
        open={asking}
        title={t('admin.deactivate.title', { name: user.name })}
        confirmLabel={t('admin.deactivate.confirm')}
        pendingLabel={t('admin.deactivate.pending')}
        cancelLabel={t('admin.deactivate.cancel')}
        pending={deactivate.isPending}
        problem={<ProblemAlert error={deactivate.error} title={t('admin.deactivate.failed')} />}
        onConfirm={() => deactivate.mutate(user.id, { onSuccess: () => setAsking(false) })}
        onCancel={close}
      >
        <p>{t('admin.deactivate.consequence', { name: user.name, email: user.email })}</p>
        <p className="muted">{t('admin.deactivate.irreversible')}</p>
      </ConfirmDialog>
    </>
  );
}
