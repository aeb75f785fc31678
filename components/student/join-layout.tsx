import type { ReactNode } from 'react';

/** The narrow, large-type frame of the join pages (a phone held up to a projector). */
export function JoinFrame({ title, lead, children }: { title: string; lead: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md space-y-6 pt-4 sm:pt-10">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
        <div className="text-zinc-600">{lead}</div>
      </div>
      {children}
    </div>
  );
}
