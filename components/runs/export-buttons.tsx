'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DownloadIcon } from '@/components/ui/icons';
import { downloadBlob } from '@/components/ui/download';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { runQueryApi } from '@/lib/track/run-query-client';
import { connectionOf } from '@/lib/track/sync-settings';

/**
 * CSV / JSON of the whole filtered table (the server streams every matching run, not only the
 * loaded pages). Fetched with the workspace token (a plain link cannot carry it), then saved.
 */
export function ExportButtons({ filter, sort, includeDeleted, columns }: { filter: string; sort: string; includeDeleted: boolean; columns: string[] | undefined }) {
  const settings = useSyncSettings();
  const [busy, setBusy] = useState<'csv' | 'json' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (format: 'csv' | 'json') => {
    setBusy(format);
    setError(null);
    try {
      const conn = connectionOf(settings);
      downloadBlob(await runQueryApi.file(conn, runQueryApi.exportUrl(conn, format, { filter, sort, includeDeleted, columns })), `runs.${format}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="flex items-center gap-1">
      {(['csv', 'json'] as const).map((format) => (
        <Button key={format} icon={<DownloadIcon />} disabled={!settings.enabled || busy !== null} onClick={() => void save(format)}>
          {format.toUpperCase()}
        </Button>
      ))}
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </div>
  );
}
