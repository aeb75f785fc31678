import type { InputHTMLAttributes } from 'react';

/** A search box with its label kept for screen readers only (the placeholder shows the purpose). */
export function SearchField({ label, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  return (
    <label className="block">
      <span className="sr-only">{label}</span>
      <input type="search" {...input} />
    </label>
  );
}
