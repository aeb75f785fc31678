'use client';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TrashIcon } from '@/components/ui/icons';
import { imageCnnTemplate } from '@/lib/bench/templates/image-cnn';
import type { ImageSetMeta } from '@/lib/data/dataset-db';
import { useOpenInNotebook } from './open-in-notebook';

/** One stored image set: classes and counts, its fingerprint, and the files that were skipped. */
export function ImageSetCard({ meta, onDelete }: { meta: ImageSetMeta; onDelete: () => void }) {
  const { open, problem } = useOpenInNotebook(imageCnnTemplate, 'images', meta.name);
  return (
    <Card className="space-y-3 p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="truncate font-medium text-zinc-900">{meta.name}</h3>
          <p className="text-sm text-zinc-600" data-testid="image-set-summary">
            {meta.count.toLocaleString('en-US')} images, {meta.side}×{meta.side} · {meta.classes.map((c, i) => `${c} (${meta.counts[i]})`).join(', ')}
          </p>
          <p className="truncate font-mono text-xs text-zinc-500" title={meta.fingerprint}>
            sha256 {meta.fingerprint.slice(0, 16)}…
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" onClick={() => void open()}>
            New notebook: small CNN
          </Button>
          <Button variant="ghost" icon={<TrashIcon />} onClick={onDelete} aria-label={`Delete ${meta.name}`}>
            Delete
          </Button>
        </div>
      </div>
      {meta.bad.length > 0 && (
        <details className="text-sm text-amber-900" data-testid="skipped-files">
          <summary className="cursor-pointer">{meta.bad.length} file(s) skipped</summary>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 break-all">
            {meta.bad.map((b) => (
              <li key={b.path}>
                {b.path}: {b.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
    </Card>
  );
}
