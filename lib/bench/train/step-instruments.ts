import type * as tfType from '@tensorflow/tfjs';
import type { BenchSession } from '../../kernel/session';
import type { RunTracker } from '../run-tracker';
import { ModelWatcher, watchOptionsOf } from '../watch/model-watcher';
import { reportWarnings } from '../watch/report-warnings';
import { RunHealth } from '../watch/run-health';

/**
 * What bench.train checks besides training: bench.watch's histograms (when the model is watched)
 * and the run's health (tensor leak, non-finite loss, divergence) on every run.
 */
export class StepInstruments {
  private readonly health = new RunHealth();
  private readonly watcher: ModelWatcher | null;

  constructor(
    private readonly session: BenchSession,
    private readonly tracker: RunTracker,
    model: tfType.LayersModel,
  ) {
    const options = watchOptionsOf(model);
    this.watcher = options ? new ModelWatcher(session.tf, model, options) : null;
  }

  /** Before a step trains: watch data when due; `batch` makes the step's inputs (disposed here). */
  async beforeStep(step: number, batch: () => [tfType.Tensor, tfType.Tensor]): Promise<void> {
    if (!this.watcher?.due(step)) return;
    const [x, y] = batch();
    try {
      this.tracker.log(await this.watcher.observe(step, x, y));
    } finally {
      this.session.tf.dispose([x, y]);
    }
  }

  /** After a step was dispatched: the tensor count, for the leak check. */
  afterStep(step: number): void {
    reportWarnings(this.session, this.tracker, this.health.observe(step, { numTensors: this.session.tf.memory().numTensors }));
  }

  /** When a step's loss was read back. */
  loss(step: number, loss: number): void {
    reportWarnings(this.session, this.tracker, this.health.observe(step, { loss }));
  }
}
