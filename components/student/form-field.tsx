import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled text input with an optional hint and an error read out with it (aria-describedby). */
export function FormField({ id, label, hint, error, className = '', ...input }: { id: string; label: string; hint?: ReactNode; error?: string | null } & InputHTMLAttributes<HTMLInputElement>) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">{label}</label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-lg shadow-sm focus:border-accent-500 focus:outline-none ${error ? 'border-red-400' : 'border-zinc-300'} ${className}`}
        {...input}
      />
      {hint && <p id={`${id}-hint`} className="text-xs text-zinc-500">{hint}</p>}
      {error && <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">{error}</p>}
    </div>
  );
}
