'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { DownloadIcon } from '@/components/ui/icons';
import { formatBytes, formatDateTime } from '@/components/ui/format';
import { downloadBlob } from '@/components/ui/download';
import { getRunStore } from '@/lib/track/tab-stores';
import type { Artifact } from '@/lib/track/schemas';

/** Checkpoints and other files of a run; bytes are read from IndexedDB only on download. */
export function CheckpointList({ artifacts }: { artifacts: Artifact[] }) {
  const [error, setError] = useState<string | null>(null);
  if (artifacts.length === 0) return <p className="text-zinc-500">No checkpoints were saved.</p>;

  async function download(artifact: Artifact) {
    setError(null);
    const found = await (await getRunStore()).getArtifact(artifact.id);
    if (!found) {
      setError(`${artifact.name}: its bytes are no longer in this browser's storage.`);
      return;
    }
    downloadBlob(new Blob([found.bytes.slice()], { type: 'application/octet-stream' }), artifact.name);
  }

  return (
    <div className="space-y-2">
      <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white">
        {artifacts.map((a) => (
          <li key={a.id} className="flex items-center gap-3 px-4 py-2.5">
            <div className="min-w-0 flex-1">
              <p className="truncate font-mono text-xs font-medium text-zinc-900">{a.name}</p>
              <p className="text-xs text-zinc-500">
                {formatBytes(a.sizeBytes)} · {formatDateTime(a.createdAt)}
                {typeof a.meta?.epoch === 'number' && ` · epoch ${a.meta.epoch}`}
              </p>
            </div>
            <Badge>{a.kind}</Badge>
            <Button size="sm" icon={<DownloadIcon />} onClick={() => download(a)} aria-label={`Download ${a.name}`}>
              Download
            </Button>
          </li>
        ))}
      </ul>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
    </div>
  );
}
