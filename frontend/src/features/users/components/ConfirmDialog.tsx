import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** The consequence, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  cancelLabel: string;
  pending?: boolean;
  /** Shown under the consequence, e.g. a `<ProblemAlert>` of the failed attempt. */
  problem?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A native modal `<dialog>` asking before a destructive step: Esc and "Cancel" close it, focus
 * starts on "Cancel" (the safe choice) and returns to the opener when it closes. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel,
  cancelLabel,
  pending = false,
  problem,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // React's autoFocus runs at mount, while the dialog is still closed; showModal() then
      // focuses the first button (the destructive one). Start on the safe choice instead.
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="panel stack confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onCancel();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          <div id={bodyId} className="stack">
            {children}
          </div>
          {problem}
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              disabled={pending}
              onClick={onConfirm}
            >
              {pending ? pendingLabel : confirmLabel}
            </button>
            <button
              type="button"
              ref={cancelRef}
              className="button"
              disabled={pending}
              onClick={onCancel}
            >
              {cancelLabel}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
