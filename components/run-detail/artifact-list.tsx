'use client';

import { useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { DownloadIcon } from '@/components/ui/icons';
import { formatBytes, formatDateTime } from '@/components/ui/format';
import { downloadBlob } from '@/components/ui/download';
import type { RunSource } from '@/lib/track/run-source/run-source';
import type { Artifact } from '@/lib/track/schemas';

/** Checkpoints and other files of a run; bytes are read from the run's source only on download. */
export function ArtifactList({ source, artifacts }: { source: RunSource; artifacts: Artifact[] }) {
  const [error, setError] = useState<string | null>(null);
  if (artifacts.length === 0) return <p className="text-zinc-500">No checkpoints were saved.</p>;

  async function download(artifact: Artifact) {
    setError(null);
    try {
      const bytes = await source.download(artifact);
      if (!bytes) return setError(`${artifact.name}: its bytes are no longer in this browser's storage.`);
      downloadBlob(new Blob([bytes.slice()], { type: 'application/octet-stream' }), artifact.name);
    } catch (e) {
      setError(`${artifact.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return (
    <div className="space-y-2">
      <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white">
        {artifacts.map((a) => {
          const href = source.artifactHref(a);
          return (
            <li key={a.id} className="flex items-center gap-3 px-4 py-2.5">
              <div className="min-w-0 flex-1">
                <p className="truncate font-mono text-xs font-medium text-zinc-900">{a.name}</p>
                <p className="text-xs text-zinc-500">
                  {formatBytes(a.sizeBytes)} · {formatDateTime(a.createdAt)}
                  {typeof a.meta?.epoch === 'number' && ` · epoch ${a.meta.epoch}`} · sha256 {a.sha256.slice(0, 12)}
                </p>
              </div>
              <Badge>{a.kind}</Badge>
              {href ? (
                <a className={buttonClasses('secondary', 'sm')} href={href} download={a.name} aria-label={`Download ${a.name}`}>
                  <DownloadIcon /> Download
                </a>
              ) : (
                <Button size="sm" icon={<DownloadIcon />} onClick={() => download(a)} aria-label={`Download ${a.name}`}>
                  Download
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
    </div>
  );
}
