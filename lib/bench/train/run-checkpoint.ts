import type * as tfType from '@tensorflow/tfjs';
import type { BenchSession } from '../../kernel/session';
import { modelToBytes } from '../checkpoint';
import type { RunTracker } from '../run-tracker';

/** Saves the model's weights as the run's checkpoint artifact (`checkpoint-epoch-N` or `-final`). */
export async function saveCheckpoint(session: BenchSession, tracker: RunTracker, model: tfType.LayersModel, epoch: number, final: boolean): Promise<void> {
  const bytes = await modelToBytes(session.tf, model);
  await tracker.saveArtifact({ name: final ? 'checkpoint-final' : `checkpoint-epoch-${epoch}`, kind: 'checkpoint', bytes, meta: { epoch, final } });
}
