'use client';

import Link from 'next/link';
import { Alert, EmptyState, PageHeader, Spinner } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { modelsApi } from '@/lib/serving/client';
import { connectionOf } from '@/lib/track/sync-settings';
import { usePolled } from './use-polled';

const LIST_POLL_MS = 5_000;

/** /models: the registered models of the sync server, by name. */
export function ModelsListView() {
  const settings = useSyncSettings();
  const conn = connectionOf(settings);
  const { data, error } = usePolled(() => modelsApi.list(conn), `${conn.baseUrl}|${conn.token ?? ''}`, LIST_POLL_MS);
  return (
    <div>
      <PageHeader title="Models" subtitle="Registered models: versions made from runs' exported ONNX files, their aliases, serving and monitoring." />
      {error && <Alert title="Models could not be listed">{error}</Alert>}
      {!data && !error ? (
        <Spinner label="Loading models" />
      ) : data && data.models.length === 0 ? (
        <EmptyState title="No registered models yet">Export ONNX on a run&apos;s page, then press Register model (or call bench.register in a cell).</EmptyState>
      ) : data ? (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-sm" aria-label="Registered models">
            <thead className="bg-zinc-50 text-left text-xs text-zinc-500">
              <tr>
                {['Model', 'Latest version', 'Aliases', 'Updated'].map((h) => (
                  <th key={h} className="px-3 py-2 font-medium">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.models.map((m) => (
                <tr key={m.name} className="border-t border-zinc-100" data-model={m.name}>
                  <td className="px-3 py-2">
                    <Link href={`/models/${encodeURIComponent(m.name)}`} className="font-medium text-accent-700 hover:underline">{m.name}</Link>
                    {m.description && <div className="text-xs text-zinc-500">{m.description}</div>}
                  </td>
                  <td className="px-3 py-2 tabular-nums">{m.latestVersion ?? '—'}</td>
                  <td className="px-3 py-2">
                    <span className="flex flex-wrap gap-1">
                      {m.aliases.map((a) => (
                        <Badge key={a.alias} tone="blue">{`${a.alias} → v${a.version}`}</Badge>
                      ))}
                    </span>
                  </td>
                  <td className="px-3 py-2 text-xs text-zinc-500">{new Date(m.updatedAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
