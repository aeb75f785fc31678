'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from './button';

/** A modal confirmation on the native <dialog> (focus trap and Esc for free). */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
      className="m-auto w-full max-w-md rounded-lg border border-zinc-200 bg-white p-0 shadow-xl backdrop:bg-zinc-900/30"
    >
      <div className="p-5">
        <h2 id="confirm-title" className="text-base font-semibold text-zinc-900">{props.title}</h2>
        {props.children && <div className="mt-2 text-zinc-600">{props.children}</div>}
      </div>
      <div className="flex justify-end gap-2 border-t border-zinc-100 bg-zinc-50 px-5 py-3">
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button variant="danger" onClick={props.onConfirm} autoFocus>
          {props.confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
