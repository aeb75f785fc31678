import type * as tfType from '@tensorflow/tfjs';
import type { Tf } from '../../kernel/session';
import type { MetricValue } from '../run-tracker';
import { basisPointQuantiles } from './quantiles';
import { ACTIVATION_STATS, activationKey, BASIS_POINTS, quantileKey, type WatchedKind } from './watch-keys';

export interface WatchOptions {
  /** Log every N training steps (default 50; the first step is always logged). */
  every?: number;
  /** Weight and gradient percentiles (default true). */
  histograms?: boolean;
  /** Mean, standard deviation and zero fraction of each layer's output (default true). */
  activations?: boolean;
  /** Samples of the batch used for gradients and activations (default 64). */
  sampleSize?: number;
}

export interface WatchHandle {
  /** Stops watching: later bench.train runs of this model log no watch data. */
  unwatch(): void;
}

export type ResolvedWatchOptions = Required<WatchOptions>;

const watched = new WeakMap<object, ResolvedWatchOptions>();

/** `bench.watch(model, options)`: bench.train runs of `model` log watch data from now on. */
export function watchModel(model: tfType.LayersModel, options: WatchOptions = {}): WatchHandle {
  const { every = 50, histograms = true, activations = true, sampleSize = 64 } = options;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`bench.watch: every must be a positive integer, got ${every}`);
  if (!Number.isInteger(sampleSize) || sampleSize < 1) throw new RangeError(`bench.watch: sampleSize must be a positive integer, got ${sampleSize}`);
  if (!model || typeof (model as { apply?: unknown }).apply !== 'function') throw new TypeError('bench.watch: the first argument must be a tf.LayersModel');
  watched.set(model, { every, histograms, activations, sampleSize });
  return { unwatch: () => void watched.delete(model) };
}

export const watchOptionsOf = (model: tfType.LayersModel) => watched.get(model) ?? null;

type LossFn = (yTrue: tfType.Tensor, yPred: tfType.Tensor) => tfType.Tensor;

/**
 * Reads a watched model every `every` steps during bench.train: its weights, the gradient of the
 * loss on (part of) the current batch (one extra forward and backward pass), and each layer's
 * output. Nothing stays allocated between observations.
 */
export class ModelWatcher {
  private activationModel: tfType.LayersModel | null = null;

  constructor(
    private readonly tf: Tf,
    private readonly model: tfType.LayersModel,
    private readonly options: ResolvedWatchOptions,
  ) {}

  due(step: number): boolean {
    return step % this.options.every === 0;
  }

  /** Metric points for `step`, from the batch `x`, `y` (which the caller keeps and disposes). */
  async observe(step: number, x: tfType.Tensor, y: tfType.Tensor): Promise<MetricValue[]> {
    const { tf, model, options } = this;
    const n = Math.min(options.sampleSize, x.shape[0]);
    const xs = x.slice(0, n);
    const ys = y.slice(0, n);
    try {
      const out: MetricValue[] = [];
      if (options.histograms) {
        const weights = model.trainableWeights;
        const values = await Promise.all(weights.map((w) => w.read().data()));
        weights.forEach((w, i) => out.push(...quantilePoints('w', w.originalName, step, values[i])));
        const grads = this.gradients(xs, ys);
        try {
          for (const [name, g] of grads) out.push(...quantilePoints('g', name, step, await g.data()));
        } finally {
          tf.dispose(grads.map(([, g]) => g));
        }
      }
      if (options.activations) out.push(...(await this.activationStats(step, xs)));
      return out;
    } finally {
      tf.dispose([xs, ys]);
    }
  }

  private gradients(x: tfType.Tensor, y: tfType.Tensor): [string, tfType.Tensor][] {
    const { tf, model } = this;
    const inner = (model as unknown as { model?: tfType.LayersModel }).model ?? model;
    const loss = inner.lossFunctions?.[0] as LossFn | undefined;
    if (!loss) return [];
    const weights = model.trainableWeights;
    const variables = weights.map((w) => w.read() as tfType.Variable);
    const { value, grads } = tf.variableGrads(() => tf.mean(loss(y, model.apply(x, { training: true }) as tfType.Tensor)) as tfType.Scalar, variables);
    value.dispose();
    return weights.map((w, i) => [w.originalName, grads[variables[i].name]] as [string, tfType.Tensor]).filter(([, g]) => g !== undefined);
  }

  private async activationStats(step: number, x: tfType.Tensor): Promise<MetricValue[]> {
    const { tf } = this;
    const layers = this.model.layers.filter((l) => l.getClassName() !== 'InputLayer' && !Array.isArray(l.output));
    this.activationModel ??= tf.model({ inputs: this.model.inputs, outputs: layers.map((l) => l.output as tfType.SymbolicTensor) });
    const stats = tf.tidy(() => {
      const outs = [this.activationModel!.predict(x)].flat() as tfType.Tensor[];
      return tf.stack(outs.map((o) => {
        const { mean, variance } = tf.moments(o);
        return tf.stack([mean, tf.sqrt(variance), tf.mean(tf.cast(tf.equal(o, 0), 'float32'))]);
      }));
    });
    const flat = await stats.data();
    stats.dispose();
    return layers.flatMap((l, i) => ACTIVATION_STATS.map((stat, j) => ({ key: activationKey(l.name, stat), step, value: flat[i * ACTIVATION_STATS.length + j] })));
  }
}

function quantilePoints(kind: WatchedKind, tensor: string, step: number, values: ArrayLike<number>): MetricValue[] {
  const { quantiles } = basisPointQuantiles(values);
  return BASIS_POINTS.map((bp, i) => ({ key: quantileKey(kind, tensor, bp), step, value: quantiles[i] }));
}
