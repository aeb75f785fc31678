'use client';

import { Button } from '@/components/ui/button';
import { serverApi, type ServerConnection } from '@/lib/track/sync-api-client';
import { reportsApi } from '@/lib/track/reports-client';
import type { ReportShare } from '@/lib/track/reports';
import { useShareLinks } from '@/components/share/use-share-links';

/** Read-only links to a report: create (and copy), list, revoke. */
export function ReportSharePanel({ conn, reportId, origin }: { conn: ServerConnection; reportId: string; /** Origin the links are served from. */ origin: string }) {
  const { shares, busy, error, create, revoke } = useShareLinks<ReportShare>({
    queryKey: ['shares', 'report', conn.baseUrl, conn.token, reportId],
    enabled: true,
    list: () => reportsApi.listShares(conn, reportId),
    create: () => reportsApi.createShare(conn, reportId),
    revoke: (token) => serverApi.revokeShare(conn, token),
    onCreated: (share) => navigator.clipboard?.writeText(`${origin}${share.path}`).catch(() => undefined) ?? Promise.resolve(),
    explain: (e) => (e instanceof Error ? e.message : String(e)),
  });

  return (
    <div role="dialog" aria-label="Share this report" className="absolute right-0 z-20 mt-2 w-[28rem] max-w-[90vw] space-y-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-lg">
      <p className="text-sm text-zinc-700">Anyone with a link sees this report read-only: its text, charts and the runs&apos; config. Revoke a link to turn it off.</p>
      {shares === null ? (
        <p className="text-sm text-zinc-500">Loading links…</p>
      ) : (
        <ul className="space-y-2" aria-label="Share links">
          {shares.map((s) => (
            <li key={s.token} className="flex items-center gap-2">
              <input readOnly value={`${origin}${s.path}`} aria-label="Share link" className="min-w-0 flex-1 rounded border border-zinc-200 bg-zinc-50 px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
              <Button size="sm" variant="danger" disabled={busy} onClick={() => revoke(s.token)}>Revoke</Button>
            </li>
          ))}
        </ul>
      )}
      <Button variant="primary" disabled={busy} onClick={() => create()}>{busy ? 'Working…' : 'Create link'}</Button>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
    </div>
  );
}
