'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { aliasProblem, type ModelDetailResponse } from '@/lib/registry/api';
import { modelsApi } from '@/lib/serving/client';
import type { ServerConnection } from '@/lib/track/sync-api-client';

/** Sets (or moves) an alias to a version; names what is wrong with an alias before sending it. */
export function AliasForm({ conn, detail, onChanged }: { conn: ServerConnection; detail: ModelDetailResponse; onChanged: () => void }) {
  const [alias, setAlias] = useState('champion');
  const [version, setVersion] = useState(String(detail.versions[0]?.version ?? ''));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const problem = alias ? aliasProblem(alias) : 'type an alias';
  const current = detail.model.aliases.find((a) => a.alias === alias);
  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await modelsApi.setAlias(conn, detail.model.name, alias, Number(version));
      setMessage(current ? `Moved ${alias} from v${current.version} to v${version}.` : `Set ${alias} → v${version}.`);
      onChanged();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="flex flex-wrap items-end gap-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="flex flex-col gap-1 text-xs text-zinc-600">
        Alias
        <input value={alias} onChange={(e) => setAlias(e.target.value)} className="rounded-md border border-zinc-300 px-2 py-1 font-mono text-sm text-zinc-900" aria-invalid={problem !== null} />
      </label>
      <label className="flex flex-col gap-1 text-xs text-zinc-600">
        Version
        <select value={version} onChange={(e) => setVersion(e.target.value)} className="rounded-md border border-zinc-300 px-2 py-1 text-sm text-zinc-900">
          {detail.versions.map((v) => (
            <option key={v.version} value={v.version}>{`v${v.version}`}</option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="primary" disabled={busy || problem !== null || !version}>{current ? 'Move alias' : 'Set alias'}</Button>
      <p className="w-full text-xs text-zinc-600" role="status">{problem && alias ? problem : message}</p>
    </form>
  );
}
