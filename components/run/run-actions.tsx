'use client';

import { Button } from '@/components/ui/button';
import { DownloadIcon } from '@/components/ui/icons';
import type { RunOrigin } from '@/lib/track/run-source/run-source';
import type { Run } from '@/lib/track/schemas';
import { downloadBlob } from '@/components/ui/download';
import { ShareButton } from '@/components/share/share-button';
import { SyncStatusChip } from '@/components/sync/sync-status-chip';
import { ExportOnnxButton } from './export-onnx-button';
import { OpenAsNotebookButton } from './open-as-notebook-button';
import { RegisterModelButton } from './register-model-button';
import { RunAlertsButton } from './run-alerts-button';

/**
 * Actions of a run's page. THE SLOT for other subsystems: Share (components/share), sync status
 * (components/sync) and Export ONNX (lib/onnx) add their buttons here; the page renders this
 * component alone in its header. Sync status and ONNX export need the run in this browser
 * (`origin` local): a run read from the sync server has neither.
 */
export function RunActions({ run, origin }: { run: Run; origin: RunOrigin }) {
  const local = origin === 'local';
  return (
    <div className="flex flex-wrap items-center gap-2" data-slot="run-actions">
      {local && <SyncStatusChip runId={run.id} />}
      <ShareButton runId={run.id} />
      {local && <ExportOnnxButton run={run} />}
      {local && <RegisterModelButton run={run} />}
      <RunAlertsButton run={run} />
      <OpenAsNotebookButton run={run} />
      <Button
        icon={<DownloadIcon />}
        onClick={() => downloadBlob(new Blob([`${JSON.stringify(run.config, null, 2)}\n`], { type: 'application/json' }), `${run.name || run.id}-config.json`)}
      >
        Download config
      </Button>
    </div>
  );
}
