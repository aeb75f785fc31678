'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/format';
import { PREDICT_TOKEN_LIMITS } from '@/lib/serving/predict-tokens-api';
import { predictTokensApi } from '@/lib/serving/client';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { usePolled } from './use-polled';
import { useWrite } from './use-write';

/**
 * A model's predict tokens: made here (the secret shown once, to copy), listed with when they
 * were made and last used, revoked here. A token predicts and gives feedback on this model only.
 */
export function PredictTokensPanel({ conn, name }: { conn: ServerConnection; name: string }) {
  const { data, error, reload } = usePolled(() => predictTokensApi.list(conn, name), `${conn.baseUrl}|${conn.token ?? ''}|${name}|tokens`, 0);
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<{ label: string; secret: string } | null>(null);
  const { message, run: act } = useWrite(reload);
  const field = 'rounded-md border border-zinc-300 px-2 py-1 text-sm text-zinc-900';
  return (
    <div className="space-y-3 text-xs text-zinc-600">
      <p>
        A predict token calls only <code>POST /api/v1/models/{name}/&lt;version or alias&gt;/predict</code> and <code>…/feedback</code> (as{' '}
        <code>Authorization: Bearer btp_…</code>): give it to an app instead of the workspace token.
      </p>
      {error && <p className="text-red-700">Predict tokens could not be read: {error}</p>}
      {created && (
        <div role="status" className="space-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900" data-testid="new-predict-token">
          <p className="font-medium">{`Token "${created.label}" — copy it now: it is not shown again.`}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="break-all select-all" data-testid="predict-token-secret">{created.secret}</code>
            <Button size="sm" onClick={() => void navigator.clipboard?.writeText(created.secret)}>Copy</Button>
            <Button size="sm" onClick={() => setCreated(null)}>Done</Button>
          </div>
        </div>
      )}
      {data && data.tokens.length === 0 && <p>No predict tokens yet.</p>}
      {data && data.tokens.length > 0 && (
        <table className="w-full text-left" aria-label="Predict tokens">
          <thead className="text-zinc-500">
            <tr>
              <th className="py-1 font-medium">Label</th>
              <th className="py-1 font-medium">Token</th>
              <th className="py-1 font-medium">Created</th>
              <th className="py-1 font-medium">Last used</th>
              <th className="py-1 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {data.tokens.map((t) => (
              <tr key={t.id} className="border-t border-zinc-100" data-testid="predict-token">
                <td className="py-1 text-zinc-900">{t.label}</td>
                <td className="py-1 font-mono">{t.hint}</td>
                <td className="py-1">{formatDateTime(t.createdAt)}</td>
                <td className="py-1">{t.lastUsedAt === null ? 'never' : formatDateTime(t.lastUsedAt)}</td>
                <td className="py-1 text-right">
                  <Button size="sm" aria-label={`Revoke token ${t.label}`} onClick={() => void act(() => predictTokensApi.revoke(conn, name, t.id))}>Revoke</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="flex flex-wrap items-end gap-2"
        aria-label="Create a predict token"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const made = await predictTokensApi.create(conn, name, label);
            setCreated({ label: made.token.label, secret: made.secret });
            setLabel('');
          });
        }}
      >
        <label className="flex flex-col gap-1">
          Label
          <input className={field} value={label} maxLength={PREDICT_TOKEN_LIMITS.labelChars} placeholder="e.g. kiosk app" onChange={(e) => setLabel(e.target.value)} />
        </label>
        <Button type="submit" variant="primary" disabled={label.trim() === ''}>Create token</Button>
      </form>
      {message && <p className="text-red-700" role="alert">{message}</p>}
    </div>
  );
}
