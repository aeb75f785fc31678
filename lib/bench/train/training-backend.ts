import type * as tfType from '@tensorflow/tfjs';
import type { BenchSession } from '../../kernel/session';
import { wasmCanTrain } from '../../kernel/wasm-conv2d-grad';

/**
 * tfjs's wasm backend lacks some convolution gradients (see lib/kernel/wasm-conv2d-grad.ts):
 * models it cannot train run on cpu instead, and the run records and says so.
 */
export async function pickTrainingBackend(session: BenchSession, model: tfType.LayersModel, current: string): Promise<string> {
  if (current !== 'wasm') return current;
  const verdict = wasmCanTrain(session.tf, model);
  if (verdict.ok) return current;
  const message = `wasm cannot train this model (${verdict.reason}): this run trains on cpu.`;
  session.emit({ type: 'log', level: 'warn', message });
  session.emit({ type: 'output', cellId: session.currentCell().cellId, output: { type: 'text', stream: 'stderr', text: `${message}\n` } });
  if (!(await session.tf.setBackend('cpu'))) throw new Error('cannot switch to the cpu backend to train this model');
  return 'cpu';
}
