import type * as tfType from '@tensorflow/tfjs';
import type { Tf } from '../../kernel/session';
import { readLearningRate } from '../optimizers';
import type { EpochLogs, ResolvedTrainOptions } from '../train-options';

/** An epoch's logs: mean training loss/metrics, validation, learning rate, speed and memory. */
export async function epochLogs(tf: Tf, model: tfType.LayersModel, opts: ResolvedTrainOptions, means: number[], samplesPerSec: number): Promise<EpochLogs> {
  const logs: EpochLogs = { 'train/loss': means[0] };
  opts.metrics.forEach((m, i) => (logs[`train/${m}`] = means[i + 1]));
  if (opts.validation) Object.assign(logs, await validationLogs(tf, model, opts));
  const lr = readLearningRate(model.optimizer);
  if (lr !== null) logs.lr = lr;
  logs['perf/samples_per_s'] = samplesPerSec;
  const memory = tf.memory();
  logs['memory/num_tensors'] = memory.numTensors;
  logs['memory/num_bytes'] = memory.numBytes;
  return logs;
}

async function validationLogs(tf: Tf, model: tfType.LayersModel, opts: ResolvedTrainOptions): Promise<EpochLogs> {
  const validation = opts.validation!;
  const result = model.evaluate(validation.x, validation.y, { batchSize: Math.max(opts.batchSize, 256) });
  const scalars = Array.isArray(result) ? result : [result];
  const values = await Promise.all(scalars.map(async (s) => (await s.data())[0]));
  tf.dispose(scalars);
  const logs: EpochLogs = { 'val/loss': values[0] };
  opts.metrics.forEach((m, i) => (logs[`val/${m}`] = values[i + 1]));
  return logs;
}
